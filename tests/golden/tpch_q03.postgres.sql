SELECT
  l.l_orderkey,
  SUM(l.l_extendedprice * (
    1 - l.l_discount
  )) AS revenue,
  o.o_orderdate,
  o.o_shippriority
FROM customer AS c
JOIN orders AS o
  ON c.c_custkey = o.o_custkey
JOIN lineitem AS l
  ON l.l_orderkey = o.o_orderkey
WHERE
  c.c_mktsegment = 'BUILDING'
  AND o.o_orderdate < CAST('1995-03-15' AS DATE)
  AND l.l_shipdate > CAST('1995-03-15' AS DATE)
GROUP BY
  l.l_orderkey,
  o.o_orderdate,
  o.o_shippriority
ORDER BY
  revenue DESC NULLS LAST,
  o_orderdate ASC
LIMIT 10
