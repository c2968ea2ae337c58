/**
 * The edge sign-in function, through its real handler wiring, against a local OpenID provider
 * that serves its keys and token endpoint over HTTP as a real issuer does. Tokens are real RS256
 * JWTs signed by the provider's key (or by a key it does not publish).
 */
import type { CloudFrontRequest, CloudFrontRequestEvent, CloudFrontResultResponse } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEdgeAuthHandler } from '../../../functions/edgeAuth/createEdgeAuthHandler.ts';
import { startIdentityProvider } from './support/startIdentityProvider.ts';

const CLIENT = { id: 'tubelens-client', secret: 'client-secret-from-secrets-manager' };
const SECRET_ARN = 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:tubelens-test-edge-client-AbCdEf';
const HOST = 'd111111abcdef8.cloudfront.net';

type Idp = Awaited<ReturnType<typeof startIdentityProvider>>;
let idp: Idp;

beforeAll(async () => {
  idp = await startIdentityProvider(CLIENT);
});
afterAll(async () => {
  await idp?.close();
});

/** Cognito mode: every endpoint named, ID tokens must say token_use: id. */
function cognitoSettings() {
  return {
    issuer: idp.issuer,
    clientId: CLIENT.id,
    clientSecretArn: SECRET_ARN,
    tokenUse: 'id',
    authorizationEndpoint: `${idp.issuer}/oauth2/authorize`,
    tokenEndpoint: `${idp.issuer}/oauth2/token`,
    jwksUri: `${idp.issuer}/.well-known/jwks.json`,
    logoutEndpoint: `${idp.issuer}/logout`,
    logoutStyle: 'cognito',
  };
}

function handlerFor(settings: unknown = cognitoSettings()) {
  const secretsRead: string[] = [];
  const handler = createEdgeAuthHandler({
    loadSettings: async () => JSON.stringify(settings),
    readSecret: async (arn) => {
      secretsRead.push(arn);
      return `${CLIENT.secret}\n`;
    },
    log: () => {},
  });
  return { handler, secretsRead };
}

function viewerRequest(
  uri: string,
  options: { cookie?: string; headers?: Record<string, string>; querystring?: string } = {},
): CloudFrontRequestEvent {
  const headers: CloudFrontRequest['headers'] = { host: [{ key: 'Host', value: HOST }] };
  if (options.cookie) headers.cookie = [{ key: 'Cookie', value: options.cookie }];
  for (const [k, v] of Object.entries(options.headers ?? { 'sec-fetch-mode': 'navigate' })) {
    headers[k.toLowerCase()] = [{ key: k, value: v }];
  }
  return {
    Records: [
      {
        cf: {
          config: {
            distributionDomainName: HOST,
            distributionId: 'EDFDVBD6EXAMPLE',
            eventType: 'viewer-request',
            requestId: 'r-1',
          },
          request: {
            clientIp: '203.0.113.9',
            headers,
            method: 'GET',
            querystring: options.querystring ?? '',
            uri,
          },
        },
      },
    ],
  };
}

const response = (result: unknown) => result as CloudFrontResultResponse;
const setCookies = (result: unknown) => (response(result).headers?.['set-cookie'] ?? []).map((h) => h.value);
const location = (result: unknown) => new URL(String(response(result).headers?.location?.[0]?.value));

