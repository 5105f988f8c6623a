import { describe, expect, it } from 'vitest';
import { boldTextEms } from '../../../renderer/src/screens/sell/PackagePrice';

describe('boldTextEms', () => {
  it('counts figures, capitals and separators at their widths, 5% on top', () => {
    // U S D (3 x 0.85) + space (0.36) + 1 0 0 0 (4 x 0.7) + . (0.36) = 6.07, x 1.05
    expect(boldTextEms('USD 10.00')).toBe(6.37);
    expect(boldTextEms('')).toBe(0);
  });
  it('grows with the figure, so a longer price gets a smaller font for the same tile', () => {
    expect(boldTextEms('IDR 250,000.00')).toBeGreaterThan(boldTextEms('IDR 5,000.00'));
    // A narrow no-break space (fr-FR groups) counts as a separator, not a figure.
    expect(boldTextEms('1\u202f000,00 €')).toBeLessThan(boldTextEms('1000000000'));
  });
});
