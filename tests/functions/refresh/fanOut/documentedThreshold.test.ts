/**
 * docs/refresh.md states the fan-out threshold's default where it describes the Plan step; the
 * code's constant is the one the handler uses. The page once kept an old figure after the
 * constant changed: a change to either side alone fails here.
 */
import { readFile } from 'node:fs/promises';
import { expect, it } from 'vitest';
import { FAN_OUT_ABOVE_SNAPSHOT_ROWS } from '../../../../functions/refresh/fanOut/estimateRefresh.ts';

it('docs/refresh.md gives the fan-out threshold the code uses', async () => {
  const doc = await readFile('docs/refresh.md', 'utf8');
  const stated = [...doc.matchAll(/`REFRESH_FAN_OUT_ABOVE_ROWS`\s*\(default ([\d,]+)/g)].map((m) =>
    Number(m[1]!.replaceAll(',', '')),
  );
  expect(stated.length).toBeGreaterThan(0);
  expect(stated).toEqual(stated.map(() => FAN_OUT_ABOVE_SNAPSHOT_ROWS));
});
