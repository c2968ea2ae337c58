import { queryOversizedText } from '../../../db/reports/index.ts';
import { REPORT_TEXT_LIMIT } from '../../../db/reports/sqlFragments.ts';
import type { SqlExecutor } from '../../../db/sql/SqlClient.ts';
import type { RefreshLog } from '../refreshOptions.ts';

/**
 * Names every title and handle the reports clip (issue 15: an oversized one used to stop the
 * refresh without saying which), one warning each, so the bad record can be found and fixed.
 */
export async function warnOversizedText(sql: SqlExecutor, log: RefreshLog): Promise<void> {
  for (const o of await queryOversizedText(sql)) {
    log.warn(
      `${o.field} of ${o.characters.toLocaleString('en-US')} characters clipped to ${REPORT_TEXT_LIMIT} in the reports`,
      {
        field: o.field,
        ...(o.videoId ? { videoId: o.videoId } : {}),
        channelId: o.channelId,
        characters: o.characters,
      },
    );
  }
}
