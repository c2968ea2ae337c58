import { castFor, isTypedParam } from './param.ts';
import type { SqlParam } from './SqlClient.ts';
import { rewritePlaceholders } from './scanSql.ts';

/**
 * The PostgreSQL type a parameter is bound as. This mirrors what the RDS Data API does
 * (strings arrive as varchar, integers as bigint, floats as double), so a statement that
 * would fail on AWS fails under pg too instead of shipping.
 */
export function bindTypeOf(value: SqlParam): string | undefined {
  if (value === null || value === undefined) return undefined;
  if (typeof value === 'string') return 'varchar';
  if (typeof value === 'boolean') return 'boolean';
  if (typeof value === 'bigint') return 'int8';
  if (typeof value === 'number') return Number.isInteger(value) ? 'int8' : 'float8';
  if (value instanceof Date) return 'timestamp';
  if (value instanceof Uint8Array) return 'bytea';
  if (isTypedParam(value)) return castFor[value.kind];
  throw new TypeError(`unsupported SQL parameter: ${Object.prototype.toString.call(value)}`);
}

/** Text or binary value handed to the driver for one parameter. */
export function driverValueOf(value: SqlParam): string | Uint8Array | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string') return value;
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'bigint') return value.toString();
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new TypeError(`SQL parameter is not a finite number: ${value}`);
    return String(value);
  }
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) throw new TypeError('SQL parameter is an Invalid Date');
    return value.toISOString().replace('T', ' ').replace('Z', '');
  }
  if (value instanceof Uint8Array) return value;
  if (isTypedParam(value)) return value.text;
  throw new TypeError(`unsupported SQL parameter: ${Object.prototype.toString.call(value)}`);
}

/** Rewrites `$n` to `$n::type` for each typed parameter and converts the values for a driver. */
export function bindParams(text: string, params: readonly SqlParam[] = []) {
  const used = new Set<number>();
  const boundText = params.length
    ? rewritePlaceholders(text, /\$(\d+)(?![\d])/g, (match) => {
        const index = Number(match[1]);
        if (index < 1 || index > params.length) {
          throw new RangeError(`placeholder $${index} has no parameter (${params.length} given)`);
        }
        used.add(index);
        const type = bindTypeOf(params[index - 1]!);
        return type ? `$${index}::${type}` : `$${index}`;
      })
    : text;
  if (used.size !== params.length) {
    const unused = params.map((_, i) => i + 1).filter((i) => !used.has(i));
    throw new RangeError(`parameters ${unused.map((i) => `$${i}`).join(', ')} are not used in the statement`);
  }
  return { text: boundText, values: params.map(driverValueOf) };
}
