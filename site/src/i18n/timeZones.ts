/** Time zones a reader can pick, and what the site needs to know about them, through Intl. */

/** Offered besides UTC and the browser's own zone: where the people this tool is for work. */
const COMMON_ZONES = [
  'Asia/Tokyo',
  'Asia/Seoul',
  'Asia/Shanghai',
  'Asia/Bangkok',
  'Europe/London',
  'America/New_York',
  'America/Los_Angeles',
];

/** True when the browser knows the zone (an IANA name such as Asia/Tokyo, or UTC). */
export function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return zone.length > 0 && zone.length <= 64;
  } catch {
    return false;
  }
}

/** The browser's own zone, or UTC when it does not say. */
export function browserTimeZone(): string {
  const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  return zone && isTimeZone(zone) ? zone : 'UTC';
}

/** UTC, the browser's zone, then the common ones, each once. */
export function timeZoneChoices(own: string = browserTimeZone()): string[] {
  return [...new Set(['UTC', own, ...COMMON_ZONES])];
}

/** One formatter per zone: building an Intl.DateTimeFormat costs far more than using one, and a
 * time axis asks for the offset of every day it considers (thousands of calls on a channel page). */
const offsetFormats = new Map<string, Intl.DateTimeFormat>();

/** Minutes the zone is ahead of UTC at `date` (Tokyo: 540; New York in July: -240). */
export function zoneOffsetMinutes(zone: string, date: Date): number {
  let format = offsetFormats.get(zone);
  if (!format) {
    format = new Intl.DateTimeFormat('en', { timeZone: zone, timeZoneName: 'longOffset' });
    offsetFormats.set(zone, format);
  }
  const name = format.formatToParts(date).find((part) => part.type === 'timeZoneName')?.value;
  const match = /GMT([+-])(\d{2}):?(\d{2})?/.exec(name ?? '');
  if (!match) return 0;
  const minutes = Number(match[2]) * 60 + Number(match[3] ?? 0);
  return match[1] === '-' ? -minutes : minutes;
}

/** "UTC+9", "UTC−5", "UTC+5:30", "UTC". */
export function formatOffset(minutes: number): string {
  if (minutes === 0) return 'UTC';
  const sign = minutes > 0 ? '+' : '−';
  const abs = Math.abs(minutes);
  const rest = abs % 60;
  return `UTC${sign}${Math.floor(abs / 60)}${rest ? `:${String(rest).padStart(2, '0')}` : ''}`;
}

/** The zone's name for readers of `lang` with its offset now: "Japan Time (UTC+9)", "UTC". */
export function timeZoneLabel(zone: string, lang: string, now: Date = new Date()): string {
  if (zone === 'UTC') return 'UTC';
  const name = new Intl.DateTimeFormat(lang, { timeZone: zone, timeZoneName: 'longGeneric' })
    .formatToParts(now)
    .find((part) => part.type === 'timeZoneName')?.value;
  return `${name ?? zone} (${formatOffset(zoneOffsetMinutes(zone, now))})`;
}

/** The zone's offsets in January and July: equal unless it keeps daylight saving time. */
export function seasonalOffsets(zone: string, year: number): [number, number] {
  return [
    zoneOffsetMinutes(zone, new Date(Date.UTC(year, 0, 15))),
    zoneOffsetMinutes(zone, new Date(Date.UTC(year, 6, 15))),
  ];
}
