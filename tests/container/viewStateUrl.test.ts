import { describe, expect, it } from 'vitest';
import { csvField } from '../../container/explorer/csv.ts';
import { escapeLike, likeTerms } from '../../container/explorer/queries/likeTerms.ts';
import { parseViewStateQuery } from '../../container/shared/parseViewStateQuery.ts';
import { applyPatch, DEFAULT_STATE, type ViewState } from '../../container/shared/viewState.ts';
import { viewStateToQuery } from '../../container/shared/viewStateUrl.ts';

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
    };
    const parsed = parseViewStateQuery(viewStateToQuery(state));
    expect(parsed).toEqual({ patch: state });
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
