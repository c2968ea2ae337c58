// Google API keys are 39 characters; anything under 8 is not a key worth scrubbing, and
// scrubbing it would mangle ordinary words (a test key "k" would eat every k).
const MIN_SECRET_LENGTH = 8;

/** Removes API keys from text that may reach a log or an error message (URLs, echoed bodies). */
export function redact(text: string, secrets: readonly string[] = []): string {
  let out = text.replace(/([?&]key=)[^&#\s"']*/gi, '$1[redacted]');
  for (const secret of secrets) {
    if (secret.length >= MIN_SECRET_LENGTH) out = out.split(secret).join('[redacted]');
  }
  return out;
}
