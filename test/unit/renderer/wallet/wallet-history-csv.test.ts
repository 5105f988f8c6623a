import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { csvTextCell, walletCsvHeader, walletCsvLines } from '../../../../core/wallet/wallet-history-csv';
import { windowOpenDecision } from '../../../../main/wallet/hosted-page-window';

/** A minimal RFC 4180 reader (one line, no embedded newlines needed beyond quoted ones). */
function readCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(cell);
      cell = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i++;
    } else cell += c;
  }
  return rows;
}

describe('the wallet history CSV', () => {
  it('quotes commas, quotes and line breaks, and neutralises formulas', () => {
    expect(csvTextCell('plain')).toBe('plain');
    expect(csvTextCell(null)).toBe('');
    expect(csvTextCell('a,b')).toBe('"a,b"');
    expect(csvTextCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvTextCell('two\nlines')).toBe('"two\nlines"');
    expect(csvTextCell('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvTextCell('+1')).toBe("'+1");
    expect(csvTextCell('-2')).toBe("'-2");
    expect(csvTextCell('@sum')).toBe("'@sum");
  });

  it('writes amounts in major units with the sign, exactly', () => {
    const csv =
      walletCsvHeader() +
      walletCsvLines([
        {
          createdAt: '2026-11-30T08:00:00.000Z',
          kind: 'sale',
          memo: 'Sale T1-000001, 2 x',
          amount: -180,
          currency: 'USD',
          entryId: '0190a000-0000-7000-8000-000000000001',
        },
        {
          createdAt: '2026-11-30T09:00:00.000Z',
          kind: 'credit_purchase',
          memo: null,
          amount: 5,
          currency: 'JPY',
          entryId: '0190a000-0000-7000-8000-000000000002',
        },
      ]);
    expect(readCsv(csv)).toEqual([
      ['date_utc', 'kind', 'memo', 'amount', 'currency', 'entry_id'],
      [
        '2026-11-30T08:00:00.000Z',
        'sale',
        'Sale T1-000001, 2 x',
        '-1.80',
        'USD',
        '0190a000-0000-7000-8000-000000000001',
      ],
      ['2026-11-30T09:00:00.000Z', 'credit_purchase', '', '5', 'JPY', '0190a000-0000-7000-8000-000000000002'],
    ]);
  });

  it('reads back every memo as written, only formula starts prefixed (property)', () => {
    fc.assert(
      fc.property(fc.string(), (memo) => {
        const line = walletCsvLines([
          {
            createdAt: '2026-11-30T08:00:00.000Z',
            kind: 'sale',
            memo,
            amount: 1,
            currency: 'USD',
            entryId: 'e',
          },
        ]);
        const rows = readCsv(line);
        expect(rows).toHaveLength(1);
        expect(rows[0]).toHaveLength(6);
        const expected = /^[=+\-@\t\r]/.test(memo) ? `'${memo}` : memo;
        expect(rows[0]![2]).toBe(expected);
      }),
    );
  });
});

describe('the desktop window opening the hosted card page', () => {
  const api = 'http://127.0.0.1:8787';
  it('opens the API origin as a child, other web addresses outside, and nothing else', () => {
    expect(windowOpenDecision('http://127.0.0.1:8787/psp-sandbox/setup/abc', api)).toBe('child');
    expect(windowOpenDecision('http://127.0.0.1:8788/psp-sandbox/setup/abc', api)).toBe('external');
    expect(windowOpenDecision('https://127.0.0.1:8787/x', api)).toBe('external');
    expect(windowOpenDecision('https://example.com/', api)).toBe('external');
    expect(windowOpenDecision('http://user:pw@127.0.0.1:8787/', api)).toBe('deny');
    expect(windowOpenDecision('file:///etc/passwd', api)).toBe('deny');
    expect(windowOpenDecision('javascript:alert(1)', api)).toBe('deny');
    expect(windowOpenDecision('not a url', api)).toBe('deny');
    expect(windowOpenDecision('http://127.0.0.1:8787/', null)).toBe('external');
  });
});
