import { z } from 'zod';
import { EdgeAuthConfigError } from './errors.ts';

/**
 * The sign-in settings the stack writes to its SSM parameter (serverless.yml, EdgeAuthConfig).
 * Cognito mode names every endpoint; OIDC mode names only the issuer, and the endpoints come
 * from the issuer's discovery document.
 */
export const edgeAuthConfigSchema = z
  .object({
    /** `iss` of the ID tokens, e.g. https://cognito-idp.<region>.amazonaws.com/<pool id>. */
    issuer: z.url(),
    /** The app client: the `aud` of the ID tokens. */
    clientId: z.string().min(1),
    /** Secrets Manager secret holding the client secret (the string itself). */
    clientSecretArn: z.string().regex(/^arn:aws[\w-]*:secretsmanager:[\w-]+:\d{12}:secret:.+$/),
    scopes: z.string().default('openid email profile'),
    /** Cognito puts `token_use: id` in ID tokens; an access token must not pass for one. */
    tokenUse: z.literal('id').optional(),
    authorizationEndpoint: z.url().optional(),
    tokenEndpoint: z.url().optional(),
    jwksUri: z.url().optional(),
    /** Where sign-out sends the browser: Cognito's /logout or the IdP's end_session_endpoint. */
    logoutEndpoint: z.url().optional(),
    /** Cognito's /logout takes `logout_uri`; OpenID's end-session endpoint `post_logout_redirect_uri`. */
    logoutStyle: z.enum(['cognito', 'oidc']).default('oidc'),
  })
  .strict();

export type EdgeAuthSettings = z.infer<typeof edgeAuthConfigSchema>;

/** Settings with every endpoint known (after discovery where needed). */
export type EdgeAuthConfig = EdgeAuthSettings & {
  readonly authorizationEndpoint: string;
  readonly tokenEndpoint: string;
  readonly jwksUri: string;
};

/** Parses the parameter's JSON; errors say what is wrong without echoing the value. */
export function parseEdgeAuthSettings(text: string): EdgeAuthSettings {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (cause) {
    throw new EdgeAuthConfigError('the sign-in configuration is not JSON', { cause });
  }
  const parsed = edgeAuthConfigSchema.safeParse(json);
  if (!parsed.success) {
    const fields = parsed.error.issues.map((i) => `${i.path.join('.') || '(config)'}: ${i.message}`);
    throw new EdgeAuthConfigError(`bad sign-in configuration: ${fields.join('; ')}`);
  }
  return parsed.data;
}
