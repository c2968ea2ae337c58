import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { readFile } from 'node:fs/promises';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { isRunning, ownIdentity } from '../../../local/postgres/processIdentity.ts';

describe('isRunning', () => {
  it('knows this process, and not one that has ended', async () => {
    expect(await isRunning(await ownIdentity())).toBe(true);
    const child = spawn(process.execPath, ['-e', '']);
    await once(child, 'exit');
    expect(await isRunning({ pid: child.pid!, started: '' })).toBe(false);
  });

  it('does not take a recycled pid for the process that recorded it', async () => {
    const me = await ownIdentity();
    expect(await isRunning({ pid: me.pid, started: `${me.started}1` })).toBe(process.platform !== 'linux');
  });

  it.runIf(process.platform === 'linux')('counts a zombie as ended', async () => {
    // sh starts a short sleep in the background, prints its pid, and becomes a long sleep that
    // never collects it: the short one stays a zombie until the long one ends.
    const parent = spawn('sh', ['-c', 'sleep 0.1 & echo $!; exec sleep 5']);
    try {
      const [out] = (await once(parent.stdout, 'data')) as [Buffer];
      const pid = Number(out.toString().trim());
      let state = '';
      for (let i = 0; i < 50 && state !== 'Z'; i += 1) {
        await sleep(50);
        const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
        state = stat.slice(stat.lastIndexOf(')') + 2).split(' ')[0]!;
      }
      expect(state).toBe('Z');
      expect(await isRunning({ pid, started: '' })).toBe(false);
    } finally {
      parent.kill();
    }
  });
});
