import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { methods } from '../../../../core/contract/methods';
import { catalogFor } from '../../../../core/i18n/catalog';
import { toMajorString } from '../../../../core/money/money';
import {
  activeFilterCount,
  EMPTY_FILTER_FORM,
  filterKey,
  toCardFilter,
  type CardFilter,
  type CardFilterForm,
} from '../../../../renderer/src/screens/cards/card-filter-form';

const savedTz = process.env.TZ;
afterEach(() => {
  if (savedTz === undefined) delete process.env.TZ;
  else process.env.TZ = savedTz;
});

const form = (over: Partial<CardFilterForm>): CardFilterForm => ({ ...EMPTY_FILTER_FORM, ...over });

/** The filter, or fails the test with the problem. */
function filterOf(f: CardFilterForm, currency = 'USD'): CardFilter {
  const res = toCardFilter(f, currency);
  if ('problem' in res) throw new Error(`unexpected problem: ${res.problem}`);
  return res.filter;
}

function problemOf(f: CardFilterForm, currency = 'USD'): string | null {
  const res = toCardFilter(f, currency);
  return 'problem' in res ? res.problem : null;
}

const OWNER = '0190a8f1-2c3d-7e4f-8a9b-0c1d2e3f4a5b';

describe('toCardFilter', () => {
  it('turns the empty form into the empty filter (every card)', () => {
    expect(toCardFilter(EMPTY_FILTER_FORM, 'USD')).toEqual({ filter: {} });
  });

  it('passes status and validity through', () => {
    expect(filterOf(form({ status: 'activated', validity: 'void_rejected' }))).toEqual({
      status: 'activated',
      validity: 'void_rejected',
    });
  });

  it('checks and trims the series prefix', () => {
    expect(filterOf(form({ prefix: ' 101 ' }))).toEqual({ prefix: '101' });
    expect(filterOf(form({ prefix: '999999' }))).toEqual({ prefix: '999999' });
    expect(filterOf(form({ prefix: '   ' }))).toEqual({});
    for (const bad of ['0', '0101', '1234567', '10a', '-1', '1.5']) {
      expect(problemOf(form({ prefix: bad })), bad).toBe(
        'A series prefix is 1 to 6 digits, not starting with 0.',
      );
    }
  });

  it('trims the serial range and leaves blank ends open', () => {
    expect(filterOf(form({ serialFrom: ' 101-00000010 ', serialTo: '101-00000020' }))).toEqual({
      serialFrom: '101-00000010',
      serialTo: '101-00000020',
    });
    expect(filterOf(form({ serialFrom: '  ', serialTo: '' }))).toEqual({});
  });

  describe('amount, in minor units of the currency', () => {
    it('parses what a clerk types, exactly', () => {
      const cases: [string, string, number][] = [
        ['10', 'USD', 1000],
        ['10.5', 'USD', 1050],
        ['10.50', 'USD', 1050],
        ['10.', 'USD', 1000],
        [' 0.01 ', 'USD', 1],
        ['1,234.56', 'USD', 123456],
        ['0.29', 'USD', 29], // 0.29 * 100 is 28.999999999999996 in floats
        ['1.005', 'KWD', 1005],
        ['1000', 'JPY', 1000],
        ['.5', 'USD', 50],
      ];
      for (const [text, currency, minor] of cases) {
        expect(filterOf(form({ amount: text }), currency), `${text} ${currency}`).toEqual({ amount: minor });
      }
    });

    it('refuses amounts with more decimals than the currency has', () => {
      expect(problemOf(form({ amount: '10.999' }), 'USD')).toBe('Amount is not a valid USD amount.');
      expect(problemOf(form({ amount: '10.5' }), 'JPY')).toBe('Amount is not a valid JPY amount.');
      expect(problemOf(form({ amount: '1.0005' }), 'KWD')).toBe('Amount is not a valid KWD amount.');
    });

    it('refuses zero, negatives and anything that is not a plain decimal', () => {
      for (const bad of [
        '0',
        '0.00',
        '-5',
        '+5',
        '1e3',
        '0x10',
        'ten',
        '10 USD',
        '1.2.3',
        'NaN',
        'Infinity',
      ]) {
        expect(problemOf(form({ amount: bad })), bad).toBe('Amount is not a valid USD amount.');
      }
    });

    it('refuses an amount beyond the safe integer range', () => {
      expect(problemOf(form({ amount: '99999999999999999' }))).toBe('Amount is not a valid USD amount.');
    });

    it('treats a blank amount as any amount', () => {
      expect(filterOf(form({ amount: '   ' }))).toEqual({});
    });

    // Was a bug (fixed): parseMajor drops every comma as a thousands separator, so a decimal comma ('1,5', as typed in
    // most of Europe) is read as 15.00 (1500 minor units) instead of being refused: the search silently looks for
    // 15.00 cards. Likewise '1,2,3' is 123.00.
    it('refuses a decimal comma instead of reading "1,5" as 15.00', () => {
      expect(problemOf(form({ amount: '1,5' }))).toBe('Amount is not a valid USD amount.');
    });

    it('reads amounts by the terminal locale’s decimal separator', () => {
      const inLocale = (amount: string, locale: string) => {
        const res = toCardFilter(form({ amount }), 'USD', undefined, locale);
        return 'problem' in res ? res.problem : res.filter.amount;
      };
      expect(inLocale('1,5', 'ru-RU')).toBe(150);
      expect(inLocale('1 234,56', 'ru-RU')).toBe(123456);
      expect(inLocale('1.234,56', 'de-DE')).toBe(123456);
      // A dot on a German till could be either a decimal point or grouping: refused, never guessed.
      expect(inLocale('1.5', 'de-DE')).toBe('Amount is not a valid USD amount.');
    });
  });

  it('checks the owner is a UUID and lower-cases it', () => {
    expect(filterOf(form({ ownerId: ` ${OWNER.toUpperCase()} ` }))).toEqual({ ownerId: OWNER });
    for (const bad of ['reseller-1', OWNER.slice(1), `${OWNER}0`, OWNER.replace(/-/g, ''), `{${OWNER}}`]) {
      expect(problemOf(form({ ownerId: bad })), bad).toBe('Owner is a reseller id (a UUID).');
    }
  });

  it('turns day ranges into [local midnight, next local midnight] instants', () => {
    process.env.TZ = 'America/New_York';
    // 2026-03-08 is the DST change in New York: a 23-hour day.
    expect(
      filterOf(
        form({
          createdFrom: '2026-03-08',
          createdTo: '2026-03-08',
          expiresFrom: '2026-11-30',
          expiresTo: '2026-12-31',
        }),
      ),
    ).toEqual({
      createdFrom: '2026-03-08T05:00:00.000Z',
      createdTo: '2026-03-09T04:00:00.000Z',
      expiresFrom: '2026-11-30T05:00:00.000Z',
      expiresTo: '2027-01-01T05:00:00.000Z',
    });
    process.env.TZ = 'Asia/Tokyo';
    expect(filterOf(form({ createdFrom: '2026-01-01' }))).toEqual({
      createdFrom: '2025-12-31T15:00:00.000Z',
    });
  });

  it('refuses a date that is not YYYY-MM-DD', () => {
    for (const key of ['createdFrom', 'createdTo', 'expiresFrom', 'expiresTo'] as const) {
      for (const bad of ['30/11/2026', '2026-1-5', '2026-11-30T00:00', ' ', 'tomorrow']) {
        expect(problemOf(form({ [key]: bad })), `${key}=${bad}`).toBe('A date is not valid.');
      }
    }
  });

  it('answers the first problem, in form order', () => {
    expect(problemOf(form({ prefix: '0', amount: 'x', ownerId: 'y', createdFrom: 'z' }))).toMatch(/prefix/);
    expect(problemOf(form({ amount: 'x', ownerId: 'y', createdFrom: 'z' }))).toMatch(/Amount/);
    expect(problemOf(form({ ownerId: 'y', createdFrom: 'z' }))).toMatch(/Owner/);
  });

  it('answers filters the cards.list contract accepts', () => {
    const filter = filterOf(
      form({
        status: 'new',
        validity: 'valid',
        prefix: '101',
        serialFrom: '101-00000001',
        serialTo: '101-99999999',
        amount: '12.50',
        ownerId: OWNER,
        createdFrom: '2026-01-01',
        createdTo: '2026-01-31',
        expiresFrom: '2026-02-01',
        expiresTo: '2026-12-31',
      }),
    );
    expect(methods['cards.list'].input.safeParse({ filter }).success).toBe(true);
  });

  describe('property: round trip filter -> form -> filter', () => {
    const pad = (n: number) => String(n).padStart(2, '0');
    const localDay = (d: Date) => `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
    const dayArb = fc
      .date({
        min: new Date('1971-01-01T00:00:00Z'),
        max: new Date('2099-12-31T00:00:00Z'),
        noInvalidDate: true,
      })
      .map(localDay);
    const currencyArb = fc.constantFrom('USD', 'EUR', 'JPY', 'KWD');
    const filterArb = fc.record(
      {
        status: fc.constantFrom('new', 'activated', 'expired', 'void'),
        validity: fc.constantFrom('valid', 'not_yet_valid', 'void_rejected'),
        prefix: fc.stringMatching(/^[1-9][0-9]{0,5}$/),
        serialFrom: fc.stringMatching(/^[1-9]\d{0,5}-\d{8}$/),
        serialTo: fc.stringMatching(/^[1-9]\d{0,5}-\d{8}$/),
        amount: fc.integer({ min: 1, max: Number.MAX_SAFE_INTEGER }),
        ownerId: fc.uuid(),
        createdFrom: dayArb,
        createdTo: dayArb,
        expiresFrom: dayArb,
        expiresTo: dayArb,
      },
      { requiredKeys: [] },
    );

    it('the form of a filter converts back to that filter, and the contract accepts it', () => {
      // A zone whose clocks skip midnight on DST days, the hardest case for day <-> instant.
      process.env.TZ = 'America/Santiago';
      fc.assert(
        fc.property(filterArb, currencyArb, fc.boolean(), (spec, currency, upper) => {
          const typed = form({
            status: spec.status ?? '',
            validity: spec.validity ?? '',
            prefix: spec.prefix ?? '',
            serialFrom: spec.serialFrom ?? '',
            serialTo: spec.serialTo ?? '',
            amount: spec.amount === undefined ? '' : toMajorString(spec.amount, currency),
            ownerId: spec.ownerId === undefined ? '' : upper ? spec.ownerId.toUpperCase() : spec.ownerId,
            createdFrom: spec.createdFrom ?? '',
            createdTo: spec.createdTo ?? '',
            expiresFrom: spec.expiresFrom ?? '',
            expiresTo: spec.expiresTo ?? '',
          });
          const filter = filterOf(typed, currency);
          const { createdFrom, createdTo, expiresFrom, expiresTo, ...plain } = filter;
          const { createdFrom: cf, createdTo: ct, expiresFrom: ef, expiresTo: et, ...plainSpec } = spec;
          expect(plain).toEqual({
            ...plainSpec,
            ...(spec.ownerId ? { ownerId: spec.ownerId.toLowerCase() } : {}),
          });
          // Range starts are in their day; range ends are the first instant after it.
          const startDay = (iso: string | undefined) =>
            iso === undefined ? undefined : localDay(new Date(iso));
          const endDay = (iso: string | undefined) =>
            iso === undefined ? undefined : localDay(new Date(new Date(iso).getTime() - 1));
          expect(startDay(createdFrom)).toBe(cf);
          expect(endDay(createdTo)).toBe(ct);
          expect(startDay(expiresFrom)).toBe(ef);
          expect(endDay(expiresTo)).toBe(et);
          expect(activeFilterCount(typed)).toBe(Object.keys(spec).length);
          expect(methods['cards.list'].input.safeParse({ filter }).success).toBe(true);
        }),
      );
    });

    it('a day range of one day lasts 23 to 25 hours', () => {
      process.env.TZ = 'America/Santiago';
      fc.assert(
        fc.property(dayArb, (day) => {
          const f = filterOf(form({ createdFrom: day, createdTo: day }));
          const hours = (Date.parse(f.createdTo!) - Date.parse(f.createdFrom!)) / 3_600_000;
          expect([23, 24, 25]).toContain(hours);
        }),
      );
    });

    it('an amount with more decimals than the currency allows is always refused', () => {
      fc.assert(
        fc.property(
          currencyArb,
          fc.nat({ max: 1e9 }),
          fc.stringMatching(/^\d{4}$/),
          fc.integer({ min: 1, max: 9 }),
          (currency, whole, frac, last) => {
            const exp = { USD: 2, EUR: 2, JPY: 0, KWD: 3 }[currency]!;
            const text = `${whole}.${frac.slice(0, exp)}${last}`;
            expect(problemOf(form({ amount: text }), currency)).toBe(
              `Amount is not a valid ${currency} amount.`,
            );
          },
        ),
      );
    });
  });
});

describe('activeFilterCount', () => {
  it('is 0 for the empty form and for blanks', () => {
    expect(activeFilterCount(EMPTY_FILTER_FORM)).toBe(0);
    expect(activeFilterCount(form({ prefix: '   ', amount: '\t' }))).toBe(0);
  });

  it('counts every field that narrows the search', () => {
    expect(activeFilterCount(form({ status: 'void', prefix: '101', createdTo: '2026-01-01' }))).toBe(3);
    const full: CardFilterForm = {
      status: 'new',
      validity: 'valid',
      prefix: '1',
      serialFrom: 'a',
      serialTo: 'b',
      amount: '1',
      ownerId: 'x',
      createdFrom: 'd',
      createdTo: 'd',
      expiresFrom: 'd',
      expiresTo: 'd',
    };
    expect(activeFilterCount(full)).toBe(11);
  });
});

describe('filterKey', () => {
  it('is the same for the same filter, whatever the order of its keys', () => {
    expect(filterKey({ status: 'new', prefix: '101', amount: 500 })).toBe(
      filterKey({ amount: 500, prefix: '101', status: 'new' }),
    );
    expect(filterKey({})).toBe(filterKey({}));
  });

  it('differs when a value or a key differs', () => {
    expect(filterKey({ amount: 500 })).not.toBe(filterKey({ amount: 5000 }));
    expect(filterKey({ amount: 500 })).not.toBe(filterKey({}));
    expect(filterKey({ serialFrom: '101' })).not.toBe(filterKey({ serialTo: '101' }));
    // A number and its text are different filters.
    expect(filterKey({ prefix: '500' })).not.toBe(filterKey({ serialFrom: '500' }));
  });

  it('property: key order never matters, and equal keys mean equal filters', () => {
    const entryArb = fc.record(
      {
        status: fc.constantFrom('new', 'void'),
        prefix: fc.stringMatching(/^[1-9]\d{0,2}$/),
        serialFrom: fc.string({ maxLength: 4 }),
        serialTo: fc.string({ maxLength: 4 }),
        amount: fc.integer({ min: 1, max: 1000 }),
      },
      { requiredKeys: [] },
    );
    fc.assert(
      fc.property(entryArb, entryArb, fc.func(fc.integer()), (a, b, rank) => {
        const shuffled = Object.fromEntries(
          Object.entries(a).sort(([x], [y]) => rank(x) - rank(y) || x.localeCompare(y)),
        ) as CardFilter;
        expect(filterKey(shuffled)).toBe(filterKey(a as CardFilter));
        const sameKey = filterKey(a as CardFilter) === filterKey(b as CardFilter);
        expect(sameKey).toBe(
          JSON.stringify(Object.entries(a).sort()) === JSON.stringify(Object.entries(b).sort()),
        );
      }),
    );
  });
});

describe('toCardFilter problems in the catalog language', () => {
  const ru = catalogFor('ru');
  const problemIn = (f: CardFilterForm) => {
    const res = toCardFilter(f, 'USD', ru);
    return 'problem' in res ? res.problem : null;
  };

  it('says each problem in the words of the catalog it is given', () => {
    expect(problemIn(form({ prefix: '0' }))).toBe(ru.cards.search.badPrefix);
    expect(problemIn(form({ amount: 'x' }))).toBe(ru.cards.search.badAmount({ currency: 'USD' }));
    expect(problemIn(form({ ownerId: 'y' }))).toBe(ru.cards.search.badOwner);
    expect(problemIn(form({ createdFrom: 'z' }))).toBe(ru.cards.search.badDate);
    expect(problemIn(form({ amount: '10.50' }))).toBeNull();
  });
});
