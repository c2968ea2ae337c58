/**
 * YouTube raised the Shorts limit from 60 s to 3 minutes on 2024-10-15, and the Data API has no
 * Shorts flag. A video counts as a Short here when 0 < duration <= 180 s. Longer than that is
 * never a Short; a landscape video under 3 minutes is miscounted as one (the API does not give
 * the aspect ratio without the `fileDetails` part, which only the owner may read).
 */
export const SHORTS_MAX_SECONDS = 180;

/** Whether a video of this duration counts as a Short (null when the duration is unknown). */
export function isShort(durationSeconds: number | null): boolean | null {
  if (durationSeconds === null) return null;
  return durationSeconds > 0 && durationSeconds <= SHORTS_MAX_SECONDS;
}
