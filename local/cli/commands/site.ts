import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { s3ObjectStore } from '../../../functions/refresh/objectStore/s3ObjectStore.ts';
import { LOCAL_REPORT_BUCKET, startLocalS3 } from '../../s3/startLocalS3.ts';
import { startSite } from '../../site/startSite.ts';
import { type Command, UsageError } from '../Command.ts';
import { untilInterrupted } from '../untilInterrupted.ts';
import { DEFAULT_S3_DIR } from './refresh.ts';

const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));

export const siteCommand: Command = {
  name: 'site',
  summary: 'serve the built report site with the published report data',
  usage: '[--port N] [--data DIR | --s3-dir DIR] [--site DIR] [--base PATH]',
  help: `Serves the built site (built first when site/dist is missing) and the reports a refresh published, the way S3 behind
CloudFront serves them: pages as .html files, the data under data/, gzip objects sent with
Content-Encoding: gzip. Prints the URL and runs until Ctrl-C.

Options:
  --port N      port to listen on (default 4321; 0 picks a free one)
  --data DIR    serve the reports published into a directory (tubelens refresh --out DIR)
  --s3-dir DIR  otherwise serve them from the local S3 kept in DIR (default ${DEFAULT_S3_DIR},
                where tubelens refresh publishes by default)
  --site DIR    the built site (default site/dist; built there when it has no index.html)
  --base PATH   serve under a sub-path, e.g. /reports/, as a deployment behind a prefix would

Example:
  npm run build && npx tubelens refresh --out out && npx tubelens site --data out`,
  options: {
    port: { type: 'string' },
    data: { type: 'string' },
    's3-dir': { type: 'string' },
    site: { type: 'string' },
    base: { type: 'string' },
  },
  async run(input) {
    const portText = typeof input.values.port === 'string' ? input.values.port : '4321';
    const port = Number(portText);
    if (!Number.isInteger(port) || port < 0 || port > 65535) {
      throw new UsageError(`--port must be a whole number from 0 to 65535, not "${portText}"`);
    }
    const data = input.values.data;
    const s3Dir = input.values['s3-dir'];
    if (typeof data === 'string' && typeof s3Dir === 'string')
      throw new UsageError('give --data or --s3-dir, not both');
    const siteDir = path.resolve(
      typeof input.values.site === 'string' ? input.values.site : path.join(repoRoot, 'site/dist'),
    );
    const basePath = typeof input.values.base === 'string' ? input.values.base : '/';

    let source: string;
    let s3: Awaited<ReturnType<typeof startLocalS3>> | undefined;
    let options: Parameters<typeof startSite>[0];
    if (typeof data === 'string') {
      const dataDir = path.resolve(data);
      if (!existsSync(path.join(dataDir, 'data/manifest.json'))) {
        input.stderr.write(
          `note: ${dataDir} has no data/manifest.json yet; pages will say so until a refresh publishes there\n`,
        );
      }
      source = dataDir;
      options = { siteDir, dataDir, port, basePath };
    } else {
      const directory = path.resolve(typeof s3Dir === 'string' ? s3Dir : DEFAULT_S3_DIR);
      s3 = await startLocalS3({ directory });
      source = `local S3 in ${directory}`;
      options = {
        siteDir,
        dataSource: s3ObjectStore({ bucket: LOCAL_REPORT_BUCKET, endpoint: s3.endpoint }),
        port,
        basePath,
      };
    }
    try {
      const served = await startSite({
        ...options,
        onBuild: (dir) => input.stdout.write(`building the site into ${dir} (first run)\n`),
      });
      input.stdout.write(`report site: ${served.url}  (data from ${source}; Ctrl-C to stop)\n`);
      await untilInterrupted();
      await served.close();
    } finally {
      await s3?.close();
    }
    return 0;
  },
};
