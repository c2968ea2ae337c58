/**
 * Text measured as a reader sees it: in user-perceived characters (graphemes: 👍🏽, 🇯🇵, ที่, 가 are
 * one each) that are one or two cells wide (East Asian Wide and Fullwidth characters and emoji take
 * two, like a fixed-width terminal). Labels are cut to a width, never in the middle of a grapheme.
 */

// East Asian Width W and F ranges of Unicode's EastAsianWidth.txt, merged into blocks; emoji are
// found by property below instead. Half-width katakana (FF61–FF9F) stay narrow.
const WIDE: readonly (readonly [number, number])[] = [
  [0x1100, 0x115f], // Hangul initial jamo
  [0x2e80, 0x303e], // CJK radicals, Kangxi, CJK symbols and punctuation (、。「」 and the ideographic space)
  [0x3041, 0x33ff], // Hiragana, Katakana, Bopomofo, Hangul compatibility jamo, enclosed CJK
  [0x3400, 0x4dbf], // CJK extension A
  [0x4e00, 0x9fff], // CJK unified ideographs
  [0xa000, 0xa4cf], // Yi
  [0xa960, 0xa97f], // Hangul jamo extended A
  [0xac00, 0xd7a3], // Hangul syllables
  [0xf900, 0xfaff], // CJK compatibility ideographs
  [0xfe10, 0xfe19], // vertical forms
  [0xfe30, 0xfe6f], // CJK compatibility forms, small form variants
  [0xff00, 0xff60], // fullwidth ASCII (ＡＢＣ, ！)
  [0xffe0, 0xffe6], // fullwidth signs (￥)
  [0x16fe0, 0x18cff], // Tangut, Khitan
  [0x1b000, 0x1b2ff], // kana supplement and extensions
  [0x1f200, 0x1f2ff], // enclosed ideographic supplement
  [0x20000, 0x3fffd], // CJK extensions B and later
];

const EMOJI = /\p{Emoji_Presentation}|\uFE0F|\p{Regional_Indicator}/u;
const INVISIBLE = /^[\p{Cc}\p{Cf}\p{Mn}\p{Me}]*$/u;

function isWide(codePoint: number): boolean {
  let lo = 0;
  let hi = WIDE.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const [from, to] = WIDE[mid]!;
    if (codePoint < from) hi = mid - 1;
    else if (codePoint > to) lo = mid + 1;
    else return true;
  }
  return false;
}

let segmenter: Intl.Segmenter | undefined;

/** The text split into graphemes (Intl.Segmenter; one code point each where it is missing). */
export function graphemes(text: string): string[] {
  if (typeof Intl.Segmenter !== 'function') return Array.from(text);
  segmenter ??= new Intl.Segmenter(undefined, { granularity: 'grapheme' });
  return Array.from(segmenter.segment(text), (s) => s.segment);
}

/** Cells one grapheme takes: 2 for wide characters and emoji, 0 for controls and lone marks, else 1. */
export function graphemeWidth(grapheme: string): number {
  if (INVISIBLE.test(grapheme)) return 0;
  if (EMOJI.test(grapheme)) return 2;
  return isWide(grapheme.codePointAt(0)!) ? 2 : 1;
}

/** Cells the whole text takes. */
export function displayWidth(text: string): number {
  let width = 0;
  for (const g of graphemes(text)) width += graphemeWidth(g);
  return width;
}

/**
 * The text cut to at most `maxWidth`, ending in "…" when cut; whole graphemes only. Width is in
 * cells by default; pass `widthOf` (e.g. a canvas measure in pixels) to cut by another measure.
 * The caller keeps the full text for the tooltip and the accessible name.
 */
export function truncateToWidth(
  text: string,
  maxWidth: number,
  widthOf: (grapheme: string) => number = graphemeWidth,
): string {
  const parts = graphemes(text);
  const widths = parts.map(widthOf);
  if (widths.reduce((sum, w) => sum + w, 0) <= maxWidth) return text;
  const room = maxWidth - widthOf('…');
  let kept = '';
  let width = 0;
  for (let i = 0; i < parts.length; i += 1) {
    if (width + widths[i]! > room) break;
    kept += parts[i];
    width += widths[i]!;
  }
  return `${kept.trimEnd()}…`;
}

/** About how many cells of `fontPx` text fit in `px` pixels (a narrow cell is ~0.55 em). */
export function cellsThatFit(px: number, fontPx = 12): number {
  return Math.max(4, Math.floor(px / (fontPx * 0.55)));
}
