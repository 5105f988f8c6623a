import type { BrowserWindow, IpcMainInvokeEvent } from 'electron';
import { describe, expect, it } from 'vitest';
import { isTrustedSender } from '../../../main/electron/trusted-sender';

// Electron cannot launch on this machine, so the IPC sender check is exercised on objects of the same shape.
const ORIGIN = 'app://refill-desk';
const mainFrame = { url: `${ORIGIN}/index.html` };
const webContents = { mainFrame };
const win = { webContents } as unknown as BrowserWindow;
const event = (sender: unknown, senderFrame: unknown): IpcMainInvokeEvent =>
  ({ sender, senderFrame }) as unknown as IpcMainInvokeEvent;

describe('IPC trusted-sender check', () => {
  it('accepts our window’s top frame on our origin', () => {
    expect(isTrustedSender(event(webContents, mainFrame), win, ORIGIN)).toBe(true);
  });

  it('refuses other windows, subframes, other origins and missing frames', () => {
    expect(isTrustedSender(event({ mainFrame }, mainFrame), win, ORIGIN)).toBe(false);
    expect(isTrustedSender(event(webContents, { url: `${ORIGIN}/index.html` }), win, ORIGIN)).toBe(false);
    const foreign = { url: 'https://evil.example/' };
    expect(
      isTrustedSender(
        event({ mainFrame: foreign }, foreign),
        { webContents: { mainFrame: foreign } } as never,
        ORIGIN,
      ),
    ).toBe(false);
    expect(isTrustedSender(event(webContents, null), win, ORIGIN)).toBe(false);
    const badUrl = { url: 'not a url' };
    expect(
      isTrustedSender(
        event({ mainFrame: badUrl }, badUrl),
        { webContents: { mainFrame: badUrl } } as never,
        ORIGIN,
      ),
    ).toBe(false);
  });
});
