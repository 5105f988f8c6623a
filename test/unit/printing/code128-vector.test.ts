import { describe, expect, it } from 'vitest';
import {
  code128TotalModules,
  code128Widths,
  CODE128_QUIET_ZONE_MODULES,
} from '../../../main/printing/code128-vector';

describe('code128Widths', () => {
  it('gives bar/space widths starting with a bar, 11 modules a symbol plus a 13-module stop', () => {
    const widths = code128Widths('T7K2-000123');
    const modules = widths.reduce((a, b) => a + b, 0);
    expect(widths.length % 2).toBe(1); // starts and ends with a bar
    expect((modules - 13) % 11).toBe(0);
    expect(code128TotalModules('T7K2-000123')).toBe(modules + 2 * CODE128_QUIET_ZONE_MODULES);
    expect(() => code128Widths('')).toThrow();
  });
});
