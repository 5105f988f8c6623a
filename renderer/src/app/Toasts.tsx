import { useAppStore } from '../store/app-store';

/** Short-lived messages at the bottom right above the status bar, newest nearest it (a few at once); rejections stay longer. Click to dismiss. */
export function Toasts() {
  const toasts = useAppStore((s) => s.toasts);
  const dismiss = useAppStore((s) => s.dismissToast);
  return (
    <div className="toasts" aria-live="assertive">
      {toasts.map((t) => (
        <button
          key={t.id}
          type="button"
          className={`toast toast-${t.tone}`}
          onClick={() => dismiss(t.id)}
          data-testid="toast"
        >
          {t.text}
        </button>
      ))}
    </div>
  );
}
