import { SNSClient } from '@aws-sdk/client-sns';
import { afterEach, beforeAll, beforeEach, expect, it } from 'vitest';
import { pendingDeliveries, recentAlerts } from '../../../db/alerts/alertOutbox.ts';
import { watchChannels } from '../../../db/alerts/watchedChannels.ts';
import { loadFile } from '../../../db/load/loadFile.ts';
import { openTrendingFile } from '../../../db/load/openTrendingFile.ts';
import { runAlerts } from '../../../functions/alerts/runAlerts.ts';
import type { AlertSender } from '../../../functions/alerts/senders/AlertSender.ts';
import { snsSender } from '../../../functions/alerts/senders/snsSender.ts';
import { webhookSender } from '../../../functions/alerts/senders/webhookSender.ts';
import { describeEachBackend } from '../../support/backends.ts';
import { startSnsStub } from './support/startSnsStub.ts';
import { startWebhookServer } from './support/startWebhookServer.ts';

const A = 'UCaaaaaaaaaaaaaaaaaaaaaa';
const B = 'UCbbbbbbbbbbbbbbbbbbbbbb';
const TOPIC = 'arn:aws:sns:us-east-1:123456789012:tubelens-growth-alerts';

/** What the tracker fixtures hold for A and B from 2026-02-01 on (see tests/fixtures/tracker). */
const EXPECTED = [
  'milestone:UCbbbbbbbbbbbbbbbbbbbbbb:10000',
  'outlier:adaVid12xxx',
  'views7d:UCbbbbbbbbbbbbbbbbbbbbbb:2026-02-15',
  'views7d:UCbbbbbbbbbbbbbbbbbbbbbb:2026-02-22',
];

