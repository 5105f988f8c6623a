import AxeBuilder from '@axe-core/playwright';
import type { Locator, Page } from '@playwright/test';

/** Where screenshots go (REFILL_SCREENS_DIR keeps them from a concurrent run's clean-up of test-results). */
export const SCREENS_DIR = process.env.REFILL_SCREENS_DIR ?? 'test-results/screens';

/**
 * The toast that says `text`. Toasts stack, newest on top, so a sync notice that arrives meanwhile may sit above the
 * one a test waits for: find it by what it says, then expect it visible.
 */
export function toastSaying(page: Page, text: string | RegExp): Locator {
  return page.getByTestId('toast').filter({ hasText: text });
}

/** Serious and critical axe-core violations (wcag2a, wcag2aa, wcag21aa) on the page as it is now. */
export async function axeProblems(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21aa']).analyze();
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map(
      (v) =>
        `${v.impact} ${v.id}: ${v.nodes
          .slice(0, 3)
          .map((n) => n.target.join(' '))
          .join(' | ')}`,
    );
}

/** What makes the page scroll sideways (the window or the screen's own box): none when it fits. */
export async function sidewaysOverflow(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const doc = document.documentElement;
    const content = document.querySelector('.content');
    const fits =
      doc.scrollWidth <= doc.clientWidth + 1 && (!content || content.scrollWidth <= content.clientWidth + 1);
    if (fits) return [];
    const right = content ? content.getBoundingClientRect().right : doc.clientWidth;
    return [...document.querySelectorAll('.content *')]
      .filter((el) => el.getBoundingClientRect().right > right + 1)
      .slice(0, 5)
      .map(
        (el) =>
          `${el.tagName.toLowerCase()}.${el.className} ${Math.round(el.getBoundingClientRect().right)}>${Math.round(right)}`,
      );
  });
}
