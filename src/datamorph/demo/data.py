"""A seeded retail data set generated inside DuckDB, for demos, docs and tests.

`generate_retail(con, orders=N, seed=S)` (re)creates five tables in `con`'s main schema:
customers (~N/10, at least 100), products (~N/1000, at least 50), orders (N), order_items
(1-4 per order, ~2.5 on average) and payments (mostly one per paid order, ~4% split in two).
Everything is set-based SQL over `range()`; every "random" value is a hash of (row key, column
salt, seed), so the same seed and size give identical tables (for a given DuckDB version,
whatever the thread count) and another seed gives different ones.

Invariants a pipeline can rely on (and reconcile against):
- primary keys are declared; every relationship in RETAIL_FOREIGN_KEYS resolves (not declared
  as FOREIGN KEY constraints, for speed: see `generate_retail`);
- orders.amount = sum(order_items.line_amount); line_amount = quantity * unit_price;
- payment amounts of an order sum to amount - coalesce(discount, 0); payment_date >= order_date;
- customers.signup_date <= the customer's first order_date; ~8% of customers never order.

Deliberate dirt, small and deterministic, so cleaning steps have something to do:
- customers.email: 2% NULL; 1% malformed (no '@', upper-case, or whitespace-padded);
- customers.customer_name: 0.5% with leading/trailing whitespace (exact shares per 200 rows);
- orders.status: ~1% upper-cased, space-prefixed or capitalised ('COMPLETED', ' completed',
  'Completed', and likewise for the other statuses);
- products.category: NULL for ~2.5% of products (at least one);
- payments.method: ~0.5% NULL.
"""

from __future__ import annotations

import contextlib
import math
import zlib

import duckdb

from datamorph.errors import UsageError

RETAIL_TABLES: tuple[str, ...] = ("customers", "products", "orders", "order_items", "payments")
MIN_ORDERS, MAX_ORDERS = 1_000, 10_000_000

_FIRST = ["Ada", "Ben", "Chloe", "Dev", "Elena", "Farid", "Grace", "Hiro", "Ines", "Jonas"]
_FIRST += ["Kira", "Liam", "Maya", "Noah", "Olga", "Priya", "Quinn", "Rosa", "Sam", "Yusuf"]
_LAST = ["Smith", "Garcia", "Chen", "Müller", "Rossi", "Kowalski", "Okafor", "Tanaka", "Silva"]
_LAST += ["Novak", "Dubois", "Patel", "Jensen", "Murphy", "Haddad", "Kim", "Larsen", "Moreau"]
# Repeated entries weight the draw: most customers are in the US, UK and Germany.
_PLACES = [("United States", "New York"), ("United States", "Chicago"), ("United States", "Austin")]
_PLACES += [("United States", "Seattle"), ("United Kingdom", "London"), ("United Kingdom", "Leeds")]
_PLACES += [("Germany", "Berlin"), ("Germany", "Munich"), ("France", "Paris"), ("Spain", "Madrid")]
_PLACES += [("Canada", "Toronto"), ("Brazil", "Sao Paulo"), ("Japan", "Osaka"), ("India", "Pune")]
# category -> (typical unit price, nouns for product names)
_CATEGORIES = {
    "electronics": (120, ["Headphones", "Charger", "Speaker"]),
    "books": (18, ["Novel", "Cookbook", "Atlas"]),
    "clothing": (45, ["Jacket", "T-Shirt", "Sneakers"]),
    "home": (60, ["Lamp", "Cushion", "Rug"]),
    "garden": (35, ["Planter", "Hose", "Shears"]),
    "toys": (25, ["Puzzle", "Robot", "Kite"]),
    "sports": (50, ["Yoga Mat", "Dumbbell", "Racket"]),
    "beauty": (22, ["Serum", "Lipstick", "Shampoo"]),
    "grocery": (9, ["Coffee", "Olive Oil", "Tea"]),
    "office": (15, ["Notebook", "Desk Chair", "Pen Set"]),
}
# (value, share) draws, in cumulative order.
_STATUSES = [("completed", 0.7), ("shipped", 0.1), ("pending", 0.08), ("cancelled", 0.07)]
_STATUSES += [("returned", 0.05)]
_CHANNELS = [("web", 0.45), ("mobile", 0.3), ("store", 0.15), ("partner", 0.1)]
_SEGMENTS = [("consumer", 0.7), ("corporate", 0.15), ("small_business", 0.15)]
_METHODS = [("card", 0.55), ("paypal", 0.25), ("bank_transfer", 0.12), ("gift_card", 0.08)]
_ADJECTIVES = ["Classic", "Eco", "Pro", "Compact", "Deluxe", "Everyday", "Smart", "Vintage"]
_STAGE_ORDERS, _STAGE_ITEMS = "_datamorph_stage_orders", "_datamorph_stage_items"

