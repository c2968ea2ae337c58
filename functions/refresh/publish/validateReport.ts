import * as z from 'zod/mini';
import {
  type ChannelReport,
  channelReport,
  type ReportName,
  reportSchemas,
} from '../../../db/reports/contract/index.ts';
import { ReportValidationError } from '../errors.ts';

// The refresh checks every report against the contract's schemas compiled (z.compile): the same
// checks and output, a valid report through generated code, an invalid one through zod's own
// parser, so the messages are zod's. 1,000 channel reports with the growth sections: 16 ms
// against 300 ms (docs/growth.md, "Measured"). Compiled once, on first use; the site keeps the
// plain schemas (its bundle budget and its CSP: compiling uses `new Function`).
const compiled = new Map<z.ZodMiniType, z.ZodMiniType>();
function compiledSchema<T extends z.ZodMiniType>(schema: T): T {
  let c = compiled.get(schema);
  if (!c) {
    c = z.compile(schema);
    compiled.set(schema, c);
  }
  return c as T;
}

/** The report as its schema parses it; a mismatch is a bug in a query and is never published. */
export function validateReport(name: ReportName, value: unknown): unknown {
  const result = compiledSchema(reportSchemas[name]).safeParse(value);
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
  const result = compiledSchema(channelReport).safeParse(value);
  if (!result.success) {
    throw new ReportValidationError(
      `channel report ${value.channel.channelId} does not match its schema: ${result.error.message}`,
      `channel:${value.channel.channelId}`,
    );
  }
  return result.data;
}
