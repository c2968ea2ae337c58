import { describe, expect, it } from 'vitest';
import { LAG_NOTICE_SECONDS, lagNotice } from '../../container/client/notices.ts';
import { explorer as en } from '../../site/src/i18n/en.ts';
import { explorer as ja } from '../../site/src/i18n/ja.ts';

describe('lagNotice', () => {
  it('says nothing on a primary (null) or below the threshold, and the rounded lag past it', () => {
    expect(lagNotice(null, en)).toBeNull();
    expect(lagNotice(0.2, en)).toBeNull();
    expect(lagNotice(LAG_NOTICE_SECONDS - 0.1, en)).toBeNull();
    expect(lagNotice(12.4, en)).toBe('Data may be 12 s behind.');
    expect(lagNotice(12.4, ja)).toBe('データは 12 秒遅れている可能性があります。');
  });
});
