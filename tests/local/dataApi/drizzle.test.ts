import { and, desc, eq, gte, sql } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/aws-data-api/pg';
import { bigint, boolean, integer, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachBackend } from '../../support/backends.ts';
import { type EndpointUnderTest, startEndpoint } from './dataApiTestClient.ts';

// Drizzle ORM's Data API driver is what many people use with Aurora: it names parameters `:1`,
// `:2`, sends typeHints for uuid, timestamp and json, and runs transactions with
// BeginTransaction/CommitTransaction. It must work against the local endpoint exactly as on AWS.
const notes = pgTable('drizzle_notes', {
  id: integer('id').primaryKey(),
  owner: uuid('owner').notNull(),
  title: text('title').notNull(),
  views: bigint('views', { mode: 'number' }).notNull().default(0),
  done: boolean('done').notNull().default(false),
  meta: jsonb('meta').$type<{ tags: string[] }>(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
});

const OWNER = '0b6c6a8e-2f1e-4c3a-9a57-5b2f3f0c9d11';

describeEachBackend('local Data API: Drizzle ORM (drizzle-orm/aws-data-api/pg)', (db) => {
  let api: EndpointUnderTest;
  let orm: ReturnType<typeof drizzle>;
  beforeAll(async () => {
    api = await startEndpoint(db().client);
    orm = drizzle(api.rds, api.target);
    await orm.execute(
      sql`CREATE TABLE drizzle_notes (id int PRIMARY KEY, owner uuid NOT NULL, title text NOT NULL,
          views bigint NOT NULL DEFAULT 0, done boolean NOT NULL DEFAULT false, meta jsonb,
          created_at timestamptz NOT NULL)`,
    );
  });
  afterAll(async () => {
    await api?.close();
  });

  it('inserts with numbered parameters and typed values, and reads them back', async () => {
    const inserted = await orm
      .insert(notes)
      .values([
        {
          id: 1,
          owner: OWNER,
          title: 'ゲーム実況',
          views: 1200,
          meta: { tags: ['jp'] },
          createdAt: new Date('2024-01-02T03:04:05.123Z'),
        },
        { id: 2, owner: OWNER, title: '먹방', views: 30, createdAt: new Date('2024-01-03T00:00:00Z') },
      ])
      .returning({ id: notes.id, title: notes.title });
    expect(inserted).toEqual([
      { id: 1, title: 'ゲーム実況' },
      { id: 2, title: '먹방' },
    ]);
    const rows = await orm
      .select()
      .from(notes)
      .where(and(eq(notes.owner, OWNER), gte(notes.views, 100)))
      .orderBy(desc(notes.views));
    expect(rows).toEqual([
      {
        id: 1,
        owner: OWNER,
        title: 'ゲーム実況',
        views: 1200,
        done: false,
        meta: { tags: ['jp'] },
        createdAt: new Date('2024-01-02T03:04:05.123Z'),
      },
    ]);
  });

  it('updates and deletes through the same parameter names', async () => {
    await orm.update(notes).set({ done: true, views: 31 }).where(eq(notes.id, 2));
    const [row] = await orm
      .select({ done: notes.done, views: notes.views })
      .from(notes)
      .where(eq(notes.id, 2));
    expect(row).toEqual({ done: true, views: 31 });
    await orm.delete(notes).where(eq(notes.id, 2));
    expect(await orm.select().from(notes).where(eq(notes.id, 2))).toEqual([]);
  });

  it('commits a transaction, and rolls one back when it throws', async () => {
    await orm.transaction(async (tx) => {
      await tx.insert(notes).values({ id: 10, owner: OWNER, title: 'kept', createdAt: new Date() });
    });
    await expect(
      orm.transaction(async (tx) => {
        await tx.insert(notes).values({ id: 11, owner: OWNER, title: 'undone', createdAt: new Date() });
        throw new Error('changed my mind');
      }),
    ).rejects.toThrow('changed my mind');
    const ids = (await orm.select({ id: notes.id }).from(notes).orderBy(notes.id)).map((r) => r.id);
    expect(ids).toEqual([1, 10]);
    expect(api.server.openTransactions()).toBe(0);
  });
});