# Column types exactly as published; the first column of each table is its primary key.
_DDL = {
    "customers": """customer_id INTEGER, customer_name VARCHAR, email VARCHAR, country VARCHAR,
        city VARCHAR, segment VARCHAR, signup_date DATE, is_active BOOLEAN""",
    "products": """product_id INTEGER, product_name VARCHAR, category VARCHAR,
        unit_price DECIMAL(10,2), is_active BOOLEAN""",
    "orders": """order_id INTEGER, customer_id INTEGER, order_date DATE, status VARCHAR,
        amount DECIMAL(12,2), discount DECIMAL(10,2), channel VARCHAR""",
    "order_items": """order_item_id BIGINT, order_id INTEGER, product_id INTEGER,
        quantity INTEGER, unit_price DECIMAL(10,2), line_amount DECIMAL(12,2)""",
    "payments": """payment_id BIGINT, order_id INTEGER, payment_date DATE, method VARCHAR,
        amount DECIMAL(12,2), status VARCHAR""",
}
# (child table, column, parent table, column): always true of the data, but not declared;
# see `generate_retail` for why.
RETAIL_FOREIGN_KEYS: tuple[tuple[str, str, str, str], ...] = (
    ("orders", "customer_id", "customers", "customer_id"),
    ("order_items", "order_id", "orders", "order_id"),
    ("order_items", "product_id", "products", "product_id"),
    ("payments", "order_id", "orders", "order_id"),
)


def _lit(values: list[str]) -> str:
    """A SQL list literal; DuckDB lists are 1-based, hence the `1 + hash % n` picks below."""
    return "[" + ", ".join("'" + v.replace("'", "''") + "'" for v in values) + "]"


class _Rand:
    """SQL snippets for deterministic pseudo-random values keyed by row and salted per column."""

    def __init__(self, seed: int) -> None:
        self.seed = seed

    def h(self, key: str, salt: str) -> str:
        # DuckDB's multi-argument hash() barely mixes its later arguments (seeds 42 and 43 give
        # 0.9-correlated values; salts only flip low bits), so hash the result once more. The
        # salt goes in as its CRC-32: an integer hashes about twice as fast as a string.
        return f"hash(hash({key}, {zlib.crc32(salt.encode())}, {self.seed}))"

    def u(self, key: str, salt: str) -> str:
        """Uniform DOUBLE in [0, 1)."""
        return f"({self.h(key, salt)} / 18446744073709551616.0)"

    def scatter(self, rank: str, salt: str, n: int) -> str:
        """A seeded permutation of 0..n-1 mapped to ids 1..n: the busiest customers and best
        sellers (low ranks) end up spread over the id space instead of bunched at id 1."""
        step = round(n * 0.6180339887)  # golden-ratio stride: neighbours land far apart
        while math.gcd(step, n) != 1:  # coprime, so the stride permutes instead of colliding
            step += 1
        return f"(({rank} * {step} + {self.h('0', salt)} % {n}) % {n} + 1)::INTEGER"

    def pick(self, key: str, salt: str, n: int) -> str:
        """Uniform INTEGER in [1, n], i.e. a 1-based list index."""
        return f"(1 + {self.h(key, salt)} % {n})::INTEGER"


def _weighted(u: str, choices: list[tuple[str, float]]) -> str:
    """CASE over cumulative shares; `u` must be a column so it is evaluated once per row."""
    whens, edge = [], 0.0
    for value, share in choices[:-1]:
        edge += share
        whens.append(f"WHEN {u} < {edge:.4f} THEN '{value}'")
    return f"CASE {' '.join(whens)} ELSE '{choices[-1][0]}' END"


