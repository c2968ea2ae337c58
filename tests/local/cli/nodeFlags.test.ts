import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { NODE_FLAGS } from '../../../local/cli/nodeFlags.ts';

const read = (path: string) => readFile(new URL(`../../../${path}`, import.meta.url), 'utf8');

describe('the flags tubelens runs with', () => {
  it('are in the bin shebang, the start script and the load bench', async () => {
    const bin = (await read('local/cli/tubelens.ts')).split('\n')[0];
    expect(bin).toBe(`#!/usr/bin/env -S node ${NODE_FLAGS.join(' ')}`);
    const start = JSON.parse(await read('package.json')).scripts.start;
    expect(start).toBe(`node ${NODE_FLAGS.join(' ')} local/cli/tubelens.ts start`);
    expect(await read('bench/load.bench.ts')).toContain('[...NODE_FLAGS, fileURLToPath(import.meta.url)');
  });

  it('are flags this Node accepts', async () => {
    const { execFileSync } = await import('node:child_process');
    const out = execFileSync(process.execPath, [...NODE_FLAGS, '-p', '1 + 1'], { encoding: 'utf8' });
    expect(out.trim()).toBe('2');
  });
});
