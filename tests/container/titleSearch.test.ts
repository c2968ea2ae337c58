import { beforeAll, describe, expect, it } from 'vitest';
import { channelSearchQuery } from '../../container/explorer/queries/channelSearchQuery.ts';
import { countQuery } from '../../container/explorer/queries/scatterQuery.ts';
import { videoFilterSql } from '../../container/explorer/queries/videoFilter.ts';
import { DEFAULT_STATE, type ViewState } from '../../container/shared/viewState.ts';
import { openPgClient } from '../../db/sql/pgClient.ts';
import type { SqlClient, SqlParam } from '../../db/sql/SqlClient.ts';
import { containsAllTerms, foldForSearch, searchTerms } from '../../site/src/text/foldForSearch.ts';
import { describeEachBackend } from '../support/backends.ts';
import { loadTrendingFixture } from '../support/loadTrendingFixture.ts';

const JP = 'kaggle_rsrishav_JP_2020-08_titles.csv';
const KR = 'kaggle_rsrishav_KR_2020-08_titles.csv';

/** Titles in scripts the trending files lack, written for this test. */
const EXTRA: readonly [string, string][] = [
  ['zh1', '電影《銀魂》官方預告 正式版'],
  ['zh2', '【官方】周杰倫 新歌 MV'],
  ['zh3', '今天的晚餐：紅燒肉'],
  ['th1', 'ข่าววันนี้ ล่าสุด'],
  ['th2', 'สอนทำอาหารไทย ต้มยำกุ้ง'],
  ['th3', 'ฟุตบอลไทย วันนี้'],
  ['la1', 'Crème brûlée au caramel'],
  ['la2', 'CAFÉ CON LECHE en Bogotá'],
  ['la3', 'Tiếng Việt cho người mới'],
  ['la4', 'Cafe racer build, part 2'],
  ['fw1', 'ＡＢＣ ニュース 第１回'],
  ['fw2', 'ｹﾞｰﾑ実況 ﾊﾟｽﾞﾙ'],
  ['pc1', '100% real, no_fake \\ backslash'],
];

async function matchCount(db: SqlClient, title: string): Promise<number> {
  const state: ViewState = { ...DEFAULT_STATE, filters: { ...DEFAULT_STATE.filters, title } };
  return countQuery(db, state, null);
}

async function plan(db: SqlClient, title: string): Promise<string> {
  const params: SqlParam[] = [];
  const where = videoFilterSql({ channels: [], filters: { ...DEFAULT_STATE.filters, title } }, null, params);
  const { rows } = await db.query<{ 'QUERY PLAN': string }>(
    `EXPLAIN SELECT count(*) FROM videos v ${where}`,
    params,
  );
  return rows.map((r) => r['QUERY PLAN']).join('\n');
}

