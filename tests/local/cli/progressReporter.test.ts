import { describe, expect, it } from 'vitest';
import { progressReporter } from '../../../local/cli/progressReporter.ts';

function capture(isTTY: boolean) {
  const written: string[] = [];
  const stream = { isTTY, write: (s: string) => written.push(s) } as unknown as NodeJS.WritableStream;
  return { stream, written };
}

describe('progressReporter', () => {
  it('prints done, total, rate and elapsed time', () => {
    const { stream, written } = capture(false);
    let t = 0;
    const reporter = progressReporter(stream, () => t);
    t = 2000;
    reporter.finish({ done: 5000, total: 10000, unit: 'rows', detail: 'a.csv' });
    expect(written).toEqual(['5,000 of 10,000 rows, 2,500 rows/s, 2.0 s  a.csv\n']);
  });

  it('leaves a running rate out until it means something, but always gives the final one', () => {
    const { stream, written } = capture(false);
    let t = 0;
    const reporter = progressReporter(stream, () => t);
    t = 0.2;
    reporter.update({ done: 5000, unit: 'channels' });
    t = 300;
    reporter.finish({ done: 10000, unit: 'channels' });
    expect(written).toEqual(['5,000 channels, 0.0 s\n', '10,000 channels, 33,333 channels/s, 0.3 s\n']);
  });

  it('off a terminal, writes a line at most every 5 s', () => {
    const { stream, written } = capture(false);
    let t = 0;
    const reporter = progressReporter(stream, () => t);
    for (t = 0; t <= 12_000; t += 1000) reporter.update({ done: t, unit: 'rows' });
    expect(written).toHaveLength(3);
    expect(written.every((line) => line.endsWith('\n'))).toBe(true);
  });

  it('on a terminal, redraws one line in place', () => {
    const { stream, written } = capture(true);
    let t = 0;
    const reporter = progressReporter(stream, () => t);
    t = 1000;
    reporter.update({ done: 10, unit: 'reports' });
    reporter.finish({ done: 20, unit: 'reports' });
    expect(written[0]).toBe('\r\x1b[2K10 reports, 10 reports/s, 1.0 s');
    expect(written[1]).toBe('\r\x1b[2K20 reports, 20 reports/s, 1.0 s\n');
  });
});
