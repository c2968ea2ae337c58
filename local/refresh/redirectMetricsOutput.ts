import type { Metrics } from '@aws-lambda-powertools/metrics';

/**
 * Sends a Metrics instance's EMF lines to `write` instead of stdout. Powertools prints EMF
 * through a private console made at construction (CloudWatch reads it from the function's log);
 * locally the lines would clutter the terminal, and tests read them to check what was emitted.
 */
export function redirectMetricsOutput(metrics: Metrics, write: (line: string) => void): Metrics {
  (metrics as unknown as { console: { log(line: string): void } }).console = { log: write };
  return metrics;
}
