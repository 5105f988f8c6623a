/**
 * The cards list of one series in creation order (issue 15): `cards_series` gains `id`, so a page of a series walks
 * it from the cursor in the order it returns instead of reading the whole series and sorting it.
 */
export const sql = `
DROP INDEX cards_series;
CREATE INDEX cards_series ON cards (reseller_id, series_id, id);
`;
