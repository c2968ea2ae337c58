import type { MigrateResult } from '../../db/migrate.ts';
import {
  type CustomResourceEvent,
  type CustomResourceResponse,
  parseCustomResourceEvent,
} from './customResourceEvent.ts';
import { MigrateTimeoutError } from './errors.ts';
import type { MigrateConfig } from './readMigrateConfig.ts';

export interface MigrationLog {
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}

export interface MigrationRequestDeps {
  /** Read once at cold start. A bad configuration is answered as FAILED, never thrown, so the stack does not hang. */
  readonly config: MigrateConfig | Error;
  readonly runMigrations: (config: MigrateConfig) => Promise<MigrateResult>;
  /** True while the stack is rolling back an update (CloudFormation then sends Update again). */
  readonly isRollingBack: (stackId: string) => Promise<boolean>;
  /** Milliseconds left before Lambda stops the function (`context.getRemainingTimeInMillis`). */
  readonly remainingTimeMs: () => number;
  readonly send: (responseUrl: string, response: CustomResourceResponse) => Promise<void>;
  readonly log: MigrationLog;
  /** Time kept back to deliver the answer; sending retries for a few seconds at worst. */
  readonly answerMarginMs?: number;
}

const DEFAULT_ANSWER_MARGIN_MS = 15_000;

/** Names the resource the same on every request, so an Update never looks like a replacement. */
const PHYSICAL_RESOURCE_ID = 'tubelens-schema-migrations';

function withDeadline<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new MigrateTimeoutError(`migrations did not finish within ${Math.round(ms / 1000)} s`)),
      Math.max(0, ms),
    );
  });
  return Promise.race([work, deadline]).finally(() => clearTimeout(timer));
}

function describe(result: MigrateResult): string {
  if (result.applied.length === 0) return `schema already at version ${result.current}; nothing to apply`;
  const names = result.applied.map((m) => `${String(m.version).padStart(4, '0')}_${m.name}`).join(', ');
  return `applied ${result.applied.length} migration(s) (${names}); schema at version ${result.current}`;
}

async function decide(
  event: CustomResourceEvent,
  deps: MigrationRequestDeps,
): Promise<CustomResourceResponse> {
  const base = {
    PhysicalResourceId: event.PhysicalResourceId ?? PHYSICAL_RESOURCE_ID,
    StackId: event.StackId,
    RequestId: event.RequestId,
    LogicalResourceId: event.LogicalResourceId,
  };
  if (event.RequestType === 'Delete') {
    // Removing the stack (or this resource) must never drop the schema or the data in it.
    return {
      ...base,
      Status: 'SUCCESS',
      Reason: 'migrations are forward-only; the schema and its data stay',
    };
  }
  if (deps.config instanceof Error) {
    return { ...base, Status: 'FAILED', Reason: `migrate function misconfigured: ${deps.config.message}` };
  }
  if (event.RequestType === 'Update') {
    let rollingBack = false;
    try {
      rollingBack = await deps.isRollingBack(event.StackId);
    } catch (error) {
      deps.log.warn('could not read the stack status; treating the update as a deploy', { error });
    }
    if (rollingBack) {
      // A failed deploy is rolling back: the migration that failed was rolled back in its own
      // transaction, and the ones applied before it are compatible with the old code.
      return {
        ...base,
        Status: 'SUCCESS',
        Reason: 'stack is rolling back; migrations are forward-only, nothing to redo',
      };
    }
  }
  const budget = deps.remainingTimeMs() - (deps.answerMarginMs ?? DEFAULT_ANSWER_MARGIN_MS);
  try {
    const result = await withDeadline(deps.runMigrations(deps.config), budget);
    deps.log.info('migrations done', { applied: result.applied, current: result.current });
    return {
      ...base,
      Status: 'SUCCESS',
      Reason: describe(result),
      Data: {
        Applied: result.applied.map((m) => m.version).join(',') || 'none',
        CurrentVersion: result.current,
      },
    };
  } catch (error) {
    deps.log.error('migrations failed', { error });
    return { ...base, Status: 'FAILED', Reason: (error as Error).message };
  }
}

/**
 * Answers one CloudFormation custom resource request for the schema: Create and Update run every
 * pending migration, Delete leaves the database alone. Whatever happens (bad configuration,
 * failed migration, a run that would outlast the function) an answer goes to the ResponseURL.
 */
export async function answerMigrationRequest(
  rawEvent: unknown,
  deps: MigrationRequestDeps,
): Promise<CustomResourceResponse> {
  const event = parseCustomResourceEvent(rawEvent);
  deps.log.info('custom resource request', {
    requestType: event.RequestType,
    logicalResourceId: event.LogicalResourceId,
    requestId: event.RequestId,
  });
  const response = await decide(event, deps);
  await deps.send(event.ResponseURL, response);
  deps.log.info('answered CloudFormation', { status: response.Status, reason: response.Reason });
  return response;
}
