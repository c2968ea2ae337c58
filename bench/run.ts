// Runs the benchmarks: every bench/*.bench.ts (or those whose names contain an argument), each in
// its own Node process so one bench's heap and peak RSS do not colour another's. Each bench prints
// its own table and writes bench/results/<name>.json.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const dir = fileURLToPath(new URL('.', import.meta.url));
const filters = process.argv.slice(2);
const files = readdirSync(dir)
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => filters.length === 0 || filters.some((x) => f.includes(x)))
  .sort();
if (files.length === 0) {
  console.error(`no benchmark matches ${filters.join(' ')}`);
  process.exit(2);
}
let failed = 0;
for (const file of files) {
  console.log(`\n=== ${file} ===`);
  const result = spawnSync(process.execPath, [`${dir}${file}`], {
    stdio: 'inherit',
    env: { ...process.env, TZ: 'UTC' },
  });
  if (result.status !== 0) failed += 1;
}
process.exit(failed ? 1 : 0);
