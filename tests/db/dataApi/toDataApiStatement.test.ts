import { describe, expect, it } from 'vitest';
import { toDataApiStatement, toField } from '../../../db/dataApi/toDataApiStatement.ts';
import { param } from '../../../db/sql/param.ts';

describe('toDataApiStatement', () => {
  it('names $n placeholders :pN and leaves strings, identifiers and comments alone', () => {
    const { sql, parameters } = toDataApiStatement(
      `SELECT '$1' AS "$1", $1 AS a, $2 AS b -- $1\n/* $2 */ , $$ $1 $$ AS c, $1 AS again`,
      ['x', 2],
    );
    expect(sql).toBe(`SELECT '$1' AS "$1", :p1 AS a, :p2 AS b -- $1\n/* $2 */ , $$ $1 $$ AS c, :p1 AS again`);
    expect(parameters).toEqual([
      { name: 'p1', value: { stringValue: 'x' } },
      { name: 'p2', value: { longValue: 2 } },
    ]);
  });

  it('sends typed parameters and dates with a typeHint and an explicit cast', () => {
    const when = new Date('2024-02-29T12:00:00.001Z');
    const { sql, parameters } = toDataApiStatement('SELECT $1, $2, $3, $4', [
      param.uuid('a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11'),
      param.json({ a: [1] }),
      when,
      param.decimal('1.50'),
    ]);
    expect(sql).toBe(
      'SELECT CAST(:p1 AS uuid), CAST(:p2 AS jsonb), CAST(:p3 AS timestamp), CAST(:p4 AS numeric)',
    );
    expect(parameters.map((p) => [p.typeHint, p.value])).toEqual([
      ['UUID', { stringValue: 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11' }],
      ['JSON', { stringValue: '{"a":[1]}' }],
      ['TIMESTAMP', { stringValue: '2024-02-29 12:00:00.001' }],
      ['DECIMAL', { stringValue: '1.50' }],
    ]);
  });

  it('rejects a placeholder without a parameter and a parameter without a placeholder', () => {
    expect(() => toDataApiStatement('SELECT $2', [1, 2])).toThrow(/parameters \$1 are not used/);
    expect(() => toDataApiStatement('SELECT $3', [1])).toThrow(/placeholder \$3 has no parameter/);
  });
});

describe('toField', () => {
  it('maps each JavaScript value to its Field', () => {
    expect(toField(null)).toEqual({ value: { isNull: true } });
    expect(toField(true)).toEqual({ value: { booleanValue: true } });
    expect(toField(1.5)).toEqual({ value: { doubleValue: 1.5 } });
    expect(toField(42)).toEqual({ value: { longValue: 42 } });
    expect(toField(9007199254740993n)).toEqual({ value: { longValue: 9007199254740993n } });
    // An integer beyond 2^53 travels as the exact bigint of its double value.
    expect(toField(2 ** 60)).toEqual({ value: { longValue: 2n ** 60n } });
    expect(toField(Uint8Array.from([1]))).toEqual({ value: { blobValue: Uint8Array.from([1]) } });
  });

  it('refuses values the database could not store', () => {
    expect(() => toField(Number.NaN)).toThrow(/not a finite number/);
    expect(() => toField(new Date('nope'))).toThrow(/Invalid Date/);
    expect(() => toField({} as never)).toThrow(/unsupported SQL parameter/);
  });
});
