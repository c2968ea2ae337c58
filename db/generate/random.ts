/**
 * A small seeded PRNG (sfc32) with the distributions the generator needs. Every channel and
 * video gets its own stream, seeded from (seed, kind, index), so any one of them can be
 * produced on its own, in any order, and always comes out the same.
 */
export interface Random {
  /** Uniform in [0, 1). */
  next(): number;
  /** Uniform integer in [min, max]. */
  int(min: number, max: number): number;
  /** Standard normal (Box–Muller). */
  normal(): number;
  /** exp(N(mu, sigma)): the heavy right tail of views, subscribers and durations. */
  logNormal(mu: number, sigma: number): number;
  pick<T>(items: readonly T[]): T;
  /** An item chosen with probability proportional to its weight. */
  weighted<T>(items: readonly (readonly [T, number])[]): T;
  chance(p: number): boolean;
}

/** 32-bit hash (FNV-1a then a murmur finaliser) of the parts, for per-entity seeds. */
export function hashSeed(...parts: (string | number)[]): number {
  let h = 0x811c9dc5;
  const text = parts.join('\u0001');
  for (let i = 0; i < text.length; i += 1) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

export function createRandom(...seedParts: (string | number)[]): Random {
  let a = hashSeed('a', ...seedParts);
  let b = hashSeed('b', ...seedParts);
  let c = hashSeed('c', ...seedParts);
  let d = 1;
  const next = () => {
    a >>>= 0;
    b >>>= 0;
    c >>>= 0;
    d >>>= 0;
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return (t >>> 0) / 4294967296;
  };
  // Warm up: the first outputs of sfc32 from nearby seeds are correlated.
  for (let i = 0; i < 12; i += 1) next();
  const normal = () => {
    const u = 1 - next();
    const v = next();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  };
  return {
    next,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    normal,
    logNormal: (mu, sigma) => Math.exp(mu + sigma * normal()),
    pick: (items) => items[Math.floor(next() * items.length)]!,
    weighted(items) {
      let total = 0;
      for (const [, w] of items) total += w;
      let x = next() * total;
      for (const [item, w] of items) {
        x -= w;
        if (x < 0) return item;
      }
      return items.at(-1)![0];
    },
    chance: (p) => next() < p,
  };
}

const ID_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

/** `length` base64url characters, like YouTube's ids. */
export function randomId(random: Random, length: number): string {
  let id = '';
  for (let i = 0; i < length; i += 1) id += ID_ALPHABET[Math.floor(random.next() * 64)];
  return id;
}
