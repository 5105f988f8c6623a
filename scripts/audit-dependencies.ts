/**
 * CI step: audits production dependencies against npm's advisory service. Exits 1 when it answered with known
 * vulnerabilities at or above AUDIT_LEVEL (default high); when it did not answer, says so plainly and exits 0, or 2
 * with REFILL_AUDIT_REQUIRED=1 (for a CI that must never skip the check).
 */
import { spawnSync } from 'node:child_process';
import { classifyAudit, describeAudit, SEVERITIES, type Severity } from './dependency-audit';

const levelText = process.env['AUDIT_LEVEL'] ?? 'high';
if (!(SEVERITIES as readonly string[]).includes(levelText)) {
  console.error(`AUDIT_LEVEL must be one of ${SEVERITIES.join(', ')}`);
  process.exit(2);
}
const level = levelText as Severity;
const run = spawnSync('npm', ['audit', '--omit=dev', '--json'], {
  encoding: 'utf8',
  maxBuffer: 64 * 1024 * 1024,
  timeout: 5 * 60_000,
});
const result = run.error
  ? ({ kind: 'unavailable', reason: `could not run npm: ${run.error.message}` } as const)
  : classifyAudit(run.stdout, level);
const text = describeAudit(result, level);
if (result.kind === 'clean') {
  console.log(text);
} else {
  console.error(text);
  if (result.kind === 'vulnerable') process.exit(1);
  if (process.env['REFILL_AUDIT_REQUIRED'] === '1') process.exit(2);
}
