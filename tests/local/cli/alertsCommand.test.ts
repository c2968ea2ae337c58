import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWebhookServer } from '../../functions/alerts/support/startWebhookServer.ts';
import { backendUrl, createServerDatabase } from '../../support/backends.ts';
import { runCliCaptured } from '../../support/runCliCaptured.ts';

describe('tubelens load (tracker files) and tubelens alerts', () => {
  let database: Awaited<ReturnType<typeof createServerDatabase>>;
  let webhook: Awaited<ReturnType<typeof startWebhookServer>>;
  const cli = (...args: string[]) => runCliCaptured(args, { DATABASE_URL: database.url, TZ: 'UTC' });
  beforeAll(async () => {
    database = await createServerDatabase(backendUrl('embedded'));
    webhook = await startWebhookServer();
  });
  afterAll(async () => {
    await webhook?.close();
    await database?.drop();
  });

  it('loads the three tracker shapes, naming each format', async () => {
    const r = await cli(
      'load',
      'tests/fixtures/tracker/channels.csv',
      'tests/fixtures/tracker/channel_daily.csv',
      'tests/fixtures/tracker/video_snapshots.csv',
    );
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(
      'loaded tests/fixtures/tracker/channels.csv [tracker-channels]: 4 rows, 0 videos, 4 channels',
    );
    expect(r.stdout).toContain(
      'loaded tests/fixtures/tracker/channel_daily.csv [tracker-channel-daily]: 180 rows, 0 videos, 3 channels, 60 days (2026-01-01 to 2026-03-01)',
    );
    expect(r.stdout).toContain('[tracker-video-snapshots]: 913 rows, 22 videos, 2 channels');
  });

  it('says so when nothing is watched, and rejects a channel it does not know', async () => {
    expect((await cli('alerts')).stdout).toContain('no channel is watched');
    const unknown = await cli('alerts', 'watch', '@nobody');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('no channel in the database is named @nobody');
  });

  it('watches by handle or id, prints each new event once and posts it to the webhook once', async () => {
    const watched = await cli(
      'alerts',
      'watch',
      '@BentoKitchen',
      'UCaaaaaaaaaaaaaaaaaaaaaa',
      '--since',
      '2026-02-01',
    );
    expect(watched.stdout).toContain(
      'watching Ada Builds (UCaaaaaaaaaaaaaaaaaaaaaa): events from 2026-02-01 on are news',
    );
    expect(watched.stdout).toContain('watching Bento Kitchen, "Tokyo" (UCbbbbbbbbbbbbbbbbbbbbbb)');

    const first = await cli('alerts', '--webhook', webhook.url);
    expect(first.code).toBe(0);
    const lines = first.stdout.trim().split('\n');
    expect(lines).toHaveLength(4);
    expect(lines[0]).toBe(
      '2026-02-01  Milestone: Bento Kitchen, "Tokyo" passed 10K subscribers (published count 10,000 on 2026-02-01).',
    );
    expect(first.stderr).toContain(
      '2 watched channels: 4 new events, 4 printed; webhook: 4 posted, 0 failed',
    );

    const second = await cli('alerts', '--webhook', webhook.url);
    expect(second.stdout).toBe('');
    expect(second.stderr).toContain('0 new events, 0 printed; webhook: 0 posted');
    expect(webhook.accepted()).toHaveLength(4);
    expect(new Set(webhook.accepted()).size).toBe(4);

    const list = await cli('alerts', 'list');
    expect(list.stdout).toContain('Ada Builds (UCaaaaaaaaaaaaaaaaaaaaaa), news from 2026-02-01');
    expect(list.stdout).toMatch(/Outlier: .*\[print sent, webhook sent\]/);
  });

  it('stops watching without forgetting what was sent', async () => {
    const r = await cli('alerts', 'unwatch', 'UCaaaaaaaaaaaaaaaaaaaaaa');
    expect(r.stdout).toBe('stopped watching 1 channel\n');
    expect((await cli('alerts', 'list')).stdout).toContain('Outlier: ');
  });
});
