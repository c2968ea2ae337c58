import { searchTerms } from '../../../site/src/text/foldForSearch.ts';

/** At most this many words of a query are matched (each is one condition, one index probe). */
const MAX_TERMS = 8;

/** Escapes LIKE's wildcards so that a typed `%` or `_` matches itself. */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (ch) => `\\${ch}`);
}

/**
 * The words a user typed, folded (`foldForSearch`: ｹﾞｰﾑ → ゲーム, ＡＢＣ → abc) and escaped for
 * LIKE. Each is to be found anywhere in the text; the SQL turns it into the search key with
 * `tubelens_search_key` (migration 6) and matches `title_search LIKE '%' || key || '%'`.
 */
export function likeTerms(text: string): string[] {
  return searchTerms(text).slice(0, MAX_TERMS).map(escapeLike);
}
