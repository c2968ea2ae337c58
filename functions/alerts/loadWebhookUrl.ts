import { GetSecretValueCommand, type SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { AlertsConfigError } from './errors.ts';

/**
 * The webhook URL: given directly (local runs), or from a Secrets Manager secret whose string is
 * the URL itself or JSON with a `url` field. A webhook URL is a credential (anyone holding it can
 * post), so in AWS it lives in a secret, not in the function's environment. Errors name the
 * secret, never its value.
 */
export async function loadWebhookUrl(
  source: { url: string | undefined; secretArn: string | undefined },
  secretsManager: () => SecretsManagerClient,
): Promise<string | undefined> {
  if (source.url) return source.url;
  const arn = source.secretArn;
  if (!arn) return undefined;
  let text: string;
  try {
    text =
      (await secretsManager().send(new GetSecretValueCommand({ SecretId: arn }))).SecretString?.trim() ?? '';
  } catch (cause) {
    throw new AlertsConfigError(`could not read the webhook secret ${arn}: ${(cause as Error).name}`, {
      cause,
    });
  }
  let url = text;
  if (text.startsWith('{')) {
    try {
      url = String((JSON.parse(text) as { url?: unknown }).url ?? '');
    } catch {
      throw new AlertsConfigError(`secret ${arn} looks like JSON but does not parse`);
    }
  }
  if (!URL.canParse(url) || !/^https?:/.test(url)) {
    throw new AlertsConfigError(`secret ${arn} does not hold a webhook URL (a string, or JSON with "url")`);
  }
  return url;
}
