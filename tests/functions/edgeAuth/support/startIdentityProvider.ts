import { createHash, createSign, generateKeyPairSync, type KeyObject, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface TokenRequest {
  readonly authorization: string;
  readonly form: Record<string, string>;
}

/**
 * An OpenID provider on 127.0.0.1, port 0, serving what a real issuer serves: its discovery
 * document, its public keys as a JWKS, and a token endpoint that redeems codes it issued only
 * for the matching PKCE verifier, redirect URI and client credentials. Tokens are RS256 JWTs
 * signed with its private key; `sign` also signs with a key it does not publish.
 */
export async function startIdentityProvider(client: { id: string; secret: string }) {
  const key = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const stranger = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const kid = 'test-key-1';
  const codes = new Map<string, { challenge: string; redirectUri: string; idToken: string }>();
  const tokenRequests: TokenRequest[] = [];
  let keyFetches = 0;
  let issuer = '';

  const readBody = async (req: IncomingMessage) => {
    let text = '';
    for await (const chunk of req) text += chunk;
    return Object.fromEntries(new URLSearchParams(text));
  };

  const server = createServer(async (req, res) => {
    const json = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    };
    if (req.url === '/.well-known/openid-configuration') {
      return json(200, {
        issuer,
        authorization_endpoint: `${issuer}/oauth2/authorize`,
        token_endpoint: `${issuer}/oauth2/token`,
        jwks_uri: `${issuer}/.well-known/jwks.json`,
        end_session_endpoint: `${issuer}/logout`,
      });
    }
    if (req.url === '/.well-known/jwks.json') {
      keyFetches += 1;
      return json(200, {
        keys: [{ ...key.publicKey.export({ format: 'jwk' }), kid, alg: 'RS256', use: 'sig' }],
      });
    }
    if (req.url === '/oauth2/token' && req.method === 'POST') {
      const form = await readBody(req);
      tokenRequests.push({ authorization: String(req.headers.authorization), form });
      const expected = `Basic ${Buffer.from(`${client.id}:${client.secret}`).toString('base64')}`;
      if (req.headers.authorization !== expected) return json(401, { error: 'invalid_client' });
      const grant = codes.get(form.code ?? '');
      codes.delete(form.code ?? '');
      const challenge = createHash('sha256')
        .update(form.code_verifier ?? '')
        .digest('base64url');
      if (!grant || grant.challenge !== challenge || grant.redirectUri !== form.redirect_uri) {
        return json(400, { error: 'invalid_grant' });
      }
      return json(200, {
        id_token: grant.idToken,
        access_token: 'opaque',
        token_type: 'Bearer',
        expires_in: 3600,
      });
    }
    json(404, { error: 'not found' });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  /** An RS256 JWT; claims default to a valid ID token for this client, valid for an hour. */
  const sign = (claims: Record<string, unknown> = {}, signer: KeyObject = key.privateKey) => {
    const now = Math.floor(Date.now() / 1000);
    const header = Buffer.from(JSON.stringify({ alg: 'RS256', kid, typ: 'JWT' })).toString('base64url');
    const payload = Buffer.from(
      JSON.stringify({
        iss: issuer,
        aud: client.id,
        sub: 'user-1',
        email: 'analyst@example.com',
        token_use: 'id',
        iat: now,
        exp: now + 3600,
        ...claims,
      }),
    ).toString('base64url');
    const signature = createSign('RSA-SHA256').update(`${header}.${payload}`).sign(signer, 'base64url');
    return `${header}.${payload}.${signature}`;
  };

  return {
    issuer,
    sign,
    strangerKey: stranger.privateKey,
    tokenRequests,
    keyFetches: () => keyFetches,
    /** What the IdP does after the user signs in on its page: a one-time code for this challenge. */
    issueCode(grant: { challenge: string; redirectUri: string; idToken?: string }) {
      const code = randomBytes(12).toString('hex');
      codes.set(code, { ...grant, idToken: grant.idToken ?? sign() });
      return code;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
