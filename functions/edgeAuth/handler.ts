import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { GetParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import { createEdgeAuthHandler } from './createEdgeAuthHandler.ts';
import { readEdgeAuthLocation } from './readEdgeAuthLocation.ts';

// Lambda@Edge has no environment variables: esbuild writes these two values into the bundle
// when edge.yml is packaged (custom.esbuild.define), and the settings live in the stack's region.
const { region, parameterName } = readEdgeAuthLocation({
  TUBELENS_EDGE_CONFIG_REGION: process.env.TUBELENS_EDGE_CONFIG_REGION,
  TUBELENS_EDGE_CONFIG_PARAMETER: process.env.TUBELENS_EDGE_CONFIG_PARAMETER,
});
const ssm = new SSMClient({ region });
const secrets = new SecretsManagerClient({ region });

/** Lambda@Edge viewer-request: sign-in in front of the site, the reports and the explorer. */
export const handler = createEdgeAuthHandler({
  loadSettings: async () =>
    (await ssm.send(new GetParameterCommand({ Name: parameterName }))).Parameter?.Value ?? '',
  readSecret: async (arn) =>
    (await secrets.send(new GetSecretValueCommand({ SecretId: arn }))).SecretString ?? '',
});
