// Builds the explorer into container/dist/: server.js (the process the Dockerfile runs) and
// public/ (the page, its script and stylesheet). `npm run build:explorer`.
import { copyFile, mkdir, rename } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const here = path.dirname(fileURLToPath(import.meta.url));

/** Bundles the browser client and copies the page into `outDir` (dist/public by default). */
export async function buildExplorerClient(outDir = path.join(here, 'dist', 'public')): Promise<string> {
  await mkdir(path.join(outDir, 'assets'), { recursive: true });
  await build({
    entryPoints: {
      explorer: path.join(here, 'client', 'main.ts'),
      'explorer-style': path.join(here, 'client', 'explorer.css'),
    },
    outdir: path.join(outDir, 'assets'),
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    minify: true,
    // d3-scale interpolates numbers only here; the real d3-interpolate brings d3-color (5 KB gzip).
    alias: {
      'd3-interpolate': path.join(here, '..', 'site', 'src', 'charts', 'support', 'numericInterpolate.ts'),
    },
    logLevel: 'warning',
  });
  await copyFile(path.join(here, 'public', 'index.html'), path.join(outDir, 'index.html'));
  await rename(
    path.join(outDir, 'assets', 'explorer-style.css'),
    path.join(outDir, 'assets', 'explorer.css'),
  );
  return outDir;
}

/** Bundles the server; npm packages stay external and come from the image's production install. */
export async function buildExplorerServer(outFile = path.join(here, 'dist', 'server.js')): Promise<string> {
  await build({
    entryPoints: [path.join(here, 'server.ts')],
    outfile: outFile,
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'node24',
    packages: 'external',
    sourcemap: 'linked',
    logLevel: 'warning',
  });
  return outFile;
}

export async function buildExplorer(): Promise<void> {
  await Promise.all([buildExplorerServer(), buildExplorerClient()]);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await buildExplorer();
  console.log(`built ${path.relative(process.cwd(), path.join(here, 'dist'))}/ (server.js, public/)`);
}
