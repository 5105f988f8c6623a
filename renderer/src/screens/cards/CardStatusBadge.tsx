import type { CardRow } from '../../../../core/contract/types/cards';
import { useL10n } from '../../i18n/locale-store';

/** A card's status as a coloured badge, with its validity on this terminal when it is not plainly valid. */
export function CardStatusBadge({ row }: { row: CardRow }) {
  const t = useL10n().m.cards.status;
  if (row.validity === 'void_rejected') {
    return (
      <span className="card-badge card-badge-rejected" title={t.rejectedTitle}>
        {t.rejected}
      </span>
    );
  }
  return (
    <span className="card-badges">
      <span className={`card-badge card-badge-${row.status}`}>{t[row.status]}</span>
      {row.validity === 'not_yet_valid' ? (
        <span className="card-badge card-badge-pending" title={t.notYetValidTitle}>
          {t.notYetValid}
        </span>
      ) : null}
    </span>
  );
}
