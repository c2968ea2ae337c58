/**
 * Field parsers shared by both trending formats. Each returns the value or throws a
 * `FieldError` whose message is the reason shown to the user.
 */
export class FieldError extends Error {
  override name = 'FieldError';
}

const COUNT = /^\d+$/;
const VIDEO_ID = /^[A-Za-z0-9_-]{11}$/;
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;
const YY_DD_MM = /^(\d{2})\.(\d{2})\.(\d{2})$/;

/** A non-negative whole number; `optional` turns an empty field into null. */
export function parseCount(name: string, text: string, optional = false): bigint | null {
  const t = text.trim();
  if (t === '' && optional) return null;
  if (COUNT.test(t)) return BigInt(t);
  if (/^-\d+$/.test(t)) throw new FieldError(`${name} is negative: ${t}`);
  throw new FieldError(`${name} is not a whole number: ${JSON.stringify(text)}`);
}

export function parseVideoId(text: string): string {
  if (!VIDEO_ID.test(text))
    throw new FieldError(`video_id is not an 11-character YouTube id: ${JSON.stringify(text)}`);
  return text;
}

export function parseBool(name: string, text: string): boolean {
  const t = text.trim().toLowerCase();
  if (t === 'true') return true;
  if (t === 'false') return false;
  throw new FieldError(`${name} is not True or False: ${JSON.stringify(text)}`);
}

export function parseCategoryId(text: string): number {
  const t = text.trim();
  if (!/^\d{1,9}$/.test(t))
    throw new FieldError(`category id is not a whole number: ${JSON.stringify(text)}`);
  return Number(t);
}

function isRealDate(year: number, month: number, day: number): boolean {
  const d = new Date(Date.UTC(year, month - 1, day));
  return d.getUTCFullYear() === year && d.getUTCMonth() === month - 1 && d.getUTCDate() === day;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** The 2017 format's trending_date, YY.DD.MM (so "17.14.11" is 2017-11-14), as 'YYYY-MM-DD'. */
export function parseYyDdMm(text: string): string {
  const m = YY_DD_MM.exec(text.trim());
  const [year, day, month] = m ? [2000 + Number(m[1]), Number(m[2]), Number(m[3])] : [0, 0, 0];
  if (!m || !isRealDate(year, month, day)) {
    throw new FieldError(`trending_date is not a YY.DD.MM date: ${JSON.stringify(text)}`);
  }
  return `${year}-${pad(month)}-${pad(day)}`;
}

/** An ISO 8601 UTC instant such as 2017-11-13T17:13:01.000Z, checked and returned as given. */
export function parseInstant(name: string, text: string): string {
  const t = text.trim();
  if (!ISO_INSTANT.test(t) || Number.isNaN(Date.parse(t))) {
    throw new FieldError(`${name} is not an ISO 8601 UTC time: ${JSON.stringify(text)}`);
  }
  return t;
}

/** The 2020 format's trending_date (an ISO instant at midnight UTC) as 'YYYY-MM-DD'. */
export function parseIsoDay(text: string): string {
  return parseInstant('trending_date', text).slice(0, 10);
}

/**
 * Tags: `"a"|"b"` in the 2017 format (bare quotes, which a lenient CSV parser hands back as
 * `"a"|"b"` or `a|"b"`), `a|b` in the 2020 format; `[none]` / `[None]` means no tags.
 */
export function parseTags(text: string): string[] {
  const t = text.trim();
  if (t === '' || t.toLowerCase() === '[none]') return [];
  const tags: string[] = [];
  for (const part of t.split('|')) {
    const tag = (part.includes('"') ? part.replaceAll('"', '') : part).trim();
    if (tag !== '') tags.push(tag);
  }
  return tags;
}

/** The 2017 format writes newlines in descriptions as the two characters `\n`. */
export function unescapeNewlines(text: string): string {
  return text.replaceAll('\\n', '\n');
}
