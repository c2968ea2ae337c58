/**
 * Issue 15's "done when", on the packaged templates: in the default mode (auth=cognito) no
 * request reaches the explorer, a page or a report without passing sign-in, nothing is open to
 * the internet in any mode, each mode packages and validates, every job and the explorer use
 * their own database login, and the reader parameter (issue 18.4) wires the explorer to readers.
 */
import { execFile } from 'node:child_process';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { VIEWER_IP_HEADER } from '../../functions/edgeAuth/authorizeViewerRequest.ts';
import { EDGE_AUTH_VERSION_ARN, type PackagedStack, packageStack } from './support/packageStack.ts';
import { readZipEntries } from './support/readZipEntries.ts';
import {
  createdResources,
  danglingReferences,
  effective,
  parameterValues,
  resolveConditions,
} from './support/resolveConditions.ts';
import {
  ingressRules,
  type Loose,
  resource,
  resourcesOfType,
  roleStatements,
} from './support/templateQueries.ts';
import { loadResourceSpecs, type Template, validateTemplate } from './support/validateTemplate.ts';

const run = promisify(execFile);
let main: PackagedStack;
let oidc: PackagedStack;
let publicSite: PackagedStack;
let edge: PackagedStack;
let t: Template;

const OIDC = {
  auth: 'oidc',
  oidcIssuer: 'https://login.example.com/tenant',
  oidcClientId: 'tubelens',
  oidcClientSecretArn: 'arn:aws:secretsmanager:us-east-1:123456789012:secret:idp-client-AbCdEf',
  edgeAuthVersionArn: EDGE_AUTH_VERSION_ARN,
};

beforeAll(async () => {
  [main, oidc, publicSite, edge] = await Promise.all([
    packageStack({ params: { edgeAuthVersionArn: EDGE_AUTH_VERSION_ARN } }),
    packageStack({ params: OIDC }),
    packageStack({ params: { auth: 'none' } }),
    packageStack({ config: 'edge.yml', params: { stackRegion: 'eu-west-1' } }),
  ]);
  t = main.template;
}, 400_000);

afterAll(async () => {
  for (const stack of [main, oidc, publicSite, edge])
    if (stack) await rm(stack.dir, { recursive: true, force: true });
});

/** The template as CloudFormation would deploy it with these parameter values. */
function deployed(given: Record<string, string> = {}, template: Template = t) {
  const conditions = resolveConditions(template, parameterValues(template, given));
  const created = createdResources(template, conditions);
  const props = (id: string) => {
    if (!created.has(id)) throw new Error(`${id} is not created in this mode`);
    return effective(resource(template, id).Properties, conditions) as Loose;
  };
  return { conditions, created, props };
}

const MODES: Record<string, Record<string, string>> = {
  'auth=cognito (default)': {},
  'auth=oidc': {
    Auth: 'oidc',
    OidcIssuer: OIDC.oidcIssuer,
    OidcClientId: 'c',
    OidcClientSecretArn: OIDC.oidcClientSecretArn,
  },
  'auth=none': { Auth: 'none' },
  'an existing VPC and cluster': {
    VpcId: 'vpc-0abc',
    PublicSubnetIds: 'subnet-1,subnet-2',
    PrivateSubnetIds: 'subnet-3,subnet-4',
    ClusterArn: 'arn:aws:rds:us-east-1:123456789012:cluster:analytics',
    SecretArn: 'arn:aws:secretsmanager:us-east-1:123456789012:secret:analytics-AbCdEf',
    ClusterSecurityGroupId: 'sg-0def',
  },
  'HTTPS to the ALB': {
    CertificateArn: 'arn:aws:acm:us-east-1:123456789012:certificate/abc',
    ExplorerOriginDomain: 'origin.example.com',
  },
  'reports only': { Explorer: 'false' },
  'with readers': { AuroraReaders: '2', AuroraMaxReaders: '4' },
};

