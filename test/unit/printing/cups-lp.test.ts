import { describe, expect, it } from 'vitest';
import {
  assertPrinterName,
  classifyCupsMessage,
  parseLpJobId,
  parseLpstatDefault,
  parseLpstatNames,
} from '../../../main/printing/cups-lp';

describe('CUPS output parsing', () => {
  it('reads the job id, destinations and default', () => {
    expect(parseLpJobId('request id is RefillTestPDF-12 (1 file(s))\n')).toBe('RefillTestPDF-12');
    expect(parseLpJobId('')).toBeNull();
    expect(parseLpstatNames('A\nB_2\n\n')).toEqual(['A', 'B_2']);
    expect(parseLpstatDefault('system default destination: B_2\n')).toBe('B_2');
    expect(parseLpstatDefault('no system default destination\n')).toBeNull();
  });
  it('classifies CUPS error messages', () => {
    expect(classifyCupsMessage('lp: Error - The printer or class does not exist.')?.code).toBe(
      'printer_not_found',
    );
    expect(classifyCupsMessage('lpstat: Unable to connect to server')?.code).toBe(
      'print_service_unavailable',
    );
    expect(classifyCupsMessage('lp: something else')).toBeNull();
  });
  it('refuses printer names lp could mistake for options or paths', () => {
    for (const bad of ['', '-o', 'a b', 'a/b', 'a#b']) expect(() => assertPrinterName(bad)).toThrow();
    expect(() => assertPrinterName('RefillTestPDF')).not.toThrow();
  });
});
