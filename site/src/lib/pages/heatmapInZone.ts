import type { ReportOf } from '../../../../db/reports/contract/index.ts';
import { formatOffset, seasonalOffsets } from '../../i18n/timeZones.ts';

type Cell = ReportOf<'publishHeatmap'>['cells'][number];

export interface ZonedHeatmap {
  /** The cells moved to the zone's weekday and hour (the same objects when nothing moves). */
  readonly cells: Cell[];
  /**
   * exact: the zone is UTC or a whole-hour offset all year (Tokyo, Seoul, Bangkok);
   * seasonal: it keeps daylight saving time, so hours are shifted by its standard offset;
   * utc: its offset is not a whole hour (India, +5:30), so the chart stays in UTC.
   */
  readonly fit: 'exact' | 'seasonal' | 'utc';
  /** The offset used ("UTC+9"), and the other one of a seasonal zone. */
  readonly offset: string;
  readonly otherOffset: string;
}

const WEEK_HOURS = 168;

/**
 * The publish heatmap (counted by the refresh in UTC weekday x hour) in the reader's time zone.
 * A whole-hour offset is a rotation of the 168 hours of the week, so every cell, median included,
 * moves whole; anything finer cannot be recovered from hourly cells and is said instead.
 */
export function heatmapInZone(cells: readonly Cell[], zone: string, year: number): ZonedHeatmap {
  const [january, july] = seasonalOffsets(zone, year);
  const used = Math.min(january, july);
  const other = Math.max(january, july);
  const offset = formatOffset(used);
  const otherOffset = formatOffset(other);
  if (used === 0 && other === 0) return { cells: [...cells], fit: 'exact', offset, otherOffset };
  if (used % 60 !== 0 || other % 60 !== 0) return { cells: [...cells], fit: 'utc', offset, otherOffset };
  const shift = used / 60;
  const moved = cells.map((c) => {
    const hourOfWeek = ((((c.weekday - 1) * 24 + c.hour + shift) % WEEK_HOURS) + WEEK_HOURS) % WEEK_HOURS;
    return { ...c, weekday: Math.floor(hourOfWeek / 24) + 1, hour: hourOfWeek % 24 };
  });
  moved.sort((a, b) => a.weekday - b.weekday || a.hour - b.hour);
  return { cells: moved, fit: january === july ? 'exact' : 'seasonal', offset, otherOffset };
}
