import { createHash, randomBytes } from 'node:crypto';

/** A PKCE verifier (RFC 7636: 43-128 characters) and its S256 challenge, plus an OAuth state. */
export function newSignInAttempt(random: (size: number) => Buffer = randomBytes) {
  const verifier = random(32).toString('base64url');
  return {
    state: random(16).toString('base64url'),
    verifier,
    challenge: createHash('sha256').update(verifier).digest('base64url'),
  };
}
