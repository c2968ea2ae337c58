import type { Logger } from '@aws-lambda-powertools/logger';
import { type Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import type { RefreshStepResult } from './fanOut/runRefreshStep.ts';

/** The CloudWatch metrics and the log line of one invocation's result, whatever step it was. */
export function recordRefreshMetrics(metrics: Metrics, logger: Logger, result: RefreshStepResult): void {
  switch (result.status) {
    case 'planned':
      metrics.addMetric('RefreshBatchesPlanned', MetricUnit.Count, result.batches.length);
      break;
    case 'batched':
      // Not ChannelsComputed: the finishing step reports the run's total under that name.
      metrics.addMetric('BatchChannelsComputed', MetricUnit.Count, result.channels);
      break;
    case 'aborted':
      metrics.addMetric('RefreshAborted', MetricUnit.Count, 1);
      break;
    case 'skipped':
      metrics.addMetric('RefreshSkipped', MetricUnit.Count, 1);
      return;
    case 'published':
      metrics.addMetric('ObjectsWritten', MetricUnit.Count, result.written);
      metrics.addMetric('ObjectsUnchanged', MetricUnit.Count, result.unchanged);
      metrics.addMetric('BytesWritten', MetricUnit.Bytes, result.bytesWritten);
      metrics.addMetric('ChannelsComputed', MetricUnit.Count, result.channelsComputed);
      metrics.addMetric('ObjectsDeleted', MetricUnit.Count, result.deleted);
      metrics.addMetric('RefreshDuration', MetricUnit.Milliseconds, result.durationMs);
      logger.info('refresh published', { ...result });
      return;
  }
  logger.info(`refresh step ${result.status}`, { ...result });
}
