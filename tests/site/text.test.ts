import { describe, expect, it } from 'vitest';
import {
  cellsThatFit,
  displayWidth,
  graphemes,
  graphemeWidth,
  truncateToWidth,
} from '../../site/src/text/displayWidth.ts';
import { containsAllTerms, foldForSearch, searchTerms } from '../../site/src/text/foldForSearch.ts';

describe('foldForSearch', () => {
  it('unifies half-width and full-width forms with the usual ones', () => {
    expect(foldForSearch('ｹﾞｰﾑ実況')).toBe('ゲーム実況');
    expect(foldForSearch('ＡＢＣ１２３')).toBe('abc123');
    expect(foldForSearch('ﾊﾟﾝ')).toBe('パン');
  });

  it('drops Latin accents and case but keeps kana voicing marks and Hangul syllables whole', () => {
    expect(foldForSearch('Crème BRÛLÉE à la Tiếng Việt')).toBe('creme brulee a la tieng viet');
    expect(foldForSearch('ゲーム')).not.toBe(foldForSearch('ケーム'));
    expect(foldForSearch('パパ')).not.toBe(foldForSearch('ハハ'));
    expect(foldForSearch('뉴스')).toBe('뉴스');
    expect(foldForSearch('각')).toBe('각');
  });

  it('leaves Thai and Chinese as they are (Thai vowel signs are not accents)', () => {
    expect(foldForSearch('ข่าววันนี้')).toBe('ข่าววันนี้');
    expect(foldForSearch('官方預告')).toBe('官方預告');
  });
});

describe('searchTerms', () => {
  it('splits on any space, including the ideographic one, and folds each word', () => {
    expect(searchTerms('  ゲーム\u3000ＡＢＣ  Café ')).toEqual(['ゲーム', 'abc', 'cafe']);
    expect(searchTerms('   ')).toEqual([]);
  });

  it('finds a word inside a run of letters without spaces, in every script', () => {
    const cases: [string, string][] = [
      ['【モンスト】今後のモンストについて', 'モンスト'],
      ['皆からの色々な質問に何も隠さず答える', '質問'],
      ['ゲーム実況をしてみた', 'ｹﾞｰﾑ'],
      ['[핫클립] 오늘의 뉴스 먹방', '먹방'],
      ['電影《官方預告》正式版', '預告'],
      ['ข่าววันนี้ล่าสุด', 'วันนี้'],
      ['CRÈME brûlée au caramel', 'creme brulee'],
      ['ＡＢＣ News', 'abc'],
    ];
    for (const [title, query] of cases) {
      expect(containsAllTerms(foldForSearch(title), searchTerms(query)), `${query} in ${title}`).toBe(true);
    }
    expect(containsAllTerms(foldForSearch('ケーキ'), searchTerms('ゲーム'))).toBe(false);
  });
});

describe('displayWidth', () => {
  it('counts wide characters and emoji as two cells, everything else as one', () => {
    expect(displayWidth('abc')).toBe(3);
    expect(displayWidth('ゲーム')).toBe(6);
    expect(displayWidth('뉴스')).toBe(4);
    expect(displayWidth('官方')).toBe(4);
    expect(displayWidth('ＡＢ')).toBe(4);
    expect(displayWidth('ｹﾞｰﾑ')).toBe(3); // half-width katakana stay narrow
    expect(displayWidth('ข่าว')).toBe(3); // ข่ า ว: the tone mark joins its consonant
    expect(displayWidth('👍🏽🇯🇵')).toBe(4);
    expect(displayWidth('👨‍👩‍👧')).toBe(2);
  });

  it('splits into graphemes, not code units', () => {
    expect(graphemes('👨‍👩‍👧a')).toEqual(['👨‍👩‍👧', 'a']);
    expect(graphemes('ที่')).toHaveLength(1);
    expect(graphemeWidth('\u200b')).toBe(0);
  });
});

describe('truncateToWidth', () => {
  it('keeps text that fits', () => {
    expect(truncateToWidth('ゲーム', 6)).toBe('ゲーム');
  });

  it('cuts Japanese, Korean and Chinese by width, not by character count', () => {
    expect(truncateToWidth('【アニメ】IQ300のコンビニ店員', 12)).toBe('【アニメ】I…');
    expect(displayWidth(truncateToWidth('【アニメ】IQ300のコンビニ店員', 12))).toBeLessThanOrEqual(12);
    expect(truncateToWidth('오늘의 뉴스 먹방', 9)).toBe('오늘의…');
    expect(truncateToWidth('電影官方預告正式版', 8)).toBe('電影官…');
  });

  it('never splits a grapheme: Thai clusters and emoji stay whole', () => {
    expect(truncateToWidth('ที่นี่ที่นั่น', 3)).toBe('ที่นี่…');
    expect(truncateToWidth('👍🏽👍🏽👍🏽', 5)).toBe('👍🏽👍🏽…');
    expect(truncateToWidth('🇯🇵🇰🇷🇹🇭', 4)).toBe('🇯🇵…');
  });

  it('cuts a Latin label to the same width with an ellipsis', () => {
    expect(truncateToWidth('Stories from the Outlands', 10)).toBe('Stories f…');
  });
});

describe('cellsThatFit', () => {
  it('gives about 0.55 em per cell and never fewer than four', () => {
    expect(cellsThatFit(132)).toBe(20);
    expect(cellsThatFit(10)).toBe(4);
  });
});
