import * as z from 'zod/mini';

/**
 * Reads configuration from the environment through a zod schema (classic or mini), once at
 * start-up. An empty variable counts as unset (a template that sets `FOO=""` means "no FOO").
 * Every problem is reported at once in one error of the caller's class; a message that does not
 * name its variable gets the name in front. Values are never echoed: one of them may be a secret.
 */
export function readEnv<S extends z.core.$ZodType>(
  schema: S,
  env: Readonly<Record<string, string | undefined>>,
  ErrorClass: new (message: string) => Error,
): z.output<S> {
  const set = Object.fromEntries(
    Object.entries(env).filter(([, value]) => value !== undefined && value !== ''),
  );
  const result = z.safeParse(schema, set);
  if (result.success) return result.data;
  throw new ErrorClass(result.error.issues.map(describeIssue).join('; '));
}

function describeIssue(issue: z.core.$ZodIssue): string {
  const name = issue.path.map(String).join('.');
  return name && !issue.message.includes(name) ? `${name}: ${issue.message}` : issue.message;
}
