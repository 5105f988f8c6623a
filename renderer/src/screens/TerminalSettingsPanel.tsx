import { useEffect, useState, type FormEvent } from 'react';
import type { TerminalSettings } from '../../../core/contract/types/settings';
import { localization } from '../../../core/i18n/catalog';
import { LANGUAGE_CODES, LANGUAGES, isLanguage, isLocaleTag } from '../../../core/i18n/languages';
import { call } from '../contract/contract-client';
import { errorText } from '../errors/error-text';
import { applyLocaleSettings, currentL10n, useL10n } from '../i18n/locale-store';
import { useAppStore } from '../store/app-store';

type Printer = { readonly name: string; readonly isDefault: boolean };

/** The machine's locale, for the example of the "automatic" format. */
const SYSTEM_LOCALE = typeof navigator === 'undefined' ? undefined : navigator.language;

/** A sample amount for the format example (minor units): 1,234.50. */
const SAMPLE_AMOUNT = 123_450;

/** Receipt printer, paper width, shop details, timeouts, language and formats; a manager can change them. */
export function TerminalSettingsPanel() {
  const { m } = useL10n();
  const t = m.settings.terminal;
  const currency = useAppStore((s) => s.status?.currency ?? 'USD');
  const isManager = useAppStore((s) => s.session?.clerk?.role === 'manager');
  const toast = useAppStore((s) => s.toast);
  const [settings, setSettings] = useState<TerminalSettings | null>(null);
  const [printers, setPrinters] = useState<readonly Printer[]>([]);
  const [error, setError] = useState<string | null>(null);
  // The locale as typed (it may be half a tag while typing); checked on save.
  const [localeText, setLocaleText] = useState('');

  useEffect(() => {
    call('settings.get', {})
      .then((s) => {
        setSettings(s);
        setLocaleText(s.locale ?? '');
      })
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

  const typedLocale = localeText.trim();
  const localeOk = typedLocale === '' || isLocaleTag(typedLocale);
  // The example follows what is chosen, live: the typed locale when it is one, else the automatic one.
  const example = localization(
    settings.language,
    localeOk && typedLocale ? typedLocale : null,
    SYSTEM_LOCALE,
  );

  const save = async (e: FormEvent): Promise<void> => {
    e.preventDefault();
    setError(null);
    if (!localeOk) {
      setError(t.localeInvalid);
      return;
    }
    try {
      const saved = await call('settings.update', {
        shopName: settings.shopName,
        shopAddress: settings.shopAddress,
        receiptFooter: settings.receiptFooter,
        printerName: settings.printerName,
        paperWidth: settings.paperWidth,
        autoPrint: settings.autoPrint,
        onlineWaitMs: settings.onlineWaitMs,
        autoLockMinutes: settings.autoLockMinutes,
        language: settings.language,
        locale: typedLocale === '' ? null : typedLocale,
      });
      setSettings(saved);
      setLocaleText(saved.locale ?? '');
      // The whole window speaks the saved language at once (the toast too).
      applyLocaleSettings(saved);
      toast('ok', currentL10n().m.settings.terminal.saved);
    } catch (err) {
      setError(errorText(err));
    }
  };

  return (
    <form className="card form settings-form" onSubmit={(e) => void save(e)} data-testid="terminal-settings">
      <h2>{t.title}</h2>
      {isManager ? null : (
        <p className="read-only-note" data-testid="settings-read-only">
          {t.readOnly}
        </p>
      )}
      <fieldset disabled={!isManager}>
        <div className="grid-2">
          <label>
            {t.shopName}
            <input
              value={settings.shopName ?? ''}
              onChange={(e) => edit('shopName', e.target.value || null)}
              maxLength={80}
              data-testid="settings-shop-name"
            />
          </label>
          <label>
            {t.shopAddress}
            <input
              value={settings.shopAddress ?? ''}
              onChange={(e) => edit('shopAddress', e.target.value || null)}
              maxLength={120}
            />
          </label>
          <label className="span-2">
            {t.receiptFooter}
            <textarea
              value={settings.receiptFooter ?? ''}
              onChange={(e) => edit('receiptFooter', e.target.value || null)}
              maxLength={300}
              rows={2}
              placeholder={t.receiptFooterExample}
              data-testid="settings-receipt-footer"
            />
          </label>
          <label>
            {t.printer}
            <select
              value={settings.printerName ?? ''}
              onChange={(e) => edit('printerName', e.target.value || null)}
              data-testid="settings-printer"
            >
              <option value="">{t.noPrinter}</option>
              {printers.map((p) => (
                <option key={p.name} value={p.name}>
                  {p.isDefault ? t.printerDefault({ name: p.name }) : p.name}
                </option>
              ))}
              {settings.printerName && !printers.some((p) => p.name === settings.printerName) ? (
                <option value={settings.printerName}>
                  {t.printerNotFound({ name: settings.printerName })}
                </option>
              ) : null}
            </select>
          </label>
          <div className="test-page">
            <button
              type="button"
              className="btn"
              disabled={!settings.printerName}
              title={settings.printerName ? undefined : t.testPageNeedsPrinter}
              onClick={() =>
                void call('printers.testPage', {})
                  .then((r) =>
                    toast(
                      'ok',
                      currentL10n().m.settings.terminal.testPageSent({
                        number: String(r.testNumber),
                        printer: r.printer,
                      }),
                    ),
                  )
                  .catch((err: unknown) => toast('bad', errorText(err)))
              }
              data-testid="settings-test-page"
            >
              {t.testPage}
            </button>
          </div>
          <label>
            {t.paperWidth}
            <select
              value={settings.paperWidth}
              onChange={(e) => edit('paperWidth', e.target.value as TerminalSettings['paperWidth'])}
              data-testid="settings-paper"
            >
              <option value="80mm">{t.paper80}</option>
              <option value="58mm">{t.paper58}</option>
            </select>
          </label>
          <label>
            {t.onlineWait}
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
            {t.autoLock}
            <input
              type="number"
              min={0}
              max={120}
              value={settings.autoLockMinutes}
              onChange={(e) => edit('autoLockMinutes', Math.round(Number(e.target.value)))}
            />
          </label>
          <label>
            {t.language}
            <select
              value={settings.language}
              onChange={(e) => {
                if (isLanguage(e.target.value)) edit('language', e.target.value);
              }}
              data-testid="settings-language"
            >
              {LANGUAGE_CODES.map((code) => (
                <option key={code} value={code} lang={code}>
                  {LANGUAGES[code].name}
                </option>
              ))}
            </select>
          </label>
          <div className="locale-field">
            <label>
              {t.locale}
              <input
                value={localeText}
                onChange={(e) => setLocaleText(e.target.value)}
                maxLength={35}
                autoComplete="off"
                spellCheck={false}
                placeholder={t.localeAutomatic}
                aria-invalid={localeOk ? undefined : true}
                aria-describedby="settings-locale-example settings-locale-help"
                data-testid="settings-locale"
              />
            </label>
            <p className="muted" id="settings-locale-example" data-testid="settings-locale-example">
              {t.localeExample({
                money: example.fmt.money(SAMPLE_AMOUNT, currency),
                date: example.fmt.date(new Date()),
              })}
            </p>
            <p className="muted" id="settings-locale-help">
              {localeOk ? t.localeHelp : t.localeInvalid}
            </p>
          </div>
        </div>
        <label className="check">
          <input
            type="checkbox"
            checked={settings.autoPrint}
            onChange={(e) => edit('autoPrint', e.target.checked)}
            data-testid="settings-auto-print"
          />
          {t.autoPrint}
        </label>
      </fieldset>
      {error ? (
        <p className="error" role="alert">
          {error}
        </p>
      ) : null}
      {isManager ? (
        <button type="submit" className="btn btn-primary" data-testid="settings-save">
          {t.save}
        </button>
      ) : null}
    </form>
  );
}