def _stage_orders_sql(r: _Rand, orders: int, customers: int) -> str:
    # Ranks past 92% of the customers are never drawn, so ~8% of customers never order; squaring
    # a uniform gives low ranks far more orders (a power-law-like skew of customer activity).
    rank = f"floor({int(customers * 0.92)} * u_cust * u_cust)::BIGINT"
    return f"""
        WITH o AS (
            SELECT range::INTEGER AS order_id, {r.u("range", "cust")} AS u_cust,
                {r.u("range", "date")} AS u_date, {r.u("range", "season")} AS u_season,
                {r.pick("range", "season_day", 47)} AS season_day, {r.u("range", "pay")} AS u_pay,
                {r.u("range", "status")} AS u_status, {r.u("range", "channel")} AS u_channel,
                {r.pick("range", "items", 4)} AS n_items
            FROM range(1, {orders} + 1)
        ), d AS (
            -- Inverse CDF of a linearly rising density: the last day sees ~3x the first.
            SELECT *, DATE '2021-01-01'
                + floor((sqrt(1 + 8 * u_date) - 1) / 2 * 1826)::INTEGER AS base_date
            FROM o
        )
        SELECT order_id, n_items, u_pay, {_weighted("u_status", _STATUSES)} AS status,
            {_weighted("u_channel", _CHANNELS)} AS channel,
            {r.scatter(rank, "cust", customers)} AS customer_id,
            -- ~12% of orders land in the Nov 15 - Dec 31 holiday season of their year.
            CASE WHEN u_season < 0.12 THEN make_date(year(base_date), 11, 15) + season_day - 1
                 ELSE base_date END AS order_date
        FROM d"""


def _products_sql(r: _Rand, n: int) -> str:
    prices = "[" + ", ".join(str(price) for price, _ in _CATEGORIES.values()) + "]"
    nouns = "[" + ", ".join(_lit(names) for _, names in _CATEGORIES.values()) + "]"
    return f"""
        WITH p AS (
            SELECT range::INTEGER AS product_id, {r.pick("range", "cat", len(_CATEGORIES))} AS cat,
                {r.pick("range", "adj", len(_ADJECTIVES))} AS adj, {r.u("range", "price")} AS u_p,
                {r.pick("range", "noun", 3)} AS noun, 99 + {r.pick("range", "model", 900)} AS model,
                {r.u("range", "active")} AS u_active
            FROM range(1, {n} + 1)
        )
        SELECT product_id,
            {_lit(_ADJECTIVES)}[adj] || ' ' || {nouns}[cat][noun] || ' ' || model AS product_name,
            -- Every 40th id (offset by the seed) has no category: always at least one product.
            CASE WHEN product_id % 40 = {r.seed % 40} THEN NULL
                 ELSE {_lit(list(_CATEGORIES))}[cat] END AS category,
            ({prices}[cat] * exp((u_p - 0.5) * 2))::DECIMAL(10,2) AS unit_price,
            u_active < 0.92 AS is_active
        FROM p ORDER BY product_id"""


def _stage_items_sql(r: _Rand, products: int) -> str:
    # An order's lines walk the skewed product rank by a fixed step below n/3, so no order lists
    # a product twice.
    rank = f"(floor({products} * u_prod * u_prod)::BIGINT + (l.range - 1) * step) % {products}"
    return f"""
        WITH o AS (
            SELECT order_id, n_items, {r.u("order_id", "prod")} AS u_prod,
                {r.pick("order_id", "step", products // 4 - 1)} AS step
            FROM {_STAGE_ORDERS}
        ), i AS (
            SELECT o.order_id, l.range::INTEGER AS line_no,
                {r.scatter(rank, "prod", products)} AS product_id,
                -- Cubing a uniform skews quantities small: ~46% of lines have quantity 1.
                1 + floor(10 * pow({r.u("o.order_id, l.range", "qty")}, 3))::INTEGER AS quantity
            FROM o, range(1, 5) AS l
            WHERE l.range <= o.n_items
        )
        SELECT i.*, p.unit_price, (i.quantity * p.unit_price)::DECIMAL(12,2) AS line_amount
        FROM i JOIN main.products AS p USING (product_id)"""


