import type { CommonMessages } from '../i18n/catalogue.ts';

/** What a fetched object is, as the catalogue names it (common.report). */
export type DataObject = keyof CommonMessages['report'];

/**
 * Why published data could not be used, as data: the page words it in the reader's language
 * (`describeDataError`); the error's `message` is a terse form for the console.
 */
export type DataProblem =
  | { readonly kind: 'network'; readonly what: DataObject }
  | { readonly kind: 'notPublished' | 'http'; readonly what: DataObject; readonly status: number }
  | { readonly kind: 'notJson'; readonly what: DataObject }
  | { readonly kind: 'wrongShape'; readonly what: DataObject; readonly problems: string };

/** "notPublished overview (HTTP 404)", "wrongShape manifest: schemaVersion: …". */
function terse(p: DataProblem): string {
  if (p.kind === 'notPublished' || p.kind === 'http') return `${p.kind} ${p.what} (HTTP ${p.status})`;
  if (p.kind === 'wrongShape') return `${p.kind} ${p.what}: ${p.problems}`;
  return `${p.kind} ${p.what}`;
}

/** The published data could not be fetched: not there (404) or not reachable. */
export class DataMissingError extends Error {
  override name = 'DataMissingError';
  readonly problem: DataProblem;
  readonly status: number | undefined;
  constructor(problem: DataProblem, options: { cause?: unknown } = {}) {
    super(terse(problem), { cause: options.cause });
    this.problem = problem;
    this.status = 'status' in problem ? problem.status : undefined;
  }
}

/** The data arrived but is not what the contract describes (corrupt JSON, wrong shape). */
export class DataInvalidError extends Error {
  override name = 'DataInvalidError';
  readonly problem: DataProblem;
  constructor(problem: DataProblem, options: { cause?: unknown } = {}) {
    super(terse(problem), { cause: options.cause });
    this.problem = problem;
  }
}

/** A data error in the reader's language; any other error's own message. */
export function describeDataError(error: unknown, t: CommonMessages): string {
  if (!(error instanceof DataMissingError || error instanceof DataInvalidError)) {
    return error instanceof Error ? error.message : String(error);
  }
  const p = error.problem;
  const what = t.report[p.what];
  switch (p.kind) {
    case 'network':
      return t.networkError(what);
    case 'notPublished':
      return t.notPublished(what, p.status);
    case 'http':
      return t.httpError(what, p.status);
    case 'notJson':
      return t.notJson(what);
    case 'wrongShape':
      return t.wrongShape(what, p.problems);
  }
}
