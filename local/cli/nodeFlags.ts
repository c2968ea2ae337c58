/**
 * The V8 flags every `tubelens` process starts with: in the bin's shebang (`env -S`), in the
 * `start` script of package.json, and in the load bench's child processes (a test holds the
 * three together).
 *
 * `--max-semi-space-size=4` caps V8's young generation at 4 MB per semi-space. By default V8 grows
 * it to 32 MB per semi-space on a machine with this much memory while a load streams records,
 * and keeps it: a 1,000,000-row load into the server peaked at 312-316 MB RSS with the default
 * and 216 MB with the cap, at the same speed (docs/data-model.md). The explorer's image uses the
 * same cap for the same reason (container/serverArgs.ts).
 */
export const NODE_FLAGS = ['--max-semi-space-size=4'] as const;
