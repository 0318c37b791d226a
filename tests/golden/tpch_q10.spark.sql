SELECT
  c.c_custkey,
  c.c_name,
  SUM(l.l_extendedprice * (
    1 - l.l_discount
  )) AS revenue,
  c.c_acctbal,
  n.n_name,
  c.c_address,
  c.c_phone,
  c.c_comment
FROM customer AS c
JOIN orders AS o
  ON c.c_custkey = o.o_custkey
JOIN lineitem AS l
  ON l.l_orderkey = o.o_orderkey
JOIN nation AS n
  ON c.c_nationkey = n.n_nationkey
WHERE
  o.o_orderdate >= CAST('1993-10-01' AS DATE)
  AND o.o_orderdate < CAST('1993-10-01' AS DATE) + INTERVAL '3' MONTH
  AND l.l_returnflag = 'R'
GROUP BY
  c.c_custkey,
  c.c_name,
  c.c_acctbal,
  c.c_phone,
  n.n_name,
  c.c_address,
  c.c_comment
ORDER BY
  revenue DESC
LIMIT 20
