import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ServerMessage } from '../../container/shared/protocol.ts';
import { EMPTY_FILTERS } from '../../container/shared/viewState.ts';
import { BACKENDS, backendSkipReason } from '../support/backends.ts';
import { startFixtureExplorer } from './support/fixtureServer.ts';
import { FIXTURE, fixtureVideo } from './support/fixtures.ts';
import { openClient, type TestClient } from './support/wsClient.ts';

type View = Extract<ServerMessage, { type: 'view' }>;

for (const backend of BACKENDS) {
  const reason = backendSkipReason(backend);
  const suite = reason ? describe.skip : describe;
  suite(`explorer protocol [${backend}]${reason ? ` (${reason})` : ''}`, () => {
    let explorer: Awaited<ReturnType<typeof startFixtureExplorer>>;
    let client: TestClient;
    let welcome: Extract<ServerMessage, { type: 'welcome' }>;
    let nextId = 1;
    const update = async (patch: Record<string, unknown>): Promise<View> => {
      const id = nextId++;
      client.send({ v: 1, type: 'update', id, patch });
      const view = await client.next('view');
      expect(view.requestId).toBe(id);
      return view;
    };

    beforeAll(async () => {
      explorer = await startFixtureExplorer(backend, {
        EXPLORER_MAX_MESSAGE_BYTES: '4096',
        EXPLORER_RATE_PER_SECOND: '5',
        EXPLORER_RATE_BURST: '60',
      });
      client = await openClient(explorer.url);
      client.send({ v: 1, type: 'hello', id: 0 });
      welcome = await client.next('welcome');
    }, 60_000);
    afterAll(async () => {
      client?.close();
      await explorer?.close();
    });

    it('opens a new session with an unguessable id and answers with the first view', async () => {
      expect(welcome.sessionId).toMatch(/^[A-Za-z0-9_-]{22}$/);
      expect(welcome.resumed).toBe(false);
      expect(welcome.categories.map((c) => c.title)).toEqual(['Gaming', 'Howto & Style', 'Music']);
      expect(welcome.channels[0]!.title).toBe('Gaming 100% Live');
      const view = await client.next('view');
      expect(view.requestId).toBe(0);
      expect(view.parts.table!.total).toBe(90);
      expect(view.parts.scatter!.total).toBe(90);
      expect(view.timings.totalMs).toBeGreaterThan(0);
    });

    it('compares the picked channels under the date, duration, category and title filters', async () => {
      const view = await update({
        channels: ['UCcooking', 'UCgaming'],
        filters: { ...EMPTY_FILTERS, from: '2024-01-10', to: '2024-02-29', minDuration: 300 },
      });
      // Day i is Jan 1 + 3i: i = 3..19 are in range, and duration 60(i+1) >= 300 means i >= 4.
      const expected = Array.from({ length: 16 }, (_, k) => k + 4);
      expect(view.parts.compare!.map((r) => [r.channelId, r.videos])).toEqual([
        ['UCgaming', expected.length],
        ['UCcooking', expected.length],
      ]);
      expect(view.parts.table!.total).toBe(2 * expected.length);
      expect(view.channelTitles).toEqual({ UCcooking: 'Cooking Corner', UCgaming: 'Gaming 100% Live' });

      // The days are the reader's: 12:00 UTC on Jan 31 is already Feb 1 on Kiritimati (UTC+14).
      const utc = await update({
        channels: ['UCcooking'],
        filters: { ...EMPTY_FILTERS, from: '2024-02-01' },
      });
      expect(utc.parts.table!.total).toBe(19);
      const ahead = await update({ timeZone: 'Pacific/Kiritimati' });
      expect(ahead.parts.table!.total).toBe(20);
      const back = await update({ timeZone: 'UTC', filters: EMPTY_FILTERS });
      expect(back.parts.table!.total).toBe(30);

      const byCategory = await update({
        channels: ['UCcooking', 'UCgaming'],
        filters: { ...EMPTY_FILTERS, category: 20 },
      });
      expect(byCategory.parts.table!.rows.every((r) => r.channelId === 'UCgaming')).toBe(true);
      expect(byCategory.parts.table!.total).toBe(30);
    });

    it('finds videos by words anywhere in the title, through the trigram index', async () => {
      const view = await update({ channels: [], filters: { ...EMPTY_FILTERS, title: 'PAST recip' } });
      expect(view.parts.table!.total).toBe(30);
      const none = await update({ filters: { ...EMPTY_FILTERS, title: "recipe' OR 1=1 --" } });
      expect(none.parts.table!.total).toBe(0);
      const symbols = await update({ filters: { ...EMPTY_FILTERS, title: '50% off_sale' } });
      expect(symbols.parts.table!.rows.map((r) => r.videoId).sort()).toEqual([
        'UCcooking_v03',
        'UCgaming_v03',
        'UCnews_v03',
      ]);
    });

    it('sends titles back as the text they are, markup included', async () => {
      const view = await update({
        filters: { ...EMPTY_FILTERS, title: 'img onerror' },
        channels: ['UCnews'],
      });
      expect(view.parts.table!.rows[0]!.title).toBe(fixtureVideo(2, 3).title);
    });

    it('selects the brushed region and pages and sorts the selection', async () => {
      const brush = {
        from: '2024-01-01T00:00:00.000Z',
        to: '2024-02-01T00:00:00.000Z',
        minViews: 5000,
        maxViews: 20_000,
      };
      const before = await update({ channels: ['UCcooking', 'UCgaming'], filters: EMPTY_FILTERS });
      expect(before.parts.table!.total).toBe(60);
      const view = await update({ brush });
      // Published Jan 1..31: i = 0..10. Cooking views 1000(i+1) in [5000, 20000]: i = 4..10 (7);
      // gaming 2000(i+1): i = 2..9 (8).
      expect(view.parts.table!.total).toBe(15);
      // The brush selects within the scatter; the scatter and the comparison stay as they were.
      expect(Object.keys(view.parts)).toEqual(['table']);
      const sorted = await update({ sort: { column: 'published_at', direction: 'asc' } });
      const dates = sorted.parts.table!.rows.map((r) => r.publishedAt);
      expect(dates).toEqual([...dates].sort());
      expect(sorted.state.page).toBe(0);
      const paged = await update({ page: 1 });
      expect(paged.parts.table!.rows).toHaveLength(0);
      expect(paged.parts.table!.total).toBe(15);
      expect(paged.parts.compare).toBeUndefined();
    });

    it('opens a video with its daily views', async () => {
      const view = await update({ video: FIXTURE.detailVideo });
      expect(view.parts.video!.days.map((d) => d.gained)).toEqual([
        null,
        150,
        200,
        250,
        300,
        350,
        400,
        450,
        500,
        550,
      ]);
      expect(Object.keys(view.parts)).toEqual(['video']);
    });

    it('exports exactly the current selection as CSV, only with the session token', async () => {
      const response = await fetch(
        `${explorer.url}/export.csv?session=${welcome.sessionId}&token=${welcome.exportToken}`,
      );
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
      // A UTF-8 byte order mark first, so that Excel reads Japanese titles as UTF-8.
      const bytes = Buffer.from(await response.arrayBuffer());
      expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      const lines = bytes.subarray(3).toString('utf8').trimEnd().split('\r\n');
      expect(lines[0]).toBe(
        'video_id,title,channel_id,channel_title,published_at,duration_seconds,category,views,likes,comments',
      );
      expect(lines).toHaveLength(16);
      const table = await update({ page: 0 });
      expect(lines.slice(1, 1 + 25).map((l) => l.split(',')[0])).toEqual(
        table.parts.table!.rows.map((r) => r.videoId),
      );
      const forged = await fetch(`${explorer.url}/export.csv?session=${welcome.sessionId}&token=nope`);
      expect(forged.status).toBe(403);
    });

    it('searches channels with LIKE wildcards taken literally', async () => {
      client.send({ v: 1, type: 'searchChannels', id: 50, query: '100%' });
      expect((await client.next('channels')).channels.map((c) => c.channelId)).toEqual(['UCgaming']);
      client.send({ v: 1, type: 'searchChannels', id: 51, query: '_' });
      expect((await client.next('channels')).channels.map((c) => c.channelId)).toEqual(['UCnews']);
    });

    it('answers bad messages with a clear error and keeps the session', async () => {
      const bad: [string | Buffer, string, RegExp][] = [
        ['{not json', 'malformed', /not valid JSON/],
        ['[1,2]', 'malformed', /JSON object/],
        [JSON.stringify({ v: 2, type: 'update', patch: {} }), 'unsupported_version', /version 2/],
        [JSON.stringify({ v: 1, type: 'drop', table: 'videos' }), 'invalid_message', /type/],
        [
          JSON.stringify({
            v: 1,
            type: 'update',
            patch: { sort: { column: 'title; DROP', direction: 'asc' } },
          }),
          'invalid_message',
          /sort\.column/,
        ],
        [
          JSON.stringify({
            v: 1,
            type: 'update',
            patch: { filters: { ...EMPTY_FILTERS, from: '2024-03-01', to: '2024-01-01' } },
          }),
          'invalid_state',
          /end date is before/,
        ],
        [JSON.stringify({ v: 1, type: 'hello' }), 'already_started', /already/],
        [
          JSON.stringify({
            v: 1,
            type: 'update',
            patch: { filters: { ...EMPTY_FILTERS, title: 'x'.repeat(5000) } },
          }),
          'too_large',
          /limit is 4096/,
        ],
        [Buffer.from([1, 2, 3]), 'malformed', /binary/],
      ];
      for (const [data, code, message] of bad) {
        client.sendRaw(data);
        const error = await client.next('error');
        expect(error.code).toBe(code);
        expect(error.message).toMatch(message);
        expect(error.message).not.toMatch(/\n\s+at /);
      }
      const view = await update({ page: 0 });
      expect(view.state.filters.from).toBeNull();
    });

    it("refuses dates outside PostgreSQL's range and never saves them into the session", async () => {
      const other = await openClient(explorer.url);
      other.send({ v: 1, type: 'hello', id: 0 });
      const { sessionId } = await other.next('welcome');
      await other.next('view');
      other.send({
        v: 1,
        type: 'update',
        id: 1,
        patch: { filters: { ...EMPTY_FILTERS, from: '0000-01-01' } },
      });
      // The message schema itself refuses them, before the state is touched.
      expect(await other.next('error')).toMatchObject({ code: 'invalid_message', requestId: 1 });
      const brush = {
        from: '0000-01-01T00:00:00.000Z',
        to: '2024-02-01T00:00:00.000Z',
        minViews: 0,
        maxViews: 1e6,
      };
      other.send({ v: 1, type: 'update', id: 2, patch: { brush } });
      expect((await other.next('error')).message).toMatch(/brush\.from: .*year 0001 to 9999/);
      const view = await (async () => {
        other.send({ v: 1, type: 'update', id: 3, patch: { channels: ['UCnews'] } });
        return other.next('view');
      })();
      expect(view.state.filters.from).toBeNull();
      expect(view.parts.table!.total).toBe(30);
      other.ws.terminate();
      const resumed = await openClient(explorer.url);
      resumed.send({ v: 1, type: 'hello', id: 0, sessionId });
      expect((await resumed.next('welcome')).resumed).toBe(true);
      expect((await resumed.next('view')).state).toEqual(view.state);
      resumed.close();
    });

    it('opens the session with the default view when a link is not a valid view, and says why', async () => {
      const other = await openClient(explorer.url);
      other.send({ v: 1, type: 'hello', id: 0, state: { channels: ['UCnews'], page: -1 } });
      expect((await other.next('welcome')).resumed).toBe(false);
      const error = await other.next('error');
      expect(error).toMatchObject({ code: 'invalid_state', requestId: 0 });
      expect(error.message).toMatch(/the link is not a valid view \(page: /);
      expect((await other.next('view')).state.channels).toEqual([]);
      other.close();
    });

    it('asks for a hello before anything else', async () => {
      const other = await openClient(explorer.url);
      other.send({ v: 1, type: 'update', id: 1, patch: { page: 1 } });
      expect((await other.next('error')).code).toBe('hello_first');
      other.close();
    });

    it('drops a flood past the rate limit with one error and keeps the session', async () => {
      const flood = await openClient(explorer.url);
      flood.send({ v: 1, type: 'hello', id: 0 });
      await flood.next('view');
      for (let i = 0; i < 300; i += 1) flood.send({ v: 1, type: 'searchChannels', id: 1000 + i, query: 'x' });
      const error = await flood.next('error');
      expect(error.code).toBe('rate_limited');
      const errors = () => flood.received.filter((m) => m.type === 'error').length;
      expect(errors()).toBeLessThan(5);
      // The server may still be reading the flood: ask until it answers.
      const answered = () => flood.received.some((m) => m.type === 'view' && (m.requestId ?? 0) >= 9999);
      for (let attempt = 0; attempt < 40 && !answered(); attempt += 1) {
        flood.send({ v: 1, type: 'update', id: 9999 + attempt, patch: { page: 0 } });
        await sleep(500);
      }
      expect(answered()).toBe(true);
      expect(flood.ws.readyState).toBe(flood.ws.OPEN);
      flood.close();
    });

    it('refuses upgrades from other origins and without an origin with 403', async () => {
      await expect(openClient(explorer.url, 'https://evil.example')).rejects.toThrow(/403/);
      await expect(openClient(explorer.url, '')).rejects.toThrow(/403/);
    });

    it('serves the page with a Content-Security-Policy, and health and readiness', async () => {
      const page = await fetch(explorer.url);
      expect(page.status).toBe(200);
      expect(page.headers.get('content-security-policy')).toMatch(/script-src 'self'/);
      expect(await page.text()).toMatch(/<script type="module" src="\/assets\/explorer.js">/);
      expect((await fetch(`${explorer.url}/healthz`)).status).toBe(200);
      expect((await fetch(`${explorer.url}/readyz`)).status).toBe(200);
      expect((await fetch(`${explorer.url}/../../etc/passwd`)).status).toBe(404);
    });
  });
}
