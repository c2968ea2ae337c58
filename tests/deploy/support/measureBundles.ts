/**
 * Measures what a cold start of each packaged function costs before its handler runs: the zip
 * size and the time Node 24 takes to import the bundle in a fresh process (median of N).
 * Not a test (timings do not belong in tests): run it by hand and quote the output in docs.
 *
 *   node tests/deploy/support/measureBundles.ts [runs=9]
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { packageStack } from './packageStack.ts';
import { readZipEntries } from './readZipEntries.ts';

const runs = Number(process.argv[2] ?? 9);
const env = {
  PATH: process.env.PATH,
  AWS_REGION: 'us-east-1',
  AWS_ACCESS_KEY_ID: 'test',
  AWS_SECRET_ACCESS_KEY: 'test',
  DB_CLUSTER_ARN: 'arn:aws:rds:us-east-1:123456789012:cluster:tubelens-test',
  DB_SECRET_ARN: 'arn:aws:secretsmanager:us-east-1:123456789012:secret:tubelens-test/aurora-AbCdEf',
  DB_NAME: 'tubelens',
  REPORT_BUCKET: 'tubelens-test-reports',
  REPORT_PREFIX: 'data/',
  YOUTUBE_API_KEY_SECRET_ARN: 'arn:aws:secretsmanager:us-east-1:123456789012:secret:tubelens-test/yt-AbCdEf',
  YOUTUBE_DAILY_QUOTA: '10000',
};

const stack = await packageStack();
try {
  console.log(
    `machine: ${cpus().length} x ${cpus()[0]?.model}, load average ${loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')}`,
  );
  for (const name of ['refresh', 'ingest', 'migrate']) {
    const zip = readFileSync(join(stack.dir, `${name}.zip`));
    const [entry] = readZipEntries(zip);
    if (!entry) throw new Error(`${name}.zip is empty`);
    const file = join(stack.dir, 'unzipped', name, entry.name);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, entry.read());
    const times: number[] = [];
    for (let i = 0; i < runs; i += 1) {
      const out = execFileSync(
        process.execPath,
        [
          '--input-type=module',
          '-e',
          `const t = performance.now(); await import(${JSON.stringify(file)}); console.log(performance.now() - t);`,
        ],
        { env },
      );
      times.push(Number(String(out).trim()));
    }
    times.sort((a, b) => a - b);
    const median = times[Math.floor(times.length / 2)] ?? Number.NaN;
    console.log(
      `${name}: zip ${(zip.length / 1024).toFixed(0)} KiB, bundle ${(entry.size / 1024).toFixed(0)} KiB, ` +
        `import median ${median.toFixed(0)} ms (min ${times[0]?.toFixed(0)}, max ${times.at(-1)?.toFixed(0)}, n=${runs})`,
    );
  }
} finally {
  rmSync(stack.dir, { recursive: true, force: true });
}