describe('edge sign-in: requests with a token', () => {
  it('passes a valid ID token cookie on, routed, with the viewer address CloudFront saw', async () => {
    const { handler } = handlerFor();
    const result = (await handler(
      viewerRequest('/channels', { cookie: `a=b; tubelens_id_token=${idp.sign()}` }),
    )) as CloudFrontRequest;
    expect(result.uri).toBe('/channels.html');
    expect(result.headers['x-tubelens-viewer-ip']).toEqual([
      { key: 'X-Tubelens-Viewer-Ip', value: '203.0.113.9' },
    ]);
    // The cookie goes on to the origin: the explorer verifies the same token itself.
    expect(result.headers.cookie?.[0]?.value).toContain('tubelens_id_token=');
  });

  it('accepts a Bearer token from an API client and rewrites /explorer to the container root', async () => {
    const { handler } = handlerFor();
    const result = (await handler(
      viewerRequest('/explorer', {
        headers: { Authorization: `Bearer ${idp.sign()}`, Accept: 'application/json' },
      }),
    )) as CloudFrontRequest;
    expect(result.uri).toBe('/');
  });

  it('overwrites a viewer address header the client sent itself', async () => {
    const { handler } = handlerFor();
    const result = (await handler(
      viewerRequest('/ws', {
        cookie: `tubelens_id_token=${idp.sign()}`,
        headers: { 'X-Tubelens-Viewer-Ip': '10.0.0.1' },
      }),
    )) as CloudFrontRequest;
    expect(result.headers['x-tubelens-viewer-ip']?.map((h) => h.value)).toEqual(['203.0.113.9']);
    expect(result.uri).toBe('/ws');
  });

  it.each([
    ['expired', () => idp.sign({ exp: Math.floor(Date.now() / 1000) - 60 })],
    ['not yet valid', () => idp.sign({ nbf: Math.floor(Date.now() / 1000) + 600 })],
    ['for another client', () => idp.sign({ aud: 'someone-else' })],
    [
      'from another issuer',
      () => idp.sign({ iss: 'https://cognito-idp.us-east-1.amazonaws.com/us-east-1_other' }),
    ],
    ['an access token', () => idp.sign({ token_use: 'access' })],
    ['signed by a key the issuer does not publish', () => idp.sign({}, idp.strangerKey)],
    [
      'tampered with after signing',
      () => {
        const [h, p, s] = idp.sign().split('.');
        const claims = JSON.parse(Buffer.from(String(p), 'base64url').toString());
        return [h, Buffer.from(JSON.stringify({ ...claims, sub: 'admin' })).toString('base64url'), s].join(
          '.',
        );
      },
    ],
    ['not a JWT at all', () => 'hello'],
  ])('refuses a token that is %s: 401 to a fetch, sign-in to a page load', async (_, token) => {
    const { handler } = handlerFor();
    const fetchResult = response(
      await handler(
        viewerRequest('/data/manifest.json', {
          cookie: `tubelens_id_token=${token()}`,
          headers: { 'Sec-Fetch-Mode': 'cors' },
        }),
      ),
    );
    expect(fetchResult.status).toBe('401');
    const pageResult = response(
      await handler(viewerRequest('/', { cookie: `tubelens_id_token=${token()}` })),
    );
    expect(pageResult.status).toBe('302');
    expect(location(pageResult).pathname).toBe('/oauth2/authorize');
  });

  it('refuses a WebSocket upgrade without a token', async () => {
    const { handler } = handlerFor();
    const result = response(
      await handler(
        viewerRequest('/ws', { headers: { 'Sec-Fetch-Mode': 'websocket', Upgrade: 'websocket' } }),
      ),
    );
    expect(result.status).toBe('401');
    expect(result.headers?.['cache-control']?.[0]?.value).toBe('no-store');
  });
});

