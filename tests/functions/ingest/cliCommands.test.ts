import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FakeYouTubeApi, startFakeYouTubeApi } from '../../../local/youtubeApi/startFakeYouTubeApi.ts';
import { runCliCaptured } from '../../support/runCliCaptured.ts';
import { removeDataDir, tempDataDir } from '../../support/tempDir.ts';
import { API_KEY } from './support/apiKey.ts';
import { fixtureWorld, GOOGLE_DEVELOPERS } from './support/fixtureWorld.ts';

const cli = runCliCaptured;

describe('tubelens track and tubelens ingest', () => {
  let server: FakeYouTubeApi;
  let dir: string;
  let env: NodeJS.ProcessEnv;

  beforeAll(async () => {
    server = await startFakeYouTubeApi({ data: fixtureWorld(), apiKey: API_KEY });
    dir = await tempDataDir('tubelens-ingest-cli-');
    env = { YOUTUBE_API_KEY: API_KEY, YOUTUBE_API_BASE_URL: server.url, TZ: 'UTC' };
  });
  afterAll(async () => {
    await server?.close();
    if (dir) await removeDataDir(dir);
  });

  it('says clearly that YOUTUBE_API_KEY is missing, before touching anything', async () => {
    const before = server.requests.length;
    for (const args of [['track', '@google'], ['ingest']]) {
      const r = await cli([...args, '--data-dir', path.join(dir, 'db')], {
        YOUTUBE_API_BASE_URL: server.url,
      });
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/YOUTUBE_API_KEY is not set\. Create a key .* \(see docs\/ingest\.md\)/);
    }
    expect(server.requests.length).toBe(before);
  });

  it('rejects a bad --budget and a channel that is neither an id nor a handle', async () => {
    const budget = await cli(['ingest', '--budget', 'lots', '--data-dir', path.join(dir, 'db')], env);
    expect(budget.code).toBe(2);
    expect(budget.stderr).toContain('--budget must be a whole number of units above 0, got lots');
    const channel = await cli(['track', 'google', '--data-dir', path.join(dir, 'db')], env);
    expect(channel.code).toBe(2);
    expect(channel.stderr).toContain(
      '"google" is neither a channel id (UC followed by 22 characters) nor a @handle',
    );
  });

  // Each command opens the on-disk PGlite database (a few seconds on a loaded 2-core machine),
  // so these steps are separate tests sharing one data directory, each with room to spare.
  const dataDir = () => path.join(dir, 'db');

  it('tells an ingest with nothing tracked how to add channels', async () => {
    const empty = await cli(['ingest', '--data-dir', dataDir()], env);
    expect(empty.stdout).toContain(
      'no channels are tracked yet: add some with "tubelens track <channel id or @handle>"',
    );
  }, 90_000);

  it('tracks channels by @handle and by id, once', async () => {
    const track = await cli(['track', '@google', GOOGLE_DEVELOPERS, '--data-dir', dataDir()], env);
    expect(track).toMatchObject({ code: 0, stderr: '' });
    expect(track.stdout).toBe(
      'tracking Google (UCK8sQmJBp8GCxrOtXWBpyEA, @google)\n' +
        'tracking Google Developers (UC_x5XG1OV2P6uZZ5FSM9Ttw, @googledevelopers)\n',
    );
    const again = await cli(['track', '@google', '@nobody-here', '--data-dir', dataDir()], env);
    expect(again.stdout).toBe('already tracking Google (UCK8sQmJBp8GCxrOtXWBpyEA, @google)\n');
    expect(again.code).toBe(1);
    expect(again.stderr).toBe('tubelens track: YouTube has no channel with handle @nobody-here\n');
  }, 90_000);

  it('ingests the tracked channels with progress and a summary, and stops at --budget', async () => {
    const ingest = await cli(['ingest', '--data-dir', dataDir()], env);
    expect(ingest.code).toBe(0);
    expect(ingest.stdout).toMatch(
      /^ingest completed: 8 quota units \(channels.list 1, playlistItems.list 4, videos.list 2, videoCategories.list 1\); 12 of 10,000 used on \d{4}-\d{2}-\d{2} \(Pacific\)\n/,
    );
    expect(ingest.stdout).toContain(
      '2 channels updated, 73 new videos found, 72 videos refreshed (3 Shorts)',
    );
    expect(ingest.stderr).toMatch(/8 of \d+ units, .* older uploads: 72 videos\n/);
    expect(ingest.stdout + ingest.stderr).not.toContain(API_KEY);

    const status = await cli(['status', '--data-dir', dataDir()], env);
    expect(status.stdout).toMatch(/channels\s+2\nvideos\s+72\n/);

    const short = await cli(['ingest', '--budget', '1', '--data-dir', dataDir()], env);
    expect(short.code).toBe(0);
    expect(short.stdout).toContain('ingest partial: 1 quota units');
    expect(short.stdout).toContain(
      'stopped early: the unit budget is spent; run again (or raise --budget) to continue',
    );
  }, 120_000);

  it('untracks a channel without an API key or a call, keeps its data, and tracks it again', async () => {
    const before = server.requests.length;
    const untrack = await cli(['untrack', '@GOOGLE', '--data-dir', dataDir()], {});
    expect(untrack).toEqual({
      code: 0,
      stdout: 'stopped tracking Google (UCK8sQmJBp8GCxrOtXWBpyEA, @google); its data stays\n',
      stderr: '',
    });
    expect(server.requests.length).toBe(before);
    const again = await cli(
      ['untrack', 'UCK8sQmJBp8GCxrOtXWBpyEA', GOOGLE_DEVELOPERS, '--data-dir', dataDir()],
      {},
    );
    expect(again.code).toBe(1);
    expect(again.stdout).toBe(
      'stopped tracking Google Developers (UC_x5XG1OV2P6uZZ5FSM9Ttw, @googledevelopers); its data stays\n',
    );
    expect(again.stderr).toBe('tubelens untrack: not tracked: UCK8sQmJBp8GCxrOtXWBpyEA\n');
    const bad = await cli(['untrack', 'google', '--data-dir', dataDir()], {});
    expect(bad.code).toBe(2);

    const ingest = await cli(['ingest', '--data-dir', dataDir()], env);
    expect(ingest.stdout).toContain(
      'no channels are tracked yet: add some with "tubelens track <channel id or @handle>"',
    );
    const status = await cli(['status', '--data-dir', dataDir()], env);
    expect(status.stdout).toMatch(/channels\s+2\nvideos\s+72\n/);

    const retrack = await cli(['track', '@google', '--data-dir', dataDir()], env);
    expect(retrack.stdout).toBe('tracking Google (UCK8sQmJBp8GCxrOtXWBpyEA, @google)\n');
  }, 120_000);
});
