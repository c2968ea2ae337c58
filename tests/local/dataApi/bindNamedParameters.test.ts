import { describe, expect, it } from 'vitest';
import { bindNamedParameters } from '../../../local/dataApi/bindNamedParameters.ts';

describe('bindNamedParameters', () => {
  it('binds each Field member as the type AWS binds it', () => {
    const bound = bindNamedParameters('SELECT :s, :l, :d, :b, :bin, :n, :u, :s', [
      { name: 's', value: { stringValue: 'x' } },
      { name: 'l', value: { longValue: 9007199254740993n } },
      { name: 'd', value: { doubleValue: 0.5 } },
      { name: 'b', value: { booleanValue: false } },
      { name: 'bin', value: { blobValue: 'AQI=' } },
      { name: 'n', value: { isNull: true } },
      { name: 'u', value: { stringValue: 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11' }, typeHint: 'UUID' },
    ]);
    expect(bound.text).toBe(
      'SELECT $1::varchar, $2::int8, $3::float8, $4::boolean, $5::bytea, $6, $7::uuid, $1::varchar',
    );
    expect(bound.values).toEqual([
      'x',
      '9007199254740993',
      '0.5',
      'false',
      Buffer.from([1, 2]),
      null,
      'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11',
    ]);
  });

  it('leaves casts, strings, comments and unknown names to PostgreSQL', () => {
    const bound = bindNamedParameters('SELECT :a::int, \':a\', "x:a" -- :a\n, :missing', [
      { name: 'a', value: { stringValue: '1' } },
    ]);
    expect(bound.text).toBe('SELECT $1::varchar::int, \':a\', "x:a" -- :a\n, :missing');
  });

  it('binds the all-digit names Drizzle ORM sends (:1, :2) without touching array slices', () => {
    const bound = bindNamedParameters('SELECT :1, :2, :10, (ARRAY[1,2,3])[2:3]', [
      { name: '1', value: { longValue: 7 } },
      { name: '2', value: { stringValue: 'b' } },
      { name: '10', value: { booleanValue: true } },
    ]);
    expect(bound.text).toBe('SELECT $1::int8, $2::varchar, $3::boolean, (ARRAY[1,2,3])[2:3]');
    expect(bound.values).toEqual(['7', 'b', 'true']);
  });
});
