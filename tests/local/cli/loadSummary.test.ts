import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backendUrl, createServerDatabase } from '../../support/backends.ts';
import { runCliCaptured } from '../../support/runCliCaptured.ts';

const HEADER =
  'video_id,trending_date,title,channel_title,category_id,publish_time,tags,views,likes,dislikes,comment_count,thumbnail_link,comments_disabled,ratings_disabled,video_error_or_removed,description';

describe('tubelens load: the summary line', () => {
  let database: Awaited<ReturnType<typeof createServerDatabase>>;
  let dir: string;
  const load = (...args: string[]) =>
    runCliCaptured(['load', ...args], { DATABASE_URL: database.url, TZ: 'UTC' });
  beforeAll(async () => {
    database = await createServerDatabase(backendUrl('embedded'));
    dir = await mkdtemp(join(tmpdir(), 'tubelens-load-summary-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
    await database?.drop();
  });

  it('counts one of a kind in the singular', async () => {
    const file = join(dir, 'one.csv');
    await writeFile(
      file,
      `${HEADER}\noneoneone01,17.14.11,"新しい動画","テストチャンネル",24,2017-11-10T17:00:00.000Z,"one",1000,1,0,2,https://i.ytimg.com/vi/oneoneone01/default.jpg,False,False,False,"d"\n`,
    );
    const r = await load(file);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(
      `[youtube-new-2017]: 1 row, 1 video, 1 channel, 1 day (2017-11-14 to 2017-11-14); 0 skipped, 0 warnings;`,
    );
  });

  it('and every other count in the plural', async () => {
    const r = await load('--skip-bad-rows', 'tests/fixtures/trending/negative-count.csv');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(
      /: 2 rows, 2 videos, 1 channel, 1 day \(2017-11-14 to 2017-11-14\); 1 skipped, 0 warnings;/,
    );
  });
});
