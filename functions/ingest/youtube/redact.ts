/** Removes API keys from text that may reach a log or an error message (URLs, echoed bodies). */
export function redact(text: string, secrets: readonly string[] = []): string {
  let out = text.replace(/([?&]key=)[^&#\s"']*/gi, '$1[redacted]');
  for (const secret of secrets) if (secret) out = out.split(secret).join('[redacted]');
  return out;
}
