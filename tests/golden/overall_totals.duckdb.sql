SELECT
  COUNT(*) AS orders,
  COUNT(DISTINCT orders.customer_id) AS customers,
  SUM(orders.amount) AS revenue,
  AVG(orders.discount) AS avg_discount
FROM orders
WHERE
  orders.order_date >= CAST('2023-01-01' AS DATE)
