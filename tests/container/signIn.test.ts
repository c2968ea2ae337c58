import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestIssuer, type TestIssuer } from '../support/testIssuer.ts';
import { startFixtureExplorer } from './support/fixtureServer.ts';
import { openClient } from './support/wsClient.ts';

const now = () => Math.floor(Date.now() / 1000);
const AUDIENCE = 'tubelens-test-client';

describe('explorer with sign-in on [embedded]', () => {
  let issuer: TestIssuer;
  let explorer: Awaited<ReturnType<typeof startFixtureExplorer>>;
  const claims = (extra: Record<string, unknown> = {}) => ({
    iss: issuer.issuer,
    aud: AUDIENCE,
    sub: 'user-ana',
    email: 'ana@example.com',
    iat: now(),
    exp: now() + 600,
    ...extra,
  });
  const cookie = (token: string) => ({ cookie: `theme=dark; tubelens_id_token=${token}` });
  const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

  beforeAll(async () => {
    issuer = await startTestIssuer();
    explorer = await startFixtureExplorer('embedded', {
      EXPLORER_AUTH: 'jwt',
      EXPLORER_AUTH_ISSUER: issuer.issuer,
      EXPLORER_AUTH_AUDIENCE: `other-client,${AUDIENCE}`,
      EXPLORER_AUTH_SIGN_OUT_URL: '/auth/sign-out',
      // The issuer's certificate is self-signed; the explorer trusts it as it would the RDS CA.
      NODE_EXTRA_CA_CERTS: issuer.caFile,
    });
  }, 60_000);
  afterAll(async () => {
    await explorer?.close();
    await issuer?.close();
  });

  /** Every way a token can be wrong, and no token at all. */
  const refused = (): [string, Record<string, string>][] => [
    ['no token', {}],
    ['expired', cookie(issuer.sign(claims({ iat: now() - 7200, exp: now() - 3600 })))],
    ['another audience', cookie(issuer.sign(claims({ aud: 'someone-else' })))],
    ['another issuer', cookie(issuer.sign(claims({ iss: 'https://idp.example' })))],
    ['a forged signature', cookie(issuer.sign(claims(), { key: 'other' }))],
    ['a forged bearer token', bearer(issuer.sign(claims(), { key: 'other' }))],
    ['not a token', cookie('not.a.jwt')],
  ];

  /** A session opened by a signed-in user, and its export link. */
  const signedInSession = async (token: string) => {
    const client = await openClient(explorer.url, explorer.url, { headers: cookie(token) });
    client.send({ v: 1, type: 'hello', id: 0 });
    const welcome = await client.next('welcome');
    await client.next('view');
    return {
      client,
      welcome,
      exportUrl: `${explorer.url}/export.csv?session=${welcome.sessionId}&token=${welcome.exportToken}`,
    };
  };

  it('serves the page to a valid token in the cookie or as a bearer token, and refuses everything else with 401', async () => {
    const token = issuer.sign(claims());
    expect((await fetch(explorer.url, { headers: cookie(token) })).status).toBe(200);
    expect((await fetch(`${explorer.url}/assets/explorer.js`, { headers: bearer(token) })).status).toBe(200);
    for (const [what, headers] of refused()) {
      const response = await fetch(explorer.url, { headers });
      expect(response.status, what).toBe(401);
      expect(response.headers.get('www-authenticate'), what).toMatch(/^Bearer /);
      expect(await response.text(), what).not.toMatch(/<script/);
    }
  });

  it('keeps health and readiness open for the load balancer', async () => {
    expect((await fetch(`${explorer.url}/healthz`)).status).toBe(200);
    expect((await fetch(`${explorer.url}/readyz`)).status).toBe(200);
  });

  it('upgrades only with a valid token and tells the page who is signed in and where to sign out', async () => {
    for (const [what, headers] of refused()) {
      await expect(openClient(explorer.url, explorer.url, { headers }), what).rejects.toThrow(/401/);
    }
    const viaBearer = await openClient(explorer.url, explorer.url, {
      headers: bearer(issuer.sign(claims())),
    });
    viaBearer.close();
    const { client, welcome } = await signedInSession(issuer.sign(claims()));
    expect(welcome.user).toEqual({ name: 'ana@example.com' });
    expect(welcome.signOutUrl).toBe('/auth/sign-out');
    client.close();
  });

  it('exports only to the signed-in owner of the session', async () => {
    const ana = issuer.sign(claims());
    const { client, exportUrl } = await signedInSession(ana);
    const own = await fetch(exportUrl, { headers: cookie(ana) });
    expect(own.status).toBe(200);
    expect((await own.text()).split('\r\n')[0]).toMatch(/^video_id,/);
    for (const [what, headers] of refused()) {
      expect((await fetch(exportUrl, { headers })).status, what).toBe(401);
    }
    const bo = issuer.sign(claims({ sub: 'user-bo', email: 'bo@example.com' }));
    expect((await fetch(exportUrl, { headers: cookie(bo) })).status).toBe(403);
    client.close();
  });

  it("does not hand one user's session to another", async () => {
    const { client, welcome } = await signedInSession(issuer.sign(claims()));
    client.close();
    const bo = issuer.sign(claims({ sub: 'user-bo', email: 'bo@example.com' }));
    const other = await openClient(explorer.url, explorer.url, { headers: cookie(bo) });
    other.send({ v: 1, type: 'hello', id: 0, sessionId: welcome.sessionId });
    const theirs = await other.next('welcome');
    expect(theirs.resumed).toBe(false);
    expect(theirs.sessionId).not.toBe(welcome.sessionId);
    other.close();
  });

  it('closes a socket when the token it was opened with expires (4001: reload to sign in again)', async () => {
    const { client } = await signedInSession(issuer.sign(claims({ exp: now() + 2 })));
    const closed = await client.closed;
    expect(closed).toEqual({ code: 4001, reason: 'sign-in expired' });
  });
});
