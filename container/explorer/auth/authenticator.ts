import type { IncomingMessage } from 'node:http';
import { SignInUnavailableError, TokenRejectedError } from '../errors.ts';
import type { Logger } from '../log.ts';
import type { AuthConfig } from './authConfig.ts';
import { requestToken } from './requestToken.ts';
import type { SignedInUser } from './signedInUser.ts';
import { type TokenVerifier, tokenVerifier } from './tokenVerifier.ts';

export type AuthResult =
  | { readonly ok: true; readonly user: SignedInUser | null }
  | { readonly ok: false; readonly status: 401 | 503; readonly message: string };

/** Who is calling: every data request and every upgrade asks this first. */
export interface Authenticator {
  readonly mode: AuthConfig['mode'];
  /** Where the page's "Sign out" link goes, when sign-in is on and the edge has a sign-out path. */
  readonly signOutUrl: string | null;
  authenticate(request: IncomingMessage): Promise<AuthResult>;
  warm(): Promise<void>;
}

const SIGN_IN_FIRST = 'sign in first: this explorer needs a valid sign-in token';

/**
 * The caller of a request under the configured sign-in: anybody (null) when it is off, else the
 * user a valid ID token names. The client gets a short reason; the log gets the verifier's.
 */
export function authenticator(config: AuthConfig, log: Logger, verifier?: TokenVerifier): Authenticator {
  if (config.mode === 'none') {
    return {
      mode: 'none',
      signOutUrl: null,
      authenticate: async () => ({ ok: true, user: null }),
      warm: async () => {},
    };
  }
  const check = verifier ?? tokenVerifier(config);
  return {
    mode: 'jwt',
    signOutUrl: config.signOutUrl ?? null,
    async authenticate(request) {
      const token = requestToken(request);
      if (!token) return { ok: false, status: 401, message: SIGN_IN_FIRST };
      try {
        return { ok: true, user: await check.verify(token) };
      } catch (error) {
        if (error instanceof TokenRejectedError) {
          log.info('token refused', { reason: error.message });
          return {
            ok: false,
            status: 401,
            message: 'the sign-in token is not valid here (expired?); sign in again',
          };
        }
        const reason = error instanceof SignInUnavailableError ? error.message : 'the token check failed';
        log.error('sign-in cannot be checked', { error });
        return {
          ok: false,
          status: 503,
          message: `sign-in cannot be checked right now (${reason}); try again`,
        };
      }
    },
    warm: () => check.warm(),
  };
}
