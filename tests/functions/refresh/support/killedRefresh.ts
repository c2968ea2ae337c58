// Runs one refresh through the Data API into a directory and SIGKILLs itself the moment every
// report is written and the manifest is next: a Lambda killed at the worst point (timeout, OOM).
import { openDataApiClient } from '../../../../db/dataApi/openDataApiClient.ts';
import { directoryObjectStore } from '../../../../functions/refresh/objectStore/directoryObjectStore.ts';
import { refreshReports } from '../../../../functions/refresh/refreshReports.ts';

const env = process.env;
const sql = openDataApiClient({
  resourceArn: env.DB_CLUSTER_ARN!,
  secretArn: env.DB_SECRET_ARN!,
  database: env.DB_NAME,
  endpoint: env.RDS_DATA_ENDPOINT,
  region: 'us-east-1',
  credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
});
await refreshReports({
  sql,
  store: directoryObjectStore(env.OUT_DIR!),
  kind: 'full',
  beforeManifest: async () => {
    process.stdout.write('reports written\n');
    process.kill(process.pid, 'SIGKILL');
    await new Promise(() => {});
  },
});
