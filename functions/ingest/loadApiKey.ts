import { GetSecretValueCommand, type SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { IngestConfigError } from './errors.ts';

/**
 * The YouTube API key: from Secrets Manager in AWS (the secret string is the key itself, or JSON
 * with an `apiKey` field), or given directly (YOUTUBE_API_KEY, local runs). Errors name the
 * secret, never its value.
 */
export async function loadApiKey(
  source: { apiKey?: string | undefined; apiKeySecretArn?: string | undefined },
  secretsManager: () => SecretsManagerClient,
): Promise<string> {
  if (source.apiKey) return source.apiKey;
  const arn = source.apiKeySecretArn;
  if (!arn)
    throw new IngestConfigError(
      'YOUTUBE_API_KEY_SECRET_ARN (in AWS) or YOUTUBE_API_KEY (locally) is required',
    );
  let text: string | undefined;
  try {
    text = (await secretsManager().send(new GetSecretValueCommand({ SecretId: arn }))).SecretString;
  } catch (cause) {
    throw new IngestConfigError(
      `could not read the YouTube API key secret ${arn}: ${(cause as Error).name}`,
      { cause },
    );
  }
  const value = text?.trim() ?? '';
  if (value.startsWith('{')) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(value);
    } catch {
      throw new IngestConfigError(`secret ${arn} looks like JSON but does not parse`);
    }
    const key = (parsed as { apiKey?: unknown }).apiKey;
    if (typeof key !== 'string' || !key)
      throw new IngestConfigError(`secret ${arn} has no "apiKey" string field`);
    return key;
  }
  if (!value) throw new IngestConfigError(`secret ${arn} is empty`);
  return value;
}
