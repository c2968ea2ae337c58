import { createHash, createHmac, pbkdf2Sync, randomBytes } from 'node:crypto';

/** PostgreSQL's own default (scram_iterations); its client libraries expect at least this. */
const ITERATIONS = 4096;

/**
 * The SCRAM-SHA-256 verifier PostgreSQL stores for `password` (RFC 5802, RFC 7677), in the form
 * `ALTER ROLE ... PASSWORD` accepts as already hashed. Sending the verifier instead of the
 * password keeps the password itself out of statement logs, and the text is only base64, `$`
 * and `:`, so it needs no escaping in a literal.
 */
export function scramVerifier(password: string, salt: Buffer = randomBytes(16)): string {
  // PostgreSQL applies SASLprep to the password; NFKC covers it for the ASCII passwords
  // Secrets Manager generates.
  const salted = pbkdf2Sync(password.normalize('NFKC'), salt, ITERATIONS, 32, 'sha256');
  const clientKey = createHmac('sha256', salted).update('Client Key').digest();
  const storedKey = createHash('sha256').update(clientKey).digest();
  const serverKey = createHmac('sha256', salted).update('Server Key').digest();
  return `SCRAM-SHA-256$${ITERATIONS}:${salt.toString('base64')}$${storedKey.toString('base64')}:${serverKey.toString('base64')}`;
}
