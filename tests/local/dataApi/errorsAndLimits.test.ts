import {
  BatchExecuteStatementCommand,
  BeginTransactionCommand,
  CommitTransactionCommand,
  ExecuteSqlCommand,
  ExecuteStatementCommand,
  RollbackTransactionCommand,
} from '@aws-sdk/client-rds-data';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachBackend } from '../../support/backends.ts';
import { type EndpointUnderTest, failureOf, rdsClientFor, startEndpoint } from './dataApiTestClient.ts';

describeEachBackend('local Data API: errors and limits', (db) => {
  let api: EndpointUnderTest;
  beforeAll(async () => {
    api = await startEndpoint(db().client);
  });
  afterAll(async () => {
    await api?.close();
  });

  it('rejects SELECT 1; SELECT 2 exactly as AWS does', async () => {
    const failure = await failureOf(api.execute({ sql: 'SELECT 1; SELECT 2' }));
    // AWS: "An error occurred (ValidationException) ... Multistatements aren't supported." The
    // exception is not in the service model, so the SDK raises its base class under that name.
    expect(failure).toMatchObject({
      name: 'ValidationException',
      message: "Multistatements aren't supported.",
      status: 400,
      fault: 'client',
    });
    expect(failure.error.constructor.name).toBe('RDSDataServiceException');
    // A trailing semicolon and semicolons inside strings are still one statement.
    const one = await api.execute({ sql: "SELECT ';' AS s;" });
    expect(one.records).toEqual([[{ stringValue: ';' }]]);
  });

  it('fails a 2 MB result with the response size error instead of truncating it', async () => {
    const failure = await failureOf(
      api.execute({ sql: "SELECT g AS n, repeat('x', 1000) AS pad FROM generate_series(1, 2000) g" }),
    );
    expect(failure).toMatchObject({
      name: 'BadRequestException',
      message: 'Database returned more than the allowed response size limit',
      status: 400,
    });
    const justUnder = await api.execute({
      sql: "SELECT repeat('x', 1000) AS pad FROM generate_series(1, 900)",
    });
    expect(justUnder.records).toHaveLength(900);
  });

  it('fails a row over 64 KB', async () => {
    const failure = await failureOf(api.execute({ sql: "SELECT repeat('x', 70000) AS big" }));
    expect(failure).toMatchObject({ name: 'BadRequestException', message: 'Packet for query is too large.' });
    const fits = await api.execute({ sql: "SELECT repeat('x', 60000) AS fits" });
    expect(fits.records?.[0]?.[0]?.stringValue).toHaveLength(60000);
  });

  it('rejects SQL longer than 65,536 characters', async () => {
    const sql = `SELECT 1 AS x ${' '.repeat(65_536)}`;
    const failure = await failureOf(api.execute({ sql }));
    expect(failure).toMatchObject({ name: 'ValidationException', status: 400 });
    expect(failure.message).toMatch(
      /at 'sql' failed to satisfy constraint: Member must have length less than or equal to 65536/,
    );
  });

  it('reports SQL errors with the PostgreSQL message, detail and SQLState', async () => {
    await api.execute({ sql: 'CREATE TABLE err_t (k int PRIMARY KEY)' });
    await api.execute({ sql: 'INSERT INTO err_t VALUES (1)' });
    const failure = await failureOf(api.execute({ sql: 'INSERT INTO err_t VALUES (1)' }));
    expect(failure).toMatchObject({
      name: 'DatabaseErrorException',
      status: 400,
      message:
        'ERROR: duplicate key value violates unique constraint "err_t_pkey"\n  Detail: Key (k)=(1) already exists.; SQLState: 23505',
    });
    const syntax = await failureOf(api.execute({ sql: 'SELEC 1' }));
    expect(syntax.message).toMatch(
      /^ERROR: syntax error at or near "SELEC"\n {2}Position: 1; SQLState: 42601$/,
    );
  });

  it('answers unknown cluster, secret, database and the schema parameter as AWS does', async () => {
    const cluster = await failureOf(
      api.rds.send(
        new ExecuteStatementCommand({
          ...api.target,
          resourceArn: 'arn:aws:rds:us-east-1:000000000000:cluster:other',
          sql: 'SELECT 1',
        }),
      ),
    );
    expect(cluster).toMatchObject({ name: 'HttpEndpointNotEnabledException', status: 400 });
    const secret = await failureOf(
      api.rds.send(
        new ExecuteStatementCommand({
          ...api.target,
          secretArn: 'arn:aws:secretsmanager:us-east-1:000000000000:secret:nope',
          sql: 'SELECT 1',
        }),
      ),
    );
    expect(secret).toMatchObject({ name: 'BadRequestException', status: 400 });
    expect(secret.message).toMatch(/Secrets Manager can't find the specified secret/);
    const database = await failureOf(api.execute({ database: 'elsewhere', sql: 'SELECT 1' }));
    expect(database).toMatchObject({ name: 'DatabaseNotFoundException', status: 404 });
    const schema = await failureOf(api.execute({ schema: 'public', sql: 'SELECT 1' }));
    expect(schema).toMatchObject({
      name: 'ValidationException',
      message: "The schema parameter isn't supported.",
    });
    const shortArn = await failureOf(
      api.rds.send(new ExecuteStatementCommand({ ...api.target, resourceArn: 'arn', sql: 'SELECT 1' })),
    );
    expect(shortArn.name).toBe('ValidationException');
  });

  it('does not serve the deprecated ExecuteSql on Aurora Serverless v2', async () => {
    const failure = await failureOf(
      api.rds.send(
        new ExecuteSqlCommand({
          dbClusterOrInstanceArn: api.target.resourceArn,
          awsSecretStoreArn: api.target.secretArn,
          sqlStatements: 'SELECT 1',
        }),
      ),
    );
    expect(failure).toMatchObject({ name: 'BadRequestException', status: 400 });
    expect(failure.message).toMatch(/isn't supported for Aurora Serverless v2/);
  });

  it('answers TransactionNotFoundException for an unknown or finished transaction', async () => {
    const unknown = await failureOf(api.execute({ sql: 'SELECT 1', transactionId: 'no-such-transaction' }));
    expect(unknown).toMatchObject({ name: 'TransactionNotFoundException', status: 404 });
    expect(unknown.message).toBe("Transaction no-such-transaction isn't found. Transaction may be expired.");
    const { transactionId } = await api.rds.send(new BeginTransactionCommand(api.target));
    await api.rds.send(new CommitTransactionCommand({ ...api.target, transactionId }));
    const again = await failureOf(
      api.rds.send(new RollbackTransactionCommand({ ...api.target, transactionId })),
    );
    expect(again).toMatchObject({ name: 'TransactionNotFoundException', status: 404 });
    expect(again.message).toMatch(/A previous call resulted in the termination of your transaction\.$/);
  });

  it('ends a transaction after an error inside it', async () => {
    const { transactionId } = await api.rds.send(new BeginTransactionCommand(api.target));
    await api.execute({ sql: 'CREATE TABLE gone_t (x int)', transactionId });
    await failureOf(api.execute({ sql: 'SELECT 1/0', transactionId }));
    const after = await failureOf(api.execute({ sql: 'SELECT 1', transactionId }));
    expect(after).toMatchObject({ name: 'TransactionNotFoundException' });
    expect(after.message).toMatch(/aborted due to an error from a previous call/);
    const table = await api.execute({ sql: "SELECT to_regclass('gone_t')::text AS t" });
    expect(table.records).toEqual([[{ isNull: true }]]);
  });

  it('ends a transaction after a response-size error inside it', async () => {
    const { transactionId } = await api.rds.send(new BeginTransactionCommand(api.target));
    const big = await failureOf(
      api.execute({ sql: "SELECT repeat('x', 1000) FROM generate_series(1, 2000)", transactionId }),
    );
    expect(big.name).toBe('BadRequestException');
    expect((await failureOf(api.execute({ sql: 'SELECT 1', transactionId }))).name).toBe(
      'TransactionNotFoundException',
    );
  });

  it('answers an unsigned request with 403', async () => {
    const response = await fetch(`${api.server.url}/Execute`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ ...api.target, sql: 'SELECT 1' }),
    });
    expect(response.status).toBe(403);
    expect(response.headers.get('x-amzn-errortype')).toBe(
      'MissingAuthenticationTokenException:http://internal.amazon.com/coral/com.amazon.rdsdataservice/',
    );
  });

  it('answers an unknown operation and a body that is not JSON with the AWS error header', async () => {
    const signed = {
      authorization: 'AWS4-HMAC-SHA256 Credential=test/20260101/us-east-1/rds-data/aws4_request',
    };
    const unknown = await fetch(`${api.server.url}/Nope`, { method: 'POST', headers: signed, body: '{}' });
    expect(unknown.status).toBe(404);
    expect(unknown.headers.get('x-amzn-errortype')).toBe(
      'UnknownOperationException:http://internal.amazon.com/coral/com.amazon.rdsdataservice/',
    );
    const garbled = await fetch(`${api.server.url}/Execute`, {
      method: 'POST',
      headers: signed,
      body: '{"sql":',
    });
    expect(garbled.status).toBe(400);
    expect(garbled.headers.get('x-amzn-errortype')).toBe(
      'BadRequestException:http://internal.amazon.com/coral/com.amazon.rdsdataservice/',
    );
    expect(await garbled.json()).toEqual({ message: 'The request body is not valid JSON.' });
  });

  it('runs BatchExecute as one unit outside a transaction and returns empty generated fields', async () => {
    await api.execute({ sql: 'CREATE TABLE batch_t (k int PRIMARY KEY, v text)' });
    const ok = await api.rds.send(
      new BatchExecuteStatementCommand({
        ...api.target,
        sql: 'INSERT INTO batch_t VALUES (:k, :v) RETURNING k',
        parameterSets: [1, 2, 3].map((k) => [
          { name: 'k', value: { longValue: k } },
          { name: 'v', value: { stringValue: `v${k}` } },
        ]),
      }),
    );
    expect(ok.updateResults).toEqual([
      { generatedFields: [] },
      { generatedFields: [] },
      { generatedFields: [] },
    ]);
    const clash = await failureOf(
      api.rds.send(
        new BatchExecuteStatementCommand({
          ...api.target,
          sql: 'INSERT INTO batch_t VALUES (:k, :v)',
          parameterSets: [4, 1].map((k) => [
            { name: 'k', value: { longValue: k } },
            { name: 'v', value: { stringValue: 'x' } },
          ]),
        }),
      ),
    );
    expect(clash.message).toMatch(/SQLState: 23505$/);
    const rows = await api.execute({ sql: 'SELECT count(*)::int AS n FROM batch_t' });
    expect(rows.records).toEqual([[{ longValue: 3 }]]);
  });
});

