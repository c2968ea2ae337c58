/**
 * Subscriber milestones: 1 to 10 times a power of ten (900, 1K, 2K, ... 9K, 10K, 20K, ... 1M,
 * 2M). Fine enough that a growing channel has one in sight, coarse enough to be worth a mail.
 */

/** The smallest milestone strictly above `count` (1 for 0). */
export function nextMilestone(count: number): number {
  if (count < 1) return 1;
  const power = 10 ** Math.floor(Math.log10(count));
  const next = (Math.floor(count / power) + 1) * power;
  return next;
}

/** The milestones m with `from < m <= to`, smallest first (none when the count went down). */
export function milestonesCrossed(from: number, to: number): number[] {
  const crossed: number[] = [];
  for (let m = nextMilestone(from); m <= to; m = nextMilestone(m)) crossed.push(m);
  return crossed;
}

/**
 * The step a subscriber count moves in once the API has rounded it down to `figures`
 * significant figures: 1,000 at 123,000, 10 at 9,870, 1 below 1,000.
 */
export function roundingStep(count: number, figures = 3): number {
  if (count < 10 ** figures) return 1;
  return 10 ** (Math.floor(Math.log10(count)) - figures + 1);
}