describe('sign-in in front of everything (default mode)', () => {
  it('runs the edge sign-in function on every CloudFront behaviour, site, reports and explorer', () => {
    const config = deployed().props('Distribution').DistributionConfig;
    const behaviours = [config.DefaultCacheBehavior, ...config.CacheBehaviors] as Loose[];
    expect(behaviours.map((b) => b.PathPattern ?? '*')).toEqual([
      '*',
      'data/manifest.json',
      'data/g/*',
      '_astro/*',
      'explorer*',
      'assets/*',
      'ws',
      'export.csv',
    ]);
    for (const b of behaviours) {
      expect(b.LambdaFunctionAssociations, b.PathPattern).toEqual([
        { EventType: 'viewer-request', LambdaFunctionARN: { Ref: 'EdgeAuthVersionArn' }, IncludeBody: false },
      ]);
      expect(b.FunctionAssociations, b.PathPattern).toBeUndefined();
    }
    // Two origins only: the private bucket and the ALB; nothing else is served.
    expect((config.Origins as Loose[]).map((o) => o.Id)).toEqual(['reports', 'explorer']);
  });

  it('serves the bucket only through this distribution (OAC), never publicly', () => {
    const { props } = deployed();
    expect(props('ReportBucket').PublicAccessBlockConfiguration).toEqual({
      BlockPublicAcls: true,
      BlockPublicPolicy: true,
      IgnorePublicAcls: true,
      RestrictPublicBuckets: true,
    });
    const allows = (props('ReportBucketPolicy').PolicyDocument.Statement as Loose[]).filter(
      (s) => s.Effect === 'Allow',
    );
    expect(allows).toHaveLength(1);
    expect(allows[0]?.Principal).toEqual({ Service: 'cloudfront.amazonaws.com' });
    // biome-ignore lint/suspicious/noTemplateCurlyInString: CloudFormation Fn::Sub syntax
    expect(JSON.stringify(allows[0]?.Condition)).toContain('distribution/${Distribution}');
    const reports = (props('Distribution').DistributionConfig.Origins as Loose[])[0];
    expect(reports?.OriginAccessControlId).toEqual({ 'Fn::GetAtt': ['OriginAccessControl', 'Id'] });
  });

  it('lets the ALB admit only CloudFront: its origin-facing prefix list, one port, no address range', () => {
    for (const mode of Object.keys(MODES).filter((m) => m !== 'reports only')) {
      const rules = effective(
        ingressRules(t, 'LoadBalancerSecurityGroup'),
        deployed(MODES[mode]).conditions,
      ) as Loose[];
      expect(rules, mode).toHaveLength(1);
      expect(rules[0]?.CidrIp ?? rules[0]?.CidrIpv6, mode).toBeUndefined();
      expect(rules[0]?.SourcePrefixListId, mode).toEqual({
        'Fn::FindInMap': ['RegionEdge', { Ref: 'AWS::Region' }, 'CloudFrontPrefixList'],
      });
    }
    expect((t as Loose).Mappings.RegionEdge['us-east-1'].CloudFrontPrefixList).toBe('pl-3b927c52');
    const https = effective(
      ingressRules(t, 'LoadBalancerSecurityGroup'),
      deployed(MODES['HTTPS to the ALB']).conditions,
    ) as Loose[];
    expect(https[0]).toMatchObject({ FromPort: 443, ToPort: 443 });
  });

  it('answers 403 at the ALB unless the request carries the origin header only CloudFront sends', () => {
    for (const mode of ['auth=cognito (default)', 'HTTPS to the ALB', 'auth=none']) {
      const { props, created } = deployed(MODES[mode]);
      const listeners = resourcesOfType(t, 'AWS::ElasticLoadBalancingV2::Listener').filter(([id]) =>
        created.has(id),
      );
      expect(listeners, mode).toHaveLength(1);
      for (const [id] of listeners) {
        expect(props(id).DefaultActions, `${mode} ${id}`).toEqual([
          {
            Type: 'fixed-response',
            FixedResponseConfig: { StatusCode: '403', ContentType: 'text/plain', MessageBody: 'Forbidden' },
          },
        ]);
      }
      const rule = props('ExplorerFromCloudFrontRule');
      // biome-ignore lint/suspicious/noTemplateCurlyInString: CloudFormation Fn::Sub syntax
      const secret = { 'Fn::Sub': '{{resolve:secretsmanager:${OriginVerifySecret}}}' };
      expect(rule.Conditions).toEqual([
        {
          Field: 'http-header',
          HttpHeaderConfig: { HttpHeaderName: 'X-Tubelens-Origin-Verify', Values: [secret] },
        },
      ]);
      expect(rule.Actions).toEqual([{ Type: 'forward', TargetGroupArn: { Ref: 'ExplorerTargetGroup' } }]);
      const origin = (props('Distribution').DistributionConfig.Origins as Loose[])[1];
      expect(origin?.OriginCustomHeaders).toEqual([
        { HeaderName: 'X-Tubelens-Origin-Verify', HeaderValue: secret },
      ]);
    }
    // The ECS service is the only other path to the tasks, and it admits the ALB alone.
    expect(ingressRules(t, 'ExplorerTaskSecurityGroup').map((r) => r.SourceSecurityGroupId)).toEqual([
      { Ref: 'LoadBalancerSecurityGroup' },
    ]);
  });

  it.each(Object.keys(MODES))('opens no ingress to 0.0.0.0/0 or ::/0 in mode %s', (mode) => {
    const { conditions, created } = deployed(MODES[mode]);
    const groups = resourcesOfType(t, 'AWS::EC2::SecurityGroup').filter(([id]) => created.has(id));
    for (const [id] of groups) {
      const rules = effective(ingressRules(t, id), conditions) as Loose[];
      const open = rules.filter((r) => r.CidrIp === '0.0.0.0/0' || r.CidrIpv6 === '::/0');
      expect(open, `${mode} ${id}`).toEqual([]);
    }
  });

  it('routes CloudFront to the explorer over HTTPS when the ALB has a name on its certificate', () => {
    const origin = (
      deployed(MODES['HTTPS to the ALB']).props('Distribution').DistributionConfig.Origins as Loose[]
    )[1];
    expect(origin).toMatchObject({
      DomainName: { Ref: 'ExplorerOriginDomain' },
      CustomOriginConfig: { OriginProtocolPolicy: 'https-only' },
    });
    // The Host header then names the origin, as its certificate does; over HTTP the site's name.
    const policy = (mode: string) =>
      (deployed(MODES[mode]).props('Distribution').DistributionConfig.CacheBehaviors as Loose[]).find(
        (b) => b.PathPattern === 'ws',
      )?.OriginRequestPolicyId;
    expect(policy('HTTPS to the ALB')).toBe('b689b0a8-53d0-40ab-baf2-68738e2966ac');
    expect(policy('auth=cognito (default)')).toBe('216adef6-5c7f-47e4-b989-5492eafa07d3');
  });

  it('with auth=none says so: no edge function, the routing function instead, the explorer told auth is off', () => {
    const { props, created } = deployed(MODES['auth=none']);
    const config = props('Distribution').DistributionConfig;
    for (const b of [config.DefaultCacheBehavior, ...config.CacheBehaviors] as Loose[]) {
      expect(b.LambdaFunctionAssociations).toBeUndefined();
    }
    for (const id of ['UserPool', 'UserPoolClient', 'EdgeAuthConfig', 'EdgeClientSecret', 'SignInWebAcl']) {
      expect(created.has(id), id).toBe(false);
    }
    const env = explorerEnv(props);
    expect(env.EXPLORER_AUTH).toBe('none');
    expect(Object.keys(env).filter((k) => k.startsWith('EXPLORER_AUTH_'))).toEqual([]);
  });
});

