/**
 * Resolves in a later task, so the browser can paint and handle input in between. A page that
 * draws several charts from one report yields between them: drawn in one go they make one long
 * task (hundreds of milliseconds on a phone at 1,000 channels) that blocks every tap meanwhile.
 */
export function nextTask(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}
