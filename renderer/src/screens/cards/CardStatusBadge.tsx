import type { CardRow } from '../../../../core/contract/types/cards';

const STATUS_TEXT: Readonly<Record<CardRow['status'], string>> = {
  new: 'New',
  activated: 'Activated',
  expired: 'Expired',
  void: 'Void',
};

/** A card's status as a coloured badge, with its validity on this terminal when it is not plainly valid. */
export function CardStatusBadge({ row }: { row: CardRow }) {
  if (row.validity === 'void_rejected') {
    return (
      <span
        className="card-badge card-badge-rejected"
        title="Its offline batch was rejected by the server: never hand this card out."
      >
        Void (batch rejected)
      </span>
    );
  }
  return (
    <span className="card-badges">
      <span className={`card-badge card-badge-${row.status}`}>{STATUS_TEXT[row.status]}</span>
      {row.validity === 'not_yet_valid' ? (
        <span
          className="card-badge card-badge-pending"
          title="Drawn from the PIN reserve offline: it cannot be redeemed until the server accepts its series."
        >
          Not yet valid
        </span>
      ) : null}
    </span>
  );
}
