import { z } from 'zod';
import type { EdgeAuthConfig, EdgeAuthSettings } from './edgeAuthConfig.ts';
import { IdentityProviderError } from './errors.ts';

const discoverySchema = z.object({
  issuer: z.string(),
  authorization_endpoint: z.url(),
  token_endpoint: z.url(),
  jwks_uri: z.url(),
  end_session_endpoint: z.url().optional(),
});

/**
 * Fills in the endpoints the settings leave out from `<issuer>/.well-known/openid-configuration`
 * (OpenID Connect Discovery 1.0), which every OIDC provider serves. Settings that name all three
 * (Cognito mode) cost no request.
 */
export async function discoverEndpoints(
  settings: EdgeAuthSettings,
  fetchFn: typeof fetch = fetch,
): Promise<EdgeAuthConfig> {
  const { authorizationEndpoint, tokenEndpoint, jwksUri } = settings;
  if (authorizationEndpoint && tokenEndpoint && jwksUri) {
    return { ...settings, authorizationEndpoint, tokenEndpoint, jwksUri };
  }
  const url = `${settings.issuer.replace(/\/$/, '')}/.well-known/openid-configuration`;
  let body: unknown;
  try {
    const response = await fetchFn(url, { signal: AbortSignal.timeout(3000) });
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    body = await response.json();
  } catch (cause) {
    throw new IdentityProviderError(`could not read ${url}: ${(cause as Error).message}`, { cause });
  }
  const found = discoverySchema.safeParse(body);
  if (!found.success) throw new IdentityProviderError(`${url} is not an OpenID discovery document`);
  // The document must describe this issuer, or its keys would vouch for someone else's tokens.
  if (found.data.issuer !== settings.issuer) {
    throw new IdentityProviderError(`${url} names issuer ${found.data.issuer}, not ${settings.issuer}`);
  }
  return {
    ...settings,
    authorizationEndpoint: authorizationEndpoint ?? found.data.authorization_endpoint,
    tokenEndpoint: tokenEndpoint ?? found.data.token_endpoint,
    jwksUri: jwksUri ?? found.data.jwks_uri,
    ...(settings.logoutEndpoint || !found.data.end_session_endpoint
      ? {}
      : { logoutEndpoint: found.data.end_session_endpoint }),
  };
}
