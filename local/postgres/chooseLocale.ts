import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { EmbeddedPostgresError } from './errors.ts';

/**
 * The locale the cluster's character classes and messages come from (its collation is byte
 * order, see initCluster): UTF-8 always (Aurora PostgreSQL's databases are UTF8), preferring
 * `en_US.UTF-8` (Aurora's default), then `C.UTF-8`, then any UTF-8 locale. Never plain `C`:
 * pg_trgm, which the title search relies on, sorts every Japanese, Chinese or Korean character out
 * of its trigrams under a `C` character type.
 */
export function pickLocale(available: readonly string[]): string | undefined {
  const utf8 = available.filter((name) => /\.utf-?8$/i.test(name));
  const preferred = [/^en_US\.utf-?8$/i, /^C\.utf-?8$/i, /^en_[A-Z]{2}\.utf-?8$/i];
  for (const pattern of preferred) {
    const found = utf8.find((name) => pattern.test(name));
    if (found) return found;
  }
  return utf8[0];
}

export async function chooseLocale(): Promise<string> {
  if (process.platform === 'win32') return 'en-US';
  const { stdout } = await promisify(execFile)('locale', ['-a']).catch(() => ({ stdout: '' }));
  const locale = pickLocale(stdout.split(/\r?\n/).map((line) => line.trim()));
  if (!locale) {
    throw new EmbeddedPostgresError(
      'no UTF-8 locale is installed (`locale -a` lists none); install one ' +
        '(Debian/Ubuntu: apt-get install locales, then enable en_US.UTF-8 or C.UTF-8) and run again',
    );
  }
  return locale;
}
