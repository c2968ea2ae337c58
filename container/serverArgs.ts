/**
 * The arguments after `node` that start the explorer, from container/ (the Dockerfile's CMD, which
 * a test holds to this list; the tests and the bench start the server with the same list).
 *
 * `--max-semi-space-size=4` caps V8's young generation at 4 MB per semi-space. Left alone, V8 grows
 * it to 32 MB per semi-space on this much memory when many sessions open at once, and keeps it:
 * measured with 1,000 idle sessions, 106 KB of committed heap per session for 7 KB in use (RSS
 * 125 KB per session); with the cap, 9 KB committed and 16 KB RSS per session. Live objects here
 * are small and short-lived (one view per message), so a small nursery costs little (docs/explorer.md).
 */
export const SERVER_ARGS = ['--max-semi-space-size=4', 'dist/server.js'] as const;
