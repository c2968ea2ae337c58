import type { Formatters } from '../../i18n/formatters.ts';
import { zoneOffsetMinutes } from '../../i18n/timeZones.ts';
import { displayWidth } from '../../text/displayWidth.ts';

export interface TimeTicks {
  /** Tick positions, epoch milliseconds: local midnights, month or year starts in the zone. */
  readonly values: number[];
  /** One label style for every tick of the axis ("Nov 10" / "Nov 2017" / "2017"), each distinct. */
  readonly format: (ms: number) => string;
}

type Unit = 'day' | 'month' | 'year';
const DAY = 86_400_000;
/** Steps tried for each unit, smallest first; the first whose labels fit is used. */
const STEPS: Record<Unit, number[]> = {
  day: [1, 2, 7, 14],
  month: [1, 2, 3, 6],
  year: [1, 2, 5, 10, 20, 50],
};

interface Local {
  year: number;
  month: number; // 0-11
  day: number;
}

/** The instant of local midnight of a calendar date in `zone` (two passes settle a DST change). */
function zonedMidnight({ year, month, day }: Local, zone: string): number {
  const utc = Date.UTC(year, month, day);
  let guess = utc - zoneOffsetMinutes(zone, new Date(utc)) * 60_000;
  guess = utc - zoneOffsetMinutes(zone, new Date(guess)) * 60_000;
  return guess;
}

function localDate(ms: number, zone: string): Local {
  const shifted = new Date(ms + zoneOffsetMinutes(zone, new Date(ms)) * 60_000);
  return { year: shifted.getUTCFullYear(), month: shifted.getUTCMonth(), day: shifted.getUTCDate() };
}

/** Every `step`-th day, month or year start from `from` to `to`, in the zone. */
function candidates(unit: Unit, step: number, from: number, to: number, zone: string): number[] {
  const start = localDate(from, zone);
  const out: number[] = [];
  // Day steps count from the epoch, so a step of 7 lands on the same weekday at any range.
  let cursor: Local =
    unit === 'year'
      ? { year: Math.ceil(start.year / step) * step, month: 0, day: 1 }
      : unit === 'month'
        ? { year: start.year, month: Math.floor(start.month / step) * step, day: 1 }
        : start;
  for (let i = 0; i < 1000; i += 1) {
    const t = zonedMidnight(cursor, zone);
    if (t > to) break;
    const keep = unit !== 'day' || Math.round(t / DAY) % step === 0 || step === 1;
    if (t >= from && keep) out.push(t);
    cursor =
      unit === 'year'
        ? { year: cursor.year + step, month: 0, day: 1 }
        : unit === 'month'
          ? {
              year: cursor.year + Math.floor((cursor.month + step) / 12),
              month: (cursor.month + step) % 12,
              day: 1,
            }
          : localDate(t + DAY + DAY / 2, zone);
  }
  return out;
}

/**
 * Ticks for a time axis `innerWidth` pixels wide: whole days, months or years in the reader's time
 * zone, thinned until their labels fit side by side (a label is measured by display width, so
 * "2017年11月" counts as wide as it is), never two with the same label.
 */
export function timeTicks(from: number, to: number, innerWidth: number, f: Formatters): TimeTicks {
  const spanDays = (to - from) / DAY;
  const unit: Unit = spanDays <= 92 ? 'day' : spanDays <= 3 * 366 ? 'month' : 'year';
  const format = (ms: number) =>
    unit === 'day'
      ? f.shortDay(new Date(ms))
      : unit === 'month'
        ? f.month(new Date(ms))
        : f.year(new Date(ms));
  let values: number[] = [];
  for (const step of STEPS[unit]) {
    values = candidates(unit, step, from, to, f.timeZone);
    const widest = Math.max(0, ...values.map((v) => displayWidth(format(v))));
    // ~6.6 px a cell at the axis's 11–12 px, plus a gap of two cells between labels.
    if (values.length * (widest + 2) * 6.6 <= innerWidth) break;
  }
  if (values.length === 0) values = [from];
  return { values, format };
}
