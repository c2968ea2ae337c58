import type { EndpointContext } from './EndpointContext.ts';
import { encodeResult, type ResultOptions } from './encodeResult.ts';
import { DataApiError } from './errors.ts';
import type { RawExecutor, RawResult } from './rawBackend.ts';

const RESPONSE_TOO_LARGE = 'Database returned more than the allowed response size limit';

/** The ExecuteStatement response for a statement's result, within the response size limits. */
export async function encodeStatementResponse(
  ctx: EndpointContext,
  executor: RawExecutor,
  raw: RawResult,
  options: ResultOptions,
) {
  if (!raw.returnsRows)
    return JSON.stringify({ numberOfRecordsUpdated: raw.affectedRows, generatedFields: [] });
  await ctx.types.resolve(
    raw.fields.map((f) => f.oid),
    executor,
  );
  const types = raw.fields.map((f) => ctx.types.get(f.oid));
  await ctx.types.resolve(
    types.map((t) => t.elem).filter((oid) => oid !== 0),
    executor,
  );
  const elements = types.map((t) => ctx.types.get(t.elem));
  if (options.includeResultMetadata && options.formatRecordsAs === 'NONE') {
    await ctx.columns.resolve(raw.fields, executor);
  }
  const columns = raw.fields.map((f) => ctx.columns.get(f));
  const encoded = encodeResult(raw, types, elements, options, columns);
  if (encoded.formattedRecords !== undefined) {
    if (Buffer.byteLength(encoded.formattedRecords) > ctx.limits.maxJsonResponseBytes) {
      throw new DataApiError('BadRequestException', RESPONSE_TOO_LARGE);
    }
    return JSON.stringify({ ...encoded, numberOfRecordsUpdated: 0 });
  }
  const body = JSON.stringify({ ...encoded, numberOfRecordsUpdated: 0 });
  // The limit is on what the database returned; measured here as the JSON of the records, which
  // is larger than the raw rows, so the endpoint errs on the strict side of AWS.
  if (Buffer.byteLength(body) > ctx.limits.maxResponseBytes) {
    throw new DataApiError('BadRequestException', RESPONSE_TOO_LARGE);
  }
  return body;
}
