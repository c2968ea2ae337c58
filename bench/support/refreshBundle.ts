// The refresh handler as serverless-esbuild would ship it: one minified ESM file, zipped; its
// size and the cold module-load time of a fresh Node process importing it.
import { spawnSync } from 'node:child_process';
import { mkdir, mkdtemp, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { build } from 'esbuild';

const ENV = {
  DB_CLUSTER_ARN: 'arn:aws:rds:us-east-1:123456789012:cluster:tubelens',
  DB_SECRET_ARN: 'arn:aws:secretsmanager:us-east-1:123456789012:secret:db-AbCdEf',
  REPORT_BUCKET: 'tubelens-reports',
  AWS_REGION: 'us-east-1',
};

/** Median of 7 cold imports of `file`, in ms. */
function coldLoadMs(file: string, root: string): number {
  const env = { ...process.env, ...ENV, NODE_PATH: path.join(root, 'node_modules') };
  const loads: number[] = [];
  for (let i = 0; i < 7; i += 1) {
    const r = spawnSync(
      process.execPath,
      [
        '--input-type=module',
        '-e',
        `const t = performance.now(); await import(${JSON.stringify(file)}); console.log(performance.now() - t);`,
      ],
      { env, encoding: 'utf8', cwd: root },
    );
    if (r.status !== 0) throw new Error(r.stderr);
    loads.push(Number(r.stdout.trim()));
  }
  loads.sort((a, b) => a - b);
  return +loads[3]!.toFixed(1);
}

/** Bundle size, zipped size and cold load, with the AWS SDK bundled and left to the runtime. */
export async function measureBundles(root: string) {
  // Inside the repository, so the variant that leaves @aws-sdk out resolves it from node_modules
  // (as the Lambda runtime provides it).
  await mkdir(path.join(root, '.tubelens'), { recursive: true });
  const dir = await mkdtemp(path.join(root, '.tubelens', 'bench-bundle-'));
  try {
    const rows = [];
    for (const [label, external] of [
      ['AWS SDK bundled', []],
      ['AWS SDK from the runtime', ['@aws-sdk/*']],
    ] as const) {
      const outfile = path.join(dir, `${external.length ? 'ext' : 'all'}/handler.mjs`);
      await build({
        entryPoints: [path.join(root, 'functions/refresh/handler.ts')],
        bundle: true,
        platform: 'node',
        target: 'node24',
        format: 'esm',
        minify: true,
        outfile,
        external: [...external],
        banner: {
          js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);",
        },
        logLevel: 'error',
      });
      const zip = `${outfile}.zip`;
      spawnSync('zip', ['-q', '-j', '-9', zip, outfile]);
      rows.push({
        bundle: label,
        sizeKiB: Math.round((await stat(outfile)).size / 1024),
        zippedKiB: Math.round((await stat(zip)).size / 1024),
        coldLoadMsMedian: coldLoadMs(outfile, root),
      });
    }
    return rows;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
