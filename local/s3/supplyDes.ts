import crypto from 'node:crypto';

let checked = false;

/**
 * s3rver 3.7 enciphers ListObjectsV2 continuation tokens with single DES (`des`, DES-CBC), which
 * Node 24's OpenSSL 3 keeps in its legacy provider and does not load: every listing longer than
 * one page answered 500 InternalError, so locally the cleanup of old generations never ran and
 * `.tubelens/s3` kept every generation. Triple DES with the one key three times is DES exactly
 * (encrypt, decrypt, encrypt with the same key is one encryption), and OpenSSL 3 has it by
 * default, so a call that asks for `des` gets that instead: the same tokens, byte for byte.
 *
 * Installed on node:crypto itself, because s3rver reaches it through `require('crypto')`. Only
 * calls naming `des` change, and in a Node without DES those could only throw; a Node that has it
 * is left alone.
 */
export function supplyDes(): void {
  if (checked) return;
  checked = true;
  try {
    crypto.createCipheriv('des', Buffer.alloc(8), Buffer.alloc(8));
    return;
  } catch {
    // No DES here: supply it below.
  }
  crypto.createCipheriv = withDes(crypto.createCipheriv);
  crypto.createDecipheriv = withDes(crypto.createDecipheriv);
}

type Factory = (algorithm: string, key: Buffer, ...rest: unknown[]) => unknown;

/** `create(De)cipheriv` with `des` (an 8-byte key, as s3rver passes) answered by triple DES. */
function withDes<F>(create: F): F {
  const f = create as unknown as Factory;
  const wrapped: Factory = (algorithm, key, ...rest) =>
    algorithm === 'des'
      ? f('des-ede3-cbc', Buffer.concat([key, key, key]), ...rest)
      : f(algorithm, key, ...rest);
  return wrapped as unknown as F;
}
