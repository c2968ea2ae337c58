/**
 * Evaluates a template's Conditions for given parameter values, and finds references that would
 * dangle: a created resource (or output) pointing at one that its conditions leave out. This is
 * what breaks a deploy in one mode ("existing VPC and Aurora") while the other mode deploys fine.
 */
import type { Template } from './validateTemplate.ts';

type Values = Record<string, string | string[]>;

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Parameter values: the ones given, else each parameter's Default (lists split on commas). */
export function parameterValues(template: Template, given: Record<string, string> = {}): Values {
  const values: Values = {};
  for (const [name, raw] of Object.entries(template.Parameters ?? {})) {
    const p = raw as { Type: string; Default?: unknown };
    const text = given[name] ?? String(p.Default ?? '');
    values[name] = p.Type === 'CommaDelimitedList' ? (text === '' ? [''] : text.split(',')) : text;
  }
  return values;
}

/** Evaluates every condition in the template. */
export function resolveConditions(template: Template, values: Values): Record<string, boolean> {
  const conditions = (template.Conditions ?? {}) as Record<string, unknown>;
  const memo: Record<string, boolean> = {};
  const value = (node: unknown): unknown => {
    if (typeof node === 'string' || typeof node === 'number' || typeof node === 'boolean')
      return String(node);
    if (Array.isArray(node)) return node.map(value);
    if (isObject(node)) {
      if ('Ref' in node) {
        const name = String(node.Ref);
        if (!(name in values)) throw new Error(`condition refers to ${name}, which is not a parameter`);
        return values[name];
      }
      if ('Fn::Join' in node) {
        const [sep, list] = node['Fn::Join'] as [string, unknown];
        return (value(list) as string[]).join(sep);
      }
      if ('Fn::Equals' in node) {
        const [a, b] = (node['Fn::Equals'] as unknown[]).map(value);
        return JSON.stringify(a) === JSON.stringify(b);
      }
      if ('Fn::Not' in node) return !truth((node['Fn::Not'] as unknown[])[0]);
      if ('Fn::And' in node) return (node['Fn::And'] as unknown[]).every(truth);
      if ('Fn::Or' in node) return (node['Fn::Or'] as unknown[]).some(truth);
      if ('Condition' in node) return condition(String(node.Condition));
    }
    throw new Error(`cannot evaluate ${JSON.stringify(node)} in a condition`);
  };
  const truth = (node: unknown): boolean => {
    const v = value(node);
    if (typeof v !== 'boolean') throw new Error(`${JSON.stringify(node)} is not a condition`);
    return v;
  };
  const condition = (name: string): boolean => {
    if (!(name in memo)) {
      if (!(name in conditions)) throw new Error(`unknown condition ${name}`);
      memo[name] = truth(conditions[name]);
    }
    return memo[name] as boolean;
  };
  for (const name of Object.keys(conditions)) condition(name);
  return memo;
}

/** Logical ids of the resources created under these conditions. */
export function createdResources(template: Template, conditions: Record<string, boolean>): Set<string> {
  return new Set(
    Object.entries(template.Resources)
      .filter(([, r]) => !r.Condition || conditions[r.Condition])
      .map(([id]) => id),
  );
}

/** References from created resources and outputs to resources that are not created. */
export function danglingReferences(template: Template, values: Values): string[] {
  const conditions = resolveConditions(template, values);
  const created = createdResources(template, conditions);
  const problems: string[] = [];
  const check = (id: string, at: string) => {
    if (id in template.Resources && !created.has(id))
      problems.push(`${at} refers to ${id}, which is not created`);
  };
  const walk = (node: unknown, at: string): void => {
    if (Array.isArray(node)) {
      node.forEach((n, i) => {
        walk(n, `${at}[${i}]`);
      });
      return;
    }
    if (!isObject(node)) return;
    if ('Fn::If' in node) {
      const [name, whenTrue, whenFalse] = node['Fn::If'] as [string, unknown, unknown];
      walk(conditions[name] ? whenTrue : whenFalse, at);
      return;
    }
    if ('Ref' in node && typeof node.Ref === 'string') check(node.Ref, at);
    if ('Fn::GetAtt' in node) {
      const arg = node['Fn::GetAtt'];
      check(String(Array.isArray(arg) ? arg[0] : String(arg).split('.')[0]), at);
    }
    if ('Fn::Sub' in node) {
      const arg = node['Fn::Sub'];
      const text = String(Array.isArray(arg) ? arg[0] : arg);
      for (const m of text.matchAll(/\$\{([^!}.]+)[^}]*\}/g)) check(m[1] as string, at);
    }
    for (const [k, v] of Object.entries(node)) walk(v, `${at}.${k}`);
  };
  for (const id of created) {
    const resource = template.Resources[id] as { Properties?: unknown; DependsOn?: string | string[] };
    walk(resource.Properties ?? {}, id);
    for (const dep of [resource.DependsOn ?? []].flat()) check(dep, `${id}.DependsOn`);
  }
  for (const [name, output] of Object.entries(template.Outputs ?? {})) {
    const o = output as { Condition?: string; Value: unknown };
    if (o.Condition && !conditions[o.Condition]) continue;
    walk(o.Value, `Outputs.${name}`);
  }
  return problems;
}

/**
 * A value as deployed under these conditions: every Fn::If replaced by the branch taken, and
 * AWS::NoValue dropped from lists and maps. Other intrinsics stay as they are.
 */
export function effective(node: unknown, conditions: Record<string, boolean>): unknown {
  const NO_VALUE = Symbol('NoValue');
  const walk = (n: unknown): unknown => {
    if (Array.isArray(n)) return n.map(walk).filter((v) => v !== NO_VALUE);
    if (!isObject(n)) return n;
    if ('Fn::If' in n) {
      const [name, whenTrue, whenFalse] = n['Fn::If'] as [string, unknown, unknown];
      if (!(name in conditions)) throw new Error(`unknown condition ${name}`);
      return walk(conditions[name] ? whenTrue : whenFalse);
    }
    if (n.Ref === 'AWS::NoValue') return NO_VALUE;
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(n)) {
      const value = walk(v);
      if (value !== NO_VALUE) out[k] = value;
    }
    return out;
  };
  const result = walk(node);
  return result === NO_VALUE ? undefined : result;
}
