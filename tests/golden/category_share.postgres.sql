SELECT
  COALESCE(p.category, 'unknown') AS category,
  SUM(i.line_amount) AS revenue,
  SUM(i.quantity) AS units,
  SUM(i.line_amount) FILTER(WHERE
    o.channel = 'web') AS web_revenue,
  ROUND(
    CAST(CAST(100.0 * (
      SUM(i.line_amount) FILTER(WHERE
        o.channel = 'web')
    ) AS DOUBLE PRECISION) / SUM(i.line_amount) AS DECIMAL),
    2
  ) AS web_share
FROM order_items AS i
JOIN products AS p
  ON i.product_id = p.product_id
JOIN orders AS o
  ON i.order_id = o.order_id
GROUP BY
  COALESCE(p.category, 'unknown')
ORDER BY
  revenue DESC NULLS LAST
