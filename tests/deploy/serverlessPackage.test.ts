/**
 * `osls package` runs once for this file (offline, dummy credentials) and every promise of
 * serverless.yml is checked on the CloudFormation template and the zips it writes.
 */
import { execFile } from 'node:child_process';
import { mkdir, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { runInNewContext } from 'node:vm';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { routeViewerRequest } from '../../functions/edgeAuth/routeViewerRequest.ts';
import { ROUTES } from '../functions/edgeAuth/support/routes.ts';
import { EDGE_AUTH_VERSION_ARN, type PackagedStack, packageStack } from './support/packageStack.ts';
import { readZipEntries, type ZipEntry } from './support/readZipEntries.ts';
import {
  createdResources,
  danglingReferences,
  parameterValues,
  resolveConditions,
} from './support/resolveConditions.ts';
import {
  actionsOf,
  ingressRules,
  type Loose,
  type PolicyStatement,
  type Resource,
  resource,
  resourcesOf,
  resourcesOfType,
  roleStatements,
  ruleSource,
} from './support/templateQueries.ts';
import { loadResourceSpecs, type Template, validateTemplate } from './support/validateTemplate.ts';

const run = promisify(execFile);
const FUNCTIONS = ['refresh', 'ingest', 'migrate', 'alerts'] as const;

let stack: PackagedStack;
let t: Template;
/** When packaging started: a source file changed after it was edited while the test ran. */
let packagedAt = 0;
const zips = new Map<string, { bytes: Buffer; entries: ZipEntry[] }>();

beforeAll(async () => {
  packagedAt = Date.now();
  stack = await packageStack({ params: { edgeAuthVersionArn: EDGE_AUTH_VERSION_ARN } });
  t = stack.template;
  for (const name of FUNCTIONS) {
    const bytes = await readFile(join(stack.dir, `${name}.zip`));
    zips.set(name, { bytes, entries: readZipEntries(bytes) });
  }
}, 240_000);

afterAll(async () => {
  if (stack) await rm(stack.dir, { recursive: true, force: true });
});

const lambda = (name: string) => resource(t, `${name[0]?.toUpperCase()}${name.slice(1)}LambdaFunction`);
const props = (r: Resource) => r.Properties as Loose;

describe('Lambda functions', () => {
  it('run every function on Node 24 on arm64, outside any VPC', () => {
    const functions = resourcesOfType(t, 'AWS::Lambda::Function');
    expect(functions.map(([id]) => id).sort()).toEqual([
      'AlertsLambdaFunction',
      'IngestLambdaFunction',
      'MigrateLambdaFunction',
      'RefreshBatchLambdaFunction',
      'RefreshLambdaFunction',
    ]);
    for (const [, fn] of functions) {
      expect(fn.Properties.Runtime).toBe('nodejs24.x');
      expect(fn.Properties.Architectures).toEqual(['arm64']);
      // The Data API is HTTPS: no function needs a VPC, an ENI or a NAT.
      expect(fn.Properties.VpcConfig).toBeUndefined();
    }
  });

  it('points each function at its handler and gives each its own role', () => {
    for (const name of FUNCTIONS) {
      expect(props(lambda(name)).Handler).toBe(`functions/${name}/handler.handler`);
      expect(props(lambda(name)).Role).toEqual({
        'Fn::GetAtt': [`${name[0]?.toUpperCase()}${name.slice(1)}Role`, 'Arn'],
      });
    }
  });

  it('gives the refresh 1,024 MB and the full 15 minutes', () => {
    expect(props(lambda('refresh')).MemorySize).toBe(1024);
    expect(props(lambda('refresh')).Timeout).toBe(900);
  });

  it('passes the agreed environment names, resolved by CloudFormation', () => {
    const env = (name: string) => props(lambda(name)).Environment.Variables as Record<string, unknown>;
    for (const name of FUNCTIONS) {
      expect(env(name).DB_CLUSTER_ARN).toEqual({
        'Fn::If': [
          'CreateDatabase',
          { 'Fn::GetAtt': ['AuroraCluster', 'DBClusterArn'] },
          { Ref: 'ClusterArn' },
        ],
      });
      expect(env(name).DB_NAME).toBe('tubelens');
      expect(env(name)).not.toHaveProperty('RDS_DATA_ENDPOINT');
      expect(env(name)).not.toHaveProperty('S3_ENDPOINT');
    }
    // Each job logs in as its own database user; only migrate holds the admin secret.
    expect(env('refresh').DB_SECRET_ARN).toEqual({ Ref: 'RefreshDatabaseSecret' });
    expect(env('ingest').DB_SECRET_ARN).toEqual({ Ref: 'IngestDatabaseSecret' });
    expect(env('migrate')).toMatchObject({
      DB_SECRET_ARN: { 'Fn::If': ['CreateDatabase', { Ref: 'DatabaseSecret' }, { Ref: 'SecretArn' }] },
      // The explorer's login exists only with the explorer.
      EXPLORER_DB_SECRET_ARN: {
        'Fn::If': ['CreateExplorer', { Ref: 'ExplorerDatabaseSecret' }, { Ref: 'AWS::NoValue' }],
      },
      INGEST_DB_SECRET_ARN: { Ref: 'IngestDatabaseSecret' },
      REFRESH_DB_SECRET_ARN: { Ref: 'RefreshDatabaseSecret' },
    });
    expect(env('refresh')).toMatchObject({
      REPORT_BUCKET: { Ref: 'ReportBucket' },
      REPORT_PREFIX: 'data/',
      REPORT_RETENTION_HOURS: '24',
    });
    // The ingest writes the database only.
    expect(env('ingest')).not.toHaveProperty('REPORT_BUCKET');
    expect(env('ingest')).toMatchObject({
      YOUTUBE_API_KEY_SECRET_ARN: {
        'Fn::If': ['CreateYoutubeSecret', { Ref: 'YoutubeApiKeySecret' }, { Ref: 'YoutubeApiKeySecretArn' }],
      },
      YOUTUBE_DAILY_QUOTA: '10000',
    });
    expect(env('ingest')).not.toHaveProperty('YOUTUBE_API_KEY');
  });

  it('schedules the refresh and the ingest daily, with no overlapping runs and no retries', () => {
    const rulesFor = (name: string) =>
      resourcesOfType(t, 'AWS::Events::Rule')
        .map(([, r]) => r.Properties as Loose)
        .filter((r) =>
          JSON.stringify(r.Targets).includes(`${name[0]?.toUpperCase()}${name.slice(1)}LambdaFunction`),
        );
    const daily = /^cron\(\d+ \d+ \* \* \? \*\)$/;
    for (const name of ['refresh', 'ingest']) {
      const dailyRules = rulesFor(name).filter((r) => daily.test(r.ScheduleExpression));
      expect(dailyRules, name).toHaveLength(1);
      expect(dailyRules[0]?.State).toBe('ENABLED');
      // One concurrent execution: a tick that arrives while a run is going is throttled, not run.
      expect(props(lambda(name)).ReservedConcurrentExecutions).toBe(1);
      const invokeConfig = resource(t, `${name[0]?.toUpperCase()}${name.slice(1)}LambdaEvConf`);
      expect(props(invokeConfig).MaximumRetryAttempts).toBe(0);
    }
    const hourOf = (r: Loose | undefined) =>
      Number(/^cron\(\d+ (\d+)/.exec(String(r?.ScheduleExpression))?.[1]);
    const [ingest] = rulesFor('ingest');
    const [refresh] = rulesFor('refresh').filter((r) => daily.test(r.ScheduleExpression));
    expect(hourOf(refresh)).toBeGreaterThan(hourOf(ingest));
    // The scheduled event runs an incremental refresh; the weekly full one starts the fan-out
    // state machine, whose plan step runs it in one invocation while it fits
    // (tests/deploy/refreshFanOut.test.ts).
    expect(refresh?.Targets[0].Input).toBeUndefined();
    expect(rulesFor('refresh').filter((r) => !daily.test(r.ScheduleExpression))).toEqual([]);
    const weekly = resourcesOfType(t, 'AWS::Events::Rule')
      .map(([, r]) => r.Properties as Loose)
      .filter((r) => JSON.stringify(r.Targets).includes('RefreshFanOutStateMachine'));
    expect(weekly.map((r) => r.ScheduleExpression)).toEqual(['cron(45 9 ? * SUN *)']);
  });
});

describe('migrations on deploy', () => {
  it('run through a custom resource backed by the migrate function, on every deploy', () => {
    const custom = resource(t, 'MigrateOnDeploy');
    expect(custom.Type).toBe('Custom::TubelensMigrations');
    expect(props(custom).ServiceToken).toEqual({ 'Fn::GetAtt': ['MigrateLambdaFunction', 'Arn'] });
    // A value that changes on every `osls deploy` makes CloudFormation send Update each time.
    expect(String(props(custom).DeployId)).toMatch(/^\d{10,}$/);
  });

  it('wait for the database instance and the secret attachment when the stack creates them', () => {
    const custom = props(resource(t, 'MigrateOnDeploy'));
    expect(custom.DatabaseInstance).toEqual({
      'Fn::If': ['CreateDatabase', { Ref: 'AuroraInstance' }, { Ref: 'ClusterArn' }],
    });
    expect(custom.DatabaseSecret).toEqual({
      'Fn::If': ['CreateDatabase', { Ref: 'DatabaseSecretAttachment' }, { Ref: 'SecretArn' }],
    });
  });

  it('answer before CloudFormation gives up: the function stops well inside the custom resource hour', () => {
    expect(props(lambda('migrate')).Timeout).toBeLessThanOrEqual(900);
    expect(Number(props(resource(t, 'MigrateOnDeploy')).ServiceTimeout)).toBeGreaterThan(
      Number(props(lambda('migrate')).Timeout),
    );
    expect(Number(props(resource(t, 'MigrateOnDeploy')).ServiceTimeout)).toBeLessThan(3600);
    expect(props(resource(t, 'MigrateLambdaEvConf')).MaximumRetryAttempts).toBe(0);
  });
});

describe('report bucket and CloudFront', () => {
  it('keeps the bucket private, encrypted and versioned', () => {
    const bucket = props(resource(t, 'ReportBucket'));
    expect(bucket.PublicAccessBlockConfiguration).toEqual({
      BlockPublicAcls: true,
      BlockPublicPolicy: true,
      IgnorePublicAcls: true,
      RestrictPublicBuckets: true,
    });
    expect(
      bucket.BucketEncryption.ServerSideEncryptionConfiguration[0].ServerSideEncryptionByDefault.SSEAlgorithm,
    ).toBe('AES256');
    expect(bucket.OwnershipControls.Rules).toEqual([{ ObjectOwnership: 'BucketOwnerEnforced' }]);
    expect(bucket.VersioningConfiguration).toEqual({ Status: 'Enabled' });
  });

  it('expires retired generations under data/g/ and never expires live objects by age', () => {
    const rules = props(resource(t, 'ReportBucket')).LifecycleConfiguration.Rules as Loose[];
    const generations = rules.find((r) => r.Prefix === 'data/g/');
    expect(generations).toMatchObject({
      Status: 'Enabled',
      NoncurrentVersionExpiration: { NoncurrentDays: 7 },
      ExpiredObjectDeleteMarker: true,
    });
    // An unchanged report stays in an old generation folder the newest manifest still reaches.
    for (const rule of rules) {
      expect(rule.ExpirationInDays).toBeUndefined();
      expect(rule.ExpirationDate).toBeUndefined();
    }
  });

  it('lets only this distribution read the bucket, and only over TLS', () => {
    const statements = props(resource(t, 'ReportBucketPolicy')).PolicyDocument.Statement as PolicyStatement[];
    const read = statements.find((s) => s.Effect === 'Allow');
    expect(statements.filter((s) => s.Effect === 'Allow')).toHaveLength(1);
    expect(read).toMatchObject({
      Principal: { Service: 'cloudfront.amazonaws.com' },
      Action: 's3:GetObject',
      // biome-ignore lint/suspicious/noTemplateCurlyInString: CloudFormation Fn::Sub syntax
      Resource: { 'Fn::Sub': '${ReportBucket.Arn}/*' },
      Condition: {
        StringEquals: {
          'AWS:SourceArn': {
            // biome-ignore lint/suspicious/noTemplateCurlyInString: CloudFormation Fn::Sub syntax
            'Fn::Sub': 'arn:${AWS::Partition}:cloudfront::${AWS::AccountId}:distribution/${Distribution}',
          },
        },
      },
    });
    expect(statements.find((s) => s.Effect === 'Deny')).toMatchObject({
      Principal: '*',
      Action: 's3:*',
      Condition: { Bool: { 'aws:SecureTransport': 'false' } },
    });
  });

  it('reaches the bucket through Origin Access Control, not an origin access identity', () => {
    const oac = props(resource(t, 'OriginAccessControl')).OriginAccessControlConfig;
    expect(oac).toMatchObject({
      OriginAccessControlOriginType: 's3',
      SigningBehavior: 'always',
      SigningProtocol: 'sigv4',
    });
    const config = props(resource(t, 'Distribution')).DistributionConfig;
    expect(config.Origins[0]).toEqual({
      Id: 'reports',
      DomainName: { 'Fn::GetAtt': ['ReportBucket', 'RegionalDomainName'] },
      OriginAccessControlId: { 'Fn::GetAtt': ['OriginAccessControl', 'Id'] },
      S3OriginConfig: { OriginAccessIdentity: '' },
    });
    // The other origin is the explorer's ALB (tests/deploy/privateByDefault.test.ts).
    expect(config.Origins).toHaveLength(2);
    expect(resourcesOfType(t, 'AWS::CloudFront::CloudFrontOriginAccessIdentity')).toEqual([]);
  });

  it('caches the manifest for a minute at most and generations and hashed assets for a year', () => {
    const config = props(resource(t, 'Distribution')).DistributionConfig;
    const policyOf = (pattern: string) => {
      const behaviour = (config.CacheBehaviors as Loose[]).find((b) => b.PathPattern === pattern);
      return props(resource(t, behaviour?.CachePolicyId.Ref)).CachePolicyConfig;
    };
    expect(policyOf('data/manifest.json')).toMatchObject({ MinTTL: 0, MaxTTL: 60 });
    for (const pattern of ['data/g/*', '_astro/*']) {
      expect(policyOf(pattern).MinTTL).toBeGreaterThanOrEqual(86_400);
      expect(policyOf(pattern).DefaultTTL).toBe(31_536_000);
    }
    // The manifest behaviour must be listed before any pattern that would also match it.
    const patterns = (config.CacheBehaviors as { PathPattern: string }[]).map((b) => b.PathPattern);
    expect(patterns.indexOf('data/manifest.json')).toBe(0);
    const pages = props(resource(t, config.DefaultCacheBehavior.CachePolicyId.Ref)).CachePolicyConfig;
    expect(pages.MaxTTL).toBeLessThanOrEqual(3600);
  });

  it('serves every path over HTTPS with the security headers policy', () => {
    const config = props(resource(t, 'Distribution')).DistributionConfig;
    // The site's behaviours; the explorer's (conditional, wrapped in Fn::If) send its own headers.
    const site = (config.CacheBehaviors as Loose[]).filter((b) => b.PathPattern);
    for (const behaviour of [config.DefaultCacheBehavior, ...site]) {
      expect(behaviour.ViewerProtocolPolicy).toBe('redirect-to-https');
      expect(behaviour.ResponseHeadersPolicyId).toEqual({ Ref: 'SecurityHeadersPolicy' });
      expect(behaviour.AllowedMethods).toEqual(['GET', 'HEAD']);
    }
    const headers = props(resource(t, 'SecurityHeadersPolicy')).ResponseHeadersPolicyConfig
      .SecurityHeadersConfig;
    const csp: string = headers.ContentSecurityPolicy.ContentSecurityPolicy;
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).not.toContain('unsafe-eval');
    expect(headers.StrictTransportSecurity.AccessControlMaxAgeSec).toBeGreaterThanOrEqual(31_536_000);
    expect(headers.ContentTypeOptions.Override).toBe(true);
    expect(headers.FrameOptions.FrameOption).toBe('DENY');
    expect(headers.ReferrerPolicy.ReferrerPolicy).toBe('strict-origin-when-cross-origin');
  });

  it('routes paths in the CloudFront Function exactly as the edge function does (auth=none)', () => {
    const fn = props(resource(t, 'SiteRouteFunction'));
    expect(fn.FunctionConfig.Runtime).toBe('cloudfront-js-2.0');
    const route = (uri: string) =>
      runInNewContext(
        `${fn.FunctionCode}\nhandler({ viewer: { ip: '203.0.113.9' }, request: { uri: ${JSON.stringify(uri)}, headers: {} } })`,
      ) as { uri: string; headers: Record<string, { value: string }> };
    for (const [uri, routed] of ROUTES) {
      expect(route(uri).uri, uri).toBe(routed);
      expect(route(uri).uri, uri).toBe(routeViewerRequest(uri));
    }
    // The ALB's rate rule counts the address CloudFront saw, whatever the client claims.
    expect(route('/ws').headers['x-tubelens-viewer-ip']).toEqual({ value: '203.0.113.9' });
    // Only without sign-in: with it, the edge function routes (one viewer-request function per behaviour).
    const config = props(resource(t, 'Distribution')).DistributionConfig;
    expect(config.DefaultCacheBehavior.FunctionAssociations).toEqual({
      'Fn::If': [
        'SignInOff',
        [
          {
            EventType: 'viewer-request',
            FunctionARN: { 'Fn::GetAtt': ['SiteRouteFunction', 'FunctionMetadata.FunctionARN'] },
          },
        ],
        { Ref: 'AWS::NoValue' },
      ],
    });
    for (const behaviour of (config.CacheBehaviors as Loose[]).filter((b) =>
      b.PathPattern?.startsWith('data/'),
    )) {
      expect(behaviour.FunctionAssociations).toBeUndefined();
    }
  });
});

describe('Aurora PostgreSQL Serverless v2', () => {
  it('enables the Data API and lets the cluster scale to zero', () => {
    const cluster = props(resource(t, 'AuroraCluster'));
    expect(cluster.Engine).toBe('aurora-postgresql');
    expect(cluster.EnableHttpEndpoint).toBe(true);
    expect(cluster.ServerlessV2ScalingConfiguration.MinCapacity).toBe(0);
    expect(cluster.ServerlessV2ScalingConfiguration.SecondsUntilAutoPause).toBeGreaterThanOrEqual(300);
    expect(cluster.ServerlessV2ScalingConfiguration.SecondsUntilAutoPause).toBeLessThanOrEqual(86_400);
    expect(cluster.StorageEncrypted).toBe(true);
    expect(Number(String(cluster.EngineVersion).split('.')[0])).toBeGreaterThanOrEqual(16);
    expect(props(resource(t, 'AuroraInstance')).DBInstanceClass).toBe('db.serverless');
    expect(props(resource(t, 'AuroraInstance')).PubliclyAccessible).toBe(false);
  });

  it('keeps the credentials in Secrets Manager, never in the template', () => {
    const cluster = props(resource(t, 'AuroraCluster'));
    expect(cluster.MasterUserPassword).toEqual({
      // biome-ignore lint/suspicious/noTemplateCurlyInString: CloudFormation Fn::Sub syntax
      'Fn::Sub': '{{resolve:secretsmanager:${DatabaseSecret}:SecretString:password}}',
    });
    const secret = props(resource(t, 'DatabaseSecret'));
    expect(secret.GenerateSecretString).toMatchObject({ GenerateStringKey: 'password', PasswordLength: 32 });
    expect(JSON.parse(secret.GenerateSecretString.SecretStringTemplate)).toEqual({
      username: 'tubelens',
      dbname: 'tubelens',
    });
    expect(props(resource(t, 'DatabaseSecretAttachment'))).toMatchObject({
      TargetType: 'AWS::RDS::DBCluster',
    });
  });

  it('keeps a snapshot when the cluster is deleted or replaced', () => {
    const cluster = resource(t, 'AuroraCluster') as Resource & {
      DeletionPolicy?: string;
      UpdateReplacePolicy?: string;
    };
    expect(cluster.DeletionPolicy).toBe('Snapshot');
    expect(cluster.UpdateReplacePolicy).toBe('Snapshot');
  });
});

describe('explorer on Fargate', () => {
  it('runs an ARM64 Fargate task that reads its secret and keeps sessions in Redis over TLS', () => {
    const task = props(resource(t, 'ExplorerTaskDefinition'));
    expect(task.RequiresCompatibilities).toEqual(['FARGATE']);
    expect(task.RuntimePlatform).toEqual({ CpuArchitecture: 'ARM64', OperatingSystemFamily: 'LINUX' });
    const [container] = task.ContainerDefinitions;
    expect(container.PortMappings).toEqual([{ ContainerPort: 8080, Protocol: 'tcp' }]);
    // The server drains within 25 s of SIGTERM; ECS must wait at least that long.
    expect(container.StopTimeout).toBeGreaterThanOrEqual(25);
    // Sign-in and reader variables are Fn::If items (tests/deploy/privateByDefault.test.ts).
    const env = Object.fromEntries(
      (container.Environment as Loose[]).filter((e) => e.Name).map((e) => [e.Name, e.Value]),
    );
    expect(Object.keys(env).sort()).toEqual([
      'DATABASE_SECRET_ARN',
      'DB_SECRET_ARN',
      'EXPLORER_ALLOWED_ORIGINS',
      'EXPLORER_AUTH',
      'EXPLORER_SITE_URL',
      'EXPLORER_TRUSTED_PROXY_HOPS',
      'NODE_ENV',
      'NODE_EXTRA_CA_CERTS',
      'PORT',
    ]);
    expect(env.PORT).toBe('8080');
    // The Valkey URL, AUTH token included, comes from a secret the ECS agent injects.
    expect(container.Secrets).toEqual([{ Name: 'REDIS_URL', ValueFrom: { Ref: 'RedisUrlSecret' } }]);
    expect(props(resource(t, 'RedisUrlSecret')).SecretString).toEqual({
      'Fn::Sub':
        // biome-ignore lint/suspicious/noTemplateCurlyInString: CloudFormation Fn::Sub syntax
        'rediss://:{{resolve:secretsmanager:${RedisAuthSecret}:SecretString:token}}@${Redis.PrimaryEndPoint.Address}:${Redis.PrimaryEndPoint.Port}',
    });
    expect(props(resource(t, 'Redis'))).toMatchObject({
      TransitEncryptionEnabled: true,
      AtRestEncryptionEnabled: true,
      // biome-ignore lint/suspicious/noTemplateCurlyInString: CloudFormation Fn::Sub syntax
      AuthToken: { 'Fn::Sub': '{{resolve:secretsmanager:${RedisAuthSecret}:SecretString:token}}' },
    });
  });

  it('sits behind an ALB whose idle timeout outlasts quiet WebSockets, checking /readyz', () => {
    const attributes = props(resource(t, 'ExplorerLoadBalancer')).LoadBalancerAttributes as {
      Key: string;
      Value: string;
    }[];
    const idle = Number(attributes.find((a) => a.Key === 'idle_timeout.timeout_seconds')?.Value);
    // Created after the internet gateway is attached, when the stack creates the VPC.
    expect(JSON.stringify(props(resource(t, 'ExplorerLoadBalancer')).Tags)).toContain(
      'InternetGatewayAttachment',
    );
    expect(idle).toBe(3600);
    const group = props(resource(t, 'ExplorerTargetGroup'));
    expect(group).toMatchObject({
      HealthCheckPath: '/readyz',
      Port: 8080,
      Protocol: 'HTTP',
      TargetType: 'ip',
    });
    const delay = (group.TargetGroupAttributes as { Key: string; Value: string }[]).find(
      (a) => a.Key === 'deregistration_delay.timeout_seconds',
    );
    expect(Number(delay?.Value)).toBeGreaterThanOrEqual(25);
  });

  it('rolls back a deployment whose tasks never become healthy', () => {
    const service = props(resource(t, 'ExplorerService'));
    expect(service.LaunchType).toBe('FARGATE');
    expect(service.DeploymentConfiguration.DeploymentCircuitBreaker).toEqual({
      Enable: true,
      Rollback: true,
    });
    expect(service.LoadBalancers).toEqual([
      { ContainerName: 'explorer', ContainerPort: 8080, TargetGroupArn: { Ref: 'ExplorerTargetGroup' } },
    ]);
  });

  it('scales on CPU between the configured task counts', () => {
    const target = props(resource(t, 'ExplorerScalableTarget'));
    expect(target).toMatchObject({
      ServiceNamespace: 'ecs',
      ScalableDimension: 'ecs:service:DesiredCount',
      MinCapacity: 1,
      MaxCapacity: 4,
    });
    const policy = props(resource(t, 'ExplorerCpuScaling'));
    expect(policy.PolicyType).toBe('TargetTrackingScaling');
    expect(
      policy.TargetTrackingScalingPolicyConfiguration.PredefinedMetricSpecification.PredefinedMetricType,
    ).toBe('ECSServiceAverageCPUUtilization');
  });

  it('has an image repository that scans on push and never overwrites a tag', () => {
    expect(props(resource(t, 'ExplorerRepository'))).toMatchObject({
      ImageTagMutability: 'IMMUTABLE',
      ImageScanningConfiguration: { ScanOnPush: true },
    });
  });
});

describe('network isolation', () => {
  it('lets only the ALB reach the tasks, and only the tasks reach Aurora and Redis', () => {
    expect(ingressRules(t, 'ExplorerTaskSecurityGroup').map(ruleSource)).toEqual([
      'LoadBalancerSecurityGroup',
    ]);
    // The hosted rotation functions log in as each user to change its password.
    expect(ingressRules(t, 'DatabaseSecurityGroup').map(ruleSource)).toEqual([
      'ExplorerTaskSecurityGroup',
      'RotationSecurityGroup',
    ]);
    expect(ingressRules(t, 'RedisSecurityGroup').map(ruleSource)).toEqual(['ExplorerTaskSecurityGroup']);
    expect(ingressRules(t, 'ExplorerTaskSecurityGroup')[0]).toMatchObject({ FromPort: 8080, ToPort: 8080 });
    expect(ingressRules(t, 'DatabaseSecurityGroup')[0]).toMatchObject({ FromPort: 5432, ToPort: 5432 });
    expect(ingressRules(t, 'RedisSecurityGroup')[0]).toMatchObject({ FromPort: 6379, ToPort: 6379 });
  });

  it('opens nothing to the internet: the load balancer admits CloudFront only', () => {
    for (const [id] of resourcesOfType(t, 'AWS::EC2::SecurityGroup')) {
      const open = ingressRules(t, id).filter((r) => r.CidrIp === '0.0.0.0/0' || r.CidrIpv6 === '::/0');
      expect(open, id).toEqual([]);
    }
  });

  it('keeps Aurora in subnets with no route out and off the public internet', () => {
    expect(props(resource(t, 'DatabaseSubnetGroup')).SubnetIds).toEqual({
      'Fn::If': [
        'CreateNetwork',
        [{ Ref: 'PrivateSubnetA' }, { Ref: 'PrivateSubnetB' }],
        { Ref: 'PrivateSubnetIds' },
      ],
    });
    const routes = resourcesOfType(t, 'AWS::EC2::SubnetRouteTableAssociation').map(
      ([, r]) => r.Properties.SubnetId,
    );
    expect(routes).not.toContainEqual({ Ref: 'PrivateSubnetA' });
    expect(routes).not.toContainEqual({ Ref: 'PrivateSubnetB' });
  });
});

describe('IAM least privilege', () => {
  const roles = () => resourcesOfType(t, 'AWS::IAM::Role');
  // The one place AWS requires "*": an ECR login token is not scoped to a repository.
  const STAR_ALLOWED = new Set(['ecr:GetAuthorizationToken']);

  it('has no "*" action anywhere and a "*" resource only where AWS requires it', () => {
    expect(roles().length).toBeGreaterThanOrEqual(5);
    for (const [id, role] of roles()) {
      for (const statement of roleStatements(role).filter((s) => s.Effect === 'Allow')) {
        for (const action of actionsOf(statement)) expect(action, `${id} ${action}`).not.toMatch(/\*/);
        for (const target of resourcesOf(statement)) {
          if (target === '*')
            expect(
              actionsOf(statement).every((a) => STAR_ALLOWED.has(a)),
              `${id} ${statement.Sid}`,
            ).toBe(true);
        }
      }
    }
  });

  it('lets each Lambda role call the Data API on this cluster only and read its own secret only', () => {
    for (const name of ['RefreshRole', 'IngestRole', 'MigrateRole']) {
      const statements = roleStatements(resource(t, name));
      const dataApi = statements.filter((s) => actionsOf(s).some((a) => a.startsWith('rds-data:')));
      expect(dataApi).toHaveLength(1);
      expect(actionsOf(dataApi[0] as PolicyStatement).sort()).toEqual([
        'rds-data:BatchExecuteStatement',
        'rds-data:BeginTransaction',
        'rds-data:CommitTransaction',
        'rds-data:ExecuteStatement',
        'rds-data:RollbackTransaction',
      ]);
      expect(dataApi[0]?.Resource).toEqual({
        'Fn::If': [
          'CreateDatabase',
          { 'Fn::GetAtt': ['AuroraCluster', 'DBClusterArn'] },
          { Ref: 'ClusterArn' },
        ],
      });
      const secrets = statements.filter((s) => actionsOf(s).includes('secretsmanager:GetSecretValue'));
      const own = { RefreshRole: 'RefreshDatabaseSecret', IngestRole: 'IngestDatabaseSecret' }[name];
      if (own) expect(secrets[0]?.Resource).toEqual({ Ref: own });
      else
        expect(secrets[0]?.Resource).toEqual([
          { 'Fn::If': ['CreateDatabase', { Ref: 'DatabaseSecret' }, { Ref: 'SecretArn' }] },
          { 'Fn::If': ['CreateExplorer', { Ref: 'ExplorerDatabaseSecret' }, { Ref: 'AWS::NoValue' }] },
          { Ref: 'IngestDatabaseSecret' },
          { Ref: 'RefreshDatabaseSecret' },
        ]);
      // Logs only to the function's own group.
      const logs = statements.find((s) => actionsOf(s).includes('logs:PutLogEvents'));
      const fn = name.replace('Role', '').toLowerCase();
      expect(logs?.Resource).toEqual({
        'Fn::Sub': `arn:\${AWS::Partition}:logs:\${AWS::Region}:\${AWS::AccountId}:log-group:/aws/lambda/tubelens-test-${fn}:*`,
      });
    }
  });

  it('lets only the refresh write reports, and only under the data/ prefix', () => {
    const s3 = (role: string) =>
      roleStatements(resource(t, role)).filter((s) => actionsOf(s).some((a) => a.startsWith('s3:')));
    expect(s3('IngestRole')).toEqual([]);
    expect(s3('MigrateRole')).toEqual([]);
    const [objects, list] = s3('RefreshRole');
    expect(actionsOf(objects as PolicyStatement).sort()).toEqual([
      's3:DeleteObject',
      's3:GetObject',
      's3:PutObject',
    ]);
    // biome-ignore lint/suspicious/noTemplateCurlyInString: CloudFormation Fn::Sub syntax
    expect(objects?.Resource).toEqual({ 'Fn::Sub': '${ReportBucket.Arn}/data/*' });
    expect(list).toMatchObject({
      Action: 's3:ListBucket',
      Resource: { 'Fn::GetAtt': ['ReportBucket', 'Arn'] },
      Condition: { StringLike: { 's3:prefix': 'data/*' } },
    });
  });

  it('lets the explorer task read its own read-only login secret and nothing else', () => {
    const statements = roleStatements(resource(t, 'ExplorerTaskRole'));
    expect(statements).toEqual([
      {
        Sid: 'ReadOwnDatabaseSecretOnly',
        Effect: 'Allow',
        Action: 'secretsmanager:GetSecretValue',
        Resource: { Ref: 'ExplorerDatabaseSecret' },
      },
    ]);
  });

  it('lets the migrate function read only its own stack status', () => {
    const status = roleStatements(resource(t, 'MigrateRole')).find((s) =>
      actionsOf(s).includes('cloudformation:DescribeStacks'),
    );
    expect(status?.Resource).toEqual({ Ref: 'AWS::StackId' });
  });

  it('uses no role that osls generates for all functions at once', () => {
    expect(t.Resources.IamRoleLambdaExecution).toBeUndefined();
  });
});

describe('alarms', () => {
  it('alarm on any failed refresh or ingest run and on an explorer with no healthy task', () => {
    const alarm = (id: string) => props(resource(t, id));
    for (const [id, fn] of [
      ['RefreshFailedAlarm', 'tubelens-test-refresh'],
      ['IngestFailedAlarm', 'tubelens-test-ingest'],
    ]) {
      expect(alarm(id as string)).toMatchObject({
        Namespace: 'AWS/Lambda',
        MetricName: 'Errors',
        Dimensions: [{ Name: 'FunctionName', Value: fn }],
        Threshold: 1,
        ComparisonOperator: 'GreaterThanOrEqualToThreshold',
        AlarmActions: [{ Ref: 'AlertTopic' }],
      });
      // The function names the alarms watch are the functions the stack deploys.
      expect(props(lambda(String(fn).replace('tubelens-test-', ''))).FunctionName).toBe(fn);
    }
    expect(alarm('ExplorerUnhealthyAlarm')).toMatchObject({
      MetricName: 'HealthyHostCount',
      ComparisonOperator: 'LessThanThreshold',
      Threshold: 1,
    });
    expect(resource(t, 'ExplorerUnhealthyAlarm').Condition).toBe('HasExplorerImage');
    expect(resource(t, 'AlertEmailSubscription').Condition).toBe('HasAlertEmail');
  });
});

describe('existing VPC and Aurora', () => {
  const modes: Record<string, Record<string, string>> = {
    'a new account': {},
    'an existing VPC': {
      VpcId: 'vpc-0abc',
      PublicSubnetIds: 'subnet-1,subnet-2',
      PrivateSubnetIds: 'subnet-3,subnet-4',
    },
    'an existing VPC and Aurora cluster': {
      VpcId: 'vpc-0abc',
      PublicSubnetIds: 'subnet-1,subnet-2',
      PrivateSubnetIds: 'subnet-3,subnet-4',
      ClusterArn: 'arn:aws:rds:us-east-1:123456789012:cluster:analytics',
      SecretArn: 'arn:aws:secretsmanager:us-east-1:123456789012:secret:analytics-AbCdEf',
      ClusterSecurityGroupId: 'sg-0def',
      ExplorerImageTag: 'v1',
      CertificateArn: 'arn:aws:acm:us-east-1:123456789012:certificate/abc',
      YoutubeApiKeySecretArn: 'arn:aws:secretsmanager:us-east-1:123456789012:secret:yt-AbCdEf',
    },
    'a new account, reports only': { Explorer: 'false', ExplorerImageTag: 'v1' },
    'an existing VPC and Aurora cluster, reports only': {
      Explorer: 'false',
      VpcId: 'vpc-0abc',
      PublicSubnetIds: 'subnet-1,subnet-2',
      PrivateSubnetIds: 'subnet-3,subnet-4',
      ClusterArn: 'arn:aws:rds:us-east-1:123456789012:cluster:analytics',
      SecretArn: 'arn:aws:secretsmanager:us-east-1:123456789012:secret:analytics-AbCdEf',
      ClusterSecurityGroupId: 'sg-0def',
      CertificateArn: 'arn:aws:acm:us-east-1:123456789012:certificate/abc',
    },
  };

  it.each(Object.keys(modes))('leaves no dangling reference when deployed into %s', (mode) => {
    expect(danglingReferences(t, parameterValues(t, modes[mode]))).toEqual([]);
  });

  it('skips creating the network, the cluster and its secret when they are given', () => {
    const given = resolveConditions(t, parameterValues(t, modes['an existing VPC and Aurora cluster']));
    expect(given).toMatchObject({ CreateNetwork: false, CreateDatabase: false, HasExplorerImage: true });
    for (const id of ['Vpc', 'PublicSubnetA', 'PrivateSubnetB', 'InternetGateway']) {
      expect(resource(t, id).Condition).toBe('CreateNetwork');
    }
    for (const id of [
      'AuroraCluster',
      'AuroraInstance',
      'DatabaseSecret',
      'DatabaseSecretAttachment',
      'DatabaseSecurityGroup',
    ]) {
      expect(resource(t, id).Condition).toBe('CreateDatabase');
    }
    // The explorer may reach an existing cluster only through the security group the user names.
    expect(resource(t, 'DatabaseIngressFromTasks').Condition).toBe('ExplorerReachesDatabase');
  });

  it('deploys the reports alone, with nothing that idles, when the explorer is switched off', () => {
    const values = parameterValues(t, modes['an existing VPC and Aurora cluster, reports only']);
    const created = createdResources(t, resolveConditions(t, values));
    for (const id of Object.keys(t.Resources).filter((id) => /^(Explorer|Redis|LoadBalancer)/.test(id))) {
      expect(created.has(id), id).toBe(false);
    }
    // Nothing opens the existing cluster's security group when no task needs it.
    expect(created.has('DatabaseIngressFromTasks')).toBe(false);
    for (const id of ['RefreshLambdaFunction', 'MigrateOnDeploy', 'ReportBucket', 'Distribution']) {
      expect(created.has(id), id).toBe(true);
    }
  });

  it('runs no explorer task until an image tag is given', () => {
    const defaults = resolveConditions(t, parameterValues(t));
    expect(defaults.HasExplorerImage).toBe(false);
    expect(props(resource(t, 'ExplorerService')).DesiredCount).toEqual({
      'Fn::If': ['HasExplorerImage', 1, 0],
    });
  });

  it('takes the existing resources from --param on the osls command line', async () => {
    const withParams = await packageStack({
      params: {
        vpcId: 'vpc-0abc',
        publicSubnetIds: 'subnet-1,subnet-2',
        privateSubnetIds: 'subnet-3,subnet-4',
        clusterArn: 'arn:aws:rds:us-east-1:123456789012:cluster:analytics',
        secretArn: 'arn:aws:secretsmanager:us-east-1:123456789012:secret:analytics-AbCdEf',
        explorer: 'false',
        edgeAuthVersionArn: EDGE_AUTH_VERSION_ARN,
      },
    });
    try {
      const p = withParams.template.Parameters as Record<string, { Default: string }>;
      expect(p.VpcId?.Default).toBe('vpc-0abc');
      expect(p.PrivateSubnetIds?.Default).toBe('subnet-3,subnet-4');
      expect(p.ClusterArn?.Default).toBe('arn:aws:rds:us-east-1:123456789012:cluster:analytics');
      const conditions = resolveConditions(withParams.template, parameterValues(withParams.template));
      expect(p.Explorer?.Default).toBe('false');
      expect(conditions).toMatchObject({
        CreateNetwork: false,
        CreateDatabase: false,
        CreateExplorer: false,
      });
      expect(danglingReferences(withParams.template, parameterValues(withParams.template))).toEqual([]);
    } finally {
      await rm(withParams.dir, { recursive: true, force: true });
    }
  }, 240_000);
});

describe('CloudFormation resource schemas', () => {
  it('accepts every resource: no unknown property, missing required one, wrong type or bad reference', () => {
    expect(validateTemplate(t, loadResourceSpecs())).toEqual([]);
  });
});

describe('Lambda zips', () => {
  it('leave no staging folder behind in the machine’s temporary directory', async () => {
    // serverless-esbuild stages each zip in `<function>-<pid>-<ms>-<hex>` under the temp dir
    // and did not remove it: five folders in /tmp for every packaging.
    const staged = /^([A-Za-z]+)-\d+-(\d{13})-[0-9a-f]{8}$/;
    const left = (await readdir(tmpdir())).filter((entry) => {
      const m = staged.exec(entry);
      return m !== null && (FUNCTIONS as readonly string[]).includes(m[1]!) && Number(m[2]) >= packagedAt;
    });
    expect(left).toEqual([]);
  });

  it('are small and hold exactly one bundled handler, no node_modules and no source maps', () => {
    for (const name of FUNCTIONS) {
      const zip = zips.get(name)!;
      // Lambda's limits are 50 MB zipped and 250 MB unzipped; our budget is far tighter.
      expect(zip.bytes.length, `${name}.zip`).toBeLessThan(1024 * 1024);
      expect(zip.entries.map((e) => e.name)).toEqual([`functions/${name}/handler.mjs`]);
      const code = zip.entries[0]!.read().toString('utf8');
      expect(code).not.toContain('sourceMappingURL');
      expect(code).toContain('export');
    }
  });

  it('load on their own with the environment the stack gives them, and export a handler', async () => {
    // What CloudFormation resolves at deploy time, in the shape it will have.
    const deployed: Record<string, string> = {
      DB_CLUSTER_ARN: 'arn:aws:rds:us-east-1:123456789012:cluster:tubelens-test-auroracluster-1a2b3c4d5e6f',
      DB_SECRET_ARN:
        'arn:aws:secretsmanager:us-east-1:123456789012:secret:DatabaseSecret-AbCdEfGhIjKl-AbCdEf',
      REPORT_BUCKET: 'tubelens-test-reportbucket-1a2b3c4d5e6f',
      EXPLORER_DB_SECRET_ARN:
        'arn:aws:secretsmanager:us-east-1:123456789012:secret:ExplorerDatabaseSecret-AbCdEfGhIjKl-AbCdEf',
      INGEST_DB_SECRET_ARN:
        'arn:aws:secretsmanager:us-east-1:123456789012:secret:IngestDatabaseSecret-AbCdEfGhIjKl-AbCdEf',
      REFRESH_DB_SECRET_ARN:
        'arn:aws:secretsmanager:us-east-1:123456789012:secret:RefreshDatabaseSecret-AbCdEfGhIjKl-AbCdEf',
      YOUTUBE_API_KEY_SECRET_ARN:
        'arn:aws:secretsmanager:us-east-1:123456789012:secret:YoutubeApiKeySecret-AbCdEfGhIjKl-AbCdEf',
      ALERT_TOPIC_ARN: 'arn:aws:sns:us-east-1:123456789012:tubelens-test-GrowthAlertTopic-AbCdEf',
      SITE_URL: 'https://d111111abcdef8.cloudfront.net/',
    };
    for (const name of FUNCTIONS) {
      const variables = props(lambda(name)).Environment.Variables as Record<string, unknown>;
      const env: Record<string, string | undefined> = {
        PATH: process.env.PATH,
        AWS_REGION: 'us-east-1',
        AWS_ACCESS_KEY_ID: 'test',
        AWS_SECRET_ACCESS_KEY: 'test',
        AWS_LAMBDA_FUNCTION_NAME: `tubelens-test-${name}`,
      };
      for (const [key, value] of Object.entries(variables)) {
        if (typeof value === 'string') env[key] = value;
        else {
          expect(
            deployed[key],
            `${name}: ${key} is resolved at deploy time; give this test a value`,
          ).toBeDefined();
          env[key] = deployed[key];
        }
      }
      // Unpacked alone, far from the repository's node_modules: a missing dependency fails here,
      // and so does a setting the function validates at cold start but the stack does not pass.
      const dir = join(stack.dir, 'unzipped', name);
      const [entry] = zips.get(name)!.entries;
      const file = join(dir, entry!.name);
      await mkdir(dirname(file), { recursive: true });
      await writeFile(file, entry!.read());
      const { stdout, stderr } = await run(
        process.execPath,
        [
          '--input-type=module',
          '-e',
          `const m = await import(${JSON.stringify(file)}); console.log(typeof m.handler);`,
        ],
        { cwd: dir, env },
      );
      expect(stdout.trim().split('\n').at(-1), name).toBe('function');
      // The migrate function reports bad settings to CloudFormation instead of failing to start.
      expect(`${stdout}${stderr}`, name).not.toContain('bad configuration');
    }
  }, 60_000);

  it('bundle production code only: no dev dependency and nothing from local/ or tests/', async () => {
    const lock = JSON.parse(await readFile('package-lock.json', 'utf8')) as {
      packages: Record<string, { dev?: boolean }>;
    };
    /** The lock entry of the installed package a bundled file comes from, e.g. `node_modules/@aws-sdk/core`. */
    const packageOf = (input: string) => {
      const at = input.lastIndexOf('node_modules/');
      const rest = input.slice(at + 'node_modules/'.length).split('/');
      const name = rest[0]?.startsWith('@') ? `${rest[0]}/${rest[1]}` : String(rest[0]);
      return `${input.slice(0, at)}node_modules/${name}`;
    };
    const state = JSON.parse(await readFile(join(stack.dir, 'serverless-state.json'), 'utf8'));
    const { exclude, outputFileExtension, ...options } = state.service.custom.esbuild;
    expect(exclude).toEqual([]);
    for (const name of FUNCTIONS) {
      // The packaged build again, with a metafile naming every input. Same options, same bytes
      // (unless someone edited the source since the package step ran, which the message says).
      const result = await build({
        ...options,
        entryPoints: [`functions/${name}/handler.ts`],
        outdir: join(stack.dir, 'rebuild'),
        outExtension: { '.js': outputFileExtension },
        metafile: true,
        write: false,
        logLevel: 'silent',
      });
      const rebuilt = Buffer.from(result.outputFiles?.[0]?.contents ?? []);
      const zipped = zips.get(name)?.entries[0]?.read() ?? Buffer.alloc(0);
      const inputs = Object.keys(result.metafile?.inputs ?? {});
      // In a shared working tree a source may change between the package step and this rebuild;
      // then the bytes cannot match and the metafile describes the newer sources. On a clean
      // checkout (CI) nothing changes, and the rebuild must be the zip byte for byte.
      const editedSince = (
        await Promise.all(
          inputs
            .filter((i) => !i.includes('node_modules/'))
            .map(async (i) => ((await stat(i)).mtimeMs > packagedAt ? i : '')),
        )
      ).filter(Boolean);
      if (editedSince.length === 0) {
        expect(rebuilt.equals(zipped), `${name}: the rebuild differs from the zip`).toBe(true);
      }
      const packages = [...new Set(inputs.filter((i) => i.includes('node_modules/')).map(packageOf))];
      expect(packages.length, name).toBeGreaterThan(0);
      expect(
        packages.filter((p) => !lock.packages[p]),
        `${name} bundles packages the lock does not know`,
      ).toEqual([]);
      expect(
        packages.filter((p) => lock.packages[p]?.dev),
        `${name} bundles dev-only packages`,
      ).toEqual([]);
      expect(
        inputs.filter((i) => /^(local|tests|bench|site)\//.test(i)),
        `${name} bundles local-only code`,
      ).toEqual([]);
    }
  }, 120_000);
});
