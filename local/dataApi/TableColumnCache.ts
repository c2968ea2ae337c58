import type { RawExecutor, RawField } from './rawBackend.ts';

/** What the JDBC driver behind the Data API reads from the catalog about a table column. */
export interface TableColumn {
  /** A serial or identity column (pgjdbc reports its type as serial/bigserial). */
  readonly autoIncrement: boolean;
  readonly notNull: boolean;
}

const keyOf = (tableOid: number, column: number) => `${tableOid}.${column}`;

/**
 * Table columns behind result columns, looked up in pg_attribute for columnMetadata (pg reports
 * the table and column number of each result field that comes straight from a table).
 */
export class TableColumnCache {
  readonly #columns = new Map<string, TableColumn>();

  get(field: RawField): TableColumn | undefined {
    if (!field.tableOid || !field.column) return undefined;
    return this.#columns.get(keyOf(field.tableOid, field.column));
  }

  async resolve(fields: readonly RawField[], executor: RawExecutor): Promise<void> {
    const missing = fields.filter(
      (f) => f.tableOid && f.column && !this.#columns.has(keyOf(f.tableOid, f.column)),
    );
    if (missing.length === 0) return;
    const result = await executor.run({
      text: `SELECT a.attrelid::int8, a.attnum::int8, a.attnotnull,
                    a.attidentity <> '' OR coalesce(pg_get_expr(d.adbin, d.adrelid) LIKE 'nextval(%', false)
             FROM pg_attribute a
             LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
             WHERE (a.attrelid, a.attnum) IN (SELECT * FROM unnest($1::oid[], $2::int2[]))`,
      values: [
        `{${missing.map((f) => f.tableOid).join(',')}}`,
        `{${missing.map((f) => f.column).join(',')}}`,
      ],
    });
    for (const [table, column, notNull, auto] of result.rows) {
      this.#columns.set(keyOf(Number(table), Number(column)), {
        autoIncrement: auto === 't',
        notNull: notNull === 't',
      });
    }
  }
}
