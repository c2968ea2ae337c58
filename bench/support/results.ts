import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { fileURLToPath } from 'node:url';

/** The machine a figure was measured on; every result file carries it. */
export function machine() {
  return {
    cpu: os.cpus()[0]?.model ?? 'unknown',
    cores: os.availableParallelism(),
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    node: process.version,
    platform: `${os.platform()} ${os.arch()}`,
  };
}

/** Peak resident set size of this process so far, in MB. */
export function peakRssMb(): number {
  return Math.round(process.resourceUsage().maxRSS / 1024);
}

/** Writes bench/results/<name>.json and prints the rows as a table. */
export function writeResult(
  name: string,
  rows: Record<string, unknown>[],
  extra: Record<string, unknown> = {},
) {
  const dir = fileURLToPath(new URL('../results/', import.meta.url));
  mkdirSync(dir, { recursive: true });
  const body = { name, measuredAt: new Date().toISOString(), machine: machine(), ...extra, rows };
  writeFileSync(`${dir}${name}.json`, `${JSON.stringify(body, null, 2)}\n`);
  console.table(rows);
}
