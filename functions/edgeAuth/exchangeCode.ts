import { z } from 'zod';
import type { EdgeAuthConfig } from './edgeAuthConfig.ts';
import { IdentityProviderError } from './errors.ts';

const tokenResponseSchema = z.object({ id_token: z.string().min(1) });

/**
 * The authorization code grant's second half (RFC 6749 section 4.1.3, with the PKCE verifier of
 * RFC 7636): the client authenticates with HTTP Basic, which Cognito and the common IdPs accept.
 * Returns the ID token, which the caller still verifies before trusting.
 */
export async function exchangeCode(
  config: EdgeAuthConfig,
  grant: { code: string; redirectUri: string; codeVerifier: string; clientSecret: string },
  fetchFn: typeof fetch = fetch,
): Promise<string> {
  // RFC 6749 section 2.3.1: both halves are form-encoded before they are joined.
  const basic = Buffer.from(
    `${encodeURIComponent(config.clientId)}:${encodeURIComponent(grant.clientSecret)}`,
  ).toString('base64');
  const body = new URLSearchParams({
    grant_type: 'authorization_code',
    code: grant.code,
    redirect_uri: grant.redirectUri,
    code_verifier: grant.codeVerifier,
    client_id: config.clientId,
  });
  let response: Response;
  try {
    response = await fetchFn(config.tokenEndpoint, {
      method: 'POST',
      headers: { authorization: `Basic ${basic}`, 'content-type': 'application/x-www-form-urlencoded' },
      body,
      signal: AbortSignal.timeout(3000),
    });
  } catch (cause) {
    throw new IdentityProviderError(`the token endpoint did not answer: ${(cause as Error).message}`, {
      cause,
    });
  }
  const text = await response.text();
  if (!response.ok) {
    // The IdP's error code (invalid_grant, ...) helps; the body never holds a token on failure.
    throw new IdentityProviderError(`the token endpoint answered ${response.status}: ${text.slice(0, 200)}`);
  }
  const parsed = tokenResponseSchema.safeParse(JSON.parse(text || '{}'));
  if (!parsed.success) throw new IdentityProviderError('the token endpoint answered without an id_token');
  return parsed.data.id_token;
}
