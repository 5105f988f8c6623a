import { describe, expect, it } from 'vitest';
import { catalogFor } from '../../../core/i18n/catalog';
import { LANGUAGE_CODES } from '../../../core/i18n/languages';

/** Words that stay as they are in every language: product, format and unit names, key names, codes. */
const KEPT =
  /\b(?:Refill Desk|Letter|Code 128|Electron|Chromium|Node\.js|SQLite|PostgreSQL|PDF|CSV|PIN|PINs|PSP|API|URL|USD|EUR|ID|UTC|IBAN|HMAC|BCP 47|Luhn|QR|SMS|ok|X|Z|F\d{1,2}|Esc|Enter|Tab|Shift|Ctrl|Alt|en-US|ru-RU|de-CH|npm run web|https?:\S+|#token=\S*|[A-Z]{3})\b/g;

/** Every text of a catalog as a person would see it: strings, plural forms, and functions given sample values. */
function texts(node: unknown, path: string): { path: string; text: string }[] {
  if (typeof node === 'string') return [{ path, text: node }];
  if (typeof node === 'function') {
    const sample = new Proxy({}, { get: () => '7' });
    return [{ path, text: String((node as (p: unknown) => unknown)(sample)) }];
  }
  if (node && typeof node === 'object') {
    return Object.entries(node).flatMap(([k, v]) => texts(v, path ? `${path}.${k}` : k));
  }
  return [];
}

describe('the message catalogs', () => {
  it('have the same texts in every language (the type system checks the shape; this checks plural forms)', () => {
    const en = texts(catalogFor('en'), '').map((t) =>
      t.path.replace(/\.(?:zero|one|two|few|many|other)$/, ''),
    );
    for (const code of LANGUAGE_CODES) {
      const other = texts(catalogFor(code), '').map((t) =>
        t.path.replace(/\.(?:zero|one|two|few|many|other)$/, ''),
      );
      expect(new Set(other)).toEqual(new Set(en));
    }
  });

  it('show every value a message is given, in every language (a text that drops its count or name fails)', () => {
    const wrong: string[] = [];
    let messages = 0;
    const walk = (node: unknown, path: string): void => {
      if (typeof node === 'function') {
        messages += 1;
        // Each value the message reads comes back as a marker naming it; each must appear in the text.
        const read = new Set<string>();
        const values = new Proxy(
          {},
          {
            get: (_target, key) => {
              if (typeof key !== 'string') return undefined;
              read.add(key);
              return `⟨${key}⟩`;
            },
          },
        );
        const text = String((node as (p: unknown) => unknown)(values));
        const dropped = [...read].filter((k) => !text.includes(`⟨${k}⟩`));
        if (read.size === 0 || dropped.length > 0) wrong.push(`${path}: ${JSON.stringify(text)}`);
        return;
      }
      if (node && typeof node === 'object')
        for (const [k, v] of Object.entries(node)) walk(v, path ? `${path}.${k}` : k);
    };
    for (const code of LANGUAGE_CODES) walk(catalogFor(code), code);
    expect(wrong).toEqual([]);
    expect(messages).toBeGreaterThan(100);
  });

  it('leave no English behind in the Russian catalog', () => {
    const untranslated = texts(catalogFor('ru'), '').filter(({ text }) => {
      const rest = text.replace(KEPT, '');
      return /[A-Za-z]{3,}/.test(rest) && !/[\u0400-\u04ff]/.test(text);
    });
    expect(untranslated).toEqual([]);
  });

  it('give Russian counted phrases the few and many forms the language needs', () => {
    const missing: string[] = [];
    const walk = (node: unknown, path: string): void => {
      if (!node || typeof node !== 'object') return;
      const forms = node as Record<string, unknown>;
      if (typeof forms['other'] === 'string' && typeof forms['one'] === 'string') {
        if (typeof forms['few'] !== 'string' || typeof forms['many'] !== 'string') missing.push(path);
        return;
      }
      for (const [k, v] of Object.entries(forms)) walk(v, path ? `${path}.${k}` : k);
    };
    walk(catalogFor('ru'), '');
    expect(missing).toEqual([]);
  });
});
