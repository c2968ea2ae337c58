import type { RawExecutor } from './rawBackend.ts';

/** What the endpoint needs to know about a column type to encode it as AWS does. */
export interface PgType {
  readonly oid: number;
  readonly name: string;
  /** pg_type.typcategory: A array, B bool, D date/time, G geometric, N numeric, R range, S string, ... */
  readonly category: string;
  /** Element type of an array type. */
  readonly elem: number;
}

const builtin: [number, string, string, number?][] = [
  [16, 'bool', 'B'],
  [17, 'bytea', 'U'],
  [18, 'char', 'Z'],
  [19, 'name', 'S'],
  [20, 'int8', 'N'],
  [21, 'int2', 'N'],
  [23, 'int4', 'N'],
  [25, 'text', 'S'],
  [26, 'oid', 'N'],
  [114, 'json', 'U'],
  [142, 'xml', 'U'],
  [600, 'point', 'G'],
  [601, 'lseg', 'G'],
  [602, 'path', 'G'],
  [603, 'box', 'G'],
  [604, 'polygon', 'G'],
  [628, 'line', 'G'],
  [718, 'circle', 'G'],
  [650, 'cidr', 'I'],
  [869, 'inet', 'I'],
  [700, 'float4', 'N'],
  [701, 'float8', 'N'],
  [790, 'money', 'N'],
  [774, 'macaddr8', 'U'],
  [829, 'macaddr', 'U'],
  [1042, 'bpchar', 'S'],
  [1043, 'varchar', 'S'],
  [1082, 'date', 'D'],
  [1083, 'time', 'D'],
  [1114, 'timestamp', 'D'],
  [1184, 'timestamptz', 'D'],
  [1186, 'interval', 'T'],
  [1266, 'timetz', 'D'],
  [1560, 'bit', 'V'],
  [1562, 'varbit', 'V'],
  [1700, 'numeric', 'N'],
  [2278, 'void', 'P'],
  [2950, 'uuid', 'U'],
  [3802, 'jsonb', 'U'],
  [3904, 'int4range', 'R'],
  [3906, 'numrange', 'R'],
  [3908, 'tsrange', 'R'],
  [3910, 'tstzrange', 'R'],
  [3912, 'daterange', 'R'],
  [3926, 'int8range', 'R'],
  [199, '_json', 'A', 114],
  [651, '_cidr', 'A', 650],
  [791, '_money', 'A', 790],
  [1000, '_bool', 'A', 16],
  [1001, '_bytea', 'A', 17],
  [1003, '_name', 'A', 19],
  [1005, '_int2', 'A', 21],
  [1007, '_int4', 'A', 23],
  [1009, '_text', 'A', 25],
  [1014, '_bpchar', 'A', 1042],
  [1015, '_varchar', 'A', 1043],
  [1016, '_int8', 'A', 20],
  [1021, '_float4', 'A', 700],
  [1022, '_float8', 'A', 701],
  [1028, '_oid', 'A', 26],
  [1040, '_macaddr', 'A', 829],
  [1041, '_inet', 'A', 869],
  [1115, '_timestamp', 'A', 1114],
  [1182, '_date', 'A', 1082],
  [1183, '_time', 'A', 1083],
  [1185, '_timestamptz', 'A', 1184],
  [1231, '_numeric', 'A', 1700],
  [1270, '_timetz', 'A', 1266],
  [1561, '_bit', 'A', 1560],
  [2951, '_uuid', 'A', 2950],
  [3807, '_jsonb', 'A', 3802],
];

/** Resolves type OIDs to names, asking pg_type for the ones it has not seen (enums, domains). */
export class PgTypeCache {
  readonly #types = new Map<number, PgType>(
    builtin.map(([oid, name, category, elem]) => [oid, { oid, name, category, elem: elem ?? 0 }]),
  );

  get(oid: number): PgType {
    return this.#types.get(oid) ?? { oid, name: `oid_${oid}`, category: 'X', elem: 0 };
  }

  /** Looks up unknown OIDs on the executor that ran the statement (inside its transaction). */
  async resolve(oids: readonly number[], executor: RawExecutor): Promise<void> {
    const missing = [...new Set(oids)].filter((oid) => !this.#types.has(oid));
    if (missing.length === 0) return;
    const result = await executor.run({
      text: `SELECT t.oid::int8, t.typname, t.typcategory, t.typelem::int8, t.typtype, t.typbasetype::int8
             FROM pg_type t WHERE t.oid = ANY($1::oid[])`,
      values: [`{${missing.join(',')}}`],
    });
    const domains: [number, number][] = [];
    for (const [oid, name, category, elem, kind, base] of result.rows) {
      const type = { oid: Number(oid), name: name!, category: category!, elem: Number(elem) };
      this.#types.set(type.oid, type);
      if (kind === 'd') domains.push([type.oid, Number(base)]);
    }
    // A domain is encoded as its base type, under its own name.
    if (domains.length) {
      await this.resolve(
        domains.map(([, base]) => base),
        executor,
      );
      for (const [oid, base] of domains) {
        const baseType = this.get(base);
        this.#types.set(oid, { ...baseType, oid, name: this.get(oid).name });
      }
    }
  }
}

/** JDBC type code (java.sql.Types) that the PostgreSQL JDBC driver reports for a type. */
export function jdbcTypeOf(type: PgType): number {
  switch (type.name) {
    case 'bool':
    case 'bit':
      return -7; // BIT
    case 'int2':
      return 5;
    case 'int4':
      return 4;
    case 'int8':
    case 'oid':
      return -5;
    case 'float4':
      return 7;
    case 'float8':
      return 8;
    case 'numeric':
    case 'money':
      return 2;
    case 'bpchar':
    case 'char':
      return 1;
    case 'text':
    case 'varchar':
    case 'name':
      return 12;
    case 'date':
      return 91;
    case 'time':
    case 'timetz':
      return 92;
    case 'timestamp':
    case 'timestamptz':
      return 93;
    case 'bytea':
      return -2;
    default:
      return type.category === 'A' ? 2003 : 1111; // ARRAY : OTHER
  }
}
