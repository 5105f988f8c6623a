import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { literalTexts, sourceFiles } from './ui-text-scan';

const ROOT = join(import.meta.dirname, '../../..');

describe('renderer texts come from the message catalog', () => {
  it('no screen writes human text literally (JSX text, spoken attributes, labels, toasts)', () => {
    const found = sourceFiles(join(ROOT, 'renderer/src')).flatMap((f) => literalTexts(f, ROOT));
    expect(found.map((t) => `${t.file}:${t.line} ${t.text}`)).toEqual([]);
  });

  it('the scanner finds literal text of each kind it looks for', () => {
    const sample = join(import.meta.dirname, 'fixtures/literal-texts.tsx');
    const texts = literalTexts(sample, ROOT).map((t) => t.text);
    expect(texts).toEqual(['Sell a top-up', 'Customer account', 'Sell', 'Sale done', 'Change due', 'Press']);
  });
});
