/**
 * The fanned-out full refresh (docs/refresh.md, "Past one invocation") as serverless.yml defines
 * it, checked on the template `osls package` writes offline: the state machine's states and
 * their wiring, retries and catch, the payloads each task sends (parsed with the handler's own
 * event schema), the roles, the weekly schedule and the alarm.
 */
import { rm } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { refreshEvent } from '../../functions/refresh/refreshEvent.ts';
import { EDGE_AUTH_VERSION_ARN, type PackagedStack, packageStack } from './support/packageStack.ts';
import {
  actionsOf,
  type Loose,
  resource,
  resourcesOf,
  resourcesOfType,
  roleStatements,
} from './support/templateQueries.ts';
import { loadResourceSpecs, type Template, validateTemplate } from './support/validateTemplate.ts';

let stack: PackagedStack;
let t: Template;

beforeAll(async () => {
  stack = await packageStack({ params: { edgeAuthVersionArn: EDGE_AUTH_VERSION_ARN } });
  t = stack.template;
}, 240_000);

afterAll(async () => {
  if (stack) await rm(stack.dir, { recursive: true, force: true });
});

const props = (id: string) => resource(t, id).Properties as Loose;
const machine = () => props('RefreshFanOutStateMachine');
const states = () => machine().Definition.States as Loose;
const GENERATION = '20261206T094500Z-1a2b3c';

/** What a task's Lambda receives, with `$.`-paths filled in from `input` (one level deep). */
function payloadOf(task: Loose, input: Loose): unknown {
  const filled: Loose = {};
  for (const [key, value] of Object.entries(task.Parameters.Payload as Loose)) {
    if (key.endsWith('.$')) filled[key.slice(0, -2)] = input[String(value).split('.').at(-1)!];
    else filled[key] = value;
  }
  return filled;
}

describe('refresh fan-out state machine', () => {
  it('is a valid resource whose every transition names a state, ending in Done or Failed', () => {
    const specs = loadResourceSpecs();
    const only: Template = {
      Resources: Object.fromEntries(
        [
          'RefreshFanOutStateMachine',
          'RefreshFanOutRole',
          'FullRefreshSchedule',
          'FullRefreshScheduleRole',
        ].map((id) => [id, t.Resources[id]!]),
      ),
    };
    expect(validateTemplate(only, specs).filter((e) => !/unknown (resource|reference)/.test(e))).toEqual([]);
    const s = states();
    expect(machine().Definition.StartAt).toBe('Plan');
    const targets = Object.values(s).flatMap((st: Loose) => [
      st.Next,
      st.Default,
      ...(st.Choices ?? []).map((c: Loose) => c.Next),
      ...(st.Catch ?? []).map((c: Loose) => c.Next),
    ]);
    for (const target of targets.filter(Boolean)) expect(Object.keys(s)).toContain(target);
    expect(s.Plan.Next).toBe('FannedOut');
    expect(s.FannedOut.Choices).toEqual([{ Variable: '$.status', StringEquals: 'planned', Next: 'Batches' }]);
    expect(s.FannedOut.Default).toBe('Done');
    expect(s.Batches.Next).toBe('Finish');
    expect(s.Finish.End).toBe(true);
    expect(s.Abort.Next).toBe('Failed');
    expect(s.Failed.Type).toBe('Fail');
    expect(s.Done.Type).toBe('Succeed');
  });

  it('runs the batches as a Distributed Map over the planned batch numbers, as many at once as refreshBatch may run', () => {
    const map = states().Batches;
    expect(map).toMatchObject({
      Type: 'Map',
      ItemsPath: '$.batches',
      ItemProcessor: { ProcessorConfig: { Mode: 'DISTRIBUTED', ExecutionType: 'STANDARD' } },
      ToleratedFailurePercentage: 0,
      // The input (generation, runId) must survive the map for Finish and Abort.
      ResultPath: '$.batchResults',
    });
    expect(map.ItemBatcher.MaxItemsPerBatch).toBeGreaterThan(1);
    expect(map.MaxConcurrency).toBe(props('RefreshBatchLambdaFunction').ReservedConcurrentExecutions);
    // Concurrent statements on Aurora: a handful, not Step Functions' default of thousands.
    expect(map.MaxConcurrency).toBeGreaterThanOrEqual(1);
    expect(map.MaxConcurrency).toBeLessThanOrEqual(16);
  });

  it('sends each step an event the refresh handler accepts, to the right function', () => {
    const s = states();
    const subs = machine().DefinitionSubstitutions;
    expect(subs).toEqual({
      RefreshFunctionArn: { 'Fn::GetAtt': ['RefreshLambdaFunction', 'Arn'] },
      RefreshBatchFunctionArn: { 'Fn::GetAtt': ['RefreshBatchLambdaFunction', 'Arn'] },
    });
    const batch = s.Batches.ItemProcessor.States.Batch;
    const planned = { status: 'planned', generation: GENERATION, runId: 7, batches: [0, 1, 2] };
    const cases: [Loose, string, unknown][] = [
      [s.Plan, 'RefreshFunctionArn', payloadOf(s.Plan, {})],
      [batch, 'RefreshBatchFunctionArn', { step: 'batch', generation: GENERATION, batches: [0, 1] }],
      [s.Finish, 'RefreshFunctionArn', payloadOf(s.Finish, planned)],
      [s.Abort, 'RefreshFunctionArn', payloadOf(s.Abort, { ...planned, error: { Error: 'x', Cause: 'y' } })],
    ];
    for (const [task, fn, payload] of cases) {
      expect(task.Resource).toBe('arn:aws:states:::lambda:invoke');
      expect(task.Parameters.FunctionName).toBe(`\${${fn}}`);
      expect(refreshEvent.safeParse(payload).success, JSON.stringify(payload)).toBe(true);
    }
    expect(payloadOf(s.Plan, {})).toEqual({ step: 'plan', kind: 'full' });
    expect(batch.Parameters.Payload).toEqual({
      step: 'batch',
      'generation.$': '$.BatchInput.generation',
      'batches.$': '$.Items',
    });
    expect(s.Batches.ItemBatcher.BatchInput).toEqual({ 'generation.$': '$.generation' });
  });

  it('retries throttling with backoff and sends every failure after the plan to Abort, never to Finish', () => {
    const s = states();
    for (const name of ['Plan', 'Finish', 'Abort']) {
      const retry = s[name].Retry as Loose[];
      expect(retry.flatMap((r) => r.ErrorEquals)).toContain('Lambda.TooManyRequestsException');
      for (const r of retry) expect(r.BackoffRate).toBeGreaterThan(1);
    }
    const batchRetry = s.Batches.ItemProcessor.States.Batch.Retry as Loose[];
    expect(batchRetry[0]).toMatchObject({ ErrorEquals: ['States.ALL'] });
    expect(batchRetry[0]!.BackoffRate).toBeGreaterThan(1);
    for (const name of ['Batches', 'Finish']) {
      expect(s[name].Catch).toEqual([{ ErrorEquals: ['States.ALL'], ResultPath: '$.error', Next: 'Abort' }]);
    }
    // The plan releases its own lease when it fails; nothing after it can publish.
    expect(s.Plan.Catch).toBeUndefined();
  });
});

