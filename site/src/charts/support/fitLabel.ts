import { cellsThatFit, truncateToWidth } from '../../text/displayWidth.ts';

let context: CanvasRenderingContext2D | null | undefined;
let contextFont = '';
const widths = new Map<string, number>();

/**
 * A label cut to `px` pixels of `fontPx` text, by graphemes (truncateToWidth). In a browser each
 * grapheme is measured on a canvas in the charts' own font stack, so the cut fits the glyphs the
 * reader's machine draws (a Thai or Japanese fallback font included); elsewhere the cut goes by
 * display width, two cells for a wide character.
 */
export function fitLabel(text: string, px: number, fontPx = 12): string {
  if (context === undefined) {
    context = typeof document === 'undefined' ? null : document.createElement('canvas').getContext('2d');
  }
  if (!context) return truncateToWidth(text, cellsThatFit(px, fontPx));
  const stack =
    getComputedStyle(document.documentElement).getPropertyValue('--tl-font').trim() || 'sans-serif';
  const font = `${fontPx}px ${stack}`;
  if (font !== contextFont) {
    context.font = font;
    contextFont = font;
    widths.clear();
  }
  const ctx = context;
  const measure = (grapheme: string) => {
    let width = widths.get(grapheme);
    if (width === undefined) {
      width = ctx.measureText(grapheme).width;
      widths.set(grapheme, width);
    }
    return width;
  };
  return truncateToWidth(text, px, measure);
}
