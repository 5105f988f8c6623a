import { describe, expect, it } from 'vitest';
import type { EditCardsResult } from '../../../../core/contract/types/cards';
import { localization } from '../../../../core/i18n/catalog';
import { editResultText } from '../../../../renderer/src/screens/cards/edit-result-text';

const NONE: EditCardsResult['skipped'] = {
  activated: 0,
  expired: 0,
  void: 0,
  sameOwner: 0,
  serialTaken: 0,
  otherCurrency: 0,
};
const result = (changed: number, skipped: Partial<EditCardsResult['skipped']> = {}): EditCardsResult =>
  ({ changed, skipped: { ...NONE, ...skipped } }) as EditCardsResult;

describe('editResultText', () => {
  const en = localization('en', 'en-US', undefined);
  const ru = localization('ru', 'ru-RU', undefined);

  it('says how many changed and none skipped, without reasons', () => {
    expect(editResultText(result(3), en)).toBe('3 changed, 0 skipped');
  });

  it('names each reason that skipped a card, in a fixed order, with the total skipped', () => {
    expect(editResultText(result(12, { expired: 1, activated: 2 }), en)).toBe(
      '12 changed, 3 skipped: 2 activated, 1 expired',
    );
    expect(editResultText(result(0, { otherCurrency: 1, sameOwner: 4, serialTaken: 2 }), en)).toBe(
      '0 changed, 7 skipped: 4 already the new owner’s, 2 serial already used by the new owner, 1 new owner uses another currency',
    );
  });

  it('groups counts as the locale does', () => {
    expect(editResultText(result(1234, { void: 5678 }), en)).toBe('1,234 changed, 5,678 skipped: 5,678 void');
    const g = (n: number) => new Intl.NumberFormat('ru-RU').format(n);
    expect(editResultText(result(1234, { void: 5678 }), ru)).toBe(
      `Изменено: ${g(1234)}, пропущено: ${g(5678)} (аннулированных: ${g(5678)})`,
    );
  });

  it('speaks Russian with the Russian catalog', () => {
    expect(editResultText(result(2), ru)).toBe('Изменено: 2, пропущено: 0');
    expect(editResultText(result(1, { activated: 2, expired: 1 }), ru)).toBe(
      'Изменено: 1, пропущено: 3 (активированных: 2, истёкших: 1)',
    );
  });
});
