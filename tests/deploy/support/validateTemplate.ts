/**
 * Checks a CloudFormation template against the resource schemas shipped in
 * `@aws-cdk/aws-service-spec` (the CloudFormation registry schemas, compiled by the CDK team into
 * one gzipped JSON database). It catches what `osls package` never looks at: a misspelt property,
 * a missing required one, a value of the wrong type or outside its allowed values, a `Ref`,
 * `Fn::GetAtt` or `Fn::Sub` naming a resource or attribute that does not exist, and a condition
 * that is not declared. Intrinsic functions it cannot evaluate are accepted where a value goes;
 * both branches of an `Fn::If` are checked.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { gunzipSync } from 'node:zlib';

interface SpecType {
  type:
    | 'string'
    | 'integer'
    | 'number'
    | 'boolean'
    | 'json'
    | 'date-time'
    | 'tag'
    | 'array'
    | 'map'
    | 'ref'
    | 'union';
  element?: SpecType;
  types?: SpecType[];
  reference?: { $ref: string };
  allowedValues?: string[];
}

interface SpecProperty {
  type: SpecType;
  previousTypes?: SpecType[];
  required?: boolean;
}

interface SpecResource {
  cloudFormationType: string;
  properties: Record<string, SpecProperty>;
  attributes: Record<string, unknown>;
}

interface SpecTypeDefinition {
  $id: string;
  name: string;
  properties: Record<string, SpecProperty>;
}

export interface ResourceSpecs {
  readonly resources: ReadonlyMap<string, SpecResource>;
  readonly types: ReadonlyMap<string, SpecTypeDefinition>;
}

export interface Template {
  Parameters?: Record<string, unknown>;
  Conditions?: Record<string, unknown>;
  Resources: Record<string, { Type: string; Properties?: Record<string, unknown>; Condition?: string }>;
  Outputs?: Record<string, unknown>;
}

const PSEUDO_PARAMETERS = new Set([
  'AWS::AccountId',
  'AWS::NoValue',
  'AWS::NotificationARNs',
  'AWS::Partition',
  'AWS::Region',
  'AWS::StackId',
  'AWS::StackName',
  'AWS::URLSuffix',
]);

/** Loads the resource and property-type schemas from `@aws-cdk/aws-service-spec`. */
export function loadResourceSpecs(): ResourceSpecs {
  const require = createRequire(import.meta.url);
  const packageDir = dirname(require.resolve('@aws-cdk/aws-service-spec/package.json'));
  const db = JSON.parse(gunzipSync(readFileSync(join(packageDir, 'db.json.gz'))).toString('utf8')) as {
    schema: {
      resource: { entities: SpecResource[] };
      typeDefinition: { entities: SpecTypeDefinition[] };
    };
  };
  return {
    resources: new Map(db.schema.resource.entities.map((r) => [r.cloudFormationType, r])),
    types: new Map(db.schema.typeDefinition.entities.map((t) => [t.$id, t])),
  };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** An object with one key that is `Ref` or `Fn::*`: a value CloudFormation computes. */
function intrinsicName(value: unknown): string | undefined {
  if (!isObject(value)) return undefined;
  const keys = Object.keys(value);
  if (keys.length !== 1) return undefined;
  const [key] = keys as [string];
  return key === 'Ref' || key.startsWith('Fn::') || key === 'Condition' ? key : undefined;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i += 1) {
    const current = [i];
    for (let j = 1; j <= b.length; j += 1) {
      const substitution = (previous[j - 1] as number) + (a[i - 1] === b[j - 1] ? 0 : 1);
      current[j] = Math.min((previous[j] as number) + 1, (current[j - 1] as number) + 1, substitution);
    }
    previous = current;
  }
  return previous[b.length] as number;
}

