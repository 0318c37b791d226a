-- The code of examples/customer_order_summary.json with one typo: o.amout for o.amount.
-- `datamorph run --spec examples/customer_order_summary.json --code examples/broken.sql`
-- fails on it, and healing repairs the name from the catalog.
SELECT
  c.customer_id,
  c.customer_name,
  SUM(o.amout - COALESCE(o.discount, 0)) AS total_amount,
  COUNT(o.order_id) AS order_count
FROM customers AS c
LEFT JOIN orders AS o
  ON c.customer_id = o.customer_id
WHERE
  o.status = 'completed'
GROUP BY
  c.customer_id,
  c.customer_name
HAVING
  SUM(o.amount - COALESCE(o.discount, 0)) > 1000
ORDER BY
  total_amount DESC
