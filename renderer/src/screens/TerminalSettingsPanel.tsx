import { useEffect, useState, type FormEvent } from 'react';
import type { TerminalSettings } from '../../../core/contract/types/settings';
import { call } from '../contract/contract-client';
import { errorText } from '../errors/error-text';
import { useAppStore } from '../store/app-store';

type Printer = { readonly name: string; readonly isDefault: boolean };

/** Receipt printer, paper width, shop details and timeouts; a manager can change them. */
export function TerminalSettingsPanel() {
  const isManager = useAppStore((s) => s.session?.clerk?.role === 'manager');
  const toast = useAppStore((s) => s.toast);
  const [settings, setSettings] = useState<TerminalSettings | null>(null);
  const [printers, setPrinters] = useState<readonly Printer[]>([]);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    call('settings.get', {})
      .then(setSettings)
      .catch((err: unknown) => setError(errorText(err)));
    call('printers.list', {})
      .then(setPrinters)
      .catch(() => setPrinters([]));
  }, []);

  if (!settings)
    return error ? (
      <p className="error" role="alert">
        {error}
      </p>
    ) : null;
  const edit = <K extends keyof TerminalSettings>(key: K, value: TerminalSettings[K]): void =>
    setSettings({ ...settings, [key]: value });

  const save = async (e: FormEvent): Promise<void> => {
    e.preventDefault();
    setError(null);
    try {
      setSettings(
        await call('settings.update', {
          shopName: settings.shopName,
          shopAddress: settings.shopAddress,
          receiptFooter: settings.receiptFooter,
          printerName: settings.printerName,
          paperWidth: settings.paperWidth,
          autoPrint: settings.autoPrint,
          onlineWaitMs: settings.onlineWaitMs,
          autoLockMinutes: settings.autoLockMinutes,
        }),
      );
      toast('ok', 'Settings saved');
    } catch (err) {
      setError(errorText(err));
    }
  };

  return (
    <form className="card form settings-form" onSubmit={(e) => void save(e)} data-testid="terminal-settings">
      <h2>Terminal</h2>
      {isManager ? null : (
        <p className="read-only-note" data-testid="settings-read-only">
          Only a manager can change these settings.
        </p>
      )}
      <fieldset disabled={!isManager}>
        <div className="grid-2">
          <label>
            Shop name on receipts
            <input
              value={settings.shopName ?? ''}
              onChange={(e) => edit('shopName', e.target.value || null)}
              maxLength={80}
              data-testid="settings-shop-name"
            />
          </label>
          <label>
            Shop address
            <input
              value={settings.shopAddress ?? ''}
              onChange={(e) => edit('shopAddress', e.target.value || null)}
              maxLength={120}
            />
          </label>
          <label className="span-2">
            Receipt footer (support line, thanks)
            <textarea
              value={settings.receiptFooter ?? ''}
              onChange={(e) => edit('receiptFooter', e.target.value || null)}
              maxLength={300}
              rows={2}
              placeholder="Thank you! Support: +1 555 0100"
              data-testid="settings-receipt-footer"
            />
          </label>
          <label>
            Receipt printer
            <select
              value={settings.printerName ?? ''}
              onChange={(e) => edit('printerName', e.target.value || null)}
              data-testid="settings-printer"
            >
              <option value="">None (save receipts as PDF)</option>
              {printers.map((p) => (
                <option key={p.name} value={p.name}>
                  {p.name}
                  {p.isDefault ? ' (default)' : ''}
                </option>
              ))}
              {settings.printerName && !printers.some((p) => p.name === settings.printerName) ? (
                <option value={settings.printerName}>{settings.printerName} (not found)</option>
              ) : null}
            </select>
          </label>
          <div className="test-page">
            <button
              type="button"
              className="btn"
              disabled={!settings.printerName}
              title={settings.printerName ? undefined : 'Choose a printer and save first'}
              onClick={() =>
                void call('printers.testPage', {})
                  .then((r) => toast('ok', `Test page ${r.testNumber} sent to ${r.printer}`))
                  .catch((err: unknown) => toast('bad', errorText(err)))
              }
              data-testid="settings-test-page"
            >
              Print a test page
            </button>
          </div>
          <label>
            Paper width
            <select
              value={settings.paperWidth}
              onChange={(e) => edit('paperWidth', e.target.value as TerminalSettings['paperWidth'])}
              data-testid="settings-paper"
            >
              <option value="80mm">80 mm</option>
              <option value="58mm">58 mm</option>
            </select>
          </label>
          <label>
            Wait for the server before going offline (seconds)
            <input
              type="number"
              min={0.5}
              max={10}
              step={0.5}
              value={settings.onlineWaitMs / 1000}
              onChange={(e) => edit('onlineWaitMs', Math.round(Number(e.target.value) * 1000))}
              data-testid="settings-online-wait"
            />
          </label>
          <label>
            Lock after inactivity (minutes, 0 = never)
            <input
              type="number"
              min={0}
              max={120}
              value={settings.autoLockMinutes}
              onChange={(e) => edit('autoLockMinutes', Math.round(Number(e.target.value)))}
            />
          </label>
        </div>
        <label className="check">
          <input
            type="checkbox"
            checked={settings.autoPrint}
            onChange={(e) => edit('autoPrint', e.target.checked)}
            data-testid="settings-auto-print"
          />
          Print the receipt automatically after each sale
        </label>
      </fieldset>
      {error ? (
        <p className="error" role="alert">
          {error}
        </p>
      ) : null}
      {isManager ? (
        <button type="submit" className="btn btn-primary" data-testid="settings-save">
          Save settings
        </button>
      ) : null}
    </form>
  );
}
