import type { SqlClient } from '../sql/SqlClient.ts';
import { scramVerifier } from './scramVerifier.ts';

/** The group roles migration 0007 creates; a login user joins exactly one. */
export const GROUP_ROLES = ['tubelens_read', 'tubelens_ingest', 'tubelens_refresh'] as const;
export type GroupRole = (typeof GROUP_ROLES)[number];

export interface LoginRole {
  readonly username: string;
  readonly password: string;
  readonly group: GroupRole;
}

/** A PostgreSQL name: at most 63 bytes; letters, digits, `_` and `-` keep quoting trivial. */
const USERNAME = /^[A-Za-z_][A-Za-z0-9_-]{0,62}$/;

function quoteIdent(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

/**
 * Creates the login user if it is missing, sets its password and makes it a member of its group
 * role, and nothing more: no superuser, database or role creation rights. One statement per call,
 * so it runs through the Data API. Running it again only sets the same password again.
 * Utility statements take no bind parameters, so the name is checked and quoted here and the
 * password goes in as its SCRAM verifier.
 */
export async function ensureLoginRole(client: SqlClient, login: LoginRole): Promise<void> {
  if (!USERNAME.test(login.username)) {
    throw new Error(`database user name ${JSON.stringify(login.username)} is not a plain PostgreSQL name`);
  }
  if (!GROUP_ROLES.includes(login.group)) {
    throw new Error(`unknown group role ${login.group}`);
  }
  if (login.password.length < 16) throw new Error(`the password for ${login.username} is shorter than 16`);
  const user = quoteIdent(login.username);
  await client.query(
    `DO $$ BEGIN CREATE ROLE ${user} LOGIN; EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END $$`,
  );
  await client.query(
    `ALTER ROLE ${user} WITH LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION INHERIT PASSWORD '${scramVerifier(login.password)}'`,
  );
  await client.query(`GRANT ${login.group} TO ${user}`);
}
