/** The forms a counted phrase takes; `other` is required, the rest as the language has them. */
export type PluralForms = Partial<Record<Intl.LDMLPluralRule, string>> & { readonly other: string };

const rules = new Map<string, Intl.PluralRules>();

/**
 * The form of `forms` that `locale` uses for `count` (English: one/other; Russian: one/few/many), with `{n}` replaced
 * by `countText` (the count as the locale writes it). A form the language uses but `forms` lacks falls back to other.
 */
export function plural(locale: string, count: number, countText: string, forms: PluralForms): string {
  let rule = rules.get(locale);
  if (!rule) {
    rule = new Intl.PluralRules(locale);
    rules.set(locale, rule);
  }
  const form = forms[rule.select(count)] ?? forms.other;
  return form.replaceAll('{n}', countText);
}
