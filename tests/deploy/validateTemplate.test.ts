import { beforeAll, describe, expect, it } from 'vitest';
import { danglingReferences, parameterValues, resolveConditions } from './support/resolveConditions.ts';
import {
  loadResourceSpecs,
  type ResourceSpecs,
  type Template,
  validateTemplate,
} from './support/validateTemplate.ts';

/** A small, valid template; each test breaks one thing in a copy. */
function template(): Template {
  return structuredClone({
    Parameters: {
      ClusterArn: { Type: 'String', Default: '' },
      SubnetIds: { Type: 'CommaDelimitedList', Default: '' },
    },
    Conditions: {
      CreateDatabase: { 'Fn::Equals': [{ Ref: 'ClusterArn' }, ''] },
      HasSubnets: { 'Fn::Not': [{ 'Fn::Equals': [{ 'Fn::Join': [',', { Ref: 'SubnetIds' }] }, ''] }] },
      Both: { 'Fn::And': [{ Condition: 'CreateDatabase' }, { Condition: 'HasSubnets' }] },
    },
    Resources: {
      Cluster: {
        Type: 'AWS::RDS::DBCluster',
        Condition: 'CreateDatabase',
        Properties: {
          Engine: 'aurora-postgresql',
          EnableHttpEndpoint: true,
          ServerlessV2ScalingConfiguration: { MinCapacity: 0, MaxCapacity: 4, SecondsUntilAutoPause: 300 },
        },
      },
      Bucket: { Type: 'AWS::S3::Bucket', Properties: { VersioningConfiguration: { Status: 'Enabled' } } },
      Queue: {
        Type: 'AWS::SQS::Queue',
        Properties: {
          // biome-ignore lint/suspicious/noTemplateCurlyInString: CloudFormation Fn::Sub syntax
          QueueName: { 'Fn::Sub': '${AWS::StackName}-${Bucket}' },
          Tags: [
            {
              Key: 'cluster',
              Value: {
                'Fn::If': [
                  'CreateDatabase',
                  { 'Fn::GetAtt': ['Cluster', 'DBClusterArn'] },
                  { Ref: 'ClusterArn' },
                ],
              },
            },
          ],
        },
      },
    },
    Outputs: { BucketArn: { Value: { 'Fn::GetAtt': ['Bucket', 'Arn'] } } },
  });
}

describe('validateTemplate', () => {
  let specs: ResourceSpecs;
  beforeAll(() => {
    specs = loadResourceSpecs();
  });

  it('accepts a valid template', () => {
    expect(validateTemplate(template(), specs)).toEqual([]);
  });

  it('rejects a misspelt property and suggests the right one', () => {
    const t = template();
    const props = t.Resources.Cluster?.Properties as Record<string, unknown>;
    delete props.EnableHttpEndpoint;
    props.EnableHttpEndPoint = true;
    expect(validateTemplate(t, specs)).toEqual([
      'Resources.Cluster.Properties: unknown property "EnableHttpEndPoint" (did you mean "EnableHttpEndpoint"?)',
    ]);
  });

  it('rejects a misspelt property inside a nested property type', () => {
    const t = template();
    const cluster = t.Resources.Cluster?.Properties as {
      ServerlessV2ScalingConfiguration: Record<string, unknown>;
    };
    cluster.ServerlessV2ScalingConfiguration.MinCapacty = 0;
    expect(validateTemplate(t, specs)).toEqual([
      'Resources.Cluster.Properties.ServerlessV2ScalingConfiguration: unknown property "MinCapacty" (did you mean "MinCapacity"?)',
    ]);
  });

  it('rejects a value of the wrong type and one outside the allowed values', () => {
    const t = template();
    const props = t.Resources.Cluster?.Properties as Record<string, unknown>;
    props.EnableHttpEndpoint = 'yes';
    t.Resources.Fn = {
      Type: 'AWS::Lambda::Function',
      Properties: { Code: { ZipFile: 'x' }, Role: 'arn:role', PackageType: 'Container' },
    };
    expect(validateTemplate(t, specs)).toEqual([
      'Resources.Cluster.Properties.EnableHttpEndpoint: expected a boolean, got "yes"',
      'Resources.Fn.Properties.PackageType: "Container" is not one of Image, Zip',
    ]);
  });

  it('rejects a missing required property and an unknown resource type', () => {
    const t = template();
    t.Resources.Role = { Type: 'AWS::IAM::Role', Properties: {} };
    t.Resources.Thing = { Type: 'AWS::S3::Buckett', Properties: {} };
    expect(validateTemplate(t, specs)).toEqual([
      'Resources.Role.Properties: required property "AssumeRolePolicyDocument" is missing',
      'Resources.Thing: unknown resource type AWS::S3::Buckett',
    ]);
  });

  it('checks both branches of Fn::If against the property type', () => {
    const t = template();
    const props = t.Resources.Cluster?.Properties as Record<string, unknown>;
    props.DeletionProtection = { 'Fn::If': ['CreateDatabase', true, 'maybe'] };
    expect(validateTemplate(t, specs)).toEqual([
      'Resources.Cluster.Properties.DeletionProtection: expected a boolean, got "maybe"',
    ]);
  });

  it('rejects references to unknown resources, attributes and conditions', () => {
    const t = template();
    t.Resources.Queue = {
      Type: 'AWS::SQS::Queue',
      Properties: {
        // biome-ignore lint/suspicious/noTemplateCurlyInString: CloudFormation Fn::Sub syntax
        QueueName: { 'Fn::Sub': '${Bukket}-${Cluster.Endpoint.Adress}' },
        Tags: [{ Key: 'a', Value: { 'Fn::If': ['Missing', { Ref: 'Nope' }, 'x'] } }],
      },
    };
    expect(validateTemplate(t, specs)).toEqual([
      'Resources.Queue.Properties.QueueName: Ref to unknown resource or parameter "Bukket"',
      'Resources.Queue.Properties.QueueName: AWS::RDS::DBCluster "Cluster" has no attribute "Endpoint.Adress"',
      'Resources.Queue.Properties.Tags[0].Value: Fn::If on undeclared condition "Missing"',
      'Resources.Queue.Properties.Tags[0].Value.Fn::If[1]: Ref to unknown resource or parameter "Nope"',
    ]);
  });
});

describe('resolveConditions and danglingReferences', () => {
  it('evaluates conditions from parameter defaults and given values', () => {
    const t = template();
    expect(resolveConditions(t, parameterValues(t))).toEqual({
      CreateDatabase: true,
      HasSubnets: false,
      Both: false,
    });
    const given = parameterValues(t, { ClusterArn: 'arn:x', SubnetIds: 'subnet-a,subnet-b' });
    expect(resolveConditions(t, given)).toEqual({ CreateDatabase: false, HasSubnets: true, Both: false });
  });

  it('follows only the Fn::If branch taken, so a conditional reference does not dangle', () => {
    const t = template();
    expect(danglingReferences(t, parameterValues(t, { ClusterArn: 'arn:x' }))).toEqual([]);
  });

  it('finds a reference to a resource its condition leaves out', () => {
    const t = template();
    (t.Resources.Bucket as { Properties: Record<string, unknown> }).Properties.BucketName = {
      'Fn::GetAtt': ['Cluster', 'DBClusterArn'],
    };
    expect(danglingReferences(t, parameterValues(t))).toEqual([]);
    expect(danglingReferences(t, parameterValues(t, { ClusterArn: 'arn:x' }))).toEqual([
      'Bucket.BucketName refers to Cluster, which is not created',
    ]);
  });
});
