import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import * as zm from 'zod/mini';
import { readEnv } from '../../../functions/shared/readEnv.ts';

class TestConfigError extends Error {
  override name = 'TestConfigError';
}

describe('readEnv', () => {
  const classic = z.object({
    PORT: z.coerce.number().int().default(8080),
    TOKEN: z.string().regex(/^[a-z]+$/, 'TOKEN must be lower-case letters'),
  });

  it('treats empty variables as unset, so defaults apply', () => {
    expect(readEnv(classic, { PORT: '', TOKEN: 'abc', OTHER: 'x' }, TestConfigError)).toEqual({
      PORT: 8080,
      TOKEN: 'abc',
    });
  });

  it("reports every problem at once in the caller's error class, naming variables but never values", () => {
    const read = () => readEnv(classic, { PORT: 'eighty', TOKEN: 'Secret-Value-1' }, TestConfigError);
    expect(read).toThrow(TestConfigError);
    expect(read).toThrow(/^PORT: .*; TOKEN must be lower-case letters$/);
    expect(read).not.toThrow(/Secret-Value-1|eighty/);
  });

  it('takes zod/mini schemas as well (the refresh bundle uses them)', () => {
    const mini = zm.object({ BUCKET: zm.string({ error: 'BUCKET is required' }) });
    expect(readEnv(mini, { BUCKET: 'b' }, TestConfigError)).toEqual({ BUCKET: 'b' });
    expect(() => readEnv(mini, {}, TestConfigError)).toThrow(/^BUCKET is required$/);
  });
});
