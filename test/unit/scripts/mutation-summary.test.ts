import { describe, expect, it } from 'vitest';
import { MUTATION_FOLDERS, resolveMutationScope, scopeFileName } from '../../../scripts/mutation-scope';
import {
  countMutants,
  mutationScore,
  summaryLine,
  type MutationReport,
} from '../../../scripts/mutation-summary';

const report = (...statuses: string[]): MutationReport => ({
  files: {
    'core/a.ts': { mutants: statuses.slice(0, 2).map((status) => ({ status })) },
    'core/b.ts': { mutants: statuses.slice(2).map((status) => ({ status })) },
  },
});

describe('the mutation summary line', () => {
  it('counts timeouts as killed and leaves invalid and ignored mutants out of the score', () => {
    const counts = countMutants(
      report(
        'Killed',
        'Timeout',
        'Survived',
        'NoCoverage',
        'CompileError',
        'RuntimeError',
        'Ignored',
        'Killed',
      ),
    );
    expect(counts).toEqual({ killed: 3, survived: 1, noCoverage: 1, invalid: 2, ignored: 1 });
    expect(mutationScore(counts)).toBe(60);
    expect(summaryLine(counts, 'core')).toBe(
      'MUTATION score=60.00 killed=3 survived=1 no_coverage=1 scope=core',
    );
  });

  it('rounds the score down, so a line never claims a target it missed', () => {
    const counts = countMutants(report('Killed', 'Killed', 'Survived'));
    expect(summaryLine(counts, 'all')).toBe(
      'MUTATION score=66.66 killed=2 survived=1 no_coverage=0 scope=all',
    );
  });

  it('says n/a when no mutant was valid, and refuses a status it does not know', () => {
    expect(summaryLine(countMutants(report('CompileError')), 'core')).toMatch(
      /^MUTATION score=n\/a killed=0 /,
    );
    expect(() => countMutants(report('Pending'))).toThrow(/Pending/);
  });
});

describe('the mutation scope', () => {
  const exists = (folder: string) => folder !== 'server/wallet' && folder !== 'core/nothing';

  it('is every present folder of the list by default or with "all", on all tests', () => {
    for (const args of [[], ['all']]) {
      const scope = resolveMutationScope(args, exists);
      expect(scope.folders).toEqual(MUTATION_FOLDERS.filter((f) => f !== 'server/wallet'));
      expect(scope).toMatchObject({ name: 'all', unitTestsOnly: false });
    }
  });

  it('measures core/ (or a part of it) on the unit tests alone, anything else on all tests', () => {
    expect(resolveMutationScope(['core/'], exists)).toEqual({
      folders: ['core'],
      name: 'core',
      unitTestsOnly: true,
    });
    expect(resolveMutationScope(['core/cards', 'core'], exists).unitTestsOnly).toBe(true);
    const mixed = resolveMutationScope(['core', 'server/sync', 'core'], exists);
    expect(mixed).toEqual({
      folders: ['core', 'server/sync'],
      name: 'core+server/sync',
      unitTestsOnly: false,
    });
    expect(scopeFileName(mixed.name)).toBe('core+server-sync');
  });

  it('refuses folders outside core/, main/ and server/, and folders that do not exist', () => {
    expect(() => resolveMutationScope(['renderer'], exists)).toThrow(/core\/, main\/ or server\//);
    expect(() => resolveMutationScope(['core/../renderer'], exists)).toThrow(/core\/, main\/ or server\//);
    expect(() => resolveMutationScope(['core/nothing'], exists)).toThrow(/no such folder: core\/nothing/);
  });
});