describe('edge sign-in: the code flow', () => {
  it('sends a page load without a cookie to the sign-in page with state and a PKCE challenge', async () => {
    const { handler } = handlerFor();
    const result = response(await handler(viewerRequest('/channel/UCx', { querystring: 'tab=videos' })));
    expect(result.status).toBe('302');
    const url = location(result);
    expect(`${url.origin}${url.pathname}`).toBe(`${idp.issuer}/oauth2/authorize`);
    expect(Object.fromEntries(url.searchParams)).toMatchObject({
      response_type: 'code',
      client_id: CLIENT.id,
      redirect_uri: `https://${HOST}/auth/callback`,
      scope: 'openid email profile',
      code_challenge_method: 'S256',
    });
    const [state] = setCookies(result);
    expect(state).toMatch(
      /^tubelens_auth_state=[\w-]+; Path=\/auth\/callback; Max-Age=600; HttpOnly; Secure; SameSite=Lax$/,
    );
  });

  it('exchanges the code for tokens, sets the ID token cookie and returns to the page', async () => {
    const { handler, secretsRead } = handlerFor();
    const start = response(await handler(viewerRequest('/channel/UCx', { querystring: 'tab=videos' })));
    const authorize = location(start);
    const stateCookie = String(setCookies(start)[0]).split(';')[0];
    // The user signs in on the IdP's page, which redirects back with a code.
    const idToken = idp.sign({ email: 'new@example.com' });
    const code = idp.issueCode({
      challenge: String(authorize.searchParams.get('code_challenge')),
      redirectUri: String(authorize.searchParams.get('redirect_uri')),
      idToken,
    });
    const back = response(
      await handler(
        viewerRequest('/auth/callback', {
          cookie: stateCookie,
          querystring: `code=${code}&state=${authorize.searchParams.get('state')}`,
        }),
      ),
    );
    expect(back.status).toBe('302');
    expect(back.headers?.location?.[0]?.value).toBe('/channel/UCx?tab=videos');
    const [idCookie, clearedState] = setCookies(back);
    expect(idCookie).toMatch(
      new RegExp(
        `^tubelens_id_token=${idToken.replaceAll('.', '\\.')}; Path=/; Max-Age=(359\\d|3600); HttpOnly; Secure; SameSite=Lax$`,
      ),
    );
    expect(clearedState).toContain('tubelens_auth_state=; Path=/auth/callback; Max-Age=0');
    // The client secret came from its secret, trimmed, and went only to the token endpoint.
    expect(secretsRead).toEqual([SECRET_ARN]);
    expect(idp.tokenRequests.at(-1)?.form).toMatchObject({
      grant_type: 'authorization_code',
      code,
      client_id: CLIENT.id,
    });
    // The new cookie now opens the page.
    const after = (await handler(
      viewerRequest('/channel/UCx', { cookie: String(idCookie).split(';')[0] }),
    )) as CloudFrontRequest;
    expect(after.uri).toBe('/channel/UCx.html');
  });

  it('refuses a callback whose state does not match the browser that started the sign-in', async () => {
    const { handler } = handlerFor();
    const start = response(await handler(viewerRequest('/')));
    const authorize = location(start);
    const code = idp.issueCode({
      challenge: String(authorize.searchParams.get('code_challenge')),
      redirectUri: String(authorize.searchParams.get('redirect_uri')),
    });
    const forged = response(
      await handler(
        viewerRequest('/auth/callback', {
          querystring: `code=${code}&state=${authorize.searchParams.get('state')}`,
        }),
      ),
    );
    expect(forged.status).toBe('400');
    expect(setCookies(forged).join()).not.toContain('tubelens_id_token=e');
  });

  it('returns only to paths on this site after signing in', async () => {
    const { handler } = handlerFor();
    const start = response(await handler(viewerRequest('//evil.example/x')));
    const authorize = location(start);
    const code = idp.issueCode({
      challenge: String(authorize.searchParams.get('code_challenge')),
      redirectUri: String(authorize.searchParams.get('redirect_uri')),
    });
    const back = response(
      await handler(
        viewerRequest('/auth/callback', {
          cookie: String(setCookies(start)[0]).split(';')[0],
          querystring: `code=${code}&state=${authorize.searchParams.get('state')}`,
        }),
      ),
    );
    expect(back.headers?.location?.[0]?.value).toBe('/');
  });

  it('shows the refusal when the identity provider answers with an error', async () => {
    const { handler } = handlerFor();
    const result = response(
      await handler(viewerRequest('/auth/callback', { querystring: 'error=access_denied' })),
    );
    expect(result.status).toBe('403');
    expect(result.body).toContain('access_denied');
  });

  it('signs out: clears the cookie and goes to the IdP logout, which comes back to a public page', async () => {
    const { handler } = handlerFor();
    const result = response(
      await handler(viewerRequest('/auth/sign-out', { cookie: `tubelens_id_token=${idp.sign()}` })),
    );
    expect(setCookies(result)).toContain(
      'tubelens_id_token=; Path=/; Max-Age=0; HttpOnly; Secure; SameSite=Lax',
    );
    const url = location(result);
    expect(`${url.origin}${url.pathname}`).toBe(`${idp.issuer}/logout`);
    expect(Object.fromEntries(url.searchParams)).toEqual({
      client_id: CLIENT.id,
      logout_uri: `https://${HOST}/auth/signed-out`,
    });
    const signedOut = response(await handler(viewerRequest('/auth/signed-out')));
    expect(signedOut.status).toBe('200');
  });
});

describe('edge sign-in: settings and failures', () => {
  it('finds an OIDC provider endpoints by discovery from the issuer alone', async () => {
    const { handler } = handlerFor({ issuer: idp.issuer, clientId: CLIENT.id, clientSecretArn: SECRET_ARN });
    const start = response(await handler(viewerRequest('/')));
    expect(`${location(start).origin}${location(start).pathname}`).toBe(`${idp.issuer}/oauth2/authorize`);
    // Without a Cognito token_use requirement, a valid ID token from the IdP passes.
    const ok = (await handler(
      viewerRequest('/', { cookie: `tubelens_id_token=${idp.sign({ token_use: undefined })}` }),
    )) as CloudFrontRequest;
    expect(ok.uri).toBe('/index.html');
    const out = location(await handler(viewerRequest('/auth/sign-out')));
    expect(out.searchParams.get('post_logout_redirect_uri')).toBe(`https://${HOST}/auth/signed-out`);
  });

  it('fails closed with 503 when the settings are malformed or the issuer cannot be reached', async () => {
    const bad = handlerFor({ issuer: idp.issuer, clientId: CLIENT.id, clientSecretArn: 'not-an-arn' });
    expect(response(await bad.handler(viewerRequest('/'))).status).toBe('503');
    const unreachable = handlerFor({
      ...cognitoSettings(),
      jwksUri: 'http://127.0.0.1:9/.well-known/jwks.json',
    });
    const result = response(
      await unreachable.handler(viewerRequest('/', { cookie: `tubelens_id_token=${idp.sign()}` })),
    );
    expect(result.status).toBe('503');
  });

  it('fetches the issuer keys once and reuses them across requests', async () => {
    const { handler } = handlerFor();
    const before = idp.keyFetches();
    for (let i = 0; i < 5; i += 1)
      await handler(viewerRequest('/', { cookie: `tubelens_id_token=${idp.sign()}` }));
    expect(idp.keyFetches() - before).toBe(1);
  });
});
