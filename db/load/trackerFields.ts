/**
 * Field parsers for the tracker CSVs (files that a scheduled job appends YouTube Data API counts
 * to). Each returns the value or throws a FieldError whose message is the reason shown.
 */
import { parseDuration } from '../../functions/ingest/youtube/parseDuration.ts';
import { FieldError, parseCategoryId } from './parseFields.ts';

// Python's isoformat() drops the fraction when it is zero and writes six digits otherwise;
// JavaScript writes three; some writers add "Z" or "+00:00", some nothing (the column says UTC).
const TIMESTAMP =
  /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,6}))?(Z|[+-]\d{2}:?\d{2})?$/i;
const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
const CHANNEL_ID = /^UC[A-Za-z0-9_-]{22}$/;
const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

export interface UtcTime {
  /** ISO 8601 in UTC with the fraction as written, e.g. `2024-03-05T07:08:09.123456Z`. */
  readonly instant: string;
  /** The UTC calendar day, `YYYY-MM-DD`. */
  readonly day: string;
}

function isRealDate(year: number, month: number, day: number): boolean {
  const d = new Date(Date.UTC(year, month - 1, day));
  return d.getUTCFullYear() === year && d.getUTCMonth() === month - 1 && d.getUTCDate() === day;
}

/**
 * A timestamp with 0 to 6 fractional digits, in UTC (`Z`, `+00:00` or no zone at all) or with
 * another offset, which is converted. Seconds up to 59 only; the date must be a real one.
 */
export function parseUtcTime(name: string, text: string): UtcTime {
  const t = text.trim();
  const m = TIMESTAMP.exec(t);
  const fail = () => new FieldError(`${name} is not an ISO 8601 timestamp: ${JSON.stringify(text)}`);
  if (!m) throw fail();
  const [year, month, day, hour, minute, second] = m.slice(1, 7).map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  if (!isRealDate(year, month, day) || hour > 23 || minute > 59 || second > 59) throw fail();
  const fraction = m[7] ? `.${m[7]}` : '';
  const zone = (m[8] ?? 'Z').toUpperCase().replace(':', '');
  const offsetMinutes =
    zone === 'Z'
      ? 0
      : (zone[0] === '-' ? -1 : 1) * (Number(zone.slice(1, 3)) * 60 + Number(zone.slice(3, 5)));
  const utc = new Date(Date.UTC(year, month - 1, day, hour, minute, second) - offsetMinutes * 60_000);
  const iso = utc.toISOString().slice(0, 19);
  return { instant: `${iso}${fraction}Z`, day: iso.slice(0, 10) };
}

/** A UTC day, `YYYY-MM-DD`; a timestamp is accepted too and stands for its UTC day. */
export function parseUtcDay(name: string, text: string): string {
  const t = text.trim();
  const m = DAY.exec(t);
  if (m) {
    if (!isRealDate(Number(m[1]), Number(m[2]), Number(m[3]))) {
      throw new FieldError(`${name} is not a real date: ${JSON.stringify(text)}`);
    }
    return t;
  }
  try {
    return parseUtcTime(name, t).day;
  } catch {
    throw new FieldError(`${name} is not a date (YYYY-MM-DD): ${JSON.stringify(text)}`);
  }
}

/** An optional timestamp: empty is null. */
export function parseOptionalUtcTime(name: string, text: string): string | null {
  return text.trim() === '' ? null : parseUtcTime(name, text).instant;
}

/** A YouTube channel id: `UC` and 22 base64url characters. */
export function parseChannelId(text: string): string {
  const t = text.trim();
  if (!CHANNEL_ID.test(t)) {
    throw new FieldError(
      `channel_id is not a YouTube channel id (UC and 22 characters): ${JSON.stringify(text)}`,
    );
  }
  return t;
}

/** `YYYY-MM`, the month a snapshot file is partitioned by (checked, not stored). */
export function parseMonth(name: string, text: string): string {
  const t = text.trim();
  if (!MONTH.test(t)) throw new FieldError(`${name} is not a month (YYYY-MM): ${JSON.stringify(text)}`);
  return t;
}

/** An ISO 8601 duration (`PT10M5S`; `P0D` for live streams, stored as 0 as the ingest does); empty is null. */
export function parseIsoDuration(name: string, text: string): number | null {
  const t = text.trim();
  if (t === '') return null;
  const seconds = parseDuration(t);
  if (seconds === null) throw new FieldError(`${name} is not an ISO 8601 duration: ${JSON.stringify(text)}`);
  return seconds;
}

/** A category id; empty is null. */
export function parseOptionalCategoryId(text: string): number | null {
  return text.trim() === '' ? null : parseCategoryId(text);
}

/** The API's customUrl as a handle: `@name` (older exports wrote it without the `@`); empty is null. */
export function parseHandle(text: string): string | null {
  const t = text.trim();
  if (t === '') return null;
  return t.startsWith('@') ? t : `@${t}`;
}

/** Text that may be empty (a channel with no country set): empty is null. */
export function optionalText(text: string): string | null {
  const t = text.trim();
  return t === '' ? null : t;
}