describe('refresh fan-out roles and schedule', () => {
  it('lets the state machine invoke the two refresh functions and run its own map, nothing else', () => {
    const statements = roleStatements(resource(t, 'RefreshFanOutRole'));
    const invoke = statements.find((st) => actionsOf(st).includes('lambda:InvokeFunction'))!;
    expect(resourcesOf(invoke)).toEqual([
      { 'Fn::GetAtt': ['RefreshLambdaFunction', 'Arn'] },
      { 'Fn::GetAtt': ['RefreshBatchLambdaFunction', 'Arn'] },
    ]);
    expect(statements.flatMap(actionsOf).sort()).toEqual([
      'lambda:InvokeFunction',
      'states:DescribeExecution',
      'states:StartExecution',
      'states:StopExecution',
    ]);
    for (const st of statements) expect(JSON.stringify(st.Resource)).not.toMatch(/"\*"|:\*"/);
    const trust = props('RefreshFanOutRole').AssumeRolePolicyDocument.Statement[0];
    expect(trust.Principal).toEqual({ Service: 'states.amazonaws.com' });
  });

  it('lets the batch function write generation objects only: no manifest, no delete, no listing', () => {
    const statements = roleStatements(resource(t, 'RefreshBatchRole'));
    const s3 = statements.filter((st) => actionsOf(st).some((a) => a.startsWith('s3:')));
    expect(s3).toHaveLength(1);
    expect(actionsOf(s3[0]!).sort()).toEqual(['s3:GetObject', 's3:PutObject']);
    // biome-ignore lint/suspicious/noTemplateCurlyInString: CloudFormation Fn::Sub syntax
    expect(s3[0]!.Resource).toEqual({ 'Fn::Sub': '${ReportBucket.Arn}/data/g/*' });
    expect(props('RefreshBatchLambdaFunction')).toMatchObject({
      Handler: 'functions/refresh/handler.handler',
      Role: { 'Fn::GetAtt': ['RefreshBatchRole', 'Arn'] },
    });
  });

  it('starts the state machine weekly through a role that may start only it, and alarms when a run fails', () => {
    expect(props('FullRefreshSchedule')).toMatchObject({
      ScheduleExpression: 'cron(45 9 ? * SUN *)',
      State: 'ENABLED',
      Targets: [
        {
          Arn: { Ref: 'RefreshFanOutStateMachine' },
          RoleArn: { 'Fn::GetAtt': ['FullRefreshScheduleRole', 'Arn'] },
        },
      ],
    });
    const statements = roleStatements(resource(t, 'FullRefreshScheduleRole'));
    expect(statements.map((st) => [actionsOf(st), st.Resource])).toEqual([
      [['states:StartExecution'], { Ref: 'RefreshFanOutStateMachine' }],
    ]);
    const alarms = resourcesOfType(t, 'AWS::CloudWatch::Alarm').filter(([, a]) =>
      JSON.stringify(a.Properties).includes('RefreshFanOutStateMachine'),
    );
    expect(alarms.map(([, a]) => a.Properties)).toEqual([
      expect.objectContaining({
        Namespace: 'AWS/States',
        MetricName: 'ExecutionsFailed',
        AlarmActions: [{ Ref: 'AlertTopic' }],
      }),
    ]);
  });
});