describeEachBackend('local Data API: configured limits', (db) => {
  let api: EndpointUnderTest;
  beforeAll(async () => {
    api = await startEndpoint(db().client, {
      limits: { statementTimeoutMs: 300, maxJsonResponseBytes: 2000, maxRequestBytes: 50_000 },
    });
  });
  afterAll(async () => {
    await api?.close();
  });

  it('answers StatementTimeoutException with the connection id for a statement over the timeout', async () => {
    const failure = await failureOf(api.execute({ sql: 'SELECT pg_sleep(0.6)' }));
    expect(failure).toMatchObject({ name: 'StatementTimeoutException', status: 400 });
    expect(typeof (failure.error as unknown as { dbConnectionId: number }).dbConnectionId).toBe('number');
  });

  it('keeps the statement running with continueAfterTimeout but still answers the timeout', async () => {
    await api.execute({ sql: 'CREATE TABLE slow_t (x int)' });
    const failure = await failureOf(
      api.execute({ sql: 'INSERT INTO slow_t SELECT 1 FROM pg_sleep(0.6)', continueAfterTimeout: true }),
    );
    expect(failure.name).toBe('StatementTimeoutException');
    // The statement finishes on its own after the answer; wait for its row (the database's own
    // pace, not a timing assertion).
    let inserted: number | undefined;
    for (let i = 0; i < 100 && inserted !== 1; i += 1) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      const rows = await api.execute({ sql: 'SELECT count(*)::int FROM slow_t' });
      inserted = rows.records?.[0]?.[0]?.longValue;
    }
    expect(inserted).toBe(1);
  });

  it('keeps the transaction of a statement that ran on with continueAfterTimeout', async () => {
    await api.execute({ sql: 'CREATE TABLE slow_tx (x int)' });
    const { transactionId } = await api.rds.send(new BeginTransactionCommand(api.target));
    const failure = await failureOf(
      api.execute({
        sql: 'INSERT INTO slow_tx SELECT 1 FROM pg_sleep(0.6)',
        transactionId,
        continueAfterTimeout: true,
      }),
    );
    expect(failure.name).toBe('StatementTimeoutException');
    // Until the statement ends, the transaction answers that it is still running a query.
    let committed: string | undefined;
    for (let i = 0; i < 100 && !committed; i += 1) {
      const out = await api.rds
        .send(new CommitTransactionCommand({ ...api.target, transactionId }))
        .catch((error: Error) => {
          expect(error.message).toBe('Transaction is still running a query');
          return undefined;
        });
      committed = out?.transactionStatus;
      if (!committed) await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(committed).toBe('Transaction Committed');
    const rows = await api.execute({ sql: 'SELECT count(*)::int FROM slow_tx' });
    expect(rows.records).toEqual([[{ longValue: 1 }]]);
  });

  it('limits formatRecordsAs JSON to its own (10 MB by default) size', async () => {
    const failure = await failureOf(
      api.execute({
        sql: "SELECT repeat('x', 100) AS s FROM generate_series(1, 50)",
        formatRecordsAs: 'JSON',
      }),
    );
    expect(failure.name).toBe('BadRequestException');
  });

  it('rejects a request body over the request limit (4 MiB by default)', async () => {
    const failure = await failureOf(api.execute({ sql: `SELECT '${'x'.repeat(60_000)}'` }));
    expect(failure.name).toBe('BadRequestException');
    expect(failure.message).toMatch(/Request size exceeds/);
  });
});

