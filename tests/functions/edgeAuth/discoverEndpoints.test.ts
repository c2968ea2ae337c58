import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { discoverEndpoints } from '../../../functions/edgeAuth/discoverEndpoints.ts';
import { parseEdgeAuthSettings } from '../../../functions/edgeAuth/edgeAuthConfig.ts';
import { readEdgeAuthLocation } from '../../../functions/edgeAuth/readEdgeAuthLocation.ts';

const SECRET = 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:edge-client-AbCdEf';

describe('discoverEndpoints', () => {
  let base = '';
  let claimedIssuer = '';
  const server = createServer((req, res) => {
    if (req.url !== '/.well-known/openid-configuration') return void res.writeHead(404).end();
    res.writeHead(200, { 'content-type': 'application/json' }).end(
      JSON.stringify({
        issuer: claimedIssuer,
        authorization_endpoint: `${base}/authorize`,
        token_endpoint: `${base}/token`,
        jwks_uri: `${base}/keys`,
      }),
    );
  });
  beforeAll(async () => {
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('fills in the endpoints from the issuer discovery document', async () => {
    claimedIssuer = base;
    const config = await discoverEndpoints(
      parseEdgeAuthSettings(JSON.stringify({ issuer: base, clientId: 'c', clientSecretArn: SECRET })),
    );
    expect(config).toMatchObject({
      authorizationEndpoint: `${base}/authorize`,
      tokenEndpoint: `${base}/token`,
      jwksUri: `${base}/keys`,
      scopes: 'openid email profile',
      logoutStyle: 'oidc',
    });
    expect(config.logoutEndpoint).toBeUndefined();
  });

  it('refuses a discovery document that speaks for another issuer', async () => {
    claimedIssuer = 'https://someone-else.example';
    await expect(
      discoverEndpoints(
        parseEdgeAuthSettings(JSON.stringify({ issuer: base, clientId: 'c', clientSecretArn: SECRET })),
      ),
    ).rejects.toThrow('names issuer https://someone-else.example');
  });
});

describe('parseEdgeAuthSettings and readEdgeAuthLocation', () => {
  it('names every bad field and rejects unknown ones', () => {
    expect(() => parseEdgeAuthSettings('{"issuer":"not a url","clientId":"","extra":1}')).toThrow(
      /issuer: .*clientId: .*clientSecretArn: .*unrecognized key/i,
    );
    expect(() => parseEdgeAuthSettings('<html>')).toThrow('not JSON');
  });

  it('reads the region and parameter name baked in at package time, failing at cold start without them', () => {
    expect(
      readEdgeAuthLocation({
        TUBELENS_EDGE_CONFIG_REGION: 'eu-west-1',
        TUBELENS_EDGE_CONFIG_PARAMETER: '/tubelens/prod/edge-auth',
      }),
    ).toEqual({ region: 'eu-west-1', parameterName: '/tubelens/prod/edge-auth' });
    expect(() => readEdgeAuthLocation({})).toThrow('TUBELENS_EDGE_CONFIG_REGION must be an AWS region');
  });
});
