import type { CloudFrontRequestEvent, CloudFrontRequestResult } from 'aws-lambda';
import { authorizeViewerRequest, type EdgeAuthContext } from './authorizeViewerRequest.ts';
import { createTokenVerifier } from './createTokenVerifier.ts';
import { discoverEndpoints } from './discoverEndpoints.ts';
import { parseEdgeAuthSettings } from './edgeAuthConfig.ts';
import { EdgeAuthConfigError, IdentityProviderError } from './errors.ts';
import { page } from './responses.ts';

export interface EdgeAuthHandlerOptions {
  /** The sign-in settings as JSON (the SSM parameter's value). */
  readonly loadSettings: () => Promise<string>;
  /** A Secrets Manager secret's string, by ARN. */
  readonly readSecret: (arn: string) => Promise<string>;
  readonly fetch?: typeof fetch;
  readonly now?: () => number;
  /** How long a replica trusts the settings it read; a changed client or issuer shows within this. */
  readonly settingsTtlMs?: number;
  readonly log?: (message: string, fields: Record<string, unknown>) => void;
}

const DEFAULT_SETTINGS_TTL_MS = 5 * 60_000;

/**
 * The viewer-request handler around authorizeViewerRequest. A replica reads its settings on the
 * first request and again every few minutes, and keeps the issuer's keys (aws-jwt-verify's cache)
 * as long as the settings hold; it fails closed (503) when it cannot read them.
 */
export function createEdgeAuthHandler(options: EdgeAuthHandlerOptions) {
  const now = options.now ?? Date.now;
  const log = options.log ?? ((message, fields) => console.error(JSON.stringify({ message, ...fields })));
  let cached: { context: Promise<EdgeAuthContext>; until: number } | undefined;

  const buildContext = async (): Promise<EdgeAuthContext> => {
    const config = await discoverEndpoints(
      parseEdgeAuthSettings(await options.loadSettings()),
      options.fetch,
    );
    let secret: Promise<string> | undefined;
    return {
      config,
      verify: createTokenVerifier(config, options.fetch),
      clientSecret: () => {
        secret ??= options.readSecret(config.clientSecretArn).then((s) => s.trim());
        // A failed read is not remembered: the next sign-in tries again.
        secret.catch(() => {
          secret = undefined;
        });
        return secret;
      },
      ...(options.fetch ? { fetch: options.fetch } : {}),
      now,
    };
  };

  const context = () => {
    if (!cached || now() >= cached.until) {
      const fresh = buildContext();
      cached = { context: fresh, until: now() + (options.settingsTtlMs ?? DEFAULT_SETTINGS_TTL_MS) };
      fresh.catch(() => {
        cached = undefined;
      });
    }
    return cached.context;
  };

  return async (event: CloudFrontRequestEvent): Promise<CloudFrontRequestResult> => {
    const request = event.Records[0]?.cf.request;
    if (!request) throw new Error('not a CloudFront viewer-request event');
    try {
      return await authorizeViewerRequest(request, await context());
    } catch (error) {
      if (error instanceof EdgeAuthConfigError || error instanceof IdentityProviderError) {
        log('sign-in unavailable', { error: error.message, uri: request.uri });
        return page(
          503,
          'Sign-in unavailable',
          'Signing in is not possible right now; try again in a minute.',
        );
      }
      throw error;
    }
  };
}
