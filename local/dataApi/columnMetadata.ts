import { jdbcTypeOf, type PgType } from './pgTypes.ts';
import type { TableColumn } from './TableColumnCache.ts';

/** Scale of a numeric column from its type modifier, or undefined when unconstrained. */
export function numericScale(typmod: number): number | undefined {
  return typmod >= 4 ? (typmod - 4) & 0xffff : undefined;
}

function precisionOf(type: PgType, typmod: number): number {
  const fixed: Record<string, number> = {
    int2: 5,
    int4: 10,
    int8: 19,
    oid: 10,
    float4: 8,
    float8: 17,
    bool: 1,
    date: 13,
    time: 15,
    timetz: 21,
    timestamp: 29,
    timestamptz: 35,
  };
  if (type.name in fixed) return fixed[type.name]!;
  if (type.name === 'numeric') return typmod >= 4 ? ((typmod - 4) >> 16) & 0xffff : 0;
  if (type.name === 'varchar' || type.name === 'bpchar') return typmod >= 4 ? typmod - 4 : 2147483647;
  return 2147483647;
}

function scaleOf(type: PgType, typmod: number): number {
  if (type.name === 'numeric') return numericScale(typmod) ?? 0;
  if (type.name === 'float8') return 17;
  if (type.name === 'float4') return 8;
  if (['time', 'timetz', 'timestamp', 'timestamptz'].includes(type.name)) return 6;
  return 0;
}

const SERIAL_NAMES: Record<string, string> = { int4: 'serial', int8: 'bigserial', int2: 'smallserial' };

/** ColumnMetadata as the JDBC driver behind the Data API describes a column. */
export function columnMetadata(name: string, type: PgType, typmod: number, column?: TableColumn) {
  const autoIncrement = column?.autoIncrement ?? false;
  return {
    name,
    label: name,
    type: jdbcTypeOf(type),
    // pgjdbc names an auto-increment int4/int8/int2 column serial/bigserial/smallserial.
    typeName: (autoIncrement && SERIAL_NAMES[type.name]) || type.name,
    schemaName: '',
    tableName: '',
    isAutoIncrement: autoIncrement,
    isSigned: type.category === 'N',
    isCurrency: type.name === 'money',
    isCaseSensitive: type.category === 'S' || type.name === 'char',
    // columnNoNulls (0) for NOT NULL table columns, columnNullable (1) otherwise.
    nullable: column?.notNull ? 0 : 1,
    precision: precisionOf(type, typmod),
    scale: scaleOf(type, typmod),
    arrayBaseColumnType: 0,
  };
}
