import { FetchError, JwksNotAvailableInCacheError } from 'aws-jwt-verify/error';
import { SimpleJwksCache } from 'aws-jwt-verify/jwk';
import { JwtVerifier } from 'aws-jwt-verify/jwt-verifier';
import type { EdgeAuthConfig } from './edgeAuthConfig.ts';
import { IdentityProviderError } from './errors.ts';
import { fetchFetcher } from './fetchFetcher.ts';

/** The claims the edge reads from a verified ID token. */
export interface VerifiedIdToken {
  readonly sub: string;
  readonly exp: number;
}

/**
 * Verifies an ID token as the explorer does (AUTH-CONTRACT): RS256 signature against the issuer's
 * published keys, `iss`, `aud` (the client id), `exp`/`nbf`, and `token_use: id` for Cognito.
 * Resolves null for a token that is not valid; throws IdentityProviderError when the keys cannot
 * be fetched, so an unreachable issuer is a 503, not a sign-in loop.
 */
export function createTokenVerifier(config: EdgeAuthConfig, fetchFn: typeof fetch = fetch) {
  const verifier = JwtVerifier.create(
    {
      issuer: config.issuer,
      audience: config.clientId,
      jwksUri: config.jwksUri,
      customJwtCheck: ({ payload }) => {
        if (config.tokenUse && payload.token_use !== config.tokenUse) {
          throw new Error(`token_use is ${String(payload.token_use)}, expected ${config.tokenUse}`);
        }
      },
    },
    { jwksCache: new SimpleJwksCache({ fetcher: fetchFetcher(fetchFn) }) },
  );
  return async (token: string): Promise<VerifiedIdToken | null> => {
    try {
      const payload = await verifier.verify(token);
      return { sub: String(payload.sub), exp: Number(payload.exp) };
    } catch (error) {
      if (error instanceof FetchError || error instanceof JwksNotAvailableInCacheError) {
        throw new IdentityProviderError(`could not fetch the issuer's keys: ${error.message}`, {
          cause: error,
        });
      }
      return null;
    }
  };
}
