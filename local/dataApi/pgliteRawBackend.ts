import type { PGlite, Transaction } from '@electric-sql/pglite';
import type { RawBackend, RawExecutor, RawResult, RawSession, RawStatement } from './rawBackend.ts';

type Queryable = Pick<PGlite | Transaction, 'query'>;

/**
 * The endpoint over an embedded PGlite database. PGlite has one connection: a Data API
 * transaction holds it from BeginTransaction to Commit/Rollback, so other transactions and
 * autocommit calls wait (AWS would run them side by side on other connections).
 */
export function openPgliteRawBackend(
  db: PGlite,
  warn: (line: string) => void = (line) => process.stderr.write(`${line}\n`),
  warnAfterMs = 10_000,
): RawBackend {
  let openSessions = 0;
  // A call that starts while a Data API transaction holds the connection waits for it. Say so
  // when that takes long: a caller awaiting an autocommit call inside its own transaction would
  // otherwise hang silently until the 3-minute idle timeout.
  async function waiting<T>(what: string, work: () => Promise<T>): Promise<T> {
    if (openSessions === 0) return work();
    const timer = setTimeout(
      () =>
        warn(
          `data-api: ${what} has waited ${warnAfterMs / 1000} s for PGlite's one connection, held by an open ` +
            'transaction (PGlite runs one transaction at a time; see docs/data-api.md)',
        ),
      warnAfterMs,
    );
    timer.unref();
    try {
      return await work();
    } finally {
      clearTimeout(timer);
    }
  }

  // PGlite parses every type it knows; map each of those to identity so values stay text.
  const identity = (text: string) => text;
  const rawParsers = () =>
    Object.fromEntries(Object.keys((db as unknown as { parsers: object }).parsers).map((k) => [k, identity]));
  let parsers = rawParsers();

  async function runOn(q: Queryable, statement: RawStatement): Promise<RawResult> {
    const result = await q.query<(string | null)[]>(statement.text, statement.values as unknown[], {
      rowMode: 'array',
      parsers,
    });
    return {
      fields: result.fields.map((f) => ({ name: f.name, oid: f.dataTypeID, typmod: -1 })),
      rows: result.rows,
      returnsRows: result.fields.length > 0,
      affectedRows: result.fields.length > 0 ? 0 : (result.affectedRows ?? 0),
    };
  }
  const executorOf = (q: Queryable): RawExecutor => ({
    connectionId: 1,
    run: (statement) => runOn(q, statement),
    runUntimed: (statement) => runOn(q, statement),
  });

  return {
    kind: 'pglite',
    cancelsAtTimeout: false,
    async withConnection(fn) {
      // Parsers for array types are registered when PGlite first sees them; refresh the map.
      parsers = rawParsers();
      return waiting('a call outside any transaction', () => fn(executorOf(db)));
    },
    begin() {
      return waiting('BeginTransaction', () => beginSession());
    },
    close: async () => {},
  };

  function beginSession() {
    return new Promise<RawSession>((resolveSession, rejectSession) => {
      let finish: (commit: boolean) => void = () => {};
      const ended = new Promise<boolean>((resolve) => {
        finish = resolve;
      });
      const ROLLBACK = Symbol('rollback');
      let settled: Promise<unknown> = Promise.resolve();
      settled = db
        .transaction(async (tx) => {
          openSessions += 1;
          resolveSession({
            ...executorOf(tx),
            async commit() {
              finish(true);
              await settled;
            },
            async rollback() {
              finish(false);
              await settled.catch(() => {});
            },
          });
          const commit = await ended;
          openSessions -= 1;
          if (!commit) throw ROLLBACK;
        })
        .catch((error) => {
          if (error === ROLLBACK) return;
          rejectSession(error);
          throw error;
        });
    });
  }
}
