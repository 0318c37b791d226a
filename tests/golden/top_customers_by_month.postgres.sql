SELECT
  month,
  customer_id,
  revenue,
  rank_in_month
FROM (
  SELECT
    DATE_TRUNC('MONTH', CAST(o.order_date AS TIMESTAMP)) AS month,
    c.customer_id,
    SUM(o.amount) AS revenue,
    RANK() OVER (
      PARTITION BY DATE_TRUNC('MONTH', CAST(o.order_date AS TIMESTAMP))
      ORDER BY SUM(o.amount) DESC NULLS LAST, c.customer_id
    ) AS rank_in_month,
    (
      RANK() OVER (
        PARTITION BY DATE_TRUNC('MONTH', CAST(o.order_date AS TIMESTAMP))
        ORDER BY SUM(o.amount) DESC NULLS LAST, c.customer_id
      )
    ) <= 3 AS _dm_keep
  FROM orders AS o
  JOIN customers AS c
    ON o.customer_id = c.customer_id
  WHERE
    LOWER(TRIM(o.status)) = 'completed'
  GROUP BY
    DATE_TRUNC('MONTH', CAST(o.order_date AS TIMESTAMP)),
    c.customer_id
) AS _dm_q
WHERE
  _dm_keep
ORDER BY
  month ASC,
  rank_in_month ASC