describeEachBackend('runAlerts', (db) => {
  const closers: (() => Promise<void>)[] = [];
  beforeAll(async () => {
    for (const name of ['channels.csv', 'channel_daily.csv', 'video_snapshots.csv']) {
      const file = `tests/fixtures/tracker/${name}`;
      await loadFile(db().client, await openTrendingFile(file), { file });
    }
  });
  beforeEach(async () => {
    await db().client.query('DELETE FROM alert_events');
    await db().client.query('DELETE FROM watched_channels');
    await db().client.query('DELETE FROM job_locks');
    await watchChannels(db().client, [A, B], '2026-02-01');
  });
  afterEach(async () => {
    for (const close of closers.splice(0)) await close();
  });

  /** The real SDK client against the stub; no SDK retries, so a refused publish stays refused. */
  function snsClient(endpoint: string) {
    const client = new SNSClient({
      endpoint,
      region: 'us-east-1',
      credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
      maxAttempts: 1,
    });
    closers.push(async () => client.destroy());
    return client;
  }

  async function webhook(answer?: Parameters<typeof startWebhookServer>[0]) {
    const server = await startWebhookServer(answer);
    closers.push(server.close);
    return server;
  }

  it('finds the milestone, the outlier and both 7-day swings, and says each in one line', async () => {
    const result = await runAlerts({ sql: db().client, senders: [] });
    expect(result.status).toBe('done');
    if (result.status !== 'done') return;
    expect(result.detected.map((e) => e.key).sort()).toEqual(EXPECTED);
    const byKey = new Map(result.detected.map((e) => [e.key, e]));
    expect(byKey.get(EXPECTED[0]!)).toMatchObject({
      day: '2026-02-01',
      message:
        'Milestone: Bento Kitchen, "Tokyo" passed 10K subscribers (published count 10,000 on 2026-02-01).',
    });
    expect(byKey.get('outlier:adaVid12xxx')).toMatchObject({ day: '2026-02-07', videoId: 'adaVid12xxx' });
    expect(byKey.get('outlier:adaVid12xxx')!.message).toMatch(
      /^Outlier: "Build log 13: a shed, a lathe & "more"" on Ada Builds has \d+(\.\d)?× the median views of the channel's previous 10 uploads at 1 day \([\d,]+ views; ranks 1 of 11\)\.$/,
    );
    expect(byKey.get(EXPECTED[2]!)!.message).toMatch(/^7-day views up \d+%: Bento Kitchen/);
    expect(byKey.get(EXPECTED[3]!)!.message).toMatch(/^7-day views down \d+%: Bento Kitchen/);
  });

  it('posts each event to the webhook exactly once, over as many runs as there are', async () => {
    const server = await webhook();
    const sender = webhookSender({ url: server.url, siteUrl: 'https://reports.example/' });
    const first = await runAlerts({ sql: db().client, senders: [sender] });
    const second = await runAlerts({ sql: db().client, senders: [sender] });
    expect(first).toMatchObject({ status: 'done', sent: { webhook: 4 }, failed: { webhook: 0 } });
    expect(second).toMatchObject({ status: 'done', detected: [], sent: { webhook: 0 } });
    expect(server.accepted().sort()).toEqual(EXPECTED);
    expect(server.posts).toHaveLength(4);
    const post = server.posts.find((p) => p.idempotencyKey === 'outlier:adaVid12xxx')!;
    expect(post.contentType).toBe('application/json');
    expect(post.body.text).toMatch(/^Outlier: /);
    expect(post.body.event).toMatchObject({ key: 'outlier:adaVid12xxx', kind: 'outlier' });
    expect(JSON.stringify(post.body.blocks)).toContain(
      '<https://reports.example/channel.html?id=UCaaaaaaaaaaaaaaaaaaaaaa|Ada Builds on tubelens>',
    );
  });

  it('retries a failed post on the next run and never sends an accepted one again', async () => {
    // The milestone post fails the first time (500), and the webhook is down for nothing else.
    const server = await webhook((post) =>
      post.idempotencyKey === EXPECTED[0] && !server.posts.some((p) => p.idempotencyKey === EXPECTED[0])
        ? 500
        : 200,
    );
    const sender = webhookSender({ url: server.url });
    const first = await runAlerts({ sql: db().client, senders: [sender] });
    expect(first).toMatchObject({ sent: { webhook: 3 }, failed: { webhook: 1 } });
    const pending = await pendingDeliveries(db().client, 'webhook');
    expect(pending.map((p) => [p.key, p.attempts])).toEqual([[EXPECTED[0], 1]]);
    const listed = (await recentAlerts(db().client)).find((a) => a.key === EXPECTED[0])!;
    expect(listed.deliveries).toEqual([
      { destination: 'webhook', sent: false, attempts: 1, error: 'webhook answered HTTP 500' },
    ]);

    const second = await runAlerts({ sql: db().client, senders: [sender] });
    expect(second).toMatchObject({ detected: [], sent: { webhook: 1 }, failed: { webhook: 0 } });
    await runAlerts({ sql: db().client, senders: [sender] });
    expect(server.posts).toHaveLength(5);
    expect(server.accepted().sort()).toEqual(EXPECTED);
  });

  it('keeps retrying while the webhook is unreachable, then delivers once it is back', async () => {
    const sender = webhookSender({ url: 'http://127.0.0.1:9/unreachable', timeoutMs: 2000 });
    const down = await runAlerts({ sql: db().client, senders: [sender] });
    expect(down).toMatchObject({ sent: { webhook: 0 }, failed: { webhook: 4 } });
    const server = await webhook();
    const up = webhookSender({ url: server.url });
    await runAlerts({ sql: db().client, senders: [up] });
    await runAlerts({ sql: db().client, senders: [up] });
    expect(server.accepted().sort()).toEqual(EXPECTED);
    expect(server.posts).toHaveLength(4);
  });

  it('mails one SNS digest per run, retrying a refused publish, never repeating one', async () => {
    const sns = await startSnsStub();
    closers.push(sns.close);
    const client = snsClient(sns.url);
    const sender = snsSender({ topicArn: TOPIC, client });
    sns.fail(1);
    expect(await runAlerts({ sql: db().client, senders: [sender] })).toMatchObject({ failed: { sns: 4 } });
    expect(sns.published).toHaveLength(0);
    expect(await runAlerts({ sql: db().client, senders: [sender] })).toMatchObject({ sent: { sns: 4 } });
    expect(await runAlerts({ sql: db().client, senders: [sender] })).toMatchObject({ sent: { sns: 0 } });
    expect(sns.published).toHaveLength(1);
    const mail = sns.published[0]!;
    expect(mail.topicArn).toBe(TOPIC);
    expect(mail.subject).toBe('tubelens: 4 new growth alerts');
    expect(mail.message.split('\n').filter((l) => l.startsWith('- '))).toHaveLength(4);
    expect(mail.message).toContain('- 2026-02-01: Milestone: Bento Kitchen');
  });

  it('sends to each destination once when both are configured', async () => {
    const sns = await startSnsStub();
    closers.push(sns.close);
    const client = snsClient(sns.url);
    const server = await webhook();
    const senders = [snsSender({ topicArn: TOPIC, client }), webhookSender({ url: server.url })];
    await runAlerts({ sql: db().client, senders });
    await runAlerts({ sql: db().client, senders });
    expect(sns.published).toHaveLength(1);
    expect(server.accepted().sort()).toEqual(EXPECTED);
  });

  it('lets only one of two concurrent runs send', async () => {
    const server = await webhook();
    const real = webhookSender({ url: server.url });
    // The first run is held inside its send (so it holds the lease) until the second has finished:
    // the overlap is made, not left to timing.
    let entered!: () => void;
    const inside = new Promise<void>((resolve) => {
      entered = resolve;
    });
    let letGo!: () => void;
    const held = new Promise<void>((resolve) => {
      letGo = resolve;
    });
    const holding: AlertSender = {
      destination: real.destination,
      async send(events) {
        entered();
        await held;
        return real.send(events);
      },
    };
    const first = runAlerts({ sql: db().client, senders: [holding] });
    await inside;
    const second = await runAlerts({ sql: db().client, senders: [real] });
    letGo();
    expect(second.status).toBe('skipped');
    expect((await first).status).toBe('done');
    expect(server.accepted().sort()).toEqual(EXPECTED);
  });

  it('treats what happened before a channel was watched as history, not news', async () => {
    await db().client.query('DELETE FROM watched_channels');
    await watchChannels(db().client, [A, B]);
    const result = await runAlerts({ sql: db().client, senders: [] });
    expect(result).toMatchObject({ status: 'done', detected: [] });
  });
});
