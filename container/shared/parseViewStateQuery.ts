import { type ViewStatePatch, viewStatePatchSchema } from './viewState.ts';
import { viewStateQueryCandidate } from './viewStateUrl.ts';

/**
 * Reads and validates a state from query parameters: the whole state as a patch over the
 * defaults, or the validation error when the link was edited into something invalid.
 */
export function parseViewStateQuery(search: string): { patch: ViewStatePatch } | { error: string } {
  const parsed = viewStatePatchSchema.safeParse(viewStateQueryCandidate(search));
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    return { error: `the link is not a valid view (${issue.path.join('.')}: ${issue.message})` };
  }
  return { patch: parsed.data };
}
