import { parseArrayLiteral } from '../../db/sql/decodeText.ts';
import { columnMetadata, numericScale } from './columnMetadata.ts';
import { DataApiError } from './errors.ts';
import type { PgType } from './pgTypes.ts';
import type { RawResult } from './rawBackend.ts';
import type { TableColumn } from './TableColumnCache.ts';
import { timestamptzToUtc, timetzToUtc } from './utcText.ts';

/** `JSON.rawJSON` (Node 21+) writes an integer's exact digits, as AWS's Java service does. */
const rawJSON = (JSON as unknown as { rawJSON(text: string): unknown }).rawJSON;

export interface ResultOptions {
  readonly includeResultMetadata: boolean;
  readonly formatRecordsAs: 'NONE' | 'JSON';
  readonly decimalReturnType: 'STRING' | 'DOUBLE_OR_LONG';
  readonly longReturnType: 'LONG' | 'STRING';
  readonly maxRowBytes: number;
}

type Kind =
  | 'long'
  | 'double'
  | 'decimal'
  | 'bool'
  | 'bit'
  | 'blob'
  | 'tstz'
  | 'timetz'
  | 'void'
  | 'array'
  | 'string'
  | 'unsupported';

function kindOf(type: PgType): Kind {
  switch (type.name) {
    case 'int2':
    case 'int4':
    case 'int8':
      return 'long';
    case 'float4':
    case 'float8':
      return 'double';
    case 'numeric':
      return 'decimal';
    case 'bool':
      return 'bool';
    case 'bit':
      return 'bit';
    case 'bytea':
      return 'blob';
    case 'timestamptz':
      return 'tstz';
    case 'timetz':
      return 'timetz';
    case 'void':
      return 'void';
    // "The result contains the unsupported data type": money, macaddr, geometric and range types.
    case 'money':
    case 'macaddr':
    case 'macaddr8':
      return 'unsupported';
  }
  if (type.category === 'A') return 'array';
  if (type.category === 'G' || type.category === 'R') return 'unsupported';
  return 'string';
}

/** Element types the Data API returns in an arrayValue (data-api-operations, supported types). */
const ARRAY_ELEMENTS = new Set([
  'bool',
  'bit',
  'date',
  'numeric',
  'float4',
  'float8',
  'int2',
  'int4',
  'int8',
  'json',
  'jsonb',
  'text',
  'varchar',
  'bpchar',
  'name',
  'time',
  'timestamp',
  'timestamptz',
  'uuid',
]);

function unsupported(type: PgType): DataApiError {
  return new DataApiError(
    'UnsupportedResultException',
    `The result contains the unsupported data type ${type.name.replace(/^_/, '')}.`,
  );
}

const base64OfBytea = (text: string) => Buffer.from(text.slice(2), 'hex').toString('base64');

function scalarField(kind: Kind, text: string, type: PgType, typmod: number, options: ResultOptions) {
  switch (kind) {
    case 'long':
      return options.longReturnType === 'STRING' ? { stringValue: text } : { longValue: rawJSON(text) };
    case 'double': {
      const value = Number(text);
      return Number.isFinite(value) ? { doubleValue: value } : { stringValue: text };
    }
    case 'decimal': {
      if (options.decimalReturnType === 'STRING' || text === 'NaN') return { stringValue: text };
      // DOUBLE_OR_LONG: a long when the scale is 0, a double otherwise.
      const scale = numericScale(typmod) ?? (text.includes('.') ? 1 : 0);
      return scale === 0 ? { longValue: rawJSON(text) } : { doubleValue: Number(text) };
    }
    case 'bool':
      return { booleanValue: text === 't' };
    case 'bit':
      return text === '0' || text === '1' ? { booleanValue: text === '1' } : { stringValue: text };
    case 'blob':
      return { blobValue: base64OfBytea(text) };
    case 'tstz':
      return { stringValue: timestamptzToUtc(text) };
    case 'timetz':
      return { stringValue: timetzToUtc(text) };
    case 'void':
      return { stringValue: '' };
    case 'string':
      return { stringValue: text };
    default:
      throw unsupported(type);
  }
}

