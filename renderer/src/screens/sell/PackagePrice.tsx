import type { CSSProperties } from 'react';

/**
 * How wide `text` runs in ems in a bold sans face, generously: figures about 0.7 em, capitals (currency codes) up
 * to 0.85, separators and spaces about 0.36; 5% on top. The stylesheet divides the tile's width by it.
 */
export function boldTextEms(text: string): number {
  let ems = 0;
  for (const ch of text) ems += /[.,'\s\u00a0\u202f]/u.test(ch) ? 0.36 : /\p{Lu}/u.test(ch) ? 0.85 : 0.7;
  return Math.round(ems * 1.05 * 100) / 100;
}

/** A package tile's price on one line, sized by the stylesheet to fit the tile however long the figure is. */
export function PackagePrice({ text }: { readonly text: string }) {
  return (
    <span className="package-price" style={{ '--price-ems': boldTextEms(text) } as CSSProperties}>
      {text}
    </span>
  );
}
