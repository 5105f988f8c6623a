import { useCallback } from 'react';
import { CartesianGrid, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { call } from '../../contract/contract-client';
import { moneyText } from '../../format/money-text';
import { useRemoteValue } from '../../hooks/credit/use-remote-value';
import { useL10n } from '../../i18n/locale-store';
import { moneyFieldText } from './money-field';

/** The closing balance of each of the last 30 UTC days (recharts), kept while offline. */
export function BalanceChart() {
  const { m, fmt } = useL10n();
  const read = useCallback(() => call('wallet.balanceHistory', { days: 30 }), []);
  const { value, error, stale } = useRemoteValue(read, true);
  const currency = value?.currency ?? 'USD';
  return (
    <section className="card wallet-chart" aria-labelledby="wallet-chart-title" data-testid="wallet-chart">
      <h2 id="wallet-chart-title">
        {m.wallet.chart.title} {stale ? <span className="pill pill-offline">{m.wallet.offline}</span> : null}
      </h2>
      {error && !value ? <p className="muted">{error}</p> : null}
      {value ? (
        <div className="wallet-chart-box">
          <ResponsiveContainer width="100%" height={220}>
            <LineChart data={value.points.map((p) => ({ day: p.day.slice(5), balance: p.balance }))}>
              <CartesianGrid strokeDasharray="3 3" stroke="#cbd5e1" />
              <XAxis dataKey="day" tick={{ fontSize: 12 }} minTickGap={16} />
              <YAxis
                tick={{ fontSize: 12 }}
                width={72}
                tickFormatter={(v: number) => moneyFieldText(Math.round(v), currency, fmt.locale)}
              />
              <Tooltip formatter={(v) => moneyText(Number(v), currency)} />
              <Line
                type="linear"
                dataKey="balance"
                name={m.wallet.chart.series}
                stroke="#2563eb"
                strokeWidth={2}
                dot={false}
                isAnimationActive={false}
              />
            </LineChart>
          </ResponsiveContainer>
        </div>
      ) : null}
    </section>
  );
}