function explorerEnv(props: (id: string) => Loose): Record<string, unknown> {
  const [container] = props('ExplorerTaskDefinition').ContainerDefinitions as Loose[];
  return Object.fromEntries(((container?.Environment ?? []) as Loose[]).map((e) => [e.Name, e.Value]));
}

describe('the explorer and the edge agree on sign-in (AUTH-CONTRACT)', () => {
  it('gives the explorer the Cognito issuer, the client as audience and the edge sign-out path', () => {
    const env = explorerEnv(deployed().props);
    expect(env).toMatchObject({
      EXPLORER_AUTH: 'jwt',
      // biome-ignore lint/suspicious/noTemplateCurlyInString: CloudFormation Fn::Sub syntax
      EXPLORER_AUTH_ISSUER: { 'Fn::Sub': 'https://cognito-idp.${AWS::Region}.amazonaws.com/${UserPool}' },
      EXPLORER_AUTH_AUDIENCE: { Ref: 'UserPoolClient' },
      // biome-ignore lint/suspicious/noTemplateCurlyInString: CloudFormation Fn::Sub syntax
      EXPLORER_AUTH_SIGN_OUT_URL: { 'Fn::Sub': 'https://${Distribution.DomainName}/auth/sign-out' },
      // biome-ignore lint/suspicious/noTemplateCurlyInString: CloudFormation Fn::Sub syntax
      EXPLORER_ALLOWED_ORIGINS: { 'Fn::Sub': 'https://${Distribution.DomainName}' },
    });
    expect(env.EXPLORER_DB_READER_HOST).toBeUndefined();
    // Per-address caps count the viewer (CloudFront, then the ALB), and the Host check knows the
    // origin's name when CloudFront reaches the ALB over HTTPS.
    expect(env.EXPLORER_TRUSTED_PROXY_HOPS).toBe('2');
    // biome-ignore lint/suspicious/noTemplateCurlyInString: CloudFormation Fn::Sub syntax
    expect(env.EXPLORER_SITE_URL).toEqual({ 'Fn::Sub': 'https://${Distribution.DomainName}/' });
    expect(env.EXPLORER_ALLOWED_HOSTS).toBeUndefined();
    expect(explorerEnv(deployed(MODES['HTTPS to the ALB']).props).EXPLORER_ALLOWED_HOSTS).toEqual({
      Ref: 'ExplorerOriginDomain',
    });
    const oidcEnv = explorerEnv(deployed(MODES['auth=oidc']).props);
    expect(oidcEnv).toMatchObject({
      EXPLORER_AUTH: 'jwt',
      EXPLORER_AUTH_ISSUER: { Ref: 'OidcIssuer' },
      EXPLORER_AUTH_AUDIENCE: { Ref: 'OidcClientId' },
    });
  });

  it('writes the edge settings where edge.yml bakes in that it will read them', async () => {
    const { props } = deployed();
    const settings = props('EdgeAuthConfig');
    expect(settings.Name).toBe('/tubelens/test/edge-auth');
    const policy = roleStatements(resource(edge.template, 'EdgeAuthRole')).find(
      (s) => s.Sid === 'ReadOwnSettingsOnly',
    );
    expect(policy?.Resource).toEqual({
      // biome-ignore lint/suspicious/noTemplateCurlyInString: CloudFormation Fn::Sub syntax
      'Fn::Sub': 'arn:${AWS::Partition}:ssm:eu-west-1:${AWS::AccountId}:parameter/tubelens/test/edge-auth',
    });
    const zip = readZipEntries(await readFile(join(edge.dir, 'edgeAuth.zip')));
    const code = zip[0]?.read().toString('utf8') ?? '';
    expect(code).toContain('"/tubelens/test/edge-auth"');
    expect(code).toContain('"eu-west-1"');
    // The client secret: readable by the edge role alone, by name, through the secret's own policy.
    const grant = props('EdgeClientSecretPolicy').ResourcePolicy.Statement[0];
    expect(grant.Principal).toEqual({
      // biome-ignore lint/suspicious/noTemplateCurlyInString: CloudFormation Fn::Sub syntax
      AWS: { 'Fn::Sub': 'arn:${AWS::Partition}:iam::${AWS::AccountId}:role/tubelens-test-edge-auth' },
    });
    expect(resource(edge.template, 'EdgeAuthRole').Properties.RoleName).toBe('tubelens-test-edge-auth');
    // Cognito: admins add users; the client redeems codes with a secret at the edge's callback.
    expect(props('UserPool').AdminCreateUserConfig).toEqual({ AllowAdminCreateUserOnly: true });
    expect(props('UserPoolClient')).toMatchObject({
      GenerateSecret: true,
      AllowedOAuthFlows: ['code'],
      // biome-ignore lint/suspicious/noTemplateCurlyInString: CloudFormation Fn::Sub syntax
      CallbackURLs: [{ 'Fn::Sub': 'https://${Distribution.DomainName}/auth/callback' }],
    });
  });

  it('packages the edge function as Lambda@Edge requires: us-east-1, x86_64, 128 MB, 5 s, a version, no environment', async () => {
    const [[, fn]] = resourcesOfType(edge.template, 'AWS::Lambda::Function') as unknown as [[string, Loose]];
    expect(fn.Properties).toMatchObject({
      Runtime: 'nodejs22.x',
      Architectures: ['x86_64'],
      MemorySize: 128,
      Timeout: 5,
    });
    expect(fn.Properties.Environment).toBeUndefined();
    expect(resourcesOfType(edge.template, 'AWS::Lambda::Version')).toHaveLength(1);
    const trust = resource(edge.template, 'EdgeAuthRole').Properties.AssumeRolePolicyDocument as Loose;
    expect(trust.Statement[0].Principal.Service).toEqual([
      'lambda.amazonaws.com',
      'edgelambda.amazonaws.com',
    ]);
    // Viewer-request functions may be 1 MB zipped.
    const zip = await readFile(join(edge.dir, 'edgeAuth.zip'));
    expect(zip.length).toBeLessThan(1024 * 1024);
    expect(validateTemplate(edge.template, loadResourceSpecs())).toEqual([]);
    // It starts with no environment of its own, far from node_modules, as at the edge.
    const [entry] = readZipEntries(zip);
    const file = join(edge.dir, 'unzipped', String(entry?.name));
    await mkdir(dirname(file), { recursive: true });
    await writeFile(file, entry?.read() ?? '');
    const { stdout } = await run(
      process.execPath,
      [
        '--input-type=module',
        '-e',
        `const m = await import(${JSON.stringify(file)}); console.log(typeof m.handler);`,
      ],
      {
        cwd: dirname(file),
        env: {
          PATH: process.env.PATH,
          AWS_REGION: 'eu-west-2',
          AWS_ACCESS_KEY_ID: 'x',
          AWS_SECRET_ACCESS_KEY: 'y',
        },
      },
    );
    expect(stdout.trim()).toBe('function');
  });
});

