import type { z } from 'zod';

/** The first problem of a failed parse in plain words, with where it is: `sort.column: Invalid option…`. */
export function firstIssueMessage(error: z.ZodError): string {
  const issue = error.issues[0]!;
  return issue.path.length ? `${issue.path.join('.')}: ${issue.message}` : issue.message;
}
