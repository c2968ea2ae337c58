/**
 * One decoder per PostgreSQL type OID, from the text wire format to the JavaScript value that the
 * SqlClient port promises. The pg adapter installs these; the Data API adapter reaches the same
 * values from Field unions, so rows are equal whichever adapter produced them.
 */
export type TextDecoder = (text: string) => unknown;

export const OID = {
  bool: 16,
  bytea: 17,
  int8: 20,
  int2: 21,
  int4: 23,
  text: 25,
  oid: 26,
  json: 114,
  float4: 700,
  float8: 701,
  varchar: 1043,
  bpchar: 1042,
  date: 1082,
  time: 1083,
  timestamp: 1114,
  timestamptz: 1184,
  numeric: 1700,
  uuid: 2950,
  jsonb: 3802,
} as const;

const identity: TextDecoder = (text) => text;
const toInt: TextDecoder = (text) => Number.parseInt(text, 10);
const toFloat: TextDecoder = (text) => Number.parseFloat(text);

/** A timestamp without time zone is read as UTC, as the Data API documents. */
export function parseTimestamp(text: string): Date | string {
  if (text === 'infinity' || text === '-infinity') return text;
  const iso = text.replace(' ', 'T');
  const hasZone = /([+-]\d{2}(:?\d{2})?|Z)$/.test(iso.slice(10));
  const date = new Date(hasZone ? normaliseOffset(iso) : `${iso}Z`);
  return Number.isNaN(date.getTime()) ? text : date;
}

function normaliseOffset(iso: string): string {
  // PostgreSQL writes "+00" or "+05:30"; Date wants "+00:00".
  return iso.replace(/([+-]\d{2})$/, '$1:00');
}

export function parseBytea(text: string): Uint8Array {
  if (text.startsWith('\\x')) return Uint8Array.from(Buffer.from(text.slice(2), 'hex'));
  throw new TypeError('bytea in escape format is not supported; set bytea_output = hex');
}

const scalar: Record<number, TextDecoder> = {
  [OID.bool]: (text) => text === 't' || text === 'true',
  [OID.bytea]: parseBytea,
  [OID.int8]: (text) => BigInt(text),
  [OID.int2]: toInt,
  [OID.int4]: toInt,
  [OID.oid]: toInt,
  [OID.text]: identity,
  [OID.varchar]: identity,
  [OID.bpchar]: identity,
  [OID.json]: (text) => JSON.parse(text),
  [OID.jsonb]: (text) => JSON.parse(text),
  [OID.float4]: toFloat,
  [OID.float8]: toFloat,
  [OID.date]: identity,
  [OID.time]: identity,
  [OID.timestamp]: parseTimestamp,
  [OID.timestamptz]: parseTimestamp,
  [OID.numeric]: identity,
  [OID.uuid]: identity,
};

/** Array type OID → element type OID, for the arrays the Data API supports. */
export const arrayElementOid: Record<number, number> = {
  1000: OID.bool,
  1001: OID.bytea,
  1016: OID.int8,
  1005: OID.int2,
  1007: OID.int4,
  1009: OID.text,
  1015: OID.varchar,
  1014: OID.bpchar,
  199: OID.json,
  3807: OID.jsonb,
  1021: OID.float4,
  1022: OID.float8,
  1182: OID.date,
  1183: OID.time,
  1115: OID.timestamp,
  1185: OID.timestamptz,
  1231: OID.numeric,
  2951: OID.uuid,
};

/** Parses a one-dimensional PostgreSQL array literal such as `{a,"b c",NULL}`. */
export function parseArrayLiteral(text: string, element: TextDecoder): unknown[] {
  if (!text.startsWith('{')) throw new TypeError(`not an array literal: ${text.slice(0, 40)}`);
  const out: unknown[] = [];
  let i = 1;
  if (text[i] === '}') return out;
  while (i < text.length) {
    if (text[i] === '{') throw new TypeError('multi-dimensional arrays are not supported');
    let value: string | null;
    if (text[i] === '"') {
      let s = '';
      i += 1;
      while (text[i] !== '"') {
        if (text[i] === '\\') i += 1;
        s += text[i];
        i += 1;
      }
      i += 1;
      value = s;
    } else {
      let end = i;
      while (text[end] !== ',' && text[end] !== '}') end += 1;
      const raw = text.slice(i, end);
      value = raw === 'NULL' ? null : raw;
      i = end;
    }
    out.push(value === null ? null : element(value));
    if (text[i] === '}') break;
    i += 1; // comma
  }
  return out;
}

/** The decoder for a type OID, or undefined for types left as text by the driver's default. */
export function decoderFor(oid: number): TextDecoder | undefined {
  const direct = scalar[oid];
  if (direct) return direct;
  const elementOid = arrayElementOid[oid];
  if (elementOid !== undefined) {
    const element = scalar[elementOid]!;
    return (text) => parseArrayLiteral(text, element);
  }
  return undefined;
}