describe('the edge: rate limits and access logs', () => {
  it('rate-limits sign-in per client address at the user pool and the explorer per viewer address at the ALB', () => {
    const { props } = deployed();
    const signIn = props('SignInWebAcl').Rules[0].Statement.RateBasedStatement;
    expect(signIn).toEqual({
      AggregateKeyType: 'IP',
      Limit: { Ref: 'SignInRateLimit' },
      EvaluationWindowSec: 300,
    });
    expect(props('SignInWebAclAssociation').ResourceArn).toEqual({ 'Fn::GetAtt': ['UserPool', 'Arn'] });
    const explorer = props('ExplorerWebAcl').Rules[0].Statement.RateBasedStatement;
    expect(explorer).toMatchObject({
      AggregateKeyType: 'FORWARDED_IP',
      ForwardedIPConfig: { HeaderName: 'X-Tubelens-Viewer-Ip', FallbackBehavior: 'NO_MATCH' },
    });
    // The header the edge function sets from CloudFront's view of the client.
    expect(explorer.ForwardedIPConfig.HeaderName.toLowerCase()).toBe(VIEWER_IP_HEADER);
    expect(props('ExplorerWebAclAssociation').ResourceArn).toEqual({ Ref: 'ExplorerLoadBalancer' });
    expect(deployed({ SignInRateLimit: '0', ExplorerRateLimit: '0' }).created.has('ExplorerWebAcl')).toBe(
      false,
    );
  });

  it('logs CloudFront (without cookies) and the ALB to a private bucket that expires them', () => {
    const { props } = deployed();
    expect(props('Distribution').DistributionConfig.Logging).toEqual({
      Bucket: { 'Fn::GetAtt': ['AccessLogBucket', 'DomainName'] },
      Prefix: 'cloudfront/',
      IncludeCookies: false,
    });
    const attributes = Object.fromEntries(
      (props('ExplorerLoadBalancer').LoadBalancerAttributes as Loose[]).map((a) => [a.Key, a.Value]),
    );
    expect(attributes).toMatchObject({
      'access_logs.s3.enabled': 'true',
      'access_logs.s3.bucket': { Ref: 'AccessLogBucket' },
      'access_logs.s3.prefix': 'alb',
    });
    const bucket = props('AccessLogBucket');
    expect(bucket.PublicAccessBlockConfiguration.BlockPublicAcls).toBe(true);
    expect(bucket.LifecycleConfiguration.Rules[0]).toMatchObject({
      ExpirationInDays: { Ref: 'AccessLogRetentionDays' },
    });
  });
});