describeEachBackend('title search in every script', (db) => {
  let titles: string[] = [];
  /** How many titles the search must find: every title whose folded text holds every word. */
  const expected = (query: string) =>
    titles.filter((t) => containsAllTerms(foldForSearch(t), searchTerms(query))).length;

  beforeAll(async () => {
    const c = db().client;
    await loadTrendingFixture(c, JP);
    await loadTrendingFixture(c, KR);
    await c.query(
      `INSERT INTO channels (channel_id, title) VALUES ('UCextra', 'Ｅｘｔｒａ Ｃｈａｎｎｅｌ 公式チャンネル')`,
    );
    for (const [id, title] of EXTRA) {
      await c.query(
        `INSERT INTO videos (video_id, channel_id, title, published_at, views)
         VALUES ($1, 'UCextra', $2, '2020-08-10T00:00:00Z', 10)`,
        [id, title],
      );
    }
    titles = (await c.query<{ title: string }>('SELECT title FROM videos')).rows.map((r) => r.title);
  }, 120_000);

  it('finds Japanese words inside runs of kana and kanji (the issue found 0 of 5 for ゲーム)', async () => {
    for (const query of ['ゲーム', 'オンエア', '歌ってみた', 'メイク', '質問', '公式', 'モンスト']) {
      const want = expected(query);
      expect(want, `${query} is in the fixture`).toBeGreaterThan(0);
      expect(await matchCount(db().client, query), query).toBe(want);
    }
  });

  it('finds one- and two-character Japanese words', async () => {
    for (const query of ['猫', '笑', '質問', 'MV']) {
      expect(await matchCount(db().client, query), query).toBe(expected(query));
    }
    expect(expected('笑')).toBeGreaterThan(0);
  });

  it('finds Korean words, with or without spaces around them', async () => {
    for (const query of ['뉴스', '먹방', '안녕하세요', '보겸', '강도']) {
      const want = expected(query);
      expect(want, `${query} is in the fixture`).toBeGreaterThan(0);
      expect(await matchCount(db().client, query), query).toBe(want);
    }
  });

  it('finds Chinese words', async () => {
    expect(await matchCount(db().client, '官方')).toBe(2);
    expect(await matchCount(db().client, '預告')).toBe(1);
    expect(await matchCount(db().client, '紅燒肉')).toBe(1);
  });

  it('finds Thai words inside unspaced text', async () => {
    expect(await matchCount(db().client, 'วันนี้')).toBe(2);
    expect(await matchCount(db().client, 'ต้มยำ')).toBe(1);
    expect(await matchCount(db().client, 'ไทย')).toBe(2);
  });

  it('finds Latin words with or without their accents, in any case', async () => {
    expect(await matchCount(db().client, 'creme brulee')).toBe(1);
    expect(await matchCount(db().client, 'CRÈME')).toBe(1);
    expect(await matchCount(db().client, 'café')).toBe(2);
    expect(await matchCount(db().client, 'bogota')).toBe(1);
    expect(await matchCount(db().client, 'tieng viet')).toBe(1);
  });

  it('is width-insensitive both ways: ｹﾞｰﾑ finds ゲーム, ＡＢＣ finds abc', async () => {
    expect(await matchCount(db().client, 'ｹﾞｰﾑ')).toBe(expected('ゲーム'));
    expect(await matchCount(db().client, 'ゲーム実況')).toBe(expected('ゲーム実況'));
    expect(expected('ゲーム実況')).toBeGreaterThan(0);
    expect(await matchCount(db().client, 'abc')).toBe(expected('abc'));
    expect(await matchCount(db().client, 'ＡＢＣ')).toBe(expected('abc'));
    expect(await matchCount(db().client, 'パズル')).toBe(1);
    expect(await matchCount(db().client, '第1回')).toBe(expected('第1回'));
  });

  it('requires every word and takes LIKE wildcards literally', async () => {
    expect(await matchCount(db().client, 'ゲーム 実況')).toBe(expected('ゲーム 実況'));
    expect(await matchCount(db().client, '100%')).toBe(expected('100%'));
    expect(expected('100%')).toBeGreaterThan(0);
    for (const query of ['no_fake', '\\', '%', '_', 'o_f']) {
      expect(await matchCount(db().client, query), query).toBe(expected(query));
    }
    // `_` and `%` are not wildcards: "o_f" is only in "no_fake", not in every "o?f".
    expect(expected('o_f')).toBe(1);
  });

  it('folds titles in SQL exactly as foldForSearch does in the browser', async () => {
    const { rows } = await db().client.query<{ title: string; folded: string }>(
      'SELECT title, tubelens_fold(title) AS folded FROM videos',
    );
    const differing = rows.filter((r) => r.folded !== foldForSearch(r.title));
    expect(differing).toEqual([]);
  });

  it('finds channels by any word of their title, width-insensitively', async () => {
    const found = await channelSearchQuery(db().client, 'extra 公式');
    expect(found.map((c) => c.channelId)).toEqual(['UCextra']);
  });

  it('lists channels of equal size by their folded titles, whatever the database collation', async () => {
    // Byte order (the embedded server's collation, and C.UTF-8's) would put Banana first and Éclair last.
    const titles = ['zebra qqsort', 'Éclair qqsort', 'apple qqsort', 'Banana qqsort'];
    for (const [i, title] of titles.entries()) {
      await db().client.query('INSERT INTO channels (channel_id, title) VALUES ($1, $2)', [
        `UCsort${i}`,
        title,
      ]);
    }
    const found = await channelSearchQuery(db().client, 'qqsort');
    expect(found.map((c) => c.title)).toEqual([
      'apple qqsort',
      'Banana qqsort',
      'Éclair qqsort',
      'zebra qqsort',
    ]);
  });
});

describeEachBackend('pg_trgm and the character type', (db) => {
  it('sees Japanese letters under a UTF-8 character type, and none under C', async () => {
    const utf8 = await db().client.query<{ n: number }>("SELECT cardinality(show_trgm('ゲーム実況')) AS n");
    expect(utf8.rows[0]!.n).toBeGreaterThan(0);
    // A database created with LC_CTYPE 'C': pg_trgm finds no word characters outside ASCII, so the
    // index cannot narrow a Japanese search there (docs/data-model.md says to use a UTF-8 locale).
    const admin = openPgClient({ connectionString: db().url, max: 1 });
    const name = `tubelens_c_${process.pid}_${Date.now()}`;
    await admin.query(
      `CREATE DATABASE ${name} ENCODING 'UTF8' LC_CTYPE 'C' LC_COLLATE 'C' TEMPLATE template0`,
    );
    const url = new URL(db().url);
    url.pathname = `/${name}`;
    const c = openPgClient({ connectionString: url.toString(), max: 1 });
    try {
      await c.query('CREATE EXTENSION pg_trgm');
      const { rows } = await c.query<{ n: number }>("SELECT cardinality(show_trgm('ゲーム実況')) AS n");
      expect(rows[0]!.n).toBe(0);
    } finally {
      await c.close();
      await admin.query(`DROP DATABASE ${name} WITH (FORCE)`);
      await admin.close();
    }
  });
});

describe('the title search plan', () => {
  describeEachBackend('uses the trigram index', (db) => {
    it('for one-, two- and three-character words in Japanese and longer Latin words', async () => {
      const c = db().client;
      // Enough rows that a scan costs more than the index.
      await c.query(`INSERT INTO channels (channel_id, title) VALUES ('UCbulk', 'bulk')`);
      await c.query(
        `INSERT INTO videos (video_id, channel_id, title, published_at)
         SELECT 'bulk' || i, 'UCbulk', 'filler title number ' || i, now() FROM generate_series(1, 20000) i`,
      );
      // VACUUM merges GIN's pending list (rows inserted since the last vacuum, which every search
      // reads in full and the planner counts against the index) as autovacuum would.
      await c.query('VACUUM ANALYZE videos');
      for (const query of ['猫', '質問', 'ゲーム', 'recipe']) {
        expect(await plan(c, query), query).toMatch(/videos_title_trgm_idx/);
      }
    });
  });
});
