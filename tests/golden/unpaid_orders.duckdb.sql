WITH captured AS (
  SELECT DISTINCT
    payments.order_id
  FROM payments
  WHERE
    payments.status = 'captured'
)
SELECT
  o.order_id,
  o.customer_id,
  o.amount
FROM orders AS o
ANTI JOIN captured AS p
  ON o.order_id = p.order_id
WHERE
  LOWER(TRIM(o.status)) <> 'cancelled'
ORDER BY
  order_id ASC