function arrayField(text: string, element: PgType, type: PgType, options: ResultOptions) {
  if (!ARRAY_ELEMENTS.has(element.name)) throw unsupported(type);
  let items: (string | null)[];
  try {
    items = parseArrayLiteral(text, (s) => s) as (string | null)[];
  } catch {
    // Multi-dimensional arrays and arrays with explicit bounds.
    throw new DataApiError('UnsupportedResultException', 'The result contains a multidimensional array.');
  }
  const kind = kindOf(element);
  const map = <T>(f: (s: string) => T) => items.map((s) => (s === null ? null : f(s)));
  switch (kind) {
    case 'long':
      return options.longReturnType === 'STRING'
        ? { stringValues: map((s) => s) }
        : { longValues: map((s) => rawJSON(s)) };
    case 'double':
      return { doubleValues: map(Number) };
    case 'bool':
      return { booleanValues: map((s) => s === 't') };
    case 'bit':
      return { booleanValues: map((s) => s === '1') };
    case 'tstz':
      return { stringValues: map(timestamptzToUtc) };
    default:
      return { stringValues: map((s) => s) };
  }
}

function jsonValue(
  kind: Kind,
  text: string,
  type: PgType,
  element: PgType,
  typmod: number,
  options: ResultOptions,
) {
  if (kind === 'array') {
    const field = arrayField(text, element, type, options);
    return Object.values(field)[0];
  }
  const field = scalarField(kind, text, type, typmod, options) as Record<string, unknown>;
  if ('booleanValue' in field) return field.booleanValue;
  if ('longValue' in field) return field.longValue;
  if ('doubleValue' in field) return field.doubleValue;
  if ('blobValue' in field) return field.blobValue;
  return field.stringValue;
}

function rowBytes(row: readonly (string | null)[], kinds: readonly Kind[]): number {
  let bytes = 0;
  row.forEach((text, i) => {
    if (text === null) return;
    bytes += kinds[i] === 'blob' ? (text.length - 2) / 2 : Buffer.byteLength(text);
  });
  return bytes;
}

/**
 * Encodes a statement's rows as an ExecuteStatement response: `records` of Field unions, or
 * `formattedRecords` for formatRecordsAs JSON; `columnMetadata` only when it was asked for.
 */
export interface EncodedResult {
  records?: unknown[][];
  formattedRecords?: string;
  columnMetadata?: unknown[];
}

export function encodeResult(
  raw: RawResult,
  types: readonly PgType[],
  elementTypes: readonly PgType[],
  options: ResultOptions,
  columns: readonly (TableColumn | undefined)[] = [],
): EncodedResult {
  const kinds = types.map(kindOf);
  kinds.forEach((kind, i) => {
    if (kind === 'unsupported') throw unsupported(types[i]!);
  });
  for (const row of raw.rows) {
    if (rowBytes(row, kinds) > options.maxRowBytes) {
      throw new DataApiError('BadRequestException', 'Packet for query is too large.');
    }
  }
  const metadata = options.includeResultMetadata
    ? { columnMetadata: raw.fields.map((f, i) => columnMetadata(f.name, types[i]!, f.typmod, columns[i])) }
    : {};
  if (options.formatRecordsAs === 'JSON') {
    const labels = raw.fields.map((f) => f.name);
    const duplicate = labels.find((label, i) => labels.indexOf(label) !== i);
    if (duplicate !== undefined) {
      throw new DataApiError(
        'BadRequestException',
        `The result contains duplicate column names (${duplicate}); formatRecordsAs JSON needs unique column labels.`,
      );
    }
    const objects = raw.rows.map((row) =>
      Object.fromEntries(
        row.map((text, i) => [
          labels[i],
          text === null
            ? null
            : jsonValue(kinds[i]!, text, types[i]!, elementTypes[i]!, raw.fields[i]!.typmod, options),
        ]),
      ),
    );
    // "columnMetadata: This field is blank if the formatRecordsAs parameter is set to JSON."
    return { formattedRecords: JSON.stringify(objects) };
  }
  const records = raw.rows.map((row) =>
    row.map((text, i) => {
      if (text === null) return { isNull: true };
      const kind = kinds[i]!;
      if (kind === 'array') return { arrayValue: arrayField(text, elementTypes[i]!, types[i]!, options) };
      return scalarField(kind, text, types[i]!, raw.fields[i]!.typmod, options);
    }),
  );
  return { ...metadata, records };
}
