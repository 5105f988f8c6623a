import { useEffect, useRef } from 'react';

/**
 * After the clerk moves to another screen (navigation click, Alt+digit), focus goes to the new screen's heading, so a
 * screen reader says where they are and Tab starts from the top of that screen (never from `<body>`). The first
 * screen after sign-in keeps the focus it sets itself (the Sell screen's account field, for the scanner).
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
    heading.tabIndex = -1;
    heading.focus();
  }, [screen, signedIn]);
}
