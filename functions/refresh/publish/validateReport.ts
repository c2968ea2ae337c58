import {
  type ChannelReport,
  channelReport,
  type ReportName,
  reportSchemas,
} from '../../../db/reports/contract/index.ts';
import { ReportValidationError } from '../errors.ts';

/** The report as its schema parses it; a mismatch is a bug in a query and is never published. */
export function validateReport(name: ReportName, value: unknown): unknown {
  const result = reportSchemas[name].safeParse(value);
  if (!result.success) {
    throw new ReportValidationError(
      `report ${name} does not match its schema: ${result.error.message}`,
      name,
    );
  }
  return result.data;
}

/** One channel's report as its schema parses it. */
export function validateChannelReport(value: ChannelReport): ChannelReport {
  const result = channelReport.safeParse(value);
  if (!result.success) {
    throw new ReportValidationError(
      `channel report ${value.channel.channelId} does not match its schema: ${result.error.message}`,
      `channel:${value.channel.channelId}`,
    );
  }
  return result.data;
}
