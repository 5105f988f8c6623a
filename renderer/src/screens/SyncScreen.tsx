import { useCallback, useState } from 'react';
import type { CommandListItem } from '../../../core/contract/types/sync';
import { call } from '../contract/contract-client';
import { usePagedList } from '../hooks/use-paged-list';
import { errorText } from '../errors/error-text';
import { formatLocalTime } from '../format/local-time';
import { useAppStore } from '../store/app-store';
import { asSentence } from '../errors/sentence';

type Filter = 'pending' | 'rejected' | 'applied' | 'quarantined';
const FILTERS: readonly { id: Filter; label: string }[] = [
  { id: 'pending', label: 'Pending' },
  { id: 'rejected', label: 'Rejected' },
  { id: 'applied', label: 'Applied' },
  { id: 'quarantined', label: 'Quarantined' },
];

/** What is waiting to sync and what the server refused (with its reason), plus "Sync now". */
export function SyncScreen() {
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
      if (r.ok)
        toast(
          'ok',
          `Synced: ${r.pushed} sent, ${r.applied} applied, ${r.rejected} rejected, ${r.changesPulled} changes received`,
        );
      else toast('bad', `Sync failed: ${asSentence(r.error?.message ?? 'unknown error')}`);
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
      toast(
        r.requeued ? 'ok' : 'bad',
        r.requeued ? 'Sent again: back in the queue.' : 'No longer quarantined.',
      );
      reload();
    } catch (err) {
      toast('bad', errorText(err));
    }
  };

  return (
    <section className="screen" aria-labelledby="screen-title">
      <h1 id="screen-title">Sync</h1>
      <div className="toolbar">
        <div className="segmented" role="tablist" aria-label="Commands">
          {FILTERS.map((f) => (
            <button
              key={f.id}
              type="button"
              role="tab"
              aria-selected={f.id === filter}
              className={f.id === filter ? 'seg active' : 'seg'}
              onClick={() => setFilter(f.id)}
              data-testid={`sync-filter-${f.id}`}
            >
              {f.label}
              {f.id === 'pending' && status ? ` (${status.pendingCount})` : ''}
            </button>
          ))}
        </div>
        <span className="spacer" />
        <span className="muted">
          Last sync: {status?.lastSyncAt ? formatLocalTime(status.lastSyncAt) : 'never'}
          {status?.lastError ? ` · last error: ${status.lastError}` : ''}
        </span>
        <button
          type="button"
          className="btn btn-primary"
          onClick={() => void syncNow()}
          // Not `disabled` while it runs: a disabled button drops the clerk's focus to <body>.
          aria-disabled={syncing || undefined}
          data-testid="sync-now"
        >
          {syncing ? 'Syncing…' : 'Sync now'}
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
            <th>When</th>
            <th>What</th>
            <th>Mode</th>
            <th>{filter === 'pending' ? 'Attempts' : 'Result'}</th>
          </tr>
        </thead>
        <tbody>
          {items.map((c) => (
            <tr key={c.id}>
              <td>{formatLocalTime(c.createdAt)}</td>
              <td>{c.summary}</td>
              <td>{c.offline ? 'offline' : 'online'}</td>
              <td>
                {c.state === 'pending' ? (
                  c.attempts
                ) : c.state === 'rejected' || c.state === 'quarantined' ? (
                  <>
                    <span className="bad" title={c.reason ?? ''}>
                      {c.needsManager ? (
                        <strong className="badge-manager" data-testid="needs-manager">
                          Needs a manager:{' '}
                        </strong>
                      ) : null}
                      {c.message ? asSentence(c.message) : c.reason}
                    </span>
                    {c.state === 'quarantined' ? (
                      <div className="row-actions">
                        <button
                          type="button"
                          className="btn btn-small"
                          onClick={() => void requeue(c.id)}
                          data-testid="sync-requeue"
                          title="Managers: put it back in the queue once what refused it is fixed"
                        >
                          Send again
                        </button>
                      </div>
                    ) : null}
                  </>
                ) : (
                  <span className="ok">applied {c.ackedAt ? formatLocalTime(c.ackedAt) : ''}</span>
                )}
              </td>
            </tr>
          ))}
          {items.length === 0 ? (
            <tr>
              <td colSpan={4} className="muted">
                Nothing here.
              </td>
            </tr>
          ) : null}
        </tbody>
      </table>
      {next ? (
        <button type="button" className="btn" onClick={loadMore}>
          Load more
        </button>
      ) : null}
    </section>
  );
}
