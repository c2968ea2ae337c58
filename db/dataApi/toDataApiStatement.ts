import type { SqlParameter } from '@aws-sdk/client-rds-data';
import { castFor, isTypedParam, type TypedParamKind, timestampText } from '../sql/param.ts';
import type { SqlParam } from '../sql/SqlClient.ts';
import { rewritePlaceholders } from '../sql/scanSql.ts';

const typeHintFor: Record<TypedParamKind, NonNullable<SqlParameter['typeHint']>> = {
  uuid: 'UUID',
  json: 'JSON',
  decimal: 'DECIMAL',
  date: 'DATE',
  timestamp: 'TIMESTAMP',
  time: 'TIME',
};

interface Bound {
  readonly value: NonNullable<SqlParameter['value']>;
  readonly typeHint?: SqlParameter['typeHint'];
  /** PostgreSQL type to CAST the placeholder to, so the type never depends on how AWS reads a hint. */
  readonly cast?: string;
}

/**
 * One port parameter as a Data API Field. Integers travel as longValue: the SDK writes a bigint's
 * exact digits, so values beyond 2^53 arrive intact. Dates and typed parameters carry a typeHint
 * and an explicit CAST to the type the pg adapter binds them as.
 */
export function toField(value: SqlParam): Bound {
  if (value === null || value === undefined) return { value: { isNull: true } };
  if (typeof value === 'string') return { value: { stringValue: value } };
  if (typeof value === 'boolean') return { value: { booleanValue: value } };
  if (typeof value === 'bigint') return { value: { longValue: value as unknown as number } };
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new TypeError(`SQL parameter is not a finite number: ${value}`);
    if (!Number.isInteger(value)) return { value: { doubleValue: value } };
    return {
      value: { longValue: Number.isSafeInteger(value) ? value : (BigInt(value) as unknown as number) },
    };
  }
  if (value instanceof Date) {
    return { value: { stringValue: timestampText(value) }, typeHint: 'TIMESTAMP', cast: 'timestamp' };
  }
  if (value instanceof Uint8Array) return { value: { blobValue: value } };
  if (isTypedParam(value)) {
    return {
      value: { stringValue: value.text },
      typeHint: typeHintFor[value.kind],
      cast: castFor[value.kind],
    };
  }
  throw new TypeError(`unsupported SQL parameter: ${Object.prototype.toString.call(value)}`);
}

/** Rewrites `$n` placeholders (outside strings and comments) to named `:pN` ones with their Fields. */
export function toDataApiStatement(text: string, params: readonly SqlParam[] = []) {
  const bound = params.map(toField);
  const used = new Set<number>();
  const sql = params.length
    ? rewritePlaceholders(text, /\$(\d+)(?![\d])/g, (match) => {
        const index = Number(match[1]);
        if (index < 1 || index > params.length) {
          throw new RangeError(`placeholder $${index} has no parameter (${params.length} given)`);
        }
        used.add(index);
        const cast = bound[index - 1]!.cast;
        return cast ? `CAST(:p${index} AS ${cast})` : `:p${index}`;
      })
    : text;
  if (used.size !== params.length) {
    const unused = params.map((_, i) => i + 1).filter((i) => !used.has(i));
    throw new RangeError(`parameters ${unused.map((i) => `$${i}`).join(', ')} are not used in the statement`);
  }
  const parameters: SqlParameter[] = bound.map((b, i) => ({
    name: `p${i + 1}`,
    value: b.value,
    ...(b.typeHint ? { typeHint: b.typeHint } : {}),
  }));
  return { sql, parameters };
}
