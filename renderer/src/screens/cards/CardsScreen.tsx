import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { CardRow } from '../../../../core/contract/types/cards';
import { call, on } from '../../contract/contract-client';
import { errorText } from '../../errors/error-text';
import { useL10n } from '../../i18n/locale-store';
import { useAppStore } from '../../store/app-store';
import '../../styles/cards.css';
import {
  activeFilterCount,
  EMPTY_FILTER_FORM,
  filterKey,
  type CardFilter,
  type CardFilterForm,
} from './card-filter-form';
import { CardPageCache } from './card-page-cache';
import { NO_SELECTION, selectionTarget, type CardSelection, type CardTarget } from './card-target';
import { CardSearchPanel } from './CardSearchPanel';
import { CardsTable } from './CardsTable';
import { DeleteCardsDialog } from './DeleteCardsDialog';
import { EditCardsDialog } from './EditCardsDialog';
import { ExportDialog } from './ExportDialog';
import { PrintSheetDialog } from './PrintSheetDialog';
import { NewSeriesDialog } from './NewSeriesDialog';
import { useSeriesJobs } from './series-jobs';
import { SeriesProgress } from './SeriesProgress';
import { useRevealedPins } from './use-revealed-pins';

type Dialog = 'none' | 'series' | 'edit' | 'delete' | 'export' | 'print';

/** Most ids one mass edit or delete may name (the contract's limit); beyond it use "select all matching". */
const MAX_IDS = 100_000;

/**
 * The Cards screen: every card this terminal knows (local mirror, works offline) in a virtualized table, an advanced
 * search, selection (rows, Shift+click ranges, or all matching), mass edit of the expiry, delete with a typed
 * confirmation, CSV export with a SHA-256 manifest, and "New series" with live progress. Keys: F2 new series,
 * F3 search, F4 edit, F8 delete, F9 export.
 */
