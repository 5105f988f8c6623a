/**
 * Reads `npm audit --json` output and says which of three things happened: the advisory service answered and no
 * production dependency has a known vulnerability at or above the level, it answered and some do, or it did not
 * answer at all. npm exits 1 both for "vulnerable" and for "could not reach the service" (offline, a registry
 * mirror without the audit endpoint answering 405, a proxy error), so the exit code alone cannot tell them apart:
 * only a report with `auditReportVersion` and `metadata.vulnerabilities` counts as an answer.
 */

/** Advisory severities, least to most severe (npm's names). */
export const SEVERITIES = ['info', 'low', 'moderate', 'high', 'critical'] as const;

/** One advisory severity. */
export type Severity = (typeof SEVERITIES)[number];

/** What one audit run established. */
export type AuditResult =
  | { readonly kind: 'clean'; readonly counts: Readonly<Record<Severity, number>> }
  | {
      readonly kind: 'vulnerable';
      readonly counts: Readonly<Record<Severity, number>>;
      /** Package names with an advisory at or above the level. */
      readonly packages: readonly string[];
    }
  | { readonly kind: 'unavailable'; readonly reason: string };

/** Classifies `npm audit --json` stdout; `level` is the least severity that fails. */
export function classifyAudit(stdout: string, level: Severity): AuditResult {
  let report: unknown;
  try {
    report = JSON.parse(stdout);
  } catch {
    return { kind: 'unavailable', reason: `npm audit printed no JSON report (${firstLine(stdout)})` };
  }
  if (!isRecord(report)) return { kind: 'unavailable', reason: 'npm audit printed no JSON report' };
  const metadata = report['metadata'];
  const vulnerabilities = isRecord(metadata) ? metadata['vulnerabilities'] : undefined;
  if (report['auditReportVersion'] === undefined || !isRecord(vulnerabilities)) {
    return { kind: 'unavailable', reason: errorReason(report) };
  }
  const counts = Object.fromEntries(
    SEVERITIES.map((s) => [s, typeof vulnerabilities[s] === 'number' ? vulnerabilities[s] : 0]),
  ) as Record<Severity, number>;
  const failing = SEVERITIES.slice(SEVERITIES.indexOf(level));
  if (failing.every((s) => counts[s] === 0)) return { kind: 'clean', counts };
  const details = isRecord(report['vulnerabilities']) ? report['vulnerabilities'] : {};
  const packages = Object.entries(details)
    .filter(([, v]) => isRecord(v) && failing.includes(v['severity'] as Severity))
    .map(([name]) => name)
    .sort();
  return { kind: 'vulnerable', counts, packages };
}

/** The lines CI prints for a result. */
export function describeAudit(result: AuditResult, level: Severity): string {
  switch (result.kind) {
    case 'clean':
      return `dependency audit: no known ${level}-or-worse vulnerabilities in production dependencies (${countText(result.counts)})`;
    case 'vulnerable':
      return [
        `dependency audit FAILED: known ${level}-or-worse vulnerabilities in production dependencies (${countText(result.counts)})`,
        `  packages: ${result.packages.join(', ') || '(see npm audit --omit=dev)'}`,
        '  run `npm audit --omit=dev` for advisories and fixes',
      ].join('\n');
    case 'unavailable':
      return [
        'dependency audit DID NOT RUN: the npm advisory service did not answer, so production dependencies were NOT',
        'checked for known vulnerabilities.',
        `  reason: ${result.reason}`,
      ].join('\n');
  }
}

function countText(counts: Readonly<Record<Severity, number>>): string {
  return SEVERITIES.map((s) => `${s} ${counts[s]}`).join(', ');
}

/** npm's error report: `{ message, statusCode }` from a registry answer, or `{ error: { code, summary } }`. */
function errorReason(report: Record<string, unknown>): string {
  const error = report['error'];
  const parts = [
    typeof report['message'] === 'string' ? report['message'] : null,
    isRecord(error) && typeof error['code'] === 'string' ? error['code'] : null,
    isRecord(error) && typeof error['summary'] === 'string' && error['summary'] !== ''
      ? error['summary']
      : null,
  ].filter((p): p is string => p !== null);
  return parts.length > 0 ? parts.join(': ') : 'npm audit answered without a report';
}

function firstLine(text: string): string {
  const line = text.trim().split('\n')[0] ?? '';
  return line === '' ? 'empty output' : line.slice(0, 200);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