/** Validates every resource and every reference in `template`; returns the problems found. */
export function validateTemplate(template: Template, specs: ResourceSpecs): string[] {
  const problems: string[] = [];
  const resources = template.Resources ?? {};
  const parameters = template.Parameters ?? {};
  const conditions = template.Conditions ?? {};

  const checkRefTarget = (name: string, at: string) => {
    if (!(name in resources) && !(name in parameters) && !PSEUDO_PARAMETERS.has(name)) {
      problems.push(`${at}: Ref to unknown resource or parameter "${name}"`);
    }
  };

  const checkGetAtt = (logicalId: string, attribute: string, at: string) => {
    const resource = resources[logicalId];
    if (!resource) {
      problems.push(`${at}: Fn::GetAtt on unknown resource "${logicalId}"`);
      return;
    }
    if (resource.Type.startsWith('Custom::') || resource.Type === 'AWS::CloudFormation::CustomResource')
      return;
    const spec = specs.resources.get(resource.Type);
    if (spec && !(attribute in spec.attributes)) {
      problems.push(`${at}: ${resource.Type} "${logicalId}" has no attribute "${attribute}"`);
    }
  };

  /** Walks any value for intrinsics and checks the names they point at. */
  const checkReferences = (value: unknown, at: string): void => {
    if (Array.isArray(value)) {
      value.forEach((v, i) => {
        checkReferences(v, `${at}[${i}]`);
      });
      return;
    }
    if (!isObject(value)) return;
    const fn = intrinsicName(value);
    if (fn === 'Ref') {
      if (typeof value.Ref === 'string') checkRefTarget(value.Ref, at);
    } else if (fn === 'Fn::GetAtt') {
      const arg = value['Fn::GetAtt'];
      const [logicalId, ...rest] = Array.isArray(arg) ? arg : String(arg).split('.');
      if (typeof logicalId === 'string' && rest.every((r) => typeof r === 'string')) {
        checkGetAtt(logicalId, rest.join('.'), at);
      }
    } else if (fn === 'Fn::Sub') {
      const arg = value['Fn::Sub'];
      const [text, vars] = Array.isArray(arg) ? arg : [arg, {}];
      for (const match of String(text).matchAll(/\$\{([^!}][^}]*)\}/g)) {
        const name = match[1] as string;
        if (isObject(vars) && name in vars) continue;
        const [logicalId, ...rest] = name.split('.');
        if (rest.length > 0) checkGetAtt(logicalId as string, rest.join('.'), at);
        else checkRefTarget(name, at);
      }
      if (isObject(vars)) checkReferences(vars, at);
    } else if (fn === 'Fn::If') {
      const arg = value['Fn::If'];
      if (Array.isArray(arg) && typeof arg[0] === 'string' && !(arg[0] in conditions)) {
        problems.push(`${at}: Fn::If on undeclared condition "${arg[0]}"`);
      }
    } else if (fn === 'Condition') {
      if (typeof value.Condition === 'string' && !(value.Condition in conditions)) {
        problems.push(`${at}: undeclared condition "${value.Condition}"`);
      }
    }
    for (const [key, v] of Object.entries(value)) checkReferences(v, `${at}.${key}`);
  };

  const matches = (value: unknown, type: SpecType, at: string, out: string[]): void => {
    const fn = intrinsicName(value);
    if (fn === 'Fn::If') {
      const branches = (value as Record<string, unknown[]>)['Fn::If']?.slice(1) ?? [];
      for (const branch of branches) {
        if (isObject(branch) && branch.Ref === 'AWS::NoValue') continue;
        matches(branch, type, at, out);
      }
      return;
    }
    if (fn) return; // computed by CloudFormation at deploy time
    switch (type.type) {
      case 'string':
        if (typeof value === 'number' || typeof value === 'boolean') return; // CloudFormation coerces
        if (typeof value !== 'string') out.push(`${at}: expected a string, got ${JSON.stringify(value)}`);
        else if (type.allowedValues && !type.allowedValues.includes(value)) {
          out.push(`${at}: "${value}" is not one of ${type.allowedValues.join(', ')}`);
        }
        return;
      case 'date-time':
        if (typeof value !== 'string') out.push(`${at}: expected a date-time string`);
        return;
      case 'integer':
      case 'number': {
        const n = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
        if (typeof n !== 'number' || Number.isNaN(n))
          out.push(`${at}: expected a number, got ${JSON.stringify(value)}`);
        else if (type.type === 'integer' && !Number.isInteger(n))
          out.push(`${at}: expected an integer, got ${n}`);
        return;
      }
      case 'boolean':
        if (typeof value !== 'boolean' && value !== 'true' && value !== 'false') {
          out.push(`${at}: expected a boolean, got ${JSON.stringify(value)}`);
        }
        return;
      case 'json':
        return;
      case 'tag':
        if (!isObject(value) || !('Key' in value) || !('Value' in value))
          out.push(`${at}: expected {Key, Value}`);
        else
          checkObject(
            value,
            {
              Key: { type: { type: 'string' }, required: true },
              Value: { type: { type: 'string' }, required: true },
            },
            at,
            out,
          );
        return;
      case 'array':
        if (!Array.isArray(value)) {
          out.push(`${at}: expected a list, got ${JSON.stringify(value)}`);
          return;
        }
        value.forEach((v, i) => {
          matches(v, type.element as SpecType, `${at}[${i}]`, out);
        });
        return;
      case 'map':
        if (!isObject(value)) {
          out.push(`${at}: expected a map`);
          return;
        }
        for (const [k, v] of Object.entries(value)) matches(v, type.element as SpecType, `${at}.${k}`, out);
        return;
      case 'ref': {
        const def = specs.types.get(type.reference?.$ref ?? '');
        if (!def) return;
        if (!isObject(value)) {
          out.push(`${at}: expected a ${def.name} object, got ${JSON.stringify(value)}`);
          return;
        }
        checkObject(value, def.properties, at, out);
        return;
      }
      case 'union': {
        const attempts = (type.types ?? []).map((t) => {
          const tried: string[] = [];
          matches(value, t, at, tried);
          return tried;
        });
        if (attempts.length > 0 && attempts.every((a) => a.length > 0))
          out.push(...(attempts[0] as string[]));
        return;
      }
    }
  };

  const matchesProperty = (value: unknown, prop: SpecProperty, at: string, out: string[]) => {
    const candidates = [prop.type, ...(prop.previousTypes ?? [])];
    const attempts = candidates.map((t) => {
      const tried: string[] = [];
      matches(value, t, at, tried);
      return tried;
    });
    if (attempts.every((a) => a.length > 0)) out.push(...(attempts[0] as string[]));
  };

  function checkObject(
    value: Record<string, unknown>,
    properties: Record<string, SpecProperty>,
    at: string,
    out: string[],
  ): void {
    for (const [name, v] of Object.entries(value)) {
      const prop = properties[name];
      if (!prop) {
        const near = Object.keys(properties).find(
          (k) => editDistance(k.toLowerCase(), name.toLowerCase()) <= 2,
        );
        out.push(`${at}: unknown property "${name}"${near ? ` (did you mean "${near}"?)` : ''}`);
        continue;
      }
      matchesProperty(v, prop, `${at}.${name}`, out);
    }
    for (const [name, prop] of Object.entries(properties)) {
      if (prop.required && !(name in value)) out.push(`${at}: required property "${name}" is missing`);
    }
  }

  for (const [logicalId, resource] of Object.entries(resources)) {
    const at = `Resources.${logicalId}`;
    if (resource.Condition && !(resource.Condition in conditions)) {
      problems.push(`${at}: undeclared condition "${resource.Condition}"`);
    }
    checkReferences(resource.Properties ?? {}, `${at}.Properties`);
    if (resource.Type.startsWith('Custom::') || resource.Type === 'AWS::CloudFormation::CustomResource') {
      if (!resource.Properties?.ServiceToken) problems.push(`${at}: a custom resource needs a ServiceToken`);
      continue;
    }
    const spec = specs.resources.get(resource.Type);
    if (!spec) {
      problems.push(`${at}: unknown resource type ${resource.Type}`);
      continue;
    }
    checkObject(resource.Properties ?? {}, spec.properties, `${at}.Properties`, problems);
  }
  checkReferences(template.Outputs ?? {}, 'Outputs');
  checkReferences(template.Conditions ?? {}, 'Conditions');
  return problems;
}
