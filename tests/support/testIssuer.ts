import { execFileSync } from 'node:child_process';
import { generateKeyPairSync, type KeyObject, sign } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';

export interface TestIssuer {
  /** https://127.0.0.1:<port>, the `iss` of its tokens (unless `issuer` was given). */
  readonly issuer: string;
  readonly jwksUri: string;
  /** The server's self-signed certificate: NODE_EXTRA_CA_CERTS for a process, `ca` in-process. */
  readonly caFile: string;
  readonly caPem: string;
  /** Requests the server has answered, by path. */
  readonly requests: string[];
  /**
   * An RS256 ID token. `key: 'other'` signs with a key the issuer does not publish (under the
   * published `kid`): a forged token.
   */
  sign(claims: Record<string, unknown>, options?: { key?: 'other'; kid?: string }): string;
  close(): Promise<void>;
}

const KID = 'test-key-1';

function jwt(header: object, payload: object, key: KeyObject): string {
  const part = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const input = `${part(header)}.${part(payload)}`;
  return `${input}.${sign('RSA-SHA256', Buffer.from(input), key).toString('base64url')}`;
}

/**
 * An OIDC issuer on https://127.0.0.1:<port> as a real one serves itself: a discovery document at
 * /.well-known/openid-configuration naming its jwks_uri, and its public keys there. The TLS
 * certificate is self-signed (openssl), so clients must be told to trust it.
 */
export async function startTestIssuer(options: { issuer?: string } = {}): Promise<TestIssuer> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'tubelens-issuer-'));
  const keyFile = path.join(dir, 'tls-key.pem');
  const caFile = path.join(dir, 'tls-cert.pem');
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-days',
      '1',
      '-subj',
      '/CN=127.0.0.1',
      '-addext',
      'subjectAltName=IP:127.0.0.1,DNS:localhost',
      '-keyout',
      keyFile,
      '-out',
      caFile,
    ],
    { stdio: 'ignore' },
  );
  const caPem = await readFile(caFile, 'utf8');
  const signing = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const other = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const jwk = { ...signing.publicKey.export({ format: 'jwk' }), kid: KID, alg: 'RS256', use: 'sig' };
  const requests: string[] = [];
  let base = '';
  const server = https.createServer({ key: await readFile(keyFile), cert: caPem }, (request, response) => {
    requests.push(request.url ?? '');
    const json = (body: unknown) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify(body));
    };
    if (request.url === '/.well-known/openid-configuration') {
      json({
        issuer: options.issuer ?? base,
        jwks_uri: `${base}/keys`,
        id_token_signing_alg_values_supported: ['RS256'],
      });
    } else if (request.url === '/keys') json({ keys: [jwk] });
    else {
      response.writeHead(404);
      response.end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  base = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    issuer: options.issuer ?? base,
    jwksUri: `${base}/keys`,
    caFile,
    caPem,
    requests,
    sign(claims, signOptions = {}) {
      const key = signOptions.key === 'other' ? other.privateKey : signing.privateKey;
      return jwt({ alg: 'RS256', typ: 'JWT', kid: signOptions.kid ?? KID }, claims, key);
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await rm(dir, { recursive: true, force: true });
    },
  };
}