export function CardsScreen() {
  const { m, fmt } = useL10n();
  const t = m.cards;
  const isManager = useAppStore((s) => s.session?.clerk?.role === 'manager');
  const online = useAppStore((s) => s.status?.online ?? false);
  const currency = useAppStore((s) => s.status?.currency ?? s.terminal?.terminal?.currency ?? 'USD');
  const ownResellerId = useAppStore((s) => s.terminal?.terminal?.resellerId ?? null);
  const toast = useAppStore((s) => s.toast);
  const jobs = useSeriesJobs((s) => s.jobs);
  const finished = useSeriesJobs((s) => s.finished);
  const dismissJob = useSeriesJobs((s) => s.dismiss);

  const [form, setForm] = useState<CardFilterForm>(EMPTY_FILTER_FORM);
  const [filter, setFilter] = useState<CardFilter>({});
  const [searchOpen, setSearchOpen] = useState(false);
  const [selection, setSelection] = useState<CardSelection>(NO_SELECTION);
  const [dialog, setDialog] = useState<Dialog>('none');
  // What an edit or delete dialog acts on, fixed when it opens (the selection clears once it changed cards).
  const [dialogTarget, setDialogTarget] = useState<CardTarget | null>(null);
  const [version, setVersion] = useState(0);
  const [cache] = useState(
    () =>
      new CardPageCache(
        (f, offset, limit) => call('cards.list', { filter: f, offset, limit }),
        () => setVersion((v) => v + 1),
        errorText,
      ),
  );
  const { revealed, now, reveal, hide } = useRevealedPins();
  // Finished jobs leave the screen's banner after a while (the table has room again); failed ones stay until closed.
  const [hiddenJobs, setHiddenJobs] = useState<ReadonlySet<string>>(new Set());
  useEffect(() => {
    const done = jobs.filter((j) => j.state === 'done' && !hiddenJobs.has(j.jobId));
    if (done.length === 0) return;
    const timer = setTimeout(
      () => setHiddenJobs((cur) => new Set([...cur, ...done.map((j) => j.jobId)])),
      15_000,
    );
    return () => clearTimeout(timer);
  }, [jobs, hiddenJobs]);
  const shownJobs = jobs.filter((j) => !hiddenJobs.has(j.jobId));
  const key = filterKey(filter);
  const searchButton = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    cache.setFilter(filter);
    // The filter's key changes exactly when the filter does.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [cache, key]);

  // Reload what is on screen after a sync round, and when a series finished.
  useEffect(() => {
    let syncing = false;
    return on('app.status', (s) => {
      if (syncing && !s.syncing) cache.invalidate();
      syncing = s.syncing;
    });
  }, [cache]);
  useEffect(() => {
    if (finished > 0) cache.invalidate();
  }, [cache, finished]);

  const total = cache.total;
  const target = selectionTarget(selection, filter);
  const matching = useMemo(() => ({ kind: 'filter' as const, filter }), [filter]);
  const selectedCount = selection.all ? (total ?? 0) : selection.ids.size;

  const onToggle = useCallback(
    (index: number, row: CardRow, shift: boolean) => {
      if (shift && selection.anchor !== null) {
        const anchor = selection.anchor;
        cache
          .idsInRange(anchor, index)
          .then((ids) =>
            setSelection((cur) => {
              const next = new Set(cur.ids);
              for (const id of ids) next.add(id);
              return { all: false, ids: next, anchor: index };
            }),
          )
          .catch((err: unknown) => toast('bad', errorText(err)));
        return;
      }
      setSelection((cur) => {
        const next = new Set(cur.ids);
        if (next.has(row.id)) next.delete(row.id);
        else next.add(row.id);
        return { all: false, ids: next, anchor: index };
      });
    },
    [cache, selection.anchor, toast],
  );

  const applySearch = (nextForm: CardFilterForm, next: CardFilter): void => {
    setForm(nextForm);
    setFilter(next);
    setSelection(NO_SELECTION);
  };

  const changed = useCallback(() => {
    cache.invalidate();
    setSelection(NO_SELECTION);
  }, [cache]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent): void => {
      if (dialog !== 'none' || e.altKey || e.ctrlKey || e.metaKey) return;
      const open = (d: Dialog): void => {
        e.preventDefault();
        setDialogTarget(target);
        setDialog(d);
      };
      if (e.key === 'F3') {
        e.preventDefault();
        setSearchOpen((o) => !o);
      } else if (e.key === 'F2' && isManager) open('series');
      else if (e.key === 'F4' && isManager && target) open('edit');
      else if (e.key === 'F8' && isManager) open('delete');
      else if (e.key === 'F9') open('export');
      else if (e.key === 'F6' && isManager) open('print');
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [dialog, isManager, target]);

  const filters = activeFilterCount(form);
  const tooMany = !selection.all && selection.ids.size > MAX_IDS;

  return (
    <section className="screen cards-screen" aria-labelledby="screen-title">
      <div className="cards-header">
        <h1 id="screen-title">{t.title}</h1>
        <span className="muted cards-total" data-testid="cards-total">
          {total === null ? m.common.loading : fmt.counted(total, filters > 0 ? t.cardsMatch : t.cardCount)}
        </span>
        <span className="spacer" />
        <button
          ref={searchButton}
          type="button"
          className={searchOpen ? 'btn active' : 'btn'}
          onClick={() => setSearchOpen((o) => !o)}
          aria-expanded={searchOpen}
          data-testid="cards-search-toggle"
        >
          {filters > 0 ? t.searchWithCount({ count: fmt.count(filters) }) : m.common.search} <kbd>F3</kbd>
        </button>
        <button type="button" className="btn" onClick={() => setDialog('export')} data-testid="cards-export">
          {m.common.exportCsv} <kbd>F9</kbd>
        </button>
        {isManager ? (
          <button
            type="button"
            className="btn"
            onClick={() => {
              setDialogTarget(target);
              setDialog('print');
            }}
            data-testid="cards-print"
          >
            {t.printSheet} <kbd>F6</kbd>
          </button>
        ) : null}
        {isManager ? (
          <button
            type="button"
            className="btn btn-primary"
            onClick={() => setDialog('series')}
            data-testid="cards-new-series"
          >
            {t.newSeries} <kbd>F2</kbd>
          </button>
        ) : null}
      </div>

      {shownJobs.length > 0 ? (
        <div className="series-jobs">
          {shownJobs.map((j) => (
            <SeriesProgress key={j.jobId} job={j} onDismiss={() => dismissJob(j.jobId)} />
          ))}
        </div>
      ) : null}

      {searchOpen ? (
        <CardSearchPanel
          initial={form}
          currency={currency}
          onApply={(f, next) => {
            applySearch(f, next);
          }}
        />
      ) : null}

      <div className="selection-bar" data-testid="selection-bar">
        <span data-testid="selection-text">
          {selection.all
            ? t.selection.allMatching({ count: fmt.count(selectedCount) })
            : selectedCount > 0
              ? t.selection.selected({ count: fmt.count(selectedCount) })
              : t.selection.none}
        </span>
        {!selection.all && total !== null && total > 0 ? (
          <button
            type="button"
            className="btn btn-compact"
            onClick={() => setSelection({ all: true, ids: new Set(), anchor: null })}
            data-testid="select-all-matching"
          >
            {t.selection.selectAllMatching({ count: fmt.count(total) })}
          </button>
        ) : null}
        {selectedCount > 0 ? (
          <button
            type="button"
            className="btn btn-compact"
            onClick={() => setSelection(NO_SELECTION)}
            data-testid="select-clear"
          >
            {t.selection.clear}
          </button>
        ) : null}
        <span className="spacer" />
        {isManager ? (
          <>
            <button
              type="button"
              className="btn btn-compact"
              disabled={!target || tooMany || !online}
              title={!online ? t.selection.editOffline : undefined}
              onClick={() => {
                setDialogTarget(target);
                setDialog('edit');
              }}
              data-testid="cards-edit"
            >
              {t.selection.edit} <kbd>F4</kbd>
            </button>
            <button
              type="button"
              className="btn btn-compact btn-danger-outline"
              disabled={total === 0 || tooMany || !online}
              title={!online ? t.selection.deleteOffline : undefined}
              onClick={() => {
                setDialogTarget(target);
                setDialog('delete');
              }}
              data-testid="cards-delete"
            >
              {t.selection.delete} <kbd>F8</kbd>
            </button>
          </>
        ) : null}
      </div>
      {tooMany ? (
        <p className="error" role="alert">
          {t.selection.tooMany({ max: fmt.count(MAX_IDS) })}
        </p>
      ) : null}
      {cache.error ? (
        <p className="error" role="alert" data-testid="cards-error">
          {cache.error}
        </p>
      ) : null}

      <div className="cards-table-wrap">
        {total === 0 ? (
          <div className="cards-empty" data-testid="cards-empty">
            {filters > 0 ? t.empty.noMatch : isManager ? t.empty.manager : t.empty.clerk}
          </div>
        ) : (
          <CardsTable
            key={key}
            cache={cache}
            version={version}
            total={total ?? 0}
            isSelected={(row) => selection.ids.has(row.id)}
            allMatching={selection.all}
            onToggle={onToggle}
            canReveal={isManager}
            revealed={revealed}
            now={now}
            onReveal={reveal}
            onHide={hide}
            ownResellerId={ownResellerId}
          />
        )}
      </div>
      <p className="muted cards-foot">
        {t.timesLocal} {isManager ? t.revealAudited : ''}
      </p>

      {dialog === 'series' ? (
        <NewSeriesDialog
          currency={currency}
          online={online}
          onClose={() => setDialog('none')}
          onShowSeries={(prefix) => {
            const next = { ...EMPTY_FILTER_FORM, prefix };
            applySearch(next, { prefix });
            setDialog('none');
          }}
        />
      ) : null}
      {dialog === 'edit' && dialogTarget ? (
        <EditCardsDialog
          target={dialogTarget}
          total={total}
          ownResellerId={ownResellerId}
          onClose={() => setDialog('none')}
          onDone={changed}
        />
      ) : null}
      {dialog === 'delete' ? (
        <DeleteCardsDialog
          selected={dialogTarget && dialogTarget.kind === 'ids' ? dialogTarget : null}
          matching={matching}
          total={total}
          currency={currency}
          onClose={() => setDialog('none')}
          onDone={changed}
        />
      ) : null}
      {dialog === 'print' ? (
        <PrintSheetDialog
          target={dialogTarget ?? { kind: 'filter', filter }}
          total={dialogTarget && dialogTarget.kind === 'ids' ? dialogTarget.ids.length : total}
          onClose={() => setDialog('none')}
        />
      ) : null}
      {dialog === 'export' ? (
        <ExportDialog filter={filter} total={total} isManager={isManager} onClose={() => setDialog('none')} />
      ) : null}
    </section>
  );
}
