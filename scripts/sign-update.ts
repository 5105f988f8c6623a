/**
 * Signs Linux update artifacts for the pinned-key check in the app (main/updates/update-signature.ts).
 *
 *   tsx scripts/sign-update.ts sign ARTIFACT... [--version X.Y.Z]
 *       REFILL_UPDATE_SIGNING_KEY = the Ed25519 private key (PKCS#8 PEM). Writes ARTIFACT.sig beside each artifact
 *       (publish it next to the artifact). The version defaults to package.json's. Refuses a key whose public half is
 *       not the one pinned in the app (such signatures would be refused on every till) unless --unpinned-key (tests).
 *   tsx scripts/sign-update.ts keygen PRIVATE_KEY_FILE
 *       Makes a new pair: writes the private key to PRIVATE_KEY_FILE (mode 0600, must not exist) and prints the
 *       public key to paste into main/updates/update-public-key.ts.
 */
import { createPrivateKey, createPublicKey, generateKeyPairSync } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { UPDATE_PUBLIC_KEY_PEM } from '../main/updates/update-public-key';
import { signArtifact } from '../main/updates/update-signature';

const ENV_KEY = 'REFILL_UPDATE_SIGNING_KEY';
const [command, ...args] = process.argv.slice(2);

function fail(message: string): never {
  console.error(`sign-update: ${message}`);
  process.exit(1);
}

function keygen(file: string | undefined): void {
  if (!file) fail('usage: sign-update.ts keygen PRIVATE_KEY_FILE');
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  writeFileSync(file, privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600, flag: 'wx' });
  console.log(
    `private key written to ${file} (store it as the ${ENV_KEY} release secret, then delete the file)`,
  );
  console.log('public key for main/updates/update-public-key.ts:');
  console.log(publicKey.export({ type: 'spki', format: 'pem' }));
}

async function signAll(rest: readonly string[]): Promise<void> {
  let version: string | undefined;
  let unpinned = false;
  const files: string[] = [];
  for (let i = 0; i < rest.length; i++) {
    if (rest[i] === '--version') version = rest[++i];
    else if (rest[i] === '--unpinned-key') unpinned = true;
    else files.push(rest[i]!);
  }
  version ??= (
    JSON.parse(readFileSync(resolve(import.meta.dirname, '../package.json'), 'utf8')) as { version: string }
  ).version;
  if (!version || files.length === 0) fail('usage: sign-update.ts sign ARTIFACT... [--version X.Y.Z]');
  // CI secrets often arrive with literal "\n" instead of line breaks.
  const pem = process.env[ENV_KEY]?.replace(/\\n/g, '\n');
  if (!pem) fail(`${ENV_KEY} is not set (the Ed25519 private key, PKCS#8 PEM)`);
  const pinned = createPublicKey(UPDATE_PUBLIC_KEY_PEM).export({ type: 'spki', format: 'der' });
  const ours = createPublicKey(createPrivateKey(pem)).export({ type: 'spki', format: 'der' });
  if (!pinned.equals(ours) && !unpinned) {
    fail(
      'this key is not the one pinned in main/updates/update-public-key.ts: the app would refuse its signatures',
    );
  }
  for (const file of files) {
    const sig = await signArtifact(file, { fileName: basename(file), version }, pem);
    writeFileSync(`${file}.sig`, sig);
    console.log(`signed ${basename(file)} ${version} -> ${file}.sig`);
  }
}

if (command === 'keygen') keygen(args[0]);
else if (command === 'sign') await signAll(args);
else fail('usage: sign-update.ts sign ARTIFACT... [--version X.Y.Z] | keygen PRIVATE_KEY_FILE');
