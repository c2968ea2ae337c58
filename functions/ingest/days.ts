const pacific = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'America/Los_Angeles',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/** The quota day: the API resets daily quota at midnight Pacific time. 'YYYY-MM-DD'. */
export function pacificDay(at: Date): string {
  return pacific.format(at);
}

/** The snapshot day of the daily stats tables: the UTC calendar date. 'YYYY-MM-DD'. */
export function utcDay(at: Date): string {
  return at.toISOString().slice(0, 10);
}
