import { useState } from 'react';
import { useAppStore } from '../../store/app-store';
import { useL10n } from '../../i18n/locale-store';
import { ShiftHistory } from '../shifts/ShiftHistory';
import { ShiftPanel } from '../shifts/ShiftPanel';
import { SalesReportPanel } from './SalesReportPanel';
import '../../styles/reports.css';

type Tab = 'shift' | 'sales' | 'shifts';

const TABS: readonly { id: Tab; manager: boolean }[] = [
  { id: 'shift', manager: false },
  { id: 'sales', manager: true },
  { id: 'shifts', manager: true },
];

/**
 * Reports (Alt+6): the drawer's shift for every clerk (open, cash in/out, X- and Z-reports); for managers also the
 * sales report of a range of days and the past shifts.
 */
export function ReportsScreen() {
  const isManager = useAppStore((s) => s.session?.clerk?.role === 'manager');
  const { m } = useL10n();
  const [tab, setTab] = useState<Tab>('shift');
  const tabs = TABS.filter((t) => isManager || !t.manager);
  return (
    <section className="screen reports-screen" aria-labelledby="screen-title">
      <h1 id="screen-title">{m.reports.title}</h1>
      {tabs.length > 1 ? (
        <div className="toolbar">
          <div className="segmented" role="tablist" aria-label={m.reports.tabs.label}>
            {tabs.map((t) => (
              <button
                key={t.id}
                type="button"
                role="tab"
                aria-selected={tab === t.id}
                className={tab === t.id ? 'seg active' : 'seg'}
                onClick={() => setTab(t.id)}
                data-testid={`reports-tab-${t.id}`}
              >
                {m.reports.tabs[t.id]}
              </button>
            ))}
          </div>
        </div>
      ) : null}
      {tab === 'shift' ? <ShiftPanel /> : tab === 'sales' ? <SalesReportPanel /> : <ShiftHistory />}
    </section>
  );
}
