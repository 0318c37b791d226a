SELECT
  c.customer_id,
  TRIM(c.customer_name) AS customer_name,
  c.signup_date
FROM orders AS o
RIGHT JOIN customers AS c
  ON o.customer_id = c.customer_id
WHERE
  o.order_id IS NULL
ORDER BY
  signup_date DESC,
  customer_id ASC
LIMIT 50