describe('least privilege in the database', () => {
  it('gives every job and the explorer its own login secret; only migrate sees the admin secret', () => {
    const admin = JSON.stringify({
      'Fn::If': ['CreateDatabase', { Ref: 'DatabaseSecret' }, { Ref: 'SecretArn' }],
    });
    const { props } = deployed();
    for (const [fn, own] of [
      ['RefreshLambdaFunction', 'RefreshDatabaseSecret'],
      ['IngestLambdaFunction', 'IngestDatabaseSecret'],
    ]) {
      expect(props(fn as string).Environment.Variables.DB_SECRET_ARN).toEqual({ Ref: own });
      expect(JSON.stringify(props(fn as string))).not.toContain(admin);
    }
    const env = explorerEnv(props);
    expect(env.DB_SECRET_ARN).toEqual({ Ref: 'ExplorerDatabaseSecret' });
    for (const [id] of resourcesOfType(t, 'AWS::IAM::Role')) {
      const mentions = JSON.stringify(roleStatements(resource(t, id))).includes(admin);
      expect(mentions, id).toBe(id === 'MigrateRole');
    }
    expect(JSON.stringify(props('ExplorerTaskDefinition'))).not.toContain('"DatabaseSecret"');
  });

  it('rotates each login with hosted single-user rotation, after the logins exist', () => {
    const { props } = deployed();
    for (const id of [
      'ExplorerDatabaseSecretRotation',
      'IngestDatabaseSecretRotation',
      'RefreshDatabaseSecretRotation',
    ]) {
      expect(props(id).HostedRotationLambda.RotationType).toBe('PostgreSQLSingleUser');
      expect(props(id).RotateImmediatelyOnUpdate).toBe(false);
      expect(resource(t, id).DependsOn).toEqual(['MigrateOnDeploy']);
    }
    expect((t as Loose).Transform).toEqual(['AWS::SecretsManager-2020-07-23']);
    const user = (id: string) => JSON.parse(props(id).GenerateSecretString.SecretStringTemplate).username;
    expect([
      user('ExplorerDatabaseSecret'),
      user('IngestDatabaseSecret'),
      user('RefreshDatabaseSecret'),
    ]).toEqual(['tubelens_test_explorer', 'tubelens_test_ingest', 'tubelens_test_refresh']);
  });

  it('protects the created cluster from deletion unless told otherwise', () => {
    expect(resource(t, 'AuroraCluster').Properties.DeletionProtection).toEqual({
      Ref: 'AuroraDeletionProtection',
    });
    expect(parameterValues(t).AuroraDeletionProtection).toBe('true');
  });
});

