/**
 * The Ed25519 public key that Linux update artifacts must be signed with (update-signature.ts). It is compiled into
 * the app (and so covered by the asar integrity fuse), never downloaded: a compromised update host cannot change it.
 *
 * Rotating it means shipping a build signed with the old key that pins the new one. The release's private key lives
 * only in the release secret `REFILL_UPDATE_SIGNING_KEY` (README, "Releases and updates");
 * `npx tsx scripts/sign-update.ts keygen` makes a pair and prints the block to paste here.
 *
 * NOTE: the key below was generated in development and its private half was not kept, so until the release key is
 * pasted here every Linux update is refused (safe, but no update installs). Replace it before the first release.
 */
export const UPDATE_PUBLIC_KEY_PEM = `-----BEGIN PUBLIC KEY-----
MCowBQYDK2VwAyEAp1MuVPCpTHwx9lA3jBj/hp9cz8lCUEUzhbMM87ZUI04=
-----END PUBLIC KEY-----
`;

/** Where electron-builder publishes updates (electron-builder.yml `publish.url`; a test keeps the two equal). */
export const UPDATE_FEED_URL = 'https://updates.refill-desk.invalid/';
