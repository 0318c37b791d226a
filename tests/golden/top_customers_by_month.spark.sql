SELECT
  month,
  customer_id,
  revenue,
  rank_in_month
FROM (
  SELECT
    DATE_TRUNC('MONTH', o.order_date) AS month,
    c.customer_id,
    SUM(o.amount) AS revenue,
    RANK() OVER (
      PARTITION BY DATE_TRUNC('MONTH', o.order_date)
      ORDER BY SUM(o.amount) DESC, c.customer_id NULLS LAST
    ) AS rank_in_month,
    (
      RANK() OVER (
        PARTITION BY DATE_TRUNC('MONTH', o.order_date)
        ORDER BY SUM(o.amount) DESC, c.customer_id NULLS LAST
      )
    ) <= 3 AS _dm_keep
  FROM orders AS o
  JOIN customers AS c
    ON o.customer_id = c.customer_id
  WHERE
    LOWER(TRIM(o.status)) = 'completed'
  GROUP BY
    DATE_TRUNC('MONTH', o.order_date),
    c.customer_id
) AS _dm_q
WHERE
  _dm_keep
ORDER BY
  month ASC NULLS LAST,
  rank_in_month ASC NULLS LAST
