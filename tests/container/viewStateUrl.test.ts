import { describe, expect, it } from 'vitest';
import { csvField } from '../../container/explorer/csv.ts';
import { escapeLike, likeTerms } from '../../container/explorer/queries/likeTerms.ts';
import { parseViewStateQuery } from '../../container/shared/parseViewStateQuery.ts';
import {
  applyPatch,
  DEFAULT_STATE,
  type ViewState,
  viewStatePatchSchema,
  viewStateSchema,
} from '../../container/shared/viewState.ts';
import { readViewStateQuery, viewStateToQuery } from '../../container/shared/viewStateUrl.ts';

describe('viewStateToQuery / parseViewStateQuery', () => {
  it('round-trips a full state through the address bar', () => {
    const state: ViewState = {
      channels: ['UCa', 'UC b&c'],
      filters: {
        from: '2024-01-01',
        to: '2024-03-31',
        minDuration: 60,
        maxDuration: 600,
        category: 10,
        title: 'pasta & co',
      },
      brush: {
        from: '2024-01-05T00:00:00.000Z',
        to: '2024-02-01T00:00:00.000Z',
        minViews: 1000,
        maxViews: 50_000,
      },
      sort: { column: 'published_at', direction: 'asc' },
      page: 2,
      video: 'dQw4w9WgXcQ',
      timeZone: 'Asia/Tokyo',
    };
    const parsed = parseViewStateQuery(viewStateToQuery(state));
    expect(parsed).toEqual({ patch: state });
    expect(readViewStateQuery(viewStateToQuery(state))).toEqual({ patch: state, corrections: [] });
  });

  it('leaves defaults out of the link', () => {
    expect(viewStateToQuery(DEFAULT_STATE)).toBe('');
    expect(parseViewStateQuery('')).toEqual({ patch: DEFAULT_STATE });
  });

  it('explains an edited link that is not a valid view', () => {
    expect(parseViewStateQuery('?sort=title;DROP.asc')).toEqual({
      error: expect.stringMatching(/sort\.column/),
    });
    expect(parseViewStateQuery('?from=2024-02-31')).toEqual({
      error: expect.stringMatching(/calendar date/),
    });
  });
});

describe('applyPatch', () => {
  it('goes back to the first page when the selection changes', () => {
    const paged = { ...DEFAULT_STATE, page: 3 };
    expect(applyPatch(paged, { video: 'abc' }).page).toBe(3);
    expect(applyPatch(paged, { channels: ['UCa'] }).page).toBe(0);
    expect(applyPatch(paged, { sort: { column: 'title', direction: 'asc' }, page: 1 }).page).toBe(1);
  });
});

describe('likeTerms', () => {
  it('folds each typed word and escapes LIKE wildcards, full-width ones included', () => {
    expect(likeTerms('Pasta  ＲＥＣＩＰ')).toEqual(['pasta', 'recip']);
    expect(likeTerms('ｹﾞｰﾑ\u3000100％ a_b')).toEqual(['ゲーム', '100\\%', 'a\\_b']);
    expect(likeTerms('   ')).toEqual([]);
  });
});

describe('escapeLike', () => {
  it('escapes LIKE wildcards and the escape character', () => {
    expect(escapeLike('100%_\\')).toBe('100\\%\\_\\\\');
  });
});

describe('csvField', () => {
  it('quotes separators and defuses spreadsheet formulas in text', () => {
    expect(csvField('a,"b"')).toBe('"a,""b"""');
    expect(csvField('=HYPERLINK("x")')).toBe('"\'=HYPERLINK(""x"")"');
    expect(csvField(-5)).toBe('-5');
    expect(csvField(null)).toBe('');
  });
});

describe('readViewStateQuery', () => {
  it('keeps what is valid in an edited link and names each part it corrected', () => {
    const link =
      '?page=999&sort=foo.asc&from=2017-13-45&to=2017-11-30&brush=garbage&dmin=-5&dmax=600&ch=UCa&ch=UCa&ch=bad%01id&cat=x&video=no%20no&tz=Mars%2FOlympus&q=ok';
    const { patch, corrections } = readViewStateQuery(link);
    expect(corrections).toEqual([
      { kind: 'duplicateChannel', value: 'UCa' },
      { kind: 'channel', value: 'bad\u0001id' },
      { kind: 'from', value: '2017-13-45' },
      { kind: 'dmin', value: '-5' },
      { kind: 'cat', value: 'x' },
      { kind: 'brush', value: 'garbage' },
      { kind: 'sort', value: 'foo.asc' },
      { kind: 'video', value: 'no no' },
      { kind: 'timeZone', value: 'Mars/Olympus' },
    ]);
    expect(patch).toEqual({
      channels: ['UCa'],
      filters: {
        from: null,
        to: '2017-11-30',
        minDuration: null,
        maxDuration: 600,
        category: null,
        title: 'ok',
      },
      brush: null,
      sort: DEFAULT_STATE.sort,
      page: 999,
      video: null,
    });
  });

  it('drops the second of two contradicting bounds and says so', () => {
    const { patch, corrections } = readViewStateQuery('?from=2024-03-01&to=2024-02-01&dmin=600&dmax=60');
    expect(corrections).toEqual([{ kind: 'dateOrder' }, { kind: 'durationOrder' }]);
    expect(patch.filters).toMatchObject({
      from: '2024-03-01',
      to: null,
      minDuration: 600,
      maxDuration: null,
    });
  });

  it('always gives a state the server accepts, however the link was edited', () => {
    const values = [
      '',
      'x',
      '-1',
      '0',
      '1.5',
      '999999999',
      '2024-02-30',
      '2024-02-29',
      'UC~x~1~2',
      'views.asc',
      '%',
      '\u0000',
    ];
    const params = ['ch', 'from', 'to', 'dmin', 'dmax', 'cat', 'q', 'brush', 'sort', 'page', 'video', 'tz'];
    let seed = 7;
    const random = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    for (let i = 0; i < 500; i += 1) {
      const q = new URLSearchParams();
      for (const name of params)
        if (random() < 0.5) q.append(name, values[Math.floor(random() * values.length)]!);
      if (random() < 0.3) q.set('brush', '2024-01-05T00:00:00.000Z~2024-01-01T00:00:00.000Z~5~1');
      const { patch } = readViewStateQuery(`?${q}`);
      expect(viewStatePatchSchema.safeParse(patch).success, q.toString()).toBe(true);
      expect(viewStateSchema.safeParse(applyPatch(DEFAULT_STATE, patch)).success, q.toString()).toBe(true);
    }
  });
});
