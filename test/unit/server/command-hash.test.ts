import { describe, expect, it } from 'vitest';
import { canonicalJson, commandHash } from '../../../server/sync/command-hash';

describe('command fingerprints', () => {
  it('serializes a payload as JSON does, keys sorted: a field left undefined is no field at all', () => {
    const payload = { saleId: 's1', note: undefined, lines: [{ qty: 2, code: 'A', extra: undefined }] };
    expect(canonicalJson(payload)).toBe('{"lines":[{"code":"A","qty":2}],"saleId":"s1"}');
    expect(JSON.parse(canonicalJson(payload))).toEqual(JSON.parse(JSON.stringify(payload)));
    expect(commandHash('sale.create', payload)).toBe(
      commandHash('sale.create', { lines: [{ code: 'A', qty: 2 }], saleId: 's1' }),
    );
  });
});
