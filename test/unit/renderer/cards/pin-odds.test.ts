import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_PIN_LENGTH, MIN_PIN_LENGTH, SHORT_PIN_LENGTH } from '../../../../core/cards/card-pin';
import { localization } from '../../../../core/i18n/catalog';
import { GUESSES_PER_DAY_PER_TERMINAL, pinOddsText } from '../../../../renderer/src/screens/cards/pin-odds';

describe('GUESSES_PER_DAY_PER_TERMINAL', () => {
  it('is the terminal lockout threshold (10 per hour) over 24 hours', () => {
    expect(GUESSES_PER_DAY_PER_TERMINAL).toBe(240);
  });
});

describe('pinOddsText', () => {
  const perDay = (live: string, chance: string) =>
    `The lockout allows about 240 wrong guesses a day per terminal: a day of guessing finds one of ${live} ${live === '1' ? 'card' : 'cards'} ${chance}.`;

  it('gives the odds per guess with en-US grouping', () => {
    expect(pinOddsText(5, 1).perGuess).toBe('1 in 100,000 per guess');
    expect(pinOddsText(12, 1).perGuess).toBe('1 in 1,000,000,000,000 per guess');
    expect(pinOddsText(20, 1).perGuess).toBe('1 in 100,000,000,000,000,000,000 per guess');
  });

  it('says a short, full series is found with a percentage chance a day', () => {
    // 1 - (1 - 1000/100000)^240 = 0.9104
    expect(pinOddsText(5, 1_000).perDay).toBe(perDay('1,000', 'with odds of about 91.0%'));
    // 1 - (1 - 1e5/1e8)^240 = 0.2135
    expect(pinOddsText(8, 100_000).perDay).toBe(perDay('100,000', 'with odds of about 21.3%'));
  });

  it('switches from a percentage to "1 in N" below 1%', () => {
    // 4200 / 1e8 * 240 ~ 1.003%; 4100 / 1e8 * 240 ~ 0.979%
    expect(pinOddsText(8, 4_200).perDay).toBe(perDay('4,200', 'with odds of about 1.0%'));
    expect(pinOddsText(8, 4_100).perDay).toBe(perDay('4,100', 'with odds of about 1 in 102'));
    expect(pinOddsText(10, 1).perDay).toBe(perDay('1', 'with odds of about 1 in 41,666,667'));
  });

  it('calls odds below one in a billion negligible', () => {
    // 4 * 240 / 1e12 = 9.6e-10; 5 * 240 / 1e12 = 1.2e-9
    expect(pinOddsText(12, 4).perDay).toBe(perDay('4', 'with negligible odds'));
    expect(pinOddsText(12, 5).perDay).toBe(perDay('5', 'with odds of about 1 in 833,333,334'));
    expect(pinOddsText(20, 100_000).perDay).toBe(perDay('100,000', 'with negligible odds'));
  });

  it('says "almost certainly" when the series fills the PIN space (or more)', () => {
    expect(pinOddsText(5, 100_000).perDay).toBe(perDay('100,000', 'almost certainly'));
    expect(pinOddsText(5, 1_000_000).perDay).toBe(perDay('1,000,000', 'almost certainly'));
    // 1 - 0.98^240 = 0.9922 is still a percentage, 1 - 0.97^240 = 0.9993 is not.
    expect(pinOddsText(5, 2_000).perDay).toContain('99.2%');
    expect(pinOddsText(5, 3_000).perDay).toContain('almost certainly');
  });

  it('counts at least one card for a zero or negative quantity', () => {
    expect(pinOddsText(10, 0).perDay).toBe(pinOddsText(10, 1).perDay);
    expect(pinOddsText(10, -5).perDay).toBe(pinOddsText(10, 1).perDay);
  });

  it('warns only below SHORT_PIN_LENGTH', () => {
    expect(pinOddsText(5, 1).warning).toContain('100,000 combinations');
    expect(pinOddsText(SHORT_PIN_LENGTH - 1, 1).warning).toContain('1,000,000,000 combinations');
    expect(pinOddsText(SHORT_PIN_LENGTH, 1).warning).toBeNull();
    expect(pinOddsText(MAX_PIN_LENGTH, 1).warning).toBeNull();
  });

  it('property: every allowed length and quantity gives well-formed text', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: MIN_PIN_LENGTH, max: MAX_PIN_LENGTH }),
        fc.integer({ min: 0, max: 100_000 }),
        (length, quantity) => {
          const t = pinOddsText(length, quantity);
          expect(t.perGuess).toBe(`1 in ${(10 ** length).toLocaleString('en-US')} per guess`);
          expect(t.perDay).not.toMatch(/NaN|Infinity|undefined/);
          const live = Math.max(1, quantity);
          expect(t.perDay).toContain(
            `one of ${live.toLocaleString('en-US')} ${live === 1 ? 'card' : 'cards'}`,
          );
          expect(t.perDay).toMatch(
            / (almost certainly|with negligible odds|with odds of about (\d+\.\d%|1 in [\d,]+))\.$/,
          );
          expect(t.warning === null).toBe(length >= SHORT_PIN_LENGTH);
        },
      ),
    );
  });

  it('property: more cards never make the odds sound better, a longer PIN never makes them sound worse', () => {
    /** The daily hit chance the text states, as a number (1 for "almost certainly", 0 for negligible). */
    const stated = (text: string): number => {
      if (text.includes('almost certainly')) return 1;
      if (text.includes('negligible')) return 0;
      const pct = /about (\d+\.\d)%/.exec(text);
      if (pct) return Number(pct[1]) / 100;
      const oneIn = /about 1 in ([\d,]+)\./.exec(text)!;
      return 1 / Number(oneIn[1]!.replace(/,/g, ''));
    };
    fc.assert(
      fc.property(
        fc.integer({ min: MIN_PIN_LENGTH, max: MAX_PIN_LENGTH - 1 }),
        fc.integer({ min: 1, max: 100_000 }),
        fc.integer({ min: 1, max: 100_000 }),
        (length, q1, q2) => {
          const [lo, hi] = q1 <= q2 ? [q1, q2] : [q2, q1];
          expect(stated(pinOddsText(length, hi).perDay)).toBeGreaterThanOrEqual(
            stated(pinOddsText(length, lo).perDay),
          );
          expect(stated(pinOddsText(length + 1, lo).perDay)).toBeLessThanOrEqual(
            stated(pinOddsText(length, lo).perDay),
          );
        },
      ),
    );
  });
});

