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
WHERE
  LOWER(TRIM(o.status)) <> 'cancelled'
  AND NOT EXISTS(
    SELECT
      1
    FROM captured AS p
    WHERE
      o.order_id = p.order_id
  )
ORDER BY
  order_id ASC
