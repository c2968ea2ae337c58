/**
 * Search compares folded text: compatibility forms unified (NFKC: ｹﾞｰﾑ → ゲーム, ＡＢＣ → ABC,
 * ① → 1), accents on Latin, Greek and Cyrillic letters dropped (Crème → creme), lower case.
 * Kana voicing marks and Hangul jamo are not accents: they are decomposed and put back together
 * (NFKD, then NFC), so ゲ stays ゲ and 가 stays 가. The database folds titles the same way
 * (`tubelens_fold` in db/migrations/0006_search.ts); tests/site/text.test.ts holds both to it.
 */
const COMBINING_ACCENTS = /[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]/g;

export function foldForSearch(text: string): string {
  return text.normalize('NFKD').replace(COMBINING_ACCENTS, '').normalize('NFC').toLowerCase();
}

/**
 * The words of a query, folded. Every word must occur somewhere in the text, as a substring, so
 * scripts written without spaces (Japanese, Chinese, Thai) match inside a longer run of letters.
 */
export function searchTerms(query: string): string[] {
  return foldForSearch(query)
    .split(/\s+/u)
    .filter((term) => term !== '');
}

/** True when the folded `text` contains every term. */
export function containsAllTerms(foldedText: string, terms: readonly string[]): boolean {
  return terms.every((term) => foldedText.includes(term));
}
