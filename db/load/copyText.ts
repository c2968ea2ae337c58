/** A value in one COPY row: null, a scalar, or a text[] array. */
export type CopyValue = null | string | number | bigint | boolean | readonly string[];

const ESCAPES: Record<string, string> = { '\\': '\\\\', '\n': '\\n', '\r': '\\r', '\t': '\\t' };
const SPECIAL = /[\\\n\r\t]/g;
const HAS_SPECIAL = /[\\\n\r\t]/;

const ARRAY_SPECIAL = /["\\]/;

function arrayLiteral(values: readonly string[]): string {
  let text = '{';
  for (let i = 0; i < values.length; i += 1) {
    const v = values[i]!;
    const quoted = ARRAY_SPECIAL.test(v) ? v.replace(/["\\]/g, '\\$&') : v;
    text += i === 0 ? `"${quoted}"` : `,"${quoted}"`;
  }
  return `${text}}`;
}

function field(value: CopyValue): string {
  if (value === null) return '\\N';
  if (typeof value === 'boolean') return value ? 't' : 'f';
  if (typeof value === 'number' || typeof value === 'bigint') return String(value);
  const text = typeof value === 'string' ? value : arrayLiteral(value);
  // NUL cannot be stored in PostgreSQL text at all; drop it rather than fail the whole COPY.
  const clean = text.includes('\0') ? text.replaceAll('\0', '') : text;
  return HAS_SPECIAL.test(clean) ? clean.replace(SPECIAL, (c) => ESCAPES[c]!) : clean;
}

/** One line of PostgreSQL COPY text format (tab-separated, backslash escapes, \N for NULL). */
export function copyLine(values: readonly CopyValue[]): string {
  let line = field(values[0] ?? null);
  for (let i = 1; i < values.length; i += 1) line += `\t${field(values[i] ?? null)}`;
  return `${line}\n`;
}
