import { describe, expect, it } from 'vitest';
import { classifyAudit, describeAudit } from '../../../scripts/dependency-audit';

// Canned `npm audit --omit=dev --json` outputs. The first two were captured from npm 11 here: the registry mirror
// answers the audit endpoint with 405, and an unreachable registry refuses the connection. npm exits 1 for these as
// for a vulnerable tree, which is why the classification reads the report, not the exit code.
const MIRROR_405 = JSON.stringify({
  message: '405 Method Not Allowed - POST https://registry.npmjs.org/-/npm/v1/security/advisories/bulk',
  method: 'POST',
  uri: 'https://registry.npmjs.org/-/npm/v1/security/advisories/bulk',
  headers: { allow: ['GET,HEAD'] },
  statusCode: 405,
  body: '',
  error: { summary: '', detail: '' },
});
const REFUSED = JSON.stringify({
  message:
    'request to http://127.0.0.1:9/-/npm/v1/security/advisories/bulk failed, reason: connect ECONNREFUSED 127.0.0.1:9',
  error: { summary: '', detail: '' },
});
const OFFLINE = JSON.stringify({
  error: { code: 'ENOTFOUND', summary: 'getaddrinfo ENOTFOUND registry.npmjs.org', detail: '' },
});

/** A report as npm 7+ prints it when the advisory service answered. */
function report(vulns: Record<string, 'info' | 'low' | 'moderate' | 'high' | 'critical'>): string {
  const counts = { info: 0, low: 0, moderate: 0, high: 0, critical: 0, total: 0 };
  for (const s of Object.values(vulns)) {
    counts[s]++;
    counts.total++;
  }
  return JSON.stringify({
    auditReportVersion: 2,
    vulnerabilities: Object.fromEntries(
      Object.entries(vulns).map(([name, severity]) => [
        name,
        { name, severity, isDirect: false, via: [], effects: [], range: '*', nodes: [], fixAvailable: true },
      ]),
    ),
    metadata: {
      vulnerabilities: counts,
      dependencies: { prod: 120, dev: 0, optional: 0, peer: 0, peerOptional: 0, total: 120 },
    },
  });
}

describe('dependency audit classification', () => {
  it('an answer with nothing at or above the level passes', () => {
    expect(classifyAudit(report({}), 'high')).toMatchObject({ kind: 'clean' });
    expect(classifyAudit(report({ 'some-lib': 'moderate', other: 'low' }), 'high')).toMatchObject({
      kind: 'clean',
      counts: { moderate: 1, low: 1, high: 0 },
    });
  });
  it('an answer with a high or critical advisory fails and names the packages', () => {
    const r = classifyAudit(report({ minimist: 'critical', semver: 'high', debug: 'low' }), 'high');
    expect(r).toEqual({
      kind: 'vulnerable',
      counts: { info: 0, low: 1, moderate: 0, high: 1, critical: 1 },
      packages: ['minimist', 'semver'],
    });
    expect(describeAudit(r, 'high')).toContain('FAILED');
    expect(classifyAudit(report({ debug: 'moderate' }), 'moderate').kind).toBe('vulnerable');
  });
  it('no answer from the advisory service is "unavailable", never clean, with the reason', () => {
    for (const [out, reason] of [
      [MIRROR_405, '405 Method Not Allowed'],
      [REFUSED, 'ECONNREFUSED'],
      [OFFLINE, 'ENOTFOUND'],
      ['', 'empty output'],
      ['npm error something went wrong', 'npm error something went wrong'],
      ['[]', 'no JSON report'],
    ] as const) {
      const r = classifyAudit(out, 'high');
      expect(r.kind, out).toBe('unavailable');
      expect(describeAudit(r, 'high')).toContain('DID NOT RUN');
      expect(describeAudit(r, 'high')).toContain(reason);
    }
  });
});
