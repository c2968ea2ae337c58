import type { Reporter, TestModule } from 'vitest/node';

/**
 * Prints one plain closing line, `tests: N passed, N failed, N skipped`, and names every skipped
 * test, so a log reader (or CI) sees at a glance what did not run and why (the reason is in the
 * suite name, e.g. "(skipped: no PostgreSQL ... server reachable)").
 */
export default class SummaryReporter implements Reporter {
  onTestRunEnd(modules: ReadonlyArray<TestModule>) {
    let passed = 0;
    let failed = 0;
    const skipped: string[] = [];
    for (const module of modules) {
      for (const test of module.children.allTests()) {
        const state = test.result().state;
        if (state === 'passed') passed += 1;
        else if (state === 'failed') failed += 1;
        else skipped.push(`${module.moduleId.replace(`${process.cwd()}/`, '')} > ${test.fullName}`);
      }
      if (module.state() === 'failed' && module.children.size === 0) failed += 1;
    }
    if (skipped.length) {
      console.log(`\nskipped tests (${skipped.length}):`);
      for (const name of skipped) console.log(`  - ${name}`);
    }
    console.log(`\ntests: ${passed} passed, ${failed} failed, ${skipped.length} skipped`);
  }
}
