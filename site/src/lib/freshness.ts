import type { Manifest } from '../../../db/reports/contract/index.ts';

export interface Freshness {
  /** For the header, e.g. "Data as of Jun 14, 2018 · refreshed 3 hours ago". */
  readonly line: string;
  /** A warning when the last refresh is older than the threshold (or data has no snapshots). */
  readonly warning: string | null;
}

const dayFormat = new Intl.DateTimeFormat('en-US', {
  year: 'numeric',
  month: 'short',
  day: 'numeric',
  timeZone: 'UTC',
});
const instantFormat = new Intl.DateTimeFormat('en-US', {
  year: 'numeric',
  month: 'short',
  day: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  hour12: false,
  timeZone: 'UTC',
  timeZoneName: 'short',
});

/** "2018-06-14" → "Jun 14, 2018". */
export function formatDayString(day: string): string {
  return dayFormat.format(new Date(`${day}T00:00:00Z`));
}

export function formatInstant(iso: string): string {
  return instantFormat.format(new Date(iso));
}

/** "3 hours ago", "2 days ago", "just now". */
export function formatAge(ms: number): string {
  const minutes = Math.round(ms / 60_000);
  if (minutes < 2) return 'just now';
  if (minutes < 120) return `${minutes} minutes ago`;
  const hours = Math.round(minutes / 60);
  if (hours < 48) return `${hours} hours ago`;
  return `${Math.round(hours / 24)} days ago`;
}

/**
 * How fresh the published data is. `dataAsOf` is the newest snapshot in the database (for the
 * 2017 demo set, a day in 2018); `generatedAt` is when the refresh last ran, which is what goes
 * stale when the schedule stops.
 */
export function describeFreshness(
  manifest: Pick<Manifest, 'dataAsOf' | 'generatedAt'>,
  now: Date,
  staleAfterHours: number,
): Freshness {
  const age = now.getTime() - new Date(manifest.generatedAt).getTime();
  const asOf = manifest.dataAsOf ? formatDayString(manifest.dataAsOf) : 'no snapshots yet';
  const line = `Data as of ${asOf} · refreshed ${formatAge(Math.max(0, age))}`;
  let warning: string | null = null;
  if (age > staleAfterHours * 3_600_000) {
    warning =
      `These reports may be out of date: the last refresh ran ${formatAge(age)} ` +
      `(${formatInstant(manifest.generatedAt)}), and refreshes normally run every few hours.`;
  } else if (!manifest.dataAsOf) {
    warning = 'No statistics have been loaded yet, so every report below is empty.';
  }
  return { line, warning };
}
