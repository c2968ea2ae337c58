/**
 * docs/deploy.md's "Settings" table gives every `--param` with its default; serverless.yml's
 * `params.default` is what a deploy uses. Each documented parameter must exist there with the
 * documented default, and every parameter there must be documented: a change to either side
 * alone fails here.
 */
import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';

/** `params: default:` of serverless.yml, as name -> value with quotes taken off. */
function templateParams(): Map<string, string> {
  const lines = readFileSync('serverless.yml', 'utf8').split('\n');
  const start = lines.indexOf('  default:', lines.indexOf('params:'));
  const params = new Map<string, string>();
  for (const line of lines.slice(start + 1)) {
    if (/^\S/.test(line)) break;
    const m = /^ {4}([A-Za-z]\w*): ?(.*)$/.exec(line);
    if (m) params.set(m[1]!, m[2]!.trim().replace(/^"(.*)"$/, '$1'));
  }
  return params;
}

/** The Settings table as [names, documented defaults] per row ('' for "empty"). */
function documentedParams(): [string[], string[]][] {
  const doc = readFileSync('docs/deploy.md', 'utf8');
  const section = doc.slice(doc.indexOf('## Settings (`--param'), doc.indexOf('## Choices worth knowing'));
  return section
    .split('\n')
    .filter((l) => l.startsWith('| `'))
    .map((row) => {
      const [names, defaults] = row.split('|').slice(1, 3) as [string, string];
      const vars = [...names.matchAll(/`(\w+)`/g)].map((m) => m[1]!);
      const values = defaults.trim().startsWith('empty')
        ? vars.map(() => '')
        : [...defaults.matchAll(/`([^`]*)`/g)].map((m) => m[1]!);
      return [vars, values];
    });
}

it('docs/deploy.md documents every parameter with the default serverless.yml uses', () => {
  const template = templateParams();
  const documented = documentedParams();
  expect(template.size).toBeGreaterThan(30);
  for (const [vars, values] of documented) {
    expect(values, `defaults of ${vars.join(', ')}`).toHaveLength(vars.length);
    vars.forEach((name, i) => {
      expect(template.has(name), `${name} is documented but not in serverless.yml`).toBe(true);
      expect(template.get(name), `default of ${name}`).toBe(values[i]);
    });
  }
  const names = new Set(documented.flatMap(([vars]) => vars));
  expect([...template.keys()].filter((name) => !names.has(name))).toEqual([]);
});
