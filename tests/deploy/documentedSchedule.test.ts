/**
 * The schedule docs/refresh.md documents is the one the packaged template deploys: every rule in
 * its "Schedule" table (function, input, cron expression) is an EventBridge rule of the template
 * and the other way round, the refresh's Lambda settings match, and every `cron(...)` written
 * anywhere in docs/ is one the template schedules. A change to either side alone fails here.
 */
import { readdir, readFile, rm } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EDGE_AUTH_VERSION_ARN, type PackagedStack, packageStack } from './support/packageStack.ts';
import { type Loose, resource, resourcesOfType } from './support/templateQueries.ts';

interface ScheduleRow {
  readonly fn: string;
  readonly input: string;
  readonly cron: string;
}

/** The rows of a markdown table whose header row starts with `first`, as arrays of cells. */
function tableAfter(markdown: string, first: string): string[][] {
  const lines = markdown.split('\n');
  const start = lines.findIndex((l) => new RegExp(`^\\|\\s*${first}\\s*\\|`).test(l));
  if (start < 0) throw new Error(`docs/refresh.md has no table starting with "${first}"`);
  const rows: string[][] = [];
  for (const line of lines.slice(start + 2)) {
    if (!line.startsWith('|')) break;
    rows.push(
      line
        .split('|')
        .slice(1, -1)
        .map((c) => c.trim()),
    );
  }
  return rows;
}

function documentedRows(markdown: string): ScheduleRow[] {
  return tableAfter(markdown, 'Function').map(([fn, , input, schedule]) => ({
    fn: fn!,
    // "scheduled event" is EventBridge's own event: the rule has no constant input.
    input: input === 'scheduled event' ? '' : JSON.stringify(JSON.parse(input!.replaceAll('`', ''))),
    cron: /`(cron\([^`]+\))`/.exec(schedule!)?.[1] ?? `unparsed: ${schedule}`,
  }));
}

/** Logical id of a function's Lambda resource: osls names `refresh` RefreshLambdaFunction. */
const lambdaId = (fn: string) => `${fn[0]!.toUpperCase()}${fn.slice(1)}LambdaFunction`;

function deployedRows(t: PackagedStack['template']): ScheduleRow[] {
  return resourcesOfType(t, 'AWS::Events::Rule').flatMap(([, rule]) => {
    const p = rule.Properties as Loose;
    return (p.Targets as Loose[]).map((target) => ({
      ...invokedBy(t, target),
      cron: p.ScheduleExpression as string,
    }));
  });
}

/**
 * The function a rule's target runs and the event it gets: a Lambda target directly; a state
 * machine target (the weekly full refresh, docs/refresh.md "Past one invocation"), the function
 * its first state invokes, with that state's payload.
 */
function invokedBy(t: PackagedStack['template'], target: Loose): Omit<ScheduleRow, 'cron'> {
  const ref = (target.Arn as Loose).Ref as string | undefined;
  if (ref && resource(t, ref).Type === 'AWS::StepFunctions::StateMachine') {
    const machine = resource(t, ref).Properties as Loose;
    const first = machine.Definition.States[machine.Definition.StartAt] as Loose;
    const substitution = /^\$\{(\w+)\}$/.exec(first.Parameters.FunctionName)?.[1] ?? '';
    const id = machine.DefinitionSubstitutions[substitution]['Fn::GetAtt'][0] as string;
    return { fn: functionName(id), input: JSON.stringify(first.Parameters.Payload) };
  }
  const id = (target.Arn as Loose)['Fn::GetAtt']?.[0] as string;
  return { fn: functionName(id), input: target.Input ? JSON.stringify(JSON.parse(target.Input)) : '' };
}

const functionName = (lambdaLogicalId: string) => {
  const fn = lambdaLogicalId.replace(/LambdaFunction$/, '');
  return fn[0]!.toLowerCase() + fn.slice(1);
};

const key = (r: ScheduleRow) => `${r.fn} ${r.cron} ${r.input}`;

let stack: PackagedStack;
let doc: string;

beforeAll(async () => {
  doc = await readFile('docs/refresh.md', 'utf8');
  stack = await packageStack({ params: { edgeAuthVersionArn: EDGE_AUTH_VERSION_ARN } });
}, 240_000);

afterAll(async () => {
  if (stack) await rm(stack.dir, { recursive: true, force: true });
});

describe('the documented schedule', () => {
  it('lists exactly the EventBridge rules the template deploys', () => {
    const documented = documentedRows(doc).map(key).sort();
    const deployed = deployedRows(stack.template).map(key).sort();
    expect(documented.length).toBeGreaterThan(0);
    expect(documented).toEqual(deployed);
  });

  it("states the refresh function's timeout, memory, concurrency and retries as deployed", async () => {
    const settings = new Map(tableAfter(doc, 'Refresh Lambda setting').map(([k, v]) => [k!, v!]));
    const fn = resource(stack.template, lambdaId('refresh')).Properties as Loose;
    const number = (s: string | undefined) => Number(s?.replace(/[^0-9]/g, ''));
    expect(number(settings.get('timeout'))).toBe(fn.Timeout);
    expect(number(settings.get('memory'))).toBe(fn.MemorySize);
    expect(number(settings.get('reserved concurrency'))).toBe(fn.ReservedConcurrentExecutions);
    const [invokeConfig] = resourcesOfType(stack.template, 'AWS::Lambda::EventInvokeConfig').filter(([, r]) =>
      JSON.stringify(r.Properties.FunctionName).includes(lambdaId('refresh')),
    );
    expect(invokeConfig, 'the refresh has an EventInvokeConfig').toBeDefined();
    expect(number(settings.get('retry attempts'))).toBe(
      (invokeConfig![1].Properties as Loose).MaximumRetryAttempts,
    );
  });

  it('names only cron expressions the template schedules, in every doc', async () => {
    const deployed = new Set(deployedRows(stack.template).map((r) => r.cron));
    const files = (await readdir('docs')).filter((f) => f.endsWith('.md'));
    const stray: string[] = [];
    for (const file of files) {
      const text = await readFile(`docs/${file}`, 'utf8');
      for (const [cron] of text.matchAll(/cron\([^)]*\)/g)) {
        if (!deployed.has(cron)) stray.push(`${file}: ${cron}`);
      }
    }
    expect(stray).toEqual([]);
  });
});
