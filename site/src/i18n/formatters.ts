/**
 * Numbers and dates for one language and time zone, all through the browser's own Intl (no
 * locale data ships with the site): 12.3K / 1.23万, 3.4B / 34億, Mar 5, 2026 / 2026年3月5日.
 */
export interface Formatters {
  readonly lang: string;
  /** IANA name of the time zone instants are shown in (publish times, refresh times). */
  readonly timeZone: string;
  /** Counts as people read them: exact below 10,000 (1,234), else compact (12.3K, 1.23万). */
  count(value: number): string;
  /** Every digit, grouped: 1,234,567. */
  whole(value: number): string;
  /** At most one decimal: 12.3, 5. */
  decimal(value: number): string;
  /** Seconds as a clock: 0:45, 3:45, 1:02:03. */
  duration(seconds: number): string;
  /** An instant's day in the time zone: Mar 5, 2026 / 2026年3月5日. */
  day(date: Date): string;
  /** Mar 5 / 3月5日 (time zone). */
  shortDay(date: Date): string;
  /** Mar 2026 / 2026年3月 (time zone). */
  month(date: Date): string;
  /** 2026 / 2026年 (time zone). */
  year(date: Date): string;
  /** Day, time and zone: Mar 5, 2026, 14:05 UTC. */
  instant(date: Date): string;
  /** A calendar day without a zone (a snapshot day, "2026-03-05"). */
  calendarDay(isoDay: string): string;
  /** A calendar month without a zone ("2026-03"). */
  calendarMonth(isoMonth: string): string;
  /** Weekday name, Monday = 0: Mon / 月. */
  weekday(index: number, width?: 'short' | 'long'): string;
  /** How long ago: 3 hours ago / 3 時間前. */
  ago(ms: number): string;
}

const DAY_MS = 86_400_000;

function clock(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds < 0) return '–';
  const s = Math.round(seconds);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const rest = String(s % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${rest}` : `${m}:${rest}`;
}

/** Formatters for `lang` (a BCP 47 tag, e.g. "en" or "ja") showing instants in `timeZone`. */
export function createFormatters(lang: string, timeZone = 'UTC'): Formatters {
  const dates = (options: Intl.DateTimeFormatOptions, zone = timeZone) =>
    new Intl.DateTimeFormat(lang, { ...options, timeZone: zone });
  const compact = new Intl.NumberFormat(lang, { notation: 'compact', maximumSignificantDigits: 3 });
  const whole = new Intl.NumberFormat(lang, { maximumFractionDigits: 0 });
  const decimal = new Intl.NumberFormat(lang, { maximumFractionDigits: 1 });
  const dayStyle: Intl.DateTimeFormatOptions = { year: 'numeric', month: 'short', day: 'numeric' };
  const monthStyle: Intl.DateTimeFormatOptions = { year: 'numeric', month: 'short' };
  const day = dates(dayStyle);
  const shortDay = dates({ month: 'short', day: 'numeric' });
  const month = dates(monthStyle);
  const year = dates({ year: 'numeric' });
  const instant = dates({
    ...dayStyle,
    hour: '2-digit',
    minute: '2-digit',
    hour12: false,
    timeZoneName: 'short',
  });
  const utcDay = dates(dayStyle, 'UTC');
  const utcMonth = dates(monthStyle, 'UTC');
  const weekdays = { short: dates({ weekday: 'short' }, 'UTC'), long: dates({ weekday: 'long' }, 'UTC') };
  const relative = new Intl.RelativeTimeFormat(lang, { numeric: 'auto' });
  const finite = (format: (v: number) => string) => (v: number) => (Number.isFinite(v) ? format(v) : '–');
  return {
    lang,
    timeZone,
    count: finite((v) => (Math.abs(v) < 10_000 ? whole.format(v) : compact.format(v))),
    whole: finite((v) => whole.format(v)),
    decimal: finite((v) => decimal.format(v)),
    duration: clock,
    day: (d) => day.format(d),
    shortDay: (d) => shortDay.format(d),
    month: (d) => month.format(d),
    year: (d) => year.format(d),
    instant: (d) => instant.format(d),
    calendarDay: (iso) => utcDay.format(new Date(`${iso.slice(0, 10)}T00:00:00Z`)),
    calendarMonth: (iso) => utcMonth.format(new Date(`${iso.slice(0, 7)}-01T00:00:00Z`)),
    // 2024-01-01 was a Monday.
    weekday: (index, width = 'short') =>
      weekdays[width].format(new Date(Date.UTC(2024, 0, 1) + index * DAY_MS)),
    ago(ms) {
      const minutes = Math.round(ms / 60_000);
      if (minutes < 2) return relative.format(0, 'minute');
      if (minutes < 120) return relative.format(-minutes, 'minute');
      const hours = Math.round(minutes / 60);
      if (hours < 48) return relative.format(-hours, 'hour');
      return relative.format(-Math.round(hours / 24), 'day');
    },
  };
}
