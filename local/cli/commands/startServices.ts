import path from 'node:path';
import { s3ObjectStore } from '../../../functions/refresh/objectStore/s3ObjectStore.ts';
import { dataApiEnv } from '../../dataApi/dataApiEnv.ts';
import { startDataApiServer } from '../../dataApi/startDataApiServer.ts';
import { startLocalExplorer } from '../../explorer/startLocalExplorer.ts';
import { runLocalRefresh } from '../../refresh/runLocalRefresh.ts';
import { LOCAL_REPORT_BUCKET, startLocalS3 } from '../../s3/startLocalS3.ts';
import { startSite } from '../../site/startSite.ts';
import { progressReporter } from '../progressReporter.ts';
import type { StartStep } from './start.ts';

/** Ports and folders of the parts `npm start` runs; 0 picks a free port. */
export interface ServiceOptions {
  readonly dataApiPort: number;
  readonly sitePort: number;
  readonly explorerPort: number;
  /** Where the local S3 keeps the published reports between runs. */
  readonly s3Dir: string;
}

/** Filled in by the steps as they run, for the steps after them. */
interface Shared {
  s3?: { endpoint: string; bucket: string };
  siteUrl?: string;
}

/** The local RDS Data API endpoint over the opened database, as the Lambdas reach Aurora. */
function dataApiStep(options: ServiceOptions): StartStep {
  return {
    name: 'local Data API endpoint',
    async run({ db, input }) {
      const server = await startDataApiServer({ sql: db, port: options.dataApiPort });
      const env = dataApiEnv(server);
      input.stdout.write(
        `local RDS Data API (loopback only, signatures not checked): ${server.url}\n` +
          `  DB_CLUSTER_ARN=${env.DB_CLUSTER_ARN}\n  DB_SECRET_ARN=${env.DB_SECRET_ARN}\n`,
      );
      return { name: 'local Data API endpoint', url: server.url, close: () => server.close() };
    },
  };
}

/** The local S3, then the real refresh handler publishing every report into it. */
function refreshStep(options: ServiceOptions, shared: Shared): StartStep {
  return {
    name: 'refresh',
    async run({ db, input }) {
      const s3 = await startLocalS3({ directory: path.resolve(options.s3Dir) });
      shared.s3 = { endpoint: s3.endpoint, bucket: LOCAL_REPORT_BUCKET };
      const progress = progressReporter(input.stderr);
      let last = { done: 0, unit: 'reports' };
      try {
        const result = await runLocalRefresh({
          sql: db,
          s3: shared.s3,
          kind: 'incremental',
          onProgress: (p) => {
            last = p;
            progress.update(p);
          },
        });
        progress.finish(last);
        input.stdout.write(
          result.status === 'skipped'
            ? `refresh skipped: ${result.reason}\n`
            : `refreshed the reports: generation ${result.generation}, data as of ${result.dataAsOf ?? 'no snapshots'} ` +
                `(${result.written} objects written, ${result.unchanged} unchanged)\n`,
        );
      } catch (error) {
        await s3.close();
        throw error;
      }
      return { name: 'local S3 (published reports)', url: s3.endpoint, close: () => s3.close() };
    },
  };
}

/** The static report site, reading the reports the refresh just published. */
function siteStep(options: ServiceOptions, shared: Shared): StartStep {
  return {
    name: 'report site',
    async run({ input }) {
      if (!shared.s3) throw new Error('the report site needs the refresh step before it');
      // The pages link to the explorer when its port is known before it starts.
      const explorerUrl = options.explorerPort ? `http://127.0.0.1:${options.explorerPort}/` : undefined;
      const site = await startSite({
        dataSource: s3ObjectStore(shared.s3),
        port: options.sitePort,
        ...(explorerUrl ? { buildEnv: { ...input.env, TUBELENS_EXPLORER_URL: explorerUrl } } : {}),
        onBuild: (dir) => input.stdout.write(`building the report site into ${dir}\n`),
      });
      shared.siteUrl = site.url;
      return { name: 'report site', url: site.url, close: () => site.close() };
    },
  };
}

/** The interactive explorer, answering live queries on the same database. */
function explorerStep(options: ServiceOptions, shared: Shared): StartStep {
  return {
    name: 'explorer',
    async run({ db, input }) {
      const explorer = await startLocalExplorer({
        sql: db,
        port: options.explorerPort,
        env: input.env,
        ...(shared.siteUrl ? { siteUrl: shared.siteUrl } : {}),
      });
      return { name: 'explorer', url: explorer.url, close: () => explorer.close() };
    },
  };
}

/** What `npm start` runs after the database is ready, in order. */
export function serviceSteps(options: ServiceOptions): StartStep[] {
  const shared: Shared = {};
  return [
    dataApiStep(options),
    refreshStep(options, shared),
    siteStep(options, shared),
    explorerStep(options, shared),
  ];
}
