import { z } from 'zod';

/** How the explorer checks who is calling (docs/explorer.md, "Sign-in"; /work/coord AUTH contract). */
export type AuthConfig =
  | { readonly mode: 'none' }
  | {
      readonly mode: 'jwt';
      /** Exactly the `iss` the tokens carry, e.g. https://cognito-idp.<region>.amazonaws.com/<poolId>. */
      readonly issuer: string;
      /** Client ids; a token's `aud` must be one of them. */
      readonly audience: readonly string[];
      /** Where the issuer publishes its keys; unset: derived from the issuer (see tokenVerifier). */
      readonly jwksUri: string | undefined;
      /** Where the page's "Sign out" link goes (the edge's sign-out path); unset: no link. */
      readonly signOutUrl: string | undefined;
    };

const httpsUrl = (name: string) =>
  z
    .url({ error: `${name} must be an https:// URL` })
    .refine((text) => text.startsWith('https://'), `${name} must be an https:// URL`);

/** The sign-in variables, spread into the explorer's config schema. */
export const authEnvShape = {
  EXPLORER_AUTH: z.enum(['none', 'jwt'], { error: 'EXPLORER_AUTH must be none or jwt' }).default('none'),
  EXPLORER_AUTH_ISSUER: httpsUrl('EXPLORER_AUTH_ISSUER').optional(),
  EXPLORER_AUTH_AUDIENCE: z
    .string()
    .transform((text) =>
      text
        .split(',')
        .map((id) => id.trim())
        .filter(Boolean),
    )
    .optional(),
  EXPLORER_AUTH_JWKS_URI: httpsUrl('EXPLORER_AUTH_JWKS_URI').optional(),
  // A path on the explorer's own origin (the edge's /auth/sign-out) or an https URL; never
  // javascript: or another scheme, since the page puts it in a link.
  EXPLORER_AUTH_SIGN_OUT_URL: z
    .string()
    .refine(
      (text) => /^\/(?!\/)/.test(text) || /^https:\/\/[^\s]+$/.test(text),
      'EXPLORER_AUTH_SIGN_OUT_URL must be a path such as /auth/sign-out or an https:// URL',
    )
    .optional(),
};

type AuthEnv = z.output<z.ZodObject<typeof authEnvShape>>;

/** Cross-field rule: with sign-in on, the issuer and the audience are required. */
export function checkAuthEnv(env: AuthEnv, ctx: z.RefinementCtx): void {
  if (env.EXPLORER_AUTH !== 'jwt') return;
  if (!env.EXPLORER_AUTH_ISSUER) {
    ctx.addIssue({ code: 'custom', message: 'EXPLORER_AUTH_ISSUER is required when EXPLORER_AUTH=jwt' });
  }
  if (!env.EXPLORER_AUTH_AUDIENCE?.length) {
    ctx.addIssue({ code: 'custom', message: 'EXPLORER_AUTH_AUDIENCE is required when EXPLORER_AUTH=jwt' });
  }
}

export function authConfigFrom(env: AuthEnv): AuthConfig {
  if (env.EXPLORER_AUTH === 'none') return { mode: 'none' };
  return {
    mode: 'jwt',
    issuer: env.EXPLORER_AUTH_ISSUER!,
    audience: env.EXPLORER_AUTH_AUDIENCE!,
    jwksUri: env.EXPLORER_AUTH_JWKS_URI,
    signOutUrl: env.EXPLORER_AUTH_SIGN_OUT_URL,
  };
}
