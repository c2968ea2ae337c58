/**
 * Typed parameters: values whose PostgreSQL type cannot be told from the JavaScript value.
 * The Data API sends them with a `typeHint`; the pg adapter casts the placeholder to the same type,
 * so all adapters accept and reject the same statements.
 */
export type TypedParamKind = 'uuid' | 'json' | 'decimal' | 'date' | 'timestamp' | 'time';

export interface TypedParam {
  readonly kind: TypedParamKind;
  /** Text form as PostgreSQL accepts it for the kind. */
  readonly text: string;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const TIME = /^\d{2}:\d{2}:\d{2}(\.\d{1,6})?$/;
const DECIMAL = /^[-+]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function typed(kind: TypedParamKind, text: string, valid: RegExp): TypedParam {
  if (!valid.test(text)) throw new TypeError(`not a valid ${kind} parameter: ${JSON.stringify(text)}`);
  return Object.freeze({ kind, text });
}

/** Formats a Date as the Data API's TIMESTAMP text: `YYYY-MM-DD HH:MM:SS.FFF` in UTC. */
export function timestampText(date: Date): string {
  if (Number.isNaN(date.getTime())) throw new TypeError('not a valid timestamp parameter: Invalid Date');
  return date.toISOString().replace('T', ' ').replace('Z', '');
}

export const param = {
  uuid: (value: string): TypedParam => typed('uuid', value, UUID),
  /** Any JSON-serialisable value, sent as jsonb. */
  json: (value: unknown): TypedParam => Object.freeze({ kind: 'json' as const, text: JSON.stringify(value) }),
  decimal: (value: string | bigint): TypedParam => typed('decimal', String(value), DECIMAL),
  date: (value: string): TypedParam => typed('date', value, DATE),
  timestamp: (value: Date): TypedParam =>
    Object.freeze({ kind: 'timestamp' as const, text: timestampText(value) }),
  time: (value: string): TypedParam => typed('time', value, TIME),
};

export function isTypedParam(value: unknown): value is TypedParam {
  return (
    typeof value === 'object' &&
    value !== null &&
    !(value instanceof Date) &&
    !(value instanceof Uint8Array) &&
    'kind' in value &&
    'text' in value
  );
}

/** PostgreSQL type each kind is cast to by the pg adapter. */
export const castFor: Record<TypedParamKind, string> = {
  uuid: 'uuid',
  json: 'jsonb',
  decimal: 'numeric',
  date: 'date',
  timestamp: 'timestamp',
  time: 'time',
};
