import { describe, expect, it } from 'vitest';
import { LAG_NOTICE_SECONDS, lagNotice } from '../../container/client/notices.ts';

describe('lagNotice', () => {
  it('says nothing on a primary (null) or below the threshold, and the rounded lag past it', () => {
    expect(lagNotice(null)).toBeNull();
    expect(lagNotice(0.2)).toBeNull();
    expect(lagNotice(LAG_NOTICE_SECONDS - 0.1)).toBeNull();
    expect(lagNotice(12.4)).toBe('Data may be 12 s behind.');
  });
});