describeEachBackend('local Data API: injected faults', (db) => {
  let api: EndpointUnderTest;
  beforeAll(async () => {
    api = await startEndpoint(db().client);
  });
  afterAll(async () => {
    await api?.close();
  });

  it('answers DatabaseResumingException while the switch is on, which the SDK does not retry', async () => {
    api.server.faults.resumeNext(1);
    const failure = await failureOf(api.execute({ sql: 'SELECT 1' }));
    expect(failure).toMatchObject({ name: 'DatabaseResumingException', status: 400, fault: 'client' });
    expect(failure.message).toMatch(
      /is resuming after being auto-paused\. Please wait a few seconds and try again\.$/,
    );
    expect(failure.error.$metadata).toMatchObject({ attempts: 1 });
    expect((await api.execute({ sql: 'SELECT 1' })).records).toEqual([[{ longValue: 1 }]]);
  });

  it('does not answer resuming on Commit or Rollback, which do not list it', async () => {
    const { transactionId } = await api.rds.send(new BeginTransactionCommand(api.target));
    api.server.faults.resumeNext(1);
    const committed = await api.rds.send(new CommitTransactionCommand({ ...api.target, transactionId }));
    expect(committed.transactionStatus).toBe('Transaction Committed');
    api.server.faults.clear();
  });

  it('answers 5xx faults with the modelled server exceptions, which the SDK retries', async () => {
    api.server.faults.failNext(503, 1);
    const retried = await api.execute({ sql: 'SELECT 2' });
    expect(retried.$metadata.attempts).toBe(2);
    const once = rdsClientFor(api.server, 1);
    for (const [status, name] of [
      [500, 'InternalServerErrorException'],
      [503, 'ServiceUnavailableError'],
      [504, 'DatabaseUnavailableException'],
    ] as const) {
      api.server.faults.failNext(status);
      const failure = await failureOf(
        once.send(new ExecuteStatementCommand({ ...api.target, sql: 'SELECT 1' })),
      );
      expect(failure).toMatchObject({ name, status, fault: 'server' });
    }
    once.destroy();
  });
});
