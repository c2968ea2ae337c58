import { DataInvalidError, DataMissingError, type DataObject } from './errors.ts';

export type FetchLike = (url: string, init?: RequestInit) => Promise<Response>;

/** A schema as the contract exports it (zod/mini): anything with `safeParse`. */
export interface Schema<T> {
  safeParse(
    value: unknown,
  ):
    | { success: true; data: T }
    | { success: false; error: { issues: readonly { path: readonly PropertyKey[]; message: string }[] } };
}

/**
 * Fetches JSON and validates it against its contract schema. 404 and network failures become
 * DataMissingError; a body that is not JSON or does not match, DataInvalidError (with the first
 * few problems, so an operator can see what broke).
 */
export async function fetchJson<T>(
  url: string,
  schema: Schema<T>,
  what: DataObject,
  fetchFn: FetchLike = (u, i) => fetch(u, i),
  init: RequestInit = {},
): Promise<T> {
  let response: Response;
  try {
    response = await fetchFn(url, init);
  } catch (cause) {
    throw new DataMissingError({ kind: 'network', what }, { cause });
  }
  if (!response.ok) {
    const { status } = response;
    throw new DataMissingError({
      kind: status === 404 || status === 403 ? 'notPublished' : 'http',
      what,
      status,
    });
  }
  let body: unknown;
  try {
    body = await response.json();
  } catch (cause) {
    throw new DataInvalidError({ kind: 'notJson', what }, { cause });
  }
  const parsed = schema.safeParse(body);
  if (!parsed.success) {
    const problems = parsed.error.issues
      .slice(0, 3)
      .map((issue) => `${issue.path.map(String).join('.') || '(root)'}: ${issue.message}`)
      .join('; ');
    throw new DataInvalidError({ kind: 'wrongShape', what, problems });
  }
  return parsed.data;
}
