import { SimpleFetcher } from 'aws-jwt-verify/https';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isCognitoIssuer, tokenVerifier } from '../../container/explorer/auth/tokenVerifier.ts';
import { SignInUnavailableError, TokenRejectedError } from '../../container/explorer/errors.ts';
import { startTestIssuer, type TestIssuer } from '../support/testIssuer.ts';

const now = () => Math.floor(Date.now() / 1000);

describe('tokenVerifier', () => {
  let oidc: TestIssuer;
  let cognito: TestIssuer;
  const pool = 'https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_AbCdEf123';
  // The issuers' certificates are self-signed: trust them in this process only.
  const fetcherFor = (issuer: TestIssuer) =>
    new SimpleFetcher({ defaultRequestOptions: { ca: issuer.caPem } });
  beforeAll(async () => {
    [oidc, cognito] = await Promise.all([startTestIssuer(), startTestIssuer({ issuer: pool })]);
  });
  afterAll(async () => {
    await Promise.all([oidc?.close(), cognito?.close()]);
  });

  it('finds the keys through the discovery document and names the user by email, else username, else sub', async () => {
    const verify = tokenVerifier(
      { mode: 'jwt', issuer: oidc.issuer, audience: ['app'], jwksUri: undefined, signOutUrl: undefined },
      fetcherFor(oidc),
    );
    const claims = { iss: oidc.issuer, aud: 'app', sub: 'u-1', exp: now() + 60, iat: now() };
    await expect(verify.verify(oidc.sign({ ...claims, email: 'ana@example.com' }))).resolves.toMatchObject({
      subject: 'u-1',
      name: 'ana@example.com',
    });
    expect((await verify.verify(oidc.sign({ ...claims, 'cognito:username': 'ana' }))).name).toBe('ana');
    expect((await verify.verify(oidc.sign(claims))).name).toBe('u-1');
    expect(oidc.requests).toEqual(['/.well-known/openid-configuration', '/keys']);
  });

  it('refuses a token signed by a key the issuer does not publish', async () => {
    const verify = tokenVerifier(
      { mode: 'jwt', issuer: oidc.issuer, audience: ['app'], jwksUri: undefined, signOutUrl: undefined },
      fetcherFor(oidc),
    );
    const claims = { iss: oidc.issuer, aud: 'app', sub: 'u-1', exp: now() + 60 };
    await expect(verify.verify(oidc.sign(claims, { key: 'other' }))).rejects.toBeInstanceOf(
      TokenRejectedError,
    );
    await expect(verify.verify(oidc.sign(claims, { key: 'other', kid: 'unknown' }))).rejects.toBeInstanceOf(
      TokenRejectedError,
    );
  });

  it('checks a Cognito pool token as CognitoJwtVerifier does: an ID token of the app client', async () => {
    expect(isCognitoIssuer(pool)).toBe(true);
    expect(isCognitoIssuer(oidc.issuer)).toBe(false);
    const verify = tokenVerifier(
      { mode: 'jwt', issuer: pool, audience: ['client-1'], jwksUri: cognito.jwksUri, signOutUrl: undefined },
      fetcherFor(cognito),
    );
    const id = {
      iss: pool,
      aud: 'client-1',
      sub: 'u-2',
      token_use: 'id',
      exp: now() + 60,
      'cognito:username': 'bo',
    };
    expect((await verify.verify(cognito.sign(id))).name).toBe('bo');
    // An access token (token_use access, no aud) is not a sign-in to this page.
    const access = { iss: pool, client_id: 'client-1', sub: 'u-2', token_use: 'access', exp: now() + 60 };
    await expect(verify.verify(cognito.sign(access))).rejects.toBeInstanceOf(TokenRejectedError);
    await expect(verify.verify(cognito.sign({ ...id, token_use: 'access' }))).rejects.toThrow(/token use/i);
    await expect(verify.verify(cognito.sign({ ...id, aud: 'client-2' }))).rejects.toBeInstanceOf(
      TokenRejectedError,
    );
    expect(cognito.requests).not.toContain('/.well-known/openid-configuration');
  });

  it('says sign-in cannot be checked (not "invalid token") when the issuer cannot be reached or lies', async () => {
    const down = tokenVerifier(
      {
        mode: 'jwt',
        issuer: 'https://127.0.0.1:9',
        audience: ['app'],
        jwksUri: undefined,
        signOutUrl: undefined,
      },
      fetcherFor(oidc),
    );
    await expect(down.verify(oidc.sign({ sub: 'x' }))).rejects.toBeInstanceOf(SignInUnavailableError);
    const impostor = await startTestIssuer({ issuer: 'https://idp.example' });
    try {
      const verify = tokenVerifier(
        {
          mode: 'jwt',
          issuer: impostor.jwksUri.replace('/keys', ''),
          audience: ['app'],
          jwksUri: undefined,
          signOutUrl: undefined,
        },
        fetcherFor(impostor),
      );
      await expect(verify.verify(impostor.sign({ sub: 'x' }))).rejects.toThrow(
        /is for issuer https:\/\/idp\.example/,
      );
    } finally {
      await impostor.close();
    }
  });
});