describe('pinOddsText in another language and locale', () => {
  const ru = localization('ru', 'ru-RU', undefined);
  const group = (n: number) => new Intl.NumberFormat('ru-RU').format(n);

  it('writes the numbers as the locale groups them and the words of the language', () => {
    const t = pinOddsText(6, 1_000, ru);
    expect(t.perGuess).toBe(`1 из ${group(1_000_000)} за попытку`);
    expect(t.perDay).toContain(`одна из ${group(1_000)} карт `);
    expect(t.warning).toContain(`${group(1_000_000)} комбинаций`);
  });

  it('writes a percentage with the locale decimal comma', () => {
    // 1 - (1 - 1000/100000)^240 = 0.9104
    expect(pinOddsText(5, 1_000, ru).perDay).toContain(
      new Intl.NumberFormat('ru-RU', { style: 'percent', minimumFractionDigits: 1 }).format(0.91),
    );
  });

  it('declines "card" after "one of" by the count (genitive: 1 карты, 2 карт)', () => {
    expect(pinOddsText(12, 1, ru).perDay).toContain('одна из 1 карты ');
    expect(pinOddsText(12, 2, ru).perDay).toContain('одна из 2 карт ');
    expect(pinOddsText(12, 21, ru).perDay).toContain('одна из 21 карты ');
  });

  it('the English catalog gives the same text as the default window (English, en-US)', () => {
    const en = localization('en', 'en-US', undefined);
    for (const [length, quantity] of [
      [5, 1_000],
      [8, 4_100],
      [12, 4],
    ] as const) {
      expect(pinOddsText(length, quantity, en)).toEqual(pinOddsText(length, quantity));
    }
  });
});