describe('Aurora readers for the explorer (issue 18.4)', () => {
  it('runs none by default, so the explorer reads from the writer', () => {
    const { created, props } = deployed();
    expect(created.has('AuroraReaderInstance')).toBe(false);
    expect(explorerEnv(props).EXPLORER_DB_READER_HOST).toBeUndefined();
  });

  it('adds readers that scale on load and points the explorer at the reader endpoint; the Data API stays on the writer', () => {
    const { created, props } = deployed(MODES['with readers']);
    expect(created.has('AuroraReaderInstance')).toBe(true);
    expect(props('AuroraReaderScalableTarget')).toMatchObject({
      ServiceNamespace: 'rds',
      ScalableDimension: 'rds:cluster:ReadReplicaCount',
      MinCapacity: { Ref: 'AuroraReaders' },
      MaxCapacity: { Ref: 'AuroraMaxReaders' },
    });
    expect(props('AuroraReaderScaling').PolicyType).toBe('TargetTrackingScaling');
    expect(explorerEnv(props).EXPLORER_DB_READER_HOST).toEqual({
      'Fn::GetAtt': ['AuroraCluster', 'ReadEndpoint.Address'],
    });
    expect(props('RefreshLambdaFunction').Environment.Variables.DB_CLUSTER_ARN).toEqual({
      'Fn::GetAtt': ['AuroraCluster', 'DBClusterArn'],
    });
    // An existing cluster brings its own instances: the parameter adds none there.
    expect(
      deployed({ ...MODES['an existing VPC and cluster'], AuroraReaders: '2' }).created.has(
        'AuroraReaderInstance',
      ),
    ).toBe(false);
  });
});

describe('every mode packages and validates', () => {
  it.each(Object.keys(MODES))('leaves no dangling reference in mode %s', (mode) => {
    expect(danglingReferences(t, parameterValues(t, MODES[mode]))).toEqual([]);
  });

  it('validates the auth=oidc and auth=none packages against the resource schemas, with their values flowing through', () => {
    const specs = loadResourceSpecs();
    for (const stack of [oidc, publicSite]) expect(validateTemplate(stack.template, specs)).toEqual([]);
    const p = (stack: PackagedStack) => stack.template.Parameters as Record<string, { Default: string }>;
    expect(p(oidc).Auth?.Default).toBe('oidc');
    expect(p(oidc).OidcIssuer?.Default).toBe(OIDC.oidcIssuer);
    expect(p(publicSite).Auth?.Default).toBe('none');
    expect(danglingReferences(oidc.template, parameterValues(oidc.template))).toEqual([]);
    expect(danglingReferences(publicSite.template, parameterValues(publicSite.template))).toEqual([]);
  });

  it('refuses to package sign-in without the edge function, or OIDC without its provider', async () => {
    await expect(packageStack({ params: { auth: 'cognito' } })).rejects.toThrow('deploy edge.yml first');
    await expect(
      packageStack({ params: { auth: 'oidc', edgeAuthVersionArn: EDGE_AUTH_VERSION_ARN } }),
    ).rejects.toThrow('auth=oidc needs --param oidcIssuer');
  }, 120_000);
});
