import { useEffect, useState, type ChangeEvent, type FormEvent } from 'react';
import type { MethodResult } from '../../../../core/contract/methods';
import { call } from '../../contract/contract-client';
import { errorText } from '../../errors/error-text';
import { useAppStore } from '../../store/app-store';
import '../../styles/cards.css';

type SheetSettings = MethodResult<'cards.sheetSettings'>;

/** Reads a file as base64 (without the data: prefix). */
function fileBase64(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result).replace(/^data:[^,]*,/, ''));
    reader.onerror = () => reject(reader.error ?? new Error('could not read the file'));
    reader.readAsDataURL(file);
  });
}

/**
 * Settings' "Voucher sheets" panel: the logo printed on every card that has room for it (a PNG, or an SVG of filled
 * paths, at most 256 KB) and the default redemption text. Managers change them.
 */
export function SheetSettingsPanel() {
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
      toast('ok', 'Voucher sheet settings saved');
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
      <h2>Voucher sheets</h2>
      <div className="sheet-logo-row">
        {settings?.logo ? (
          <img src={settings.logo.dataUrl} alt="Logo printed on the cards" className="sheet-logo" />
        ) : (
          <span className="muted">No logo</span>
        )}
        {isManager ? (
          <>
            <label className="btn">
              {settings?.logo ? 'Replace logo' : 'Add logo'}
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
                Remove logo
              </button>
            ) : null}
          </>
        ) : null}
      </div>
      <label>
        Redemption text printed on every card (the print dialog can change it for one sheet)
        <input
          value={text}
          maxLength={200}
          onChange={(e) => setText(e.target.value)}
          disabled={!isManager}
          placeholder="e.g. Dial *123*PIN# or redeem at the counter"
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
            Save text
          </button>
        </div>
      ) : null}
    </form>
  );
}
