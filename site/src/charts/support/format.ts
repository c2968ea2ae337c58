import { format } from 'd3-format';

const whole = format(',.0f');
const siShort = format('.3~s');

/** Counts as people read them: 950, 1,234, 12.3k, 1.2M, 3.4B (d3's SI "G" reads as giga, not billion). */
export function formatCount(value: number): string {
  if (!Number.isFinite(value)) return '–';
  // Below 10,000 the exact number is as short as the rounded one ("1,531", not "1.53k").
  if (Math.abs(value) < 10_000) return whole(value);
  return siShort(value).replace('G', 'B').replace('T', 'T');
}

/** A count with its unit: "1.2M views", "1 video". */
export function formatCountOf(value: number, unit: string): string {
  return `${formatCount(value)} ${value === 1 ? unit : `${unit}s`}`;
}

/** Seconds as a clock: 45 → "0:45", 225 → "3:45", 3723 → "1:02:03". */
export function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds < 0) return '–';
  const s = Math.round(seconds);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const rest = String(s % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${rest}` : `${m}:${rest}`;
}

const fixed1 = format(',.1~f');
/** A ratio with at most one decimal: 12.3, 5 (not 5.0). */
export function formatDecimal(value: number): string {
  return Number.isFinite(value) ? fixed1(value) : '–';
}

// Intl rather than d3-time-format: the browser already has it, and the site ships less script.
const dayFormat = new Intl.DateTimeFormat('en-US', {
  month: 'short',
  day: 'numeric',
  year: 'numeric',
  timeZone: 'UTC',
});
const monthFormat = new Intl.DateTimeFormat('en-US', { month: 'short', year: 'numeric', timeZone: 'UTC' });
const shortDayFormat = new Intl.DateTimeFormat('en-US', { month: 'short', day: 'numeric', timeZone: 'UTC' });
const yearFormat = new Intl.DateTimeFormat('en-US', { year: 'numeric', timeZone: 'UTC' });

/** "Mar 5, 2026" (UTC). */
export const formatDay = (date: Date): string => dayFormat.format(date);
/** "Mar 2026" (UTC). */
export const formatMonth = (date: Date): string => monthFormat.format(date);
/** "Mar 5" (UTC). */
export const formatShortDay = (date: Date): string => shortDayFormat.format(date);
/** "2026" (UTC). */
export const formatYear = (date: Date): string => yearFormat.format(date);

/** A length for bucket labels: 45 → "45 s", 240 → "4 min", 3600 → "1 h", 5400 → "1.5 h". */
export function formatDurationShort(seconds: number): string {
  if (seconds < 60) return `${seconds} s`;
  if (seconds < 3600) return `${formatDecimal(seconds / 60)} min`;
  return `${formatDecimal(seconds / 3600)} h`;
}

/** Tick values for a duration axis in seconds: 15 s, 30 s, 1, 2, 5, 10, 20, 30 min, 1, 2, 5, 10 h. */
export const DURATION_TICKS: readonly number[] = [
  1, 5, 15, 30, 60, 120, 300, 600, 1200, 1800, 3600, 7200, 18000, 36000,
];
