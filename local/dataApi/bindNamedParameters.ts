import { rewritePlaceholders } from '../../db/sql/scanSql.ts';
import { DataApiError } from './errors.ts';
import type { RawStatement } from './rawBackend.ts';
import type { SqlParameter } from './requestSchemas.ts';

/** The PostgreSQL type each typeHint binds as (typeHint formats in the service model). */
const hintCast: Record<string, string> = {
  UUID: 'uuid',
  TIMESTAMP: 'timestamp',
  DATE: 'date',
  TIME: 'time',
  DECIMAL: 'numeric',
  JSON: 'jsonb',
};

/**
 * Rewrites `:name` placeholders to `$n::type` and converts the Field values to text.
 * Types follow what AWS binds: stringValue as varchar (so `uuid_col = :id` fails without a
 * typeHint, exactly as on AWS), longValue as int8, doubleValue as float8, blobValue as bytea,
 * isNull untyped, and a typeHint as its own type.
 */
export function bindNamedParameters(sql: string, parameters: readonly SqlParameter[] = []): RawStatement {
  const byName = new Map<string, SqlParameter>();
  for (const parameter of parameters) {
    if (parameter.value?.arrayValue !== undefined) {
      throw new DataApiError('BadRequestException', 'Array parameters are not supported.');
    }
    if (parameter.name !== undefined) byName.set(parameter.name, parameter);
  }
  const index = new Map<string, number>();
  const values: (string | Uint8Array | null)[] = [];
  const casts: (string | undefined)[] = [];
  // Names as AWS accepts them: letters, digits and underscores, including all-digit names such as
  // `:1`, which Drizzle ORM's aws-data-api driver sends. `::type` casts are not placeholders.
  const text = rewritePlaceholders(sql, /(?<![:\w]):([A-Za-z0-9_]+)/g, (match) => {
    const name = match[1]!;
    const parameter = byName.get(name);
    if (!parameter) return match[0]; // left for PostgreSQL to reject as a syntax error
    let n = index.get(name);
    if (n === undefined) {
      const bound = bindValue(parameter);
      values.push(bound.value);
      casts.push(bound.cast);
      n = values.length;
      index.set(name, n);
    }
    const cast = casts[n - 1];
    return cast ? `$${n}::${cast}` : `$${n}`;
  });
  return { text, values };
}

function bindValue(parameter: SqlParameter): { value: string | Uint8Array | null; cast?: string } {
  const field = parameter.value ?? { isNull: true };
  const hinted = parameter.typeHint ? hintCast[parameter.typeHint] : undefined;
  if (field.isNull) return hinted ? { value: null, cast: hinted } : { value: null };
  if (field.stringValue !== undefined) return { value: field.stringValue, cast: hinted ?? 'varchar' };
  if (field.longValue !== undefined) return { value: String(field.longValue), cast: hinted ?? 'int8' };
  if (field.doubleValue !== undefined) return { value: String(field.doubleValue), cast: hinted ?? 'float8' };
  if (field.booleanValue !== undefined) return { value: String(field.booleanValue), cast: 'boolean' };
  if (field.blobValue !== undefined) return { value: Buffer.from(field.blobValue, 'base64'), cast: 'bytea' };
  return { value: null };
}
