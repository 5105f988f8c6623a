/**
 * Cards can move between owners (a mass edit's owner `set`), and every path that ends a card's life (delete, expiry,
 * reserve release, owner move) finds its lookup row by card id: an index for that, so none of them scans the global
 * PIN lookup. Card ids are UUIDv7, so the index grows at its right edge and minting pays little for it.
 */
export const sql = `
CREATE INDEX card_pin_lookup_card ON card_pin_lookup (card_id);
`;
