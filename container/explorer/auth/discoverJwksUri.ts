import type { Fetcher } from 'aws-jwt-verify/https';
import { z } from 'zod';
import { SignInUnavailableError } from '../errors.ts';

const discoverySchema = z.object({ issuer: z.string(), jwks_uri: z.url() });

/**
 * Where an issuer publishes its keys. Cognito user pools serve them at
 * `<issuer>/.well-known/jwks.json` and publish no discovery document worth a round trip; any other
 * OIDC issuer names them in `<issuer>/.well-known/openid-configuration` (OpenID Connect Discovery
 * 1.0), whose `issuer` must be exactly the configured one.
 */
export async function discoverJwksUri(issuer: string, fetcher: Fetcher, cognito: boolean): Promise<string> {
  const base = issuer.replace(/\/+$/, '');
  if (cognito) return `${base}/.well-known/jwks.json`;
  const where = `${base}/.well-known/openid-configuration`;
  let document: z.infer<typeof discoverySchema>;
  try {
    const body = await fetcher.fetch(where);
    document = discoverySchema.parse(JSON.parse(new TextDecoder().decode(body)));
  } catch (cause) {
    throw new SignInUnavailableError(`the issuer's discovery document (${where}) could not be read`, {
      cause,
    });
  }
  if (document.issuer !== issuer) {
    throw new SignInUnavailableError(
      `the discovery document at ${where} is for issuer ${document.issuer}, not ${issuer}`,
    );
  }
  if (!document.jwks_uri.startsWith('https://')) {
    throw new SignInUnavailableError(`the issuer's jwks_uri is not https: ${document.jwks_uri}`);
  }
  return document.jwks_uri;
}
