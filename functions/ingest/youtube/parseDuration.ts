/**
 * Seconds in an ISO 8601 duration as `contentDetails.duration` sends it: `PT21M7S`, `PT1H10S`,
 * `P1DT2H` (streams longer than a day), `P0D` (live and upcoming broadcasts), and weeks (`P1W`).
 * Years and months are rejected: their length in seconds is not fixed and YouTube does not send
 * them. Returns null for text that is not such a duration, so the caller can report it.
 */
const DURATION = /^P(?!$)(?:(\d+)W)?(?:(\d+)D)?(?:T(?=\d)(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:[.,]\d+)?)S)?)?$/;

export function parseDuration(text: string): number | null {
  const m = DURATION.exec(text);
  if (!m) return null;
  const [, weeks, days, hours, minutes, seconds] = m;
  const total =
    Number(weeks ?? 0) * 604_800 +
    Number(days ?? 0) * 86_400 +
    Number(hours ?? 0) * 3_600 +
    Number(minutes ?? 0) * 60 +
    Number((seconds ?? '0').replace(',', '.'));
  return Number.isSafeInteger(Math.round(total)) ? Math.round(total) : null;
}
