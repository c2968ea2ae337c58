import { JwtRsaVerifier } from 'aws-jwt-verify';
import { validateCognitoJwtFields } from 'aws-jwt-verify/cognito-verifier';
import {
  FetchError,
  JwksNotAvailableInCacheError,
  JwksValidationError,
  JwtBaseError,
} from 'aws-jwt-verify/error';
import { type Fetcher, SimpleFetcher } from 'aws-jwt-verify/https';
import { SimpleJwksCache } from 'aws-jwt-verify/jwk';
import { SignInUnavailableError, TokenRejectedError } from '../errors.ts';
import type { AuthConfig } from './authConfig.ts';
import { discoverJwksUri } from './discoverJwksUri.ts';
import { type SignedInUser, signedInUserFrom } from './signedInUser.ts';

/** Checks ID tokens of one issuer. */
export interface TokenVerifier {
  /** Rejects with TokenRejectedError (401) or SignInUnavailableError (503). */
  verify(token: string): Promise<SignedInUser>;
  /** Fetches the issuer's keys now, so that the first sign-in does not wait and a bad issuer shows at start-up. */
  warm(): Promise<void>;
}

/** A Cognito user pool's issuer: https://cognito-idp.<region>.amazonaws.com/<region>_<id>. */
const COGNITO_ISSUER = /^https:\/\/cognito-idp\.[a-z0-9-]+\.amazonaws\.com\/[a-z0-9-]+_[A-Za-z0-9]+$/;

export function isCognitoIssuer(issuer: string): boolean {
  return COGNITO_ISSUER.test(issuer);
}

/**
 * Verifies RS256 ID tokens with aws-jwt-verify: the signature against the issuer's published
 * keys (fetched over https, cached, refetched when an unknown `kid` appears), `iss`, `aud`,
 * `exp` and `nbf`. For a Cognito user pool also `token_use` = `id` and the client id, as
 * CognitoJwtVerifier checks them; its verifier is not used itself because it derives the key URL
 * from the pool id and could not take EXPLORER_AUTH_JWKS_URI.
 */
export function tokenVerifier(
  config: Extract<AuthConfig, { mode: 'jwt' }>,
  fetcher: Fetcher = new SimpleFetcher(),
): TokenVerifier {
  const cognito = isCognitoIssuer(config.issuer);
  const audience = [...config.audience];
  let verifier: Promise<ReturnType<typeof create>> | undefined;
  const create = (jwksUri: string) =>
    JwtRsaVerifier.create(
      {
        issuer: config.issuer,
        audience,
        jwksUri,
        ...(cognito
          ? {
              customJwtCheck: ({ payload }) =>
                validateCognitoJwtFields(payload, { tokenUse: 'id', clientId: audience }),
            }
          : {}),
      },
      { jwksCache: new SimpleJwksCache({ fetcher }) },
    );
  // Discovery is retried on the next request when it fails (the issuer may be briefly down).
  const ready = () => {
    verifier ??= (
      config.jwksUri ? Promise.resolve(config.jwksUri) : discoverJwksUri(config.issuer, fetcher, cognito)
    )
      .then(create)
      .catch((error) => {
        verifier = undefined;
        throw error;
      });
    return verifier;
  };
  const unavailable = (error: unknown) =>
    error instanceof FetchError ||
    error instanceof JwksNotAvailableInCacheError ||
    error instanceof JwksValidationError;
  return {
    async verify(token) {
      const checker = await ready();
      try {
        return signedInUserFrom(await checker.verify(token));
      } catch (error) {
        if (unavailable(error))
          throw new SignInUnavailableError("the issuer's keys could not be fetched", { cause: error });
        if (error instanceof JwtBaseError) throw new TokenRejectedError(error.message, { cause: error });
        throw error;
      }
    },
    async warm() {
      await (await ready()).hydrate();
    },
  };
}
