/** Progress of a long job: what the CLI renders while a load, generate, refresh or ingest runs. */
export interface Progress {
  /** Units done so far (rows, reports, calls). */
  readonly done: number;
  /** Units expected in all, when known. */
  readonly total?: number;
  /** What the units are, e.g. "rows". */
  readonly unit: string;
  /** Short free text: the current file, report or channel. */
  readonly detail?: string;
}

export interface ProgressReporter {
  update(progress: Progress): void;
  /** Prints the final line (always, even off a terminal). */
  finish(progress: Progress): void;
}

const MIN_SECONDS_FOR_RATE = 0.5;

/**
 * On a terminal, one line redrawn at most 10 times a second; elsewhere (CI logs, pipes) a line
 * every 5 s, so logs show the job is alive without flooding them.
 */
export function progressReporter(
  stream: NodeJS.WritableStream & { isTTY?: boolean },
  now: () => number = () => performance.now(),
): ProgressReporter {
  const started = now();
  let last = -Infinity;
  const interval = stream.isTTY ? 100 : 5000;
  // A running rate over the first moments says nothing (5,000 rows in 0.1 ms is not 31 M rows/s);
  // the final line's rate is the whole job's, however short.
  const line = (p: Progress, final: boolean) => {
    const seconds = (now() - started) / 1000;
    const rate =
      seconds > 0 && (final || seconds >= MIN_SECONDS_FOR_RATE)
        ? `${Math.round(p.done / seconds).toLocaleString('en-US')} ${p.unit}/s, `
        : '';
    const of = p.total !== undefined ? ` of ${p.total.toLocaleString('en-US')}` : '';
    const detail = p.detail ? `  ${p.detail}` : '';
    return `${p.done.toLocaleString('en-US')}${of} ${p.unit}, ${rate}${seconds.toFixed(1)} s${detail}`;
  };
  return {
    update(p) {
      const t = now();
      if (t - last < interval) return;
      last = t;
      stream.write(stream.isTTY ? `\r\x1b[2K${line(p, false)}` : `${line(p, false)}\n`);
    },
    finish(p) {
      stream.write(stream.isTTY ? `\r\x1b[2K${line(p, true)}\n` : `${line(p, true)}\n`);
    },
  };
}
