import type { Manifest } from '../../../db/reports/contract/index.ts';
import type { SiteLocale } from './siteLocale.ts';

export interface Freshness {
  /** For the header, e.g. "Data as of Jun 14, 2018 · refreshed 3 hours ago". */
  readonly line: string;
  /** A warning when the last refresh is older than the threshold (or data has no snapshots). */
  readonly warning: string | null;
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
  { format, common: t }: Pick<SiteLocale, 'format' | 'common'>,
): Freshness {
  const generated = new Date(manifest.generatedAt);
  const age = now.getTime() - generated.getTime();
  const asOf = manifest.dataAsOf ? format.calendarDay(manifest.dataAsOf) : t.noSnapshotsYet;
  const line = t.dataAsOf(asOf, format.ago(Math.max(0, age)));
  let warning: string | null = null;
  if (age > staleAfterHours * 3_600_000) {
    warning = t.stale(format.ago(age), format.instant(generated));
  } else if (!manifest.dataAsOf) {
    warning = t.noStatistics;
  }
  return { line, warning };
}
