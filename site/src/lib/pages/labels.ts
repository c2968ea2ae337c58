/** ISO weekday order (1 = Monday), as the publish heatmap report uses. */
export const WEEKDAYS = [
  'Monday',
  'Tuesday',
  'Wednesday',
  'Thursday',
  'Friday',
  'Saturday',
  'Sunday',
] as const;

const monthFormat = new Intl.DateTimeFormat('en-US', { month: 'short', year: 'numeric', timeZone: 'UTC' });

/** "2018-03" → "Mar 2018". */
export function monthLabel(month: string): string {
  return monthFormat.format(monthDate(month));
}

/** "2018-03" → the first instant of that month, UTC. */
export function monthDate(month: string): Date {
  return new Date(`${month}-01T00:00:00Z`);
}
