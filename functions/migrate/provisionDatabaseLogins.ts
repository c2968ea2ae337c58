import { z } from 'zod';
import { ensureLoginRole, type GroupRole } from '../../db/roles/ensureLoginRole.ts';
import type { SqlClient } from '../../db/sql/SqlClient.ts';
import { DatabaseLoginError } from './errors.ts';

/** One deployment login: the secret that holds its credentials and the group role it joins. */
export interface DatabaseLogin {
  readonly group: GroupRole;
  readonly secretArn: string;
}

/** The fields of a database secret this function reads (RDS secrets carry host, port, ... too). */
const credentialsSchema = z.object({ username: z.string().min(1), password: z.string().min(1) });

/**
 * Gives each login user the password in its own secret (after a rotation too: the rotation
 * changed both, this sets the same one again) and its group membership. Runs after the
 * migrations, which create the groups. Errors name the secret, never a password.
 */
export async function provisionDatabaseLogins(
  client: SqlClient,
  logins: readonly DatabaseLogin[],
  readSecret: (arn: string) => Promise<string>,
): Promise<string[]> {
  const provisioned: string[] = [];
  for (const login of logins) {
    let text: string;
    try {
      text = await readSecret(login.secretArn);
    } catch (cause) {
      throw new DatabaseLoginError(
        `could not read the ${login.group} secret ${login.secretArn}: ${(cause as Error).name}`,
        { cause },
      );
    }
    let credentials: z.infer<typeof credentialsSchema>;
    try {
      credentials = credentialsSchema.parse(JSON.parse(text));
    } catch (cause) {
      throw new DatabaseLoginError(
        `secret ${login.secretArn} is not JSON with "username" and "password" strings`,
        { cause },
      );
    }
    await ensureLoginRole(client, { ...credentials, group: login.group });
    provisioned.push(`${credentials.username} (${login.group})`);
  }
  return provisioned;
}
