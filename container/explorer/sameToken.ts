import { timingSafeEqual } from 'node:crypto';

/** Compares a secret token in constant time (for equal lengths), so timing tells nothing about it. */
export function sameToken(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
