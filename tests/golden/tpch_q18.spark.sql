WITH large_orders AS (
  SELECT
    l.l_orderkey
  FROM lineitem AS l
  GROUP BY
    l.l_orderkey
  HAVING
    SUM(l.l_quantity) > 300
)
SELECT
  c.c_name,
  c.c_custkey,
  o.o_orderkey,
  o.o_orderdate,
  o.o_totalprice,
  SUM(l.l_quantity) AS sum
FROM customer AS c
JOIN orders AS o
  ON c.c_custkey = o.o_custkey
JOIN lineitem AS l
  ON o.o_orderkey = l.l_orderkey
SEMI JOIN large_orders AS large
  ON o.o_orderkey = large.l_orderkey
GROUP BY
  c.c_name,
  c.c_custkey,
  o.o_orderkey,
  o.o_orderdate,
  o.o_totalprice
ORDER BY
  o_totalprice DESC,
  o_orderdate ASC NULLS LAST
LIMIT 100
