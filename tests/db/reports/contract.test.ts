import { describe, expect, it } from 'vitest';
import { channelShardFor, manifest, resolveReportUrl } from '../../../db/reports/contract/index.ts';

describe('channelShardFor', () => {
  it('spreads ids over the shards and gives the same answer every time', () => {
    const ids = Array.from({ length: 1000 }, (_, i) => `UC${i.toString(36).padStart(22, 'x')}`);
    const counts = new Array(8).fill(0);
    for (const id of ids) counts[channelShardFor(id, 8)] += 1;
    expect(Math.min(...counts)).toBeGreaterThan(80);
    // FNV-1a of "a" is 0xe40c292c; fixed so the site and the refresh can never drift apart.
    expect(channelShardFor('a', 2 ** 31)).toBe(0xe40c292c % 2 ** 31);
  });
});

describe('resolveReportUrl', () => {
  it('resolves a key against the manifest URL at any sub-path', () => {
    expect(
      resolveReportUrl('https://x.test/sub/data/manifest.json?t=1', { prefix: 'data/' }, 'data/g/a/o.json'),
    ).toBe('https://x.test/sub/data/g/a/o.json');
  });

  it('rejects a manifest URL that does not end with the prefix', () => {
    expect(() => resolveReportUrl('https://x.test/m.json', { prefix: 'data/' }, 'data/x')).toThrow(
      /does not end with data\/manifest.json/,
    );
  });
});

describe('manifest', () => {
  it('rejects a manifest without an overview', () => {
    const result = manifest.safeParse({
      schemaVersion: 1,
      generation: '20261127T034000Z-1a2b3c',
      generatedAt: '2026-11-27T03:40:00.000Z',
      dataAsOf: null,
      prefix: 'data/',
      reports: {},
      channels: { count: 0, shards: [] },
    });
    expect(result.success).toBe(false);
  });
});
