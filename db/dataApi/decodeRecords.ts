import type { ArrayValue, ColumnMetadata, Field } from '@aws-sdk/client-rds-data';
import { arrayElementOid, OID, parseTimestamp } from '../sql/decodeText.ts';
import type { QueryField, Row } from '../sql/SqlClient.ts';

type Decoder = (field: Field) => unknown;

const text = (f: Field) => f.stringValue ?? String(f.longValue ?? f.doubleValue ?? f.booleanValue);
const toNumber = (f: Field) => (f.longValue !== undefined ? Number(f.longValue) : Number(f.stringValue));

/**
 * Field → the JavaScript value the SqlClient port promises, by the column's PostgreSQL type name
 * (the adapter always asks for columnMetadata and longReturnType STRING, so int8 arrives as its
 * exact digits and becomes a bigint).
 */
const scalar: Record<string, Decoder> = {
  int2: toNumber,
  int4: toNumber,
  oid: toNumber,
  int8: (f) => BigInt(f.stringValue ?? (f.longValue as number)),
  float4: (f) => f.doubleValue ?? Number(f.stringValue),
  float8: (f) => f.doubleValue ?? Number(f.stringValue),
  numeric: text,
  bool: (f) => f.booleanValue,
  bytea: (f) => {
    const blob = f.blobValue!;
    return new Uint8Array(blob.buffer, blob.byteOffset, blob.byteLength);
  },
  timestamp: (f) => parseTimestamp(f.stringValue!),
  timestamptz: (f) => parseTimestamp(f.stringValue!),
  json: (f) => JSON.parse(f.stringValue!),
  jsonb: (f) => JSON.parse(f.stringValue!),
};

function decodeArray(array: ArrayValue, element: string): unknown[] {
  if (array.arrayValues) throw new TypeError('multi-dimensional arrays are not supported');
  const decode = scalar[element] ?? text;
  if (array.stringValues)
    return array.stringValues.map((s) => (s === null ? null : decode({ stringValue: s })));
  if (array.longValues) return array.longValues.map((n) => (n === null ? null : decode({ longValue: n })));
  if (array.doubleValues)
    return array.doubleValues.map((n) => (n === null ? null : decode({ doubleValue: n })));
  if (array.booleanValues) return [...array.booleanValues];
  return [];
}

/**
 * The JDBC driver behind the Data API reports an auto-increment column (serial, identity) as
 * serial/bigserial rather than int4/int8; decode those, and the SQL spellings, as their base types.
 */
const aliases: Record<string, string> = {
  serial: 'int4',
  serial4: 'int4',
  bigserial: 'int8',
  serial8: 'int8',
  smallserial: 'int2',
  serial2: 'int2',
  integer: 'int4',
  bigint: 'int8',
  smallint: 'int2',
  boolean: 'bool',
};

/** The PostgreSQL type name a column's typeName stands for. */
export function baseTypeName(typeName: string): string {
  const name = typeName.toLowerCase();
  return aliases[name] ?? name;
}

export function decodeField(field: Field, typeName: string): unknown {
  if (field.isNull) return null;
  if (field.arrayValue) return decodeArray(field.arrayValue, typeName.replace(/^_/, ''));
  return (scalar[typeName] ?? text)(field);
}

const oidByName: Record<string, number> = {
  ...(OID as Record<string, number>),
  ...Object.fromEntries(
    Object.entries(arrayElementOid).map(([array, element]) => [
      `_${Object.entries(OID).find(([, oid]) => oid === element)![0]}`,
      Number(array),
    ]),
  ),
};

/** Column names and type OIDs in the port's shape (0 for types the port does not name). */
export function fieldsOf(metadata: readonly ColumnMetadata[]): QueryField[] {
  return metadata.map((m) => ({
    name: m.label ?? m.name ?? '',
    dataTypeID: oidByName[baseTypeName(m.typeName ?? '')] ?? 0,
  }));
}

/** Records and their columnMetadata → rows keyed by column name. */
export function decodeRecords<R extends Row>(
  records: readonly Field[][],
  metadata: readonly ColumnMetadata[],
): R[] {
  const names = metadata.map((m) => m.label ?? m.name ?? '');
  const types = metadata.map((m) => baseTypeName(m.typeName ?? ''));
  return records.map((record) => {
    const row: Row = {};
    record.forEach((field, i) => {
      row[names[i]!] = decodeField(field, types[i]!);
    });
    return row as R;
  });
}
