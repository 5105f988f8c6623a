/**
 * Inventory stock lots (review of issue 12, F1): stock is bought at a package version, so the shop's stock of a
 * package is kept as one lot per version bought (`bought` units, `consumed` of them sold). A stock sale consumes the
 * shop's lots first in, first out (oldest version first: versions only grow, so that is purchase order) and issues
 * the customer's grant at the face value of the lots it took, recording their wholesale price on the sale, whatever
 * version the terminal's catalog named. The allocation rule (core/stock/stock-allocation.ts) is unchanged: the lots
 * are the shop's, the allocations say which terminal may sell how many, and every unit sold is a unit bought, so the
 * lots always cover what the allocations allow. Existing stock is backfilled from the purchase log, with what was
 * already sold consumed first in, first out.
 */
export const sql = `
CREATE TABLE stock_lots (
  reseller_id uuid NOT NULL,
  package_id uuid NOT NULL,
  package_version integer NOT NULL,
  bought bigint NOT NULL CHECK (bought > 0),
  consumed bigint NOT NULL DEFAULT 0 CHECK (consumed >= 0 AND consumed <= bought),
  PRIMARY KEY (reseller_id, package_id, package_version)
);

WITH lots AS (
  SELECT reseller_id, package_id, package_version, SUM(quantity) AS bought
    FROM stock_moves WHERE kind = 'purchase' AND package_version IS NOT NULL
   GROUP BY reseller_id, package_id, package_version
), ordered AS (
  SELECT l.*, SUM(l.bought) OVER (PARTITION BY l.reseller_id, l.package_id ORDER BY l.package_version
                                  ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS before
    FROM lots l
), sold AS (
  SELECT reseller_id, package_id, SUM(sold) AS sold FROM stock_allocations GROUP BY reseller_id, package_id
)
INSERT INTO stock_lots (reseller_id, package_id, package_version, bought, consumed)
SELECT o.reseller_id, o.package_id, o.package_version, o.bought,
       LEAST(o.bought, GREATEST(0, COALESCE(s.sold, 0) - COALESCE(o.before, 0)))
  FROM ordered o LEFT JOIN sold s ON s.reseller_id = o.reseller_id AND s.package_id = o.package_id;
`;
