import { randomBytes } from 'node:crypto';

const GENERATION = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z-[0-9a-f]{6}$/;

/** A new generation id: the UTC start time (sortable) plus 6 random hex digits, e.g. `20261127T034000Z-1a2b3c`. */
export function newGenerationId(
  now: Date,
  random: () => string = () => randomBytes(3).toString('hex'),
): string {
  const stamp = now
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}Z$/, 'Z');
  return `${stamp}-${random()}`;
}

/** When a generation was started, or null for a name that is not a generation id. */
export function generationTime(generation: string): Date | null {
  const m = GENERATION.exec(generation);
  if (!m) return null;
  return new Date(Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!, +m[6]!));
}
