/**
 * Detached Ed25519 signatures of update artifacts (AppImage, deb): the release signs each artifact with a private key
 * kept off the update host and publishes `<artifact>.sig` beside it; the app checks it with the public key pinned in
 * the app (update-public-key.ts) before it lets anyone install. Whoever controls the update host can replace the
 * artifact and its sha512 in latest-linux.yml, but cannot make a signature that verifies.
 *
 * What is signed is a short text naming the artifact, its version and its SHA-512, so a signature cannot be moved to
 * another file or another version, and the artifact is hashed as a stream (no 100 MB buffer, no long synchronous
 * task on the main thread).
 */
import { createHash, createPrivateKey, createPublicKey, sign, verify, type KeyObject } from 'node:crypto';
import { createReadStream } from 'node:fs';
import type { UpdateRefusalReason } from '../../core/contract/types/updates';

/** An Ed25519 signature is 64 bytes. */
const SIGNATURE_BYTES = 64;
/** A signature file is one line of base64; anything much longer is not one. */
const MAX_SIGNATURE_FILE_BYTES = 1024;
const DEFAULT_TIMEOUT_MS = 15_000;

/** What an update artifact's signature covers. */
export interface SignedArtifact {
  /** The artifact's file name as published (e.g. `Refill Desk-0.2.0.AppImage`). */
  readonly fileName: string;
  readonly version: string;
  /** SHA-512 of the artifact's bytes, hex. */
  readonly sha512: string;
}

/** The exact bytes an update signature signs (version 1 of the format). */
export function signedMessage(a: SignedArtifact): Buffer {
  for (const [field, value] of Object.entries(a)) {
    if (/[\r\n]/.test(value)) throw new Error(`update signature: ${field} must be one line`);
  }
  return Buffer.from(`refill-desk-update-signature-v1\n${a.fileName}\n${a.version}\n${a.sha512}\n`, 'utf8');
}

/** SHA-512 of a file, read as a stream. */
export function sha512OfFile(path: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const hash = createHash('sha512');
    createReadStream(path)
      .on('error', reject)
      .on('data', (chunk) => hash.update(chunk))
      .on('end', () => resolve(hash.digest('hex')));
  });
}

/** Loads an Ed25519 public key (SPKI PEM); throws when it is anything else. */
export function ed25519PublicKey(pem: string): KeyObject {
  const key = createPublicKey(pem);
  if (key.asymmetricKeyType !== 'ed25519')
    throw new Error('update signing key must be an Ed25519 public key');
  return key;
}

/** Signs an artifact (release side: scripts/sign-update.ts); answers the `.sig` file's text (base64, one line). */
export async function signArtifact(
  filePath: string,
  meta: { readonly fileName: string; readonly version: string },
  privateKeyPem: string,
): Promise<string> {
  const key = createPrivateKey(privateKeyPem);
  if (key.asymmetricKeyType !== 'ed25519')
    throw new Error('update signing key must be an Ed25519 private key');
  const message = signedMessage({ ...meta, sha512: await sha512OfFile(filePath) });
  return `${sign(null, message, key).toString('base64')}\n`;
}

/** The outcome of checking a downloaded artifact. */
export type SignatureCheck =
  | { readonly ok: true }
  | { readonly ok: false; readonly reason: UpdateRefusalReason; readonly message: string };

/** What to check: the downloaded file, what it claims to be, where its signature is published, and the pinned key. */
export interface VerifyUpdateInput {
  readonly filePath: string;
  readonly fileName: string;
  readonly version: string;
  readonly signatureUrl: string;
  readonly publicKey: KeyObject;
  readonly timeoutMs?: number;
}

/** Fetches `<artifact>.sig` and checks the downloaded file's bytes against it. Never throws: a refusal says why. */
export async function verifyUpdateSignature(input: VerifyUpdateInput): Promise<SignatureCheck> {
  const fetched = await fetchSignature(input.signatureUrl, input.timeoutMs ?? DEFAULT_TIMEOUT_MS);
  if (!fetched.ok) return fetched;
  let sha512: string;
  try {
    sha512 = await sha512OfFile(input.filePath);
  } catch (err) {
    return {
      ok: false,
      reason: 'artifact_unreadable',
      message: `The downloaded update could not be read: ${err instanceof Error ? err.message : String(err)}`,
    };
  }
  const message = signedMessage({ fileName: input.fileName, version: input.version, sha512 });
  if (!verify(null, message, input.publicKey, fetched.signature)) {
    return {
      ok: false,
      reason: 'signature_invalid',
      message: `The signature of ${input.fileName} ${input.version} does not match this build's update key: the file was changed or signed by someone else. It will not be installed.`,
    };
  }
  return { ok: true };
}

async function fetchSignature(
  url: string,
  timeoutMs: number,
): Promise<{ readonly ok: true; readonly signature: Buffer } | Extract<SignatureCheck, { ok: false }>> {
  const missing = (why: string) =>
    ({
      ok: false,
      reason: 'signature_missing',
      message: `The update's signature could not be fetched from ${url} (${why}). Unsigned updates are not installed.`,
    }) as const;
  let text: string;
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(timeoutMs) });
    if (!res.ok) return missing(`HTTP ${res.status}`);
    const body = Buffer.from(await res.arrayBuffer());
    if (body.length > MAX_SIGNATURE_FILE_BYTES) return malformed(url, 'too long');
    text = body.toString('utf8').trim();
  } catch (err) {
    return missing(err instanceof Error ? err.message : String(err));
  }
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(text)) return malformed(url, 'not base64');
  const signature = Buffer.from(text, 'base64');
  if (signature.length !== SIGNATURE_BYTES) return malformed(url, `${signature.length} bytes, not 64`);
  return { ok: true, signature };
}

function malformed(url: string, why: string): Extract<SignatureCheck, { ok: false }> {
  return {
    ok: false,
    reason: 'signature_invalid',
    message: `The update's signature at ${url} is not an Ed25519 signature (${why}). It will not be installed.`,
  };
}
