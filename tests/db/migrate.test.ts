import { describe, expect, it } from 'vitest';
import { migrate } from '../../db/migrate.ts';
import { migrations } from '../../db/migrations/index.ts';
import { BACKENDS, backendSkipReason, openScratchDatabase } from '../support/backends.ts';

for (const backend of BACKENDS) {
  const skip = backendSkipReason(backend);
  describe.skipIf(skip)(`migrate [${backend}]${skip ? ` (${skip})` : ''}`, () => {
    it('lets runners at once wait for each other: all succeed and each migration is applied once', async () => {
      const db = await openScratchDatabase(backend);
      try {
        const results = await Promise.all([1, 2, 3, 4].map(() => migrate(db)));
        const applied = results.flatMap((r) => r.applied.map((a) => a.version)).sort((a, b) => a - b);
        expect(applied).toEqual(migrations.map((m) => m.version));
        const { rows } = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM schema_migrations');
        expect(rows[0]!.n).toBe(migrations.length);
        expect((await migrate(db)).applied).toEqual([]);
      } finally {
        await db.close();
      }
    });

    it('leaves room on the rollup pages for their updates (migration 11)', async () => {
      const db = await openScratchDatabase(backend);
      try {
        await migrate(db);
        const { rows } = await db.query<{ options: string[] | null }>(
          "SELECT reloptions AS options FROM pg_class WHERE oid = 'channel_view_days'::regclass",
        );
        expect(rows[0]!.options).toEqual(['fillfactor=70']);
      } finally {
        await db.close();
      }
    });
  });
}
