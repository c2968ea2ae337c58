/**
 * The growth alerts' part of serverless.yml (functions/alerts, docs/alerts.md), checked on the
 * CloudFormation template `osls package` writes offline: the function, its schedule after the
 * refresh, its topic, its scoped role and the conditional webhook secret.
 */
import { rm } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EDGE_AUTH_VERSION_ARN, type PackagedStack, packageStack } from './support/packageStack.ts';
import { parameterValues, resolveConditions } from './support/resolveConditions.ts';
import {
  actionsOf,
  type Loose,
  resource,
  resourcesOfType,
  roleStatements,
} from './support/templateQueries.ts';
import type { Template } from './support/validateTemplate.ts';

const WEBHOOK_SECRET = 'arn:aws:secretsmanager:us-east-1:123456789012:secret:tubelens-alert-webhook-AbCdEf';

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

describe('alerts function', () => {
  it('runs the alerts handler on its own role, one run at a time, without retries', () => {
    expect(props('AlertsLambdaFunction')).toMatchObject({
      Handler: 'functions/alerts/handler.handler',
      Runtime: 'nodejs24.x',
      FunctionName: 'tubelens-test-alerts',
      Role: { 'Fn::GetAtt': ['AlertsRole', 'Arn'] },
    });
    expect(props('AlertsLambdaFunction').VpcConfig).toBeUndefined();
    const [concurrency] = resourcesOfType(t, 'AWS::Lambda::EventInvokeConfig').filter(([, r]) =>
      JSON.stringify(r.Properties.FunctionName).includes('AlertsLambdaFunction'),
    );
    expect(concurrency?.[1].Properties).toMatchObject({ MaximumRetryAttempts: 0 });
    expect(props('AlertsLambdaFunction').ReservedConcurrentExecutions).toBe(1);
  });

  it('tells the function its topic, thresholds and the site, and no webhook unless one is given', () => {
    const env = props('AlertsLambdaFunction').Environment.Variables as Loose;
    expect(env).toMatchObject({
      DB_SECRET_ARN: { Ref: 'IngestDatabaseSecret' },
      ALERT_TOPIC_ARN: { Ref: 'GrowthAlertTopic' },
      ALERT_WEBHOOK_SECRET_ARN: '',
      ALERT_OUTLIER_THRESHOLD: '3',
      ALERT_VIEWS_CHANGE_PERCENT: '50',
      // biome-ignore lint/suspicious/noTemplateCurlyInString: CloudFormation Fn::Sub syntax
      SITE_URL: { 'Fn::Sub': 'https://${Distribution.DomainName}/' },
    });
    expect(env).not.toHaveProperty('ALERT_WEBHOOK_URL');
  });

  it('runs daily after the daily refresh', () => {
    const rules = resourcesOfType(t, 'AWS::Events::Rule').map(([, r]) => r.Properties as Loose);
    const target = (fn: string) =>
      rules
        .filter((r) => JSON.stringify(r.Targets).includes(`"${fn}LambdaFunction"`))
        .map((r) => r.ScheduleExpression);
    const minutes = (cron: string) => {
      const [m, h] = cron.replace(/^cron\(|\)$/g, '').split(' ');
      return Number(h) * 60 + Number(m);
    };
    expect(target('Alerts')).toEqual(['cron(45 9 * * ? *)']);
    const daily = target('Refresh').filter((c: string) => c.includes('* * ? *'));
    expect(minutes(target('Alerts')[0])).toBeGreaterThan(minutes(daily[0]));
  });
});

describe('alerts topic and permissions', () => {
  it('mails growth alerts through a topic of their own, subscribed only when an address is given', () => {
    expect(resource(t, 'GrowthAlertTopic').Type).toBe('AWS::SNS::Topic');
    expect(resource(t, 'GrowthAlertEmailSubscription')).toMatchObject({
      Condition: 'HasGrowthAlertEmail',
      Properties: {
        TopicArn: { Ref: 'GrowthAlertTopic' },
        Protocol: 'email',
        Endpoint: { Ref: 'GrowthAlertEmail' },
      },
    });
    const values = parameterValues(t);
    expect(resolveConditions(t, values).HasGrowthAlertEmail).toBe(false);
    expect(
      resolveConditions(t, { ...values, GrowthAlertEmail: 'team@example.com' }).HasGrowthAlertEmail,
    ).toBe(true);
  });

  it("lets the alerts role use the Data API with the ingest's login, publish to its topic only and write its own logs", () => {
    const statements = roleStatements(resource(t, 'AlertsRole'));
    const by = (action: string) => statements.filter((s) => actionsOf(s).includes(action));
    expect(by('sns:Publish')).toEqual([
      {
        Sid: 'PublishGrowthAlertsOnly',
        Effect: 'Allow',
        Action: 'sns:Publish',
        Resource: { Ref: 'GrowthAlertTopic' },
      },
    ]);
    expect(by('rds-data:ExecuteStatement')).toHaveLength(1);
    // The ingest's login (migration 9 lets its role write the alert tables), not the admin secret.
    expect(by('secretsmanager:GetSecretValue')[0]?.Resource).toEqual({ Ref: 'IngestDatabaseSecret' });
    const logGroup = 'log-group:/aws/lambda/tubelens-test-alerts:*';
    expect(by('logs:PutLogEvents')[0]?.Resource).toEqual({
      'Fn::Sub': `arn:\${AWS::Partition}:logs:\${AWS::Region}:\${AWS::AccountId}:${logGroup}`,
    });
    for (const s of statements) for (const a of actionsOf(s)) expect(a).not.toMatch(/\*/);
  });

  it('reads the webhook secret only when one is given, and only that secret', () => {
    expect(resource(t, 'AlertsWebhookSecretPolicy')).toMatchObject({
      Condition: 'HasAlertWebhookSecret',
      Properties: {
        Roles: [{ Ref: 'AlertsRole' }],
        PolicyDocument: {
          Statement: [
            { Action: 'secretsmanager:GetSecretValue', Resource: { Ref: 'AlertWebhookSecretArn' } },
          ],
        },
      },
    });
    const values = parameterValues(t);
    expect(resolveConditions(t, values).HasAlertWebhookSecret).toBe(false);
    expect(
      resolveConditions(t, { ...values, AlertWebhookSecretArn: WEBHOOK_SECRET }).HasAlertWebhookSecret,
    ).toBe(true);
  });

  it('alarms the operators when a run fails or deliveries are refused two days running', () => {
    expect(props('AlertsFailedAlarm')).toMatchObject({
      MetricName: 'Errors',
      Dimensions: [{ Name: 'FunctionName', Value: 'tubelens-test-alerts' }],
      AlarmActions: [{ Ref: 'AlertTopic' }],
    });
    expect(props('AlertsUndeliveredAlarm')).toMatchObject({
      Namespace: 'tubelens',
      MetricName: 'AlertsFailed',
      Dimensions: [{ Name: 'service', Value: 'alerts' }],
      EvaluationPeriods: 2,
      DatapointsToAlarm: 2,
      AlarmActions: [{ Ref: 'AlertTopic' }],
    });
  });
});