def _customers_sql(r: _Rand, n: int) -> str:
    return f"""
        WITH c AS (
            SELECT range::INTEGER AS customer_id, {r.u("range", "seg")} AS u_seg,
                -- Dirt goes to fixed slots of each block of 200 customers, at a random offset
                -- per block, so even the smallest data set gets its share of every kind.
                ((range - 1) % 200 - {r.pick("(range - 1) // 200", "dirt", 200)} + 201) % 200
                    AS slot, {r.pick("range", "malformed", 3)} AS malformed,
                {_lit(_FIRST)}[{r.pick("range", "first", len(_FIRST))}] AS first_name,
                {_lit(_LAST)}[{r.pick("range", "last", len(_LAST))}] AS last_name,
                {r.pick("range", "place", len(_PLACES))} AS place,
                strip_accents(lower(first_name || '.' || last_name || range || '@example.'
                    || ['com', 'org', 'net'][{r.pick("range", "domain", 3)}])) AS email,
                DATE '2019-01-01' + {r.pick("range", "signup", 2557)} - 1 AS signup_date,
                {r.u("range", "active")} < 0.9 AS is_active
            FROM range(1, {n} + 1)
        ), first_order AS (
            SELECT customer_id, min(order_date) AS first_date FROM {_STAGE_ORDERS} GROUP BY ALL
        )
        SELECT customer_id,
            CASE WHEN slot = 6 THEN ' ' || first_name || ' ' || last_name || '  '
                 ELSE first_name || ' ' || last_name END AS customer_name,
            CASE WHEN slot < 4 THEN NULL
                 WHEN slot < 6 THEN [replace(email, '@', ' at '), upper(email),
                                     '  ' || email || ' '][malformed]
                 ELSE email END AS email,
            {_lit([p[0] for p in _PLACES])}[place] AS country,
            {_lit([p[1] for p in _PLACES])}[place] AS city, {_weighted("u_seg", _SEGMENTS)},
            least(signup_date, first_date),  -- nobody orders before signing up
            is_active
        FROM c LEFT JOIN first_order USING (customer_id) ORDER BY customer_id"""


def _orders_sql(r: _Rand) -> str:
    return f"""
        WITH a AS (
            SELECT order_id, sum(line_amount)::DECIMAL(12,2) AS amount
            FROM {_STAGE_ITEMS} GROUP BY order_id
        ), o AS (
            SELECT s.*, a.amount, {r.u("s.order_id", "dirty")} AS u_dirty,
                {r.pick("s.order_id", "variant", 3)} AS variant,
                {r.u("s.order_id", "discount")} AS u_discount
            FROM {_STAGE_ORDERS} AS s JOIN a USING (order_id)
        )
        SELECT order_id, customer_id, order_date,
            CASE WHEN u_dirty < 0.01
                 THEN [upper(status), ' ' || status, upper(status[1]) || status[2:]][variant]
                 ELSE status END,
            amount,
            -- 60% without discount, the rest 0-15% of the amount (cents rounded down, so <= 15%).
            CASE WHEN u_discount >= 0.6
                 THEN (floor(amount * (u_discount - 0.6) / 0.4 * 15) / 100)::DECIMAL(10,2) END,
            channel
        FROM o ORDER BY order_id"""


def _payments_sql(r: _Rand) -> str:
    return f"""
        WITH o AS (
            -- Unpaid orders are mostly pending or cancelled; ~4% of paid orders are split in two.
            SELECT s.order_id, s.order_date, s.status,
                (f.amount - coalesce(f.discount, 0))::DECIMAL(12,2) AS total,
                CASE s.status WHEN 'pending' THEN (s.u_pay < 0.3)::INTEGER
                              WHEN 'cancelled' THEN (s.u_pay < 0.4)::INTEGER
                              ELSE 1 + (s.u_pay < 0.04)::INTEGER END AS n_pay
            FROM {_STAGE_ORDERS} AS s JOIN main.orders AS f USING (order_id)
        ), p AS (
            SELECT o.*, k.range::INTEGER AS pay_no, {r.u("o.order_id, k.range", "null")} AS u_null,
                {r.u("o.order_id, k.range", "method")} AS u_method,
                (total * (0.3 + 0.4 * {r.u("o.order_id", "split")}))::DECIMAL(12,2) AS share,
                {r.pick("o.order_id, k.range", "lag", 4)} - 1 AS lag_days
            FROM o, range(1, 3) AS k
            WHERE k.range <= o.n_pay
        )
        SELECT row_number() OVER (ORDER BY order_id, pay_no), order_id,
            order_date + (pay_no - 1) + lag_days,
            CASE WHEN u_null < 0.005 THEN NULL ELSE {_weighted("u_method", _METHODS)} END,
            CASE WHEN n_pay = 1 THEN total WHEN pay_no = 1 THEN share ELSE total - share END,
            CASE status WHEN 'pending' THEN 'failed' WHEN 'cancelled' THEN 'refunded'
                        WHEN 'returned' THEN 'refunded' ELSE 'captured' END
        FROM p ORDER BY order_id, pay_no"""


