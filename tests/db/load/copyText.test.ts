import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { copyLine } from '../../../db/load/copyText.ts';
import { deriveChannelId } from '../../../db/load/deriveChannelId.ts';
import { parseTags } from '../../../db/load/parseFields.ts';

describe('copyLine', () => {
  it('writes arrays with quotes and backslashes escaped, and text with COPY escapes', () => {
    expect(copyLine([1, ['plain', 'a "q"', 'back\\slash'], 'tab\there\nnew\\', null, true, 5n])).toBe(
      '1\t{"plain","a \\\\"q\\\\"","back\\\\\\\\slash"}\ttab\\there\\nnew\\\\\t\\N\tt\t5\n',
    );
    expect(copyLine([[]])).toBe('{}\n');
  });
});

describe('deriveChannelId', () => {
  const expected = (title: string) =>
    `title:${createHash('sha256').update(title, 'utf8').digest('base64url').slice(0, 22)}`;

  it('gives the same id for a title before and after many other titles (its cache is bounded)', () => {
    const first = deriveChannelId('CaseyNeistat');
    expect(first).toBe(expected('CaseyNeistat'));
    for (let i = 0; i < 25_000; i += 1) deriveChannelId(`channel ${i}`);
    expect(deriveChannelId('CaseyNeistat')).toBe(first);
    expect(deriveChannelId('channel 24999')).toBe(expected('channel 24999'));
  });
});

describe('parseTags', () => {
  it('keeps the order, drops quotes, blanks and surrounding spaces', () => {
    expect(parseTags(' "a" | b|""| "c d"|')).toEqual(['a', 'b', 'c d']);
  });
});
