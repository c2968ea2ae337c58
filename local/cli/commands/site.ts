import { stat } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { serveSite } from '../../site/serveSite.ts';
import { type Command, UsageError } from '../Command.ts';

const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));

export const siteCommand: Command = {
  name: 'site',
  summary: 'serve the built report site with published report data',
  usage: '[--port N] [--data DIR] [--site DIR] [--base PATH]',
  help: `Serves the built site (npm run build) and the reports a refresh published into a directory
(tubelens refresh --out DIR), the way S3 behind CloudFront serves them: pages as .html files, the
data under data/, gzip objects with Content-Encoding: gzip. Prints the URL and runs until Ctrl-C.

Options:
  --port N      port to listen on (default 4321; 0 picks a free one)
  --data DIR    directory the refresh published into, holding data/manifest.json (default out)
  --site DIR    the built site (default site/dist)
  --base PATH   serve under a sub-path, e.g. /reports/, as a deployment behind a prefix would

Example:
  npm run build && tubelens refresh --out out && tubelens site --data out`,
  options: {
    port: { type: 'string' },
    data: { type: 'string' },
    site: { type: 'string' },
    base: { type: 'string' },
  },
  async run(input) {
    const portText = typeof input.values.port === 'string' ? input.values.port : '4321';
    const port = Number(portText);
    if (!Number.isInteger(port) || port < 0 || port > 65535) {
      throw new UsageError(`--port must be a whole number from 0 to 65535, not "${portText}"`);
    }
    const dataDir = path.resolve(typeof input.values.data === 'string' ? input.values.data : 'out');
    const siteDir = path.resolve(
      typeof input.values.site === 'string' ? input.values.site : path.join(repoRoot, 'site/dist'),
    );
    const manifest = await stat(path.join(dataDir, 'data/manifest.json')).catch(() => null);
    if (!manifest) {
      input.stderr.write(
        `note: ${dataDir} has no data/manifest.json yet; pages will say so until a refresh publishes there\n`,
      );
    }
    const served = await serveSite({
      siteDir,
      dataDir,
      port,
      basePath: typeof input.values.base === 'string' ? input.values.base : '/',
    });
    input.stdout.write(`report site: ${served.url}  (data from ${dataDir}; Ctrl-C to stop)\n`);
    await new Promise<void>((resolve) => {
      const stop = () => resolve();
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
    await served.close();
    return 0;
  },
};
