import { describe, expect, it } from 'vitest';
import type { CardSeriesJob } from '../../../../core/contract/types/cards';
import { localization } from '../../../../core/i18n/catalog';
import { phaseText } from '../../../../renderer/src/screens/cards/series-phase-text';

const job = (over: Partial<CardSeriesJob>): CardSeriesJob => ({
  jobId: 'j',
  state: 'running',
  phase: 'minting',
  done: 0,
  total: 10,
  offline: false,
  seriesId: null,
  firstSerial: null,
  lastSerial: null,
  error: null,
  ...over,
});

describe('phaseText', () => {
  const en = localization('en', 'en-US', undefined);
  const ru = localization('ru', 'ru-RU', undefined);

  it('names the running phase', () => {
    expect(phaseText(job({ phase: 'minting' }), en)).toBe('Minting on the server…');
    expect(phaseText(job({ phase: 'storing' }), en)).toBe('Storing PINs (sealed) on this terminal…');
    expect(phaseText(job({ phase: 'drawing' }), en)).toBe('Drawing from the PIN reserve (offline)…');
  });

  it('says done, and that an offline series is not yet valid', () => {
    expect(phaseText(job({ state: 'done' }), en)).toBe('Done');
    expect(phaseText(job({ state: 'done', offline: true }), en)).toBe(
      'Done: drawn from the PIN reserve, not yet valid until synced',
    );
  });

  it('gives the failure reason, or says it is unknown', () => {
    const error = { code: 'x', message: 'server said no' };
    expect(phaseText(job({ state: 'failed', error }), en)).toBe('Failed: server said no');
    expect(phaseText(job({ state: 'failed' }), en)).toBe('Failed: unknown error');
  });

  it('speaks the catalog language, and a different text for each phase and state', () => {
    const all = [
      job({ phase: 'minting' }),
      job({ phase: 'storing' }),
      job({ phase: 'drawing' }),
      job({ state: 'done' }),
      job({ state: 'done', offline: true }),
      job({ state: 'failed' }),
    ];
    const texts = all.map((j) => phaseText(j, ru));
    expect(new Set(texts).size).toBe(all.length);
    expect(phaseText(job({ state: 'done' }), ru)).toBe('Готово');
    expect(phaseText(job({ state: 'failed' }), ru)).toBe('Ошибка: неизвестная ошибка');
    for (const [i, j] of all.entries()) expect(texts[i]).not.toBe(phaseText(j, en));
  });
});
