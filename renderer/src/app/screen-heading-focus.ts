import { useEffect, useRef } from 'react';

/**
 * After the clerk moves to another screen (navigation click, Alt+digit), focus goes to the new screen's heading, so a
 * screen reader says where they are and Tab starts from the top of that screen (never from `<body>`). A screen that
 * focuses its own first field when it opens (Sell and Redeem: the account, for the scanner) keeps that focus.
 */
export function useScreenHeadingFocus(screen: string, signedIn: boolean): void {
  const last = useRef<{ screen: string; signedIn: boolean }>({ screen, signedIn });
  useEffect(() => {
    const before = last.current;
    last.current = { screen, signedIn };
    if (!signedIn || !before.signedIn || before.screen === screen) return;
    const heading =
      document.querySelector<HTMLElement>('main h1') ?? document.querySelector<HTMLElement>('main');
    if (!heading) return;
    // Focusable by script (and by a click on it), never a Tab stop.
    heading.tabIndex = -1;
    // A counter screen that puts the cursor in its own first field (Sell's and Redeem's account, for the scanner)
    // keeps it: the clerk types or scans at once, and the field's label says where they are.
    const main = document.querySelector('main');
    const active = document.activeElement;
    if (main && active && active !== main && main.contains(active)) return;
    heading.focus();
  }, [screen, signedIn]);
}
