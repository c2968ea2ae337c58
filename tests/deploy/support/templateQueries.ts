import type { Template } from './validateTemplate.ts';

/** Template values are navigated freely in assertions; a wrong path fails the expectation anyway. */
// biome-ignore lint/suspicious/noExplicitAny: CloudFormation JSON has no static shape worth declaring here
export type Loose = Record<string, any>;

export type Resource = {
  Type: string;
  Properties: Record<string, unknown>;
  Condition?: string;
  DependsOn?: unknown;
};

export interface PolicyStatement {
  Sid?: string;
  Effect: 'Allow' | 'Deny';
  Action: string | string[];
  Resource: unknown;
  Condition?: Record<string, Record<string, unknown>>;
}

/** The resource with this logical id, failing loudly when it is not in the template. */
export function resource(template: Template, logicalId: string): Resource {
  const found = template.Resources[logicalId];
  if (!found) throw new Error(`the template has no resource ${logicalId}`);
  return found as Resource;
}

/** Every resource of a type, by logical id. */
export function resourcesOfType(template: Template, type: string): [string, Resource][] {
  return Object.entries(template.Resources).filter(([, r]) => r.Type === type) as [string, Resource][];
}

/** Every statement of every inline policy of an IAM role. */
export function roleStatements(role: Resource): PolicyStatement[] {
  const policies = (role.Properties.Policies ?? []) as { PolicyDocument: { Statement: PolicyStatement[] } }[];
  return policies.flatMap((p) => p.PolicyDocument.Statement);
}

export function actionsOf(statement: PolicyStatement): string[] {
  return [statement.Action].flat();
}

/** Resources as a list (a statement may name one or several). */
export function resourcesOf(statement: PolicyStatement): unknown[] {
  return Array.isArray(statement.Resource) ? statement.Resource : [statement.Resource];
}

/** Ingress rules of a security group: inline ones and separate SecurityGroupIngress resources. */
export function ingressRules(template: Template, groupLogicalId: string): Record<string, unknown>[] {
  const inline = (resource(template, groupLogicalId).Properties.SecurityGroupIngress ?? []) as Record<
    string,
    unknown
  >[];
  const separate = resourcesOfType(template, 'AWS::EC2::SecurityGroupIngress')
    .map(([, r]) => r.Properties)
    .filter((p) => JSON.stringify(p.GroupId).includes(`"${groupLogicalId}"`));
  return [...inline, ...separate];
}

/** Logical id of the security group a rule's source names, or its CIDR. */
export function ruleSource(rule: Record<string, unknown>): string {
  const source = rule.SourceSecurityGroupId;
  if (source && typeof source === 'object' && 'Ref' in source) return String((source as { Ref: string }).Ref);
  if (source) return JSON.stringify(source);
  return String(rule.CidrIp ?? rule.CidrIpv6);
}
