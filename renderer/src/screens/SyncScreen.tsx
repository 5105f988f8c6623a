import { useCallback, useState } from 'react';
import type { CommandListItem } from '../../../core/contract/types/sync';
import { call } from '../contract/contract-client';
import { usePagedList } from '../hooks/use-paged-list';
import { errorText } from '../errors/error-text';
import { formatLocalTime } from '../format/local-time';
import { currentL10n, useL10n } from '../i18n/locale-store';
import { useAppStore } from '../store/app-store';
import { codeText } from '../errors/code-text';
import { asSentence } from '../errors/sentence';

type Filter = 'pending' | 'rejected' | 'applied' | 'quarantined';
const FILTERS: readonly Filter[] = ['pending', 'rejected', 'applied', 'quarantined'];

/** What is waiting to sync and what the server refused (with its reason), plus "Sync now". */
export function SyncScreen() {
  const { m, fmt } = useL10n();
  const t = m.sync;
  const status = useAppStore((s) => s.status);
  const toast = useAppStore((s) => s.toast);
  const [filter, setFilter] = useState<Filter>('pending');
  const [syncing, setSyncing] = useState(false);
  const fetchPage = useCallback(
    (before: string | null) => call('sync.commands', { filter, limit: 50, before }),
    [filter],
  );
  const { items, next, error, reload, loadMore } = usePagedList<CommandListItem>(fetchPage);

  const syncNow = async (): Promise<void> => {
    if (syncing) return;
    setSyncing(true);
    try {
      const r = await call('sync.now', {});
      const { m: now, fmt: f } = currentL10n();
      if (r.ok)
        toast(
          'ok',
          now.sync.synced({
            sent: f.count(r.pushed),
            applied: f.count(r.applied),
            rejected: f.count(r.rejected),
            received: f.count(r.changesPulled),
          }),
        );
      else toast('bad', now.sync.failed({ reason: asSentence(r.error?.message ?? now.sync.unknownError) }));
      reload();
    } catch (err) {
      toast('bad', errorText(err));
    } finally {
      setSyncing(false);
    }
  };

  const requeue = async (id: string): Promise<void> => {
    try {
      const r = await call('sync.requeue', { id });
      const { sync } = currentL10n().m;
      toast(r.requeued ? 'ok' : 'bad', r.requeued ? sync.requeued : sync.notQuarantined);
      reload();
    } catch (err) {
      toast('bad', errorText(err));
    }
  };

  return (
    <section className="screen" aria-labelledby="screen-title">
      <h1 id="screen-title">{t.title}</h1>
      <div className="toolbar">
        <div className="segmented" role="tablist" aria-label={t.commands}>
          {FILTERS.map((id) => (
            <button
              key={id}
              type="button"
              role="tab"
              aria-selected={id === filter}
              className={id === filter ? 'seg active' : 'seg'}
              onClick={() => setFilter(id)}
              data-testid={`sync-filter-${id}`}
            >
              {t.filter[id]}
              {id === 'pending' && status ? t.pendingCount({ count: fmt.count(status.pendingCount) }) : ''}
            </button>
          ))}
        </div>
        <span className="spacer" />
        <span className="muted">
          {t.lastSync({ when: status?.lastSyncAt ? formatLocalTime(status.lastSyncAt) : t.never })}
          {status?.lastError ? t.lastError({ error: status.lastError }) : ''}
        </span>
        <button
          type="button"
          className="btn btn-primary"
          onClick={() => void syncNow()}
          // Not `disabled` while it runs: a disabled button drops the clerk's focus to <body>.
          aria-disabled={syncing || undefined}
          data-testid="sync-now"
        >
          {syncing ? t.syncing : t.syncNow}
        </button>
      </div>
      {error ? (
        <p className="error" role="alert">
          {error}
        </p>
      ) : null}
      <table className="table" data-testid="sync-table">
        <thead>
          <tr>
            <th>{t.when}</th>
            <th>{t.what}</th>
            <th>{t.mode}</th>
            <th>{filter === 'pending' ? t.attempts : t.result}</th>
          </tr>
        </thead>
        <tbody>
          {items.map((c) => (
            <tr key={c.id}>
              <td>{formatLocalTime(c.createdAt)}</td>
              <td>{c.summary}</td>
              <td>{c.offline ? t.offline : t.online}</td>
              <td>
                {c.state === 'pending' ? (
                  c.attempts
                ) : c.state === 'rejected' || c.state === 'quarantined' ? (
                  <>
                    <span className="bad" title={c.reason ?? ''}>
                      {c.needsManager ? (
                        <strong className="badge-manager" data-testid="needs-manager">
                          {t.needsManager}{' '}
                        </strong>
                      ) : null}
                      {c.reason ? codeText(c.reason, c.message ?? c.reason) : asSentence(c.message ?? '')}
                    </span>
                    {c.state === 'quarantined' ? (
                      <div className="row-actions">
                        <button
                          type="button"
                          className="btn btn-small"
                          onClick={() => void requeue(c.id)}
                          data-testid="sync-requeue"
                          title={t.requeueHint}
                        >
                          {t.sendAgain}
                        </button>
                      </div>
                    ) : null}
                  </>
                ) : (
                  <span className="ok">
                    {t.appliedAt({ when: c.ackedAt ? formatLocalTime(c.ackedAt) : '' })}
                  </span>
                )}
              </td>
            </tr>
          ))}
          {items.length === 0 ? (
            <tr>
              <td colSpan={4} className="muted">
                {t.nothing}
              </td>
            </tr>
          ) : null}
        </tbody>
      </table>
      {next ? (
        <button type="button" className="btn" onClick={loadMore}>
          {t.loadMore}
        </button>
      ) : null}
    </section>
  );
}
