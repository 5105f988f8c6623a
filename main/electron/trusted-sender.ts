import type { BrowserWindow, IpcMainInvokeEvent } from 'electron';

/** True only for calls from our own window's top frame, loaded from our own origin. */
export function isTrustedSender(event: IpcMainInvokeEvent, win: BrowserWindow, origin: string): boolean {
  if (event.sender !== win.webContents) return false;
  const frame = event.senderFrame;
  if (!frame || frame !== win.webContents.mainFrame) return false;
  try {
    // Node's URL gives a custom scheme the opaque origin "null", so compare scheme and host instead.
    const url = new URL(frame.url);
    return `${url.protocol}//${url.host}` === origin;
  } catch {
    return false;
  }
}
