import type { DemoInfo } from './seed-demo';

/**
 * What the central API prints at start about its demo data: the enrollment code while it still works, else that it
 * was used (a restarted demo server must not offer a spent code) and how to make a new one.
 */
export function demoBanner(demo: DemoInfo, unused: boolean, url: string, dataDir: string): string {
  const shop = `Demo data: reseller "${demo.resellerName}"`;
  if (unused)
    return (
      `${shop}; enroll a terminal with code ${demo.enrollmentCode} ` +
      `(also in ${dataDir}/demo.json and, while unused, at GET ${url}/v1/demo)`
    );
  return (
    `${shop}; its demo enrollment code was used already (or expired). Make a new one with the operator key: ` +
    `POST ${url}/v1/operator/resellers/${demo.resellerId}/enrollment-codes`
  );
}
