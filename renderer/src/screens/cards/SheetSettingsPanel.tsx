import { useEffect, useState, type ChangeEvent, type FormEvent } from 'react';
import type { MethodResult } from '../../../../core/contract/methods';
import { call } from '../../contract/contract-client';
import { errorText } from '../../errors/error-text';
import { currentL10n, useL10n } from '../../i18n/locale-store';
import { useAppStore } from '../../store/app-store';
import '../../styles/cards.css';

type SheetSettings = MethodResult<'cards.sheetSettings'>;

/** Reads a file as base64 (without the data: prefix). */
function fileBase64(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result).replace(/^data:[^,]*,/, ''));
    reader.onerror = () => reject(reader.error ?? new Error(currentL10n().m.cards.sheets.unreadable));
    reader.readAsDataURL(file);
  });
}

/**
 * Settings' "Voucher sheets" panel: the logo printed on every card that has room for it (a PNG, or an SVG of filled
 * paths, at most 256 KB) and the default redemption text. Managers change them.
 */
export function SheetSettingsPanel() {
  const t = useL10n().m.cards.sheets;
  const isManager = useAppStore((s) => s.session?.clerk?.role === 'manager');
  const toast = useAppStore((s) => s.toast);
  const [settings, setSettings] = useState<SheetSettings | null>(null);
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    call('cards.sheetSettings', {})
      .then((s) => {
        setSettings(s);
        setText(s.instructions ?? '');
      })
      .catch((err: unknown) => setError(errorText(err)));
  }, []);

  const apply = async (patch: Parameters<typeof call<'cards.setSheetSettings'>>[1]): Promise<void> => {
    setError(null);
    try {
      setSettings(await call('cards.setSheetSettings', patch));
      toast('ok', currentL10n().m.cards.sheets.saved);
    } catch (err) {
      setError(errorText(err));
    }
  };
  const pick = async (e: ChangeEvent<HTMLInputElement>): Promise<void> => {
    const file = e.target.files?.[0];
    e.target.value = '';
    if (!file) return;
    const kind = file.type === 'image/svg+xml' || file.name.toLowerCase().endsWith('.svg') ? 'svg' : 'png';
    await apply({ logo: { kind, base64: await fileBase64(file) } });
  };
  const saveText = (e: FormEvent): void => {
    e.preventDefault();
    void apply({ instructions: text });
  };

  return (
    <form className="card form" onSubmit={saveText} data-testid="sheet-settings-panel">
      <h2>{t.title}</h2>
      <div className="sheet-logo-row">
        {settings?.logo ? (
          <img src={settings.logo.dataUrl} alt={t.logoAlt} className="sheet-logo" />
        ) : (
          <span className="muted">{t.noLogo}</span>
        )}
        {isManager ? (
          <>
            <label className="btn">
              {settings?.logo ? t.replaceLogo : t.addLogo}
              <input
                type="file"
                accept="image/png,image/svg+xml,.png,.svg"
                className="visually-hidden"
                onChange={(e) => void pick(e)}
                data-testid="sheet-logo-file"
              />
            </label>
            {settings?.logo ? (
              <button type="button" className="btn" onClick={() => void apply({ logo: null })}>
                {t.removeLogo}
              </button>
            ) : null}
          </>
        ) : null}
      </div>
      <label>
        {t.instructions}
        <input
          value={text}
          maxLength={200}
          onChange={(e) => setText(e.target.value)}
          disabled={!isManager}
          placeholder={t.instructionsPlaceholder}
          data-testid="sheet-instructions"
        />
      </label>
      {error ? (
        <p className="error" role="alert">
          {error}
        </p>
      ) : null}
      {isManager ? (
        <div className="modal-actions">
          <button type="submit" className="btn" data-testid="sheet-settings-save">
            {t.saveText}
          </button>
        </div>
      ) : null}
    </form>
  );
}
