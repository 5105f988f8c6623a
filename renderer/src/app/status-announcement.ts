import { useEffect, useRef, useState } from 'react';
import type { AppStatus } from '../../../core/contract/types/status';
import type { Catalog } from '../../../core/i18n/catalog';
import { asSentence } from '../errors/sentence';
import { currentL10n, useL10n } from '../i18n/locale-store';

/** What a screen reader has been told about the connection so far. */
export interface AnnouncedConnection {
  readonly online: boolean | null;
  readonly blocked: boolean;
}

/**
 * The one thing worth saying aloud when the status changes, or null: going offline (with the reason), coming back
 * online after that, being blocked and unblocked. Sync ticks (pending count, last sync, credits) say nothing: the
 * status bar shows them, and reading them out every few seconds would drown the clerk's screen reader. Rejected
 * commands are announced by their toast. Before the first status nothing is said (the bar is read with the page).
 * Said in the window's language (the reasons come from the local service, in English).
 */
export function statusAnnouncement(
  before: AnnouncedConnection,
  status: AppStatus,
  t: Catalog['app']['announce'] = currentL10n().m.app.announce,
): { readonly text: string | null; readonly now: AnnouncedConnection } {
  const blocked = Boolean(status.blocked);
  const now: AnnouncedConnection = { online: status.online, blocked };
  if (blocked && !before.blocked)
    return { text: t.blocked({ message: asSentence(status.blocked!.message) }), now };
  if (!blocked && before.blocked) return { text: t.unblocked, now };
  if (before.online === true && !status.online)
    return {
      text: status.lastError ? t.offlineBecause({ reason: asSentence(status.lastError) }) : t.offline,
      now,
    };
  if (before.online === false && status.online) return { text: t.backOnline, now };
  // Offline at start (before the first sync answered) is not news; it becomes news once online was seen.
  return { text: null, now: before.online === null && !status.online ? { online: null, blocked } : now };
}

/** The status bar's spoken line: the latest {@link statusAnnouncement}, kept until the next one. */
export function useStatusAnnouncement(status: AppStatus | null): string {
  const announced = useRef<AnnouncedConnection>({ online: null, blocked: false });
  const [text, setText] = useState('');
  const announce = useL10n().m.app.announce;
  useEffect(() => {
    if (!status) return;
    const next = statusAnnouncement(announced.current, status, announce);
    announced.current = next.now;
    if (next.text) setText(next.text);
    // A language switch alone says nothing new (the next change is said in the new language).
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [status]);
  return text;
}