_ORDER_ITEMS_SQL = f"""
    SELECT row_number() OVER (ORDER BY order_id, line_no), order_id, product_id, quantity,
        unit_price, line_amount
    FROM {_STAGE_ITEMS} ORDER BY order_id, line_no"""


def _create(con: duckdb.DuckDBPyConnection, table: str, select: str) -> None:
    """Typed table, bulk INSERT ... SELECT, then the primary key; see `generate_retail` for why."""
    columns = _DDL[table]
    con.execute(f"CREATE TABLE main.{table} ({columns})")
    con.execute(f"INSERT INTO main.{table} {select}")
    con.execute(f"ALTER TABLE main.{table} ADD PRIMARY KEY ({columns.split()[0]})")


def _check_args(orders: int, seed: int) -> None:
    integer = isinstance(orders, int) and not isinstance(orders, bool)
    if not integer or not MIN_ORDERS <= orders <= MAX_ORDERS:
        raise UsageError(
            f"orders must be an integer from {MIN_ORDERS:,} to {MAX_ORDERS:,}, not {orders!r}",
            hint="use 10000 for a quick demo or 1000000 for a benchmark-sized data set",
        )
    if isinstance(seed, bool) or not isinstance(seed, int):  # it is spliced into the SQL
        raise UsageError(f"seed must be an integer, not {seed!r}", hint="pass e.g. 42")


def generate_retail(
    con: duckdb.DuckDBPyConnection, *, orders: int = 10_000, seed: int = 42
) -> dict[str, int]:
    """Create (replace) the seeded retail tables in `con`'s main schema; return rows per table.

    Keys, measured at 1M orders (4.5M rows) on 2 cores: a typed CREATE TABLE, INSERT ... SELECT,
    then ALTER TABLE ... ADD PRIMARY KEY (one bulk index build) runs at ~2.2M rows/s, as fast as
    CREATE TABLE AS; declaring the key up front (index maintained per inserted chunk) gives
    ~1.8M rows/s. Declaring the four foreign keys too drops it to ~0.7M rows/s: DuckDB checks
    each one per row and indexes the child column, 0.6-1.5 s apiece, and ALTER TABLE cannot add
    them afterwards. So none are declared; RETAIL_FOREIGN_KEYS lists them and the data satisfies
    them. Runs as one transaction of its own, so `con` must not be inside one already.
    """
    _check_args(orders, seed)
    r = _Rand(seed)
    customers, products = max(100, orders // 10), max(50, orders // 1000)
    # One transaction: a failure leaves the previous tables in place, not half-replaced.
    con.execute("BEGIN TRANSACTION")
    try:
        for table in reversed(RETAIL_TABLES):  # children first, in case someone added FKs
            con.execute(f"DROP TABLE IF EXISTS main.{table}")
        # Orders and their lines are staged first: customers need each one's first order date,
        # and orders need the sum of their lines.
        stage = "CREATE OR REPLACE TEMP TABLE"
        con.execute(f"{stage} {_STAGE_ORDERS} AS {_stage_orders_sql(r, orders, customers)}")
        _create(con, "products", _products_sql(r, products))
        con.execute(f"{stage} {_STAGE_ITEMS} AS {_stage_items_sql(r, products)}")
        _create(con, "customers", _customers_sql(r, customers))
        _create(con, "orders", _orders_sql(r))
        _create(con, "order_items", _ORDER_ITEMS_SQL)
        _create(con, "payments", _payments_sql(r))
        con.execute(f"DROP TABLE {_STAGE_ITEMS}; DROP TABLE {_STAGE_ORDERS}")
        con.execute("COMMIT")
    except BaseException:
        with contextlib.suppress(duckdb.Error):  # a failed COMMIT has already rolled back
            con.execute("ROLLBACK")
        raise
    counts = con.execute(
        "SELECT " + ", ".join(f"(SELECT count(*) FROM main.{t})" for t in RETAIL_TABLES)
    ).fetchone()
    return dict(zip(RETAIL_TABLES, counts or (), strict=True))
