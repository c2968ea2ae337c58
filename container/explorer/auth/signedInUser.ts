import type { JwtPayload } from 'aws-jwt-verify/jwt-model';

/** Who a verified ID token says the caller is. */
export interface SignedInUser {
  /** `sub`: stable per user at the issuer; sessions are bound to it. */
  readonly subject: string;
  /** What the page shows: `email`, else `cognito:username`, else `sub` (AUTH contract). */
  readonly name: string;
  /** When the token expires (ms since epoch); a socket opened with it is closed then. */
  readonly expiresAt: number;
}

const text = (value: unknown) => (typeof value === 'string' && value ? value : undefined);

export function signedInUserFrom(payload: JwtPayload): SignedInUser {
  const subject = text(payload.sub) ?? '';
  return {
    subject,
    name: text(payload.email) ?? text(payload['cognito:username']) ?? subject,
    expiresAt: typeof payload.exp === 'number' ? payload.exp * 1000 : Number.POSITIVE_INFINITY,
  };
}
