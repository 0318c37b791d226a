WITH late_orders AS (
  SELECT DISTINCT
    l.l_orderkey
  FROM lineitem AS l
  WHERE
    l.l_commitdate < l.l_receiptdate
)
SELECT
  o.o_orderpriority,
  COUNT(*) AS order_count
FROM orders AS o
SEMI JOIN late_orders AS late
  ON late.l_orderkey = o.o_orderkey
WHERE
  o.o_orderdate >= CAST('1993-07-01' AS DATE)
  AND o.o_orderdate < CAST('1993-07-01' AS DATE) + INTERVAL '3' MONTH
GROUP BY
  o.o_orderpriority
ORDER BY
  o_orderpriority ASC
