"""Online marketplace test database (DuckDB, ``main`` schema).

An online marketplace where independent shops ("sellers") list products and private
customers ("buyers", also called clients or customers) buy them. Every order is placed with
exactly one seller and contains one or more order lines; the seller ships the whole order as
one parcel, whose carrier and shipment state are stored on the order itself. A buyer can ask
to return an order line after delivery; the return is recorded on that order line. Once a
month the marketplace pays each seller its sales minus commission and refunds (payouts).

The marketplace opened to the public on 2024-01-01 after a beta period in December 2023
(a few orders are dated December 2023). Many sellers and buyers registered before 2024. The
last day of the data is **2025-11-30**, which is "today" for every question: "this year" is
2025, "last year" is 2024, "this month" is November 2025, "last month" is October 2025,
"this quarter" is Q4 2025 (October and November so far) and "last quarter" is Q3 2025
(July to September 2025). Payouts for November 2025 are scheduled for after today.

All money is in euros (EUR) with two decimals; prices and line amounts exclude VAT.
Timestamps (``*_at``) are UTC; dates without a time are ``DATE`` columns. Country columns hold
two-letter ISO codes: 'GB' (United Kingdom), 'IE', 'DE', 'FR', 'NL', 'ES', 'IT', 'BE', 'US'.
Code columns hold lower-case English words; the allowed values are listed below and several
are explained in column comments (``COMMENT ON COLUMN``, see ``_DDL``). Note that orders,
shipments (on ``orders``), returns (on ``order_lines``) and payouts each have their own
status column, and that several values (e.g. 'pending', 'cancelled', 'delivered') occur in
more than one of them with different meanings.

Tables
------

``sellers`` -- one row per shop registered on the marketplace (current state).

* ``seller_id`` (INTEGER, primary key): seller identifier.
* ``shop_name`` (VARCHAR): public shop name. Not unique: a few unrelated shops in different
  countries share a name (e.g. two 'Copper Goods'); use the country to tell them apart.
* ``country`` (VARCHAR): country where the seller is registered and ships from.
* ``city`` (VARCHAR): city of the seller's business address.
* ``created_at`` (TIMESTAMP): when the seller account was opened (can be long before 2024).
* ``seller_tier`` (VARCHAR): subscription plan, 'basic', 'plus' or 'pro'.
* ``commission_rate`` (DECIMAL(4,3)): marketplace commission as a fraction of gross sales
  (0.150 = 15 %); normally 0.150 for basic, 0.120 for plus and 0.100 for pro, a few sellers
  have a negotiated lower rate.
* ``account_status`` (VARCHAR): 'active', 'suspended' (blocked by the marketplace, cannot
  sell) or 'closed' (closed by the seller; all its products are delisted). Suspended and
  closed sellers have older orders. Some new sellers have not sold anything yet and one has
  not listed any product.

``buyers`` -- one row per registered buyer account.

* ``buyer_id`` (INTEGER, primary key): buyer identifier.
* ``full_name`` (VARCHAR): first name and surname. Not unique: different people in
  different countries can share a name (within one country names are unique).
* ``email`` (VARCHAR, unique): login e-mail address.
* ``country`` (VARCHAR): country of the buyer's account (home address). Orders can be sent
  elsewhere, see ``orders.ship_country``.
* ``city`` (VARCHAR): city of the home address.
* ``created_at`` (TIMESTAMP): when the buyer signed up (from March 2022 on).
* ``marketing_opt_in`` (BOOLEAN): true if the buyer agreed to receive marketing e-mails.
* ``birth_year`` (INTEGER): year of birth; NULL when the buyer did not give it.
  Many buyers have never placed an order.

``products`` -- one row per product listing. Listings belong to one seller; the same product
name (e.g. 'Ceramic Mug') is sold by several sellers at different prices.

* ``product_id`` (INTEGER, primary key): listing identifier.
* ``seller_id`` (INTEGER, foreign key to ``sellers``): shop that lists the product.
* ``sku`` (VARCHAR, unique): stock-keeping code, e.g. 'HOM-004-0031'.
* ``product_name`` (VARCHAR): product title.
* ``category`` (VARCHAR): 'home', 'fashion', 'electronics', 'beauty', 'toys', 'books',
  'sports' or 'garden'.
* ``list_price`` (DECIMAL(10,2)): current asking price for one unit in EUR, excluding VAT.
  The price a buyer actually paid is ``order_lines.unit_price`` (often lower: sales).
* ``weight_grams`` (INTEGER): shipping weight of one unit in grams; NULL when the seller did
  not enter it.
* ``listed_at`` (TIMESTAMP): when the listing went live.
* ``delisted_at`` (TIMESTAMP): when the listing was taken down; NULL = still listed
  (currently for sale). Delisted products keep their past orders.

``orders`` -- one row per order (checkout), including cancelled ones. Also holds the parcel
(shipment) data: one order = one parcel.

* ``order_id`` (INTEGER, primary key): order identifier.
* ``order_number`` (VARCHAR, unique): order reference shown to the buyer, 'MK-<year>-<seq>',
  e.g. 'MK-2025-00042'.
* ``buyer_id`` (INTEGER, foreign key to ``buyers``): who placed the order.
* ``seller_id`` (INTEGER, foreign key to ``sellers``): shop the order was placed with.
* ``status`` (VARCHAR): current order state: 'pending' (placed, not paid yet), 'paid' (paid,
  not yet handed to the carrier), 'shipped' (handed to the carrier, not delivered; this
  includes parcels the carrier lost), 'delivered' or 'cancelled'. Returns do not change the
  order status.
* ``payment_method`` (VARCHAR): 'card', 'paypal', 'bank_transfer' or 'gift_card'.
* ``ordered_at`` (TIMESTAMP): when the buyer placed the order (checkout). This is "the order
  date".
* ``paid_at`` (TIMESTAMP): when the payment was received; NULL if never paid. Bank transfers
  take up to four days. Cancelled orders may have been paid (then they were refunded in
  full).
* ``shipped_at`` (TIMESTAMP): when the carrier collected the parcel; NULL if not shipped.
* ``delivered_at`` (TIMESTAMP): when the carrier delivered the parcel; NULL if not delivered.
* ``cancelled_at`` (TIMESTAMP): when the order was cancelled (by the buyer, or automatically
  7 days after checkout when never paid); NULL unless status is 'cancelled'.
* ``item_total`` (DECIMAL(10,2)): sum over the order's lines of quantity x unit_price, EUR
  excluding VAT.
* ``shipping_fee`` (DECIMAL(10,2)): postage charged to the buyer, EUR excluding VAT; 0 when
  shipping was free.
* ``discount_amount`` (DECIMAL(10,2)): coupon discount in EUR; 0 (not NULL) when no coupon.
* ``tax_amount`` (DECIMAL(10,2)): VAT in EUR, charged on item_total - discount_amount +
  shipping_fee at the rate of the destination country; 0 for deliveries to the US.
* ``grand_total`` (DECIMAL(10,2)): total charged to the buyer = item_total + shipping_fee -
  discount_amount + tax_amount. "Order value" / "spend" / "GMV" in everyday use. Cancelled
  orders keep their amounts although nothing was finally charged.
* ``coupon_code`` (VARCHAR): coupon used, NULL if none: 'WELCOME10' (10 % off items, first
  order), 'SAVE5' (EUR 5 off), 'FREESHIP' (shipping refunded as a discount),
  'BLACKFRIDAY24' / 'BLACKFRIDAY25' (20 % off items in Black Friday week).
* ``ship_country`` (VARCHAR): destination country of the parcel (usually, but not always,
  the buyer's own country).
* ``carrier`` (VARCHAR): parcel carrier: 'royal_mail', 'evri', 'dpd', 'dhl', 'ups', 'fedex',
  'usps' or 'postnl'; NULL when no shipping label was created.
* ``tracking_number`` (VARCHAR): carrier tracking number; NULL when no label.
* ``shipment_status`` (VARCHAR): state of the parcel: NULL (no label yet / never), 'pending'
  (label printed, not yet collected), 'in_transit', 'delivered', 'lost' (the carrier lost the
  parcel; delivered_at stays NULL) or 'cancelled' (label voided because the order was
  cancelled).

``order_lines`` -- one row per product on an order, with its return (if any).

* ``order_line_id`` (INTEGER, primary key).
* ``order_id`` (INTEGER, foreign key to ``orders``).
* ``line_number`` (INTEGER): 1, 2, ... within the order.
* ``product_id`` (INTEGER, foreign key to ``products``).
* ``quantity`` (INTEGER): units bought.
* ``unit_price`` (DECIMAL(10,2)): price actually charged per unit in EUR, excluding VAT (may
  be below the product's list price; list prices may also have changed since).
* ``return_status`` (VARCHAR): NULL = the line was never returned. Otherwise the state of the
  return of the whole line: 'pending' (return requested, parcel not back yet), 'received'
  (parcel back, refund not issued yet), 'refunded', 'rejected' (requested later than 30 days
  after delivery, or failed inspection) or 'cancelled' (the buyer withdrew the return).
  Only delivered orders have returns.
* ``return_reason`` (VARCHAR): reason given by the buyer, NULL when no return:
  'damaged', 'wrong_item', 'not_as_described', 'changed_mind', 'size_fit', 'arrived_late'.
* ``return_requested_at`` (TIMESTAMP): when the buyer asked to return the line.
* ``return_received_at`` (TIMESTAMP): when the returned parcel arrived back at the seller;
  NULL if it never did or not yet.
* ``refunded_at`` (TIMESTAMP): when the refund was paid to the buyer; set only for
  'refunded'.
* ``refund_amount`` (DECIMAL(10,2)): amount refunded to the buyer in EUR including VAT (a
  change-of-mind return is charged EUR 3.95 return postage; some refunds are partial); set
  only for 'refunded'.

``payouts`` -- money transfers from the marketplace to sellers, one row per seller, monthly
period and transfer attempt.

* ``payout_id`` (INTEGER, primary key).
* ``seller_id`` (INTEGER, foreign key to ``sellers``).
* ``period_start`` (DATE), ``period_end`` (DATE): the calendar month the payout settles.
* ``scheduled_for`` (DATE): day the transfer is (or was) due: normally 5 days after
  period_end, later for a re-sent transfer. November 2025 payouts are due in December 2025.
* ``gross_sales`` (DECIMAL(12,2)): sum of grand_total of the seller's orders delivered in
  the period.
* ``commission_amount`` (DECIMAL(12,2)): marketplace commission = gross_sales x
  commission_rate.
* ``refund_deductions`` (DECIMAL(12,2)): refunds to buyers paid in the period for returns of
  the seller's items (refund_amount by refunded_at).
* ``payout_amount`` (DECIMAL(12,2)): net amount for the seller = gross_sales -
  commission_amount - refund_deductions.
* ``status`` (VARCHAR): 'pending' (scheduled, not sent yet), 'paid' (money sent),
  'failed' (the bank transfer bounced; the same period is re-sent as a new row) or
  'on_hold' (withheld, for suspended sellers).
* ``paid_at`` (TIMESTAMP): when the money was sent; set only for 'paid'.
* ``bank_reference`` (VARCHAR): transfer reference; set only for 'paid'.
"""

from __future__ import annotations

import bisect
import datetime as dt
import random
from typing import Any

FIRST_DAY = dt.date(2024, 1, 1)
BETA_DAY = dt.date(2023, 12, 1)
LAST_DAY = dt.date(2025, 11, 30)
_END = dt.datetime(2025, 11, 30, 23, 59, 59)

_EU = {"IE", "DE", "FR", "NL", "ES", "IT", "BE"}
_TAX_RATE = {"GB": 0.20, "IE": 0.23, "DE": 0.19, "FR": 0.20, "NL": 0.21, "ES": 0.21, "IT": 0.22,
             "BE": 0.21, "US": 0.0}  # fmt: skip
_CITIES = {
    "GB": ["London", "Manchester", "Bristol", "Leeds", "Glasgow", "Brighton", "Birmingham"],
    "IE": ["Dublin", "Cork", "Galway", "Limerick"],
    "DE": ["Berlin", "Hamburg", "Munich", "Cologne", "Leipzig"],
    "FR": ["Paris", "Lyon", "Marseille", "Nantes", "Bordeaux", "Lille"],
    "NL": ["Amsterdam", "Rotterdam", "Utrecht", "Eindhoven"],
    "ES": ["Madrid", "Barcelona", "Valencia", "Seville"],
    "IT": ["Milan", "Rome", "Turin", "Bologna", "Florence"],
    "BE": ["Brussels", "Antwerp", "Ghent"],
    "US": ["New York", "Chicago", "Austin", "Seattle", "Boston", "Denver", "Portland"],
}
_FIRST = ["James", "Olivia", "Sophie", "Liam", "Emma", "Noah", "Mia", "Lukas", "Anna", "Hugo",
          "Chloe", "Lucas", "Julia", "Finn", "Laura", "Daniel", "Sara", "Marco", "Elena", "Tom",
          "Grace", "Jack", "Ava", "Leon", "Clara", "Pablo", "Lucia", "Sean", "Aoife", "Emily",
          "Max", "Lea", "Oscar", "Isla", "Ruby", "Ethan", "Nina", "Paul", "Eva", "Sam"]  # fmt: skip
_LAST = ["Smith", "Martin", "Murphy", "Muller", "Rossi", "Garcia", "Jansen", "Dubois", "Brown",
         "Wilson", "Kelly", "Schmidt", "Bernard", "de Vries", "Lopez", "Bianchi", "Taylor",
         "Walsh", "Fischer", "Moreau", "Bakker", "Fernandez", "Ricci", "Johnson", "Evans",
         "Peeters", "Weber", "Laurent", "Visser", "Romano", "Clarke", "Byrne", "Hughes",
         "Wagner", "Petit", "Sanchez", "Colombo", "Miller", "Davies", "Maes"]  # fmt: skip

# category -> [(product name, base list price in EUR, typical weight in grams or None)]
_CATALOG = {
    "home": [("Ceramic Mug", 14.0, 380), ("Linen Apron", 26.0, 220), ("Scented Candle", 18.0, 300),
             ("Wool Throw Blanket", 69.0, 1400), ("Oak Serving Board", 39.0, 1100),
             ("Cotton Tea Towel Set", 16.0, 250), ("Glass Carafe", 29.0, 650),
             ("Table Lamp", 85.0, 2100), ("Woven Storage Basket", 34.0, 700),
             ("Cast Iron Skillet", 49.0, 2600)],
    "fashion": [("Leather Wallet", 45.0, 120), ("Silk Scarf", 55.0, 80), ("Wool Beanie", 22.0, 110),
                ("Canvas Tote Bag", 19.0, 200), ("Denim Jacket", 89.0, 900),
                ("Linen Shirt", 59.0, 280), ("Silver Hoop Earrings", 35.0, 15),
                ("Leather Belt", 42.0, 250), ("Merino Socks 3-Pack", 24.0, 150)],
    "electronics": [("Wireless Earbuds", 79.0, 60), ("Phone Case", 19.0, 45),
                    ("USB-C Charger 65W", 39.0, 180), ("Bluetooth Speaker", 59.0, 550),
                    ("Mechanical Keyboard", 129.0, 950), ("Smart Plug", 25.0, 90),
                    ("Noise Cancelling Headphones", 219.0, 300), ("Action Camera", 249.0, 160),
                    ("E-Reader", 139.0, 190)],
    "beauty": [("Face Serum", 32.0, 90), ("Lip Balm Set", 12.0, 40),
               ("Shea Body Butter", 21.0, 250), ("Bamboo Hairbrush", 16.0, 120),
               ("Natural Soap Bar", 7.5, 110), ("Perfume 50ml", 68.0, 320),
               ("Beard Oil", 18.0, 80)],
    "toys": [("Wooden Train Set", 49.0, 1500), ("Plush Bear", 24.0, 300),
             ("Jigsaw Puzzle 1000pc", 22.0, 800), ("Building Blocks 200pc", 39.0, 1200),
             ("Kite", 27.0, 350), ("Board Game", 34.0, 1100)],
    "books": [("Sourdough Baking Guide", 24.0, 700), ("Illustrated Atlas", 35.0, 1300),
              ("Poetry Collection", 15.0, 250), ("Hiking Guide Alps", 21.0, 400),
              ("Children's Picture Book", 12.0, 350), ("Vintage Cookbook", 29.0, 900)],
    "sports": [("Yoga Mat", 35.0, 1800), ("Water Bottle 750ml", 19.0, 300),
               ("Resistance Bands", 17.0, 250), ("Running Belt", 21.0, 90),
               ("Climbing Chalk Bag", 23.0, 150), ("Cycling Gloves", 28.0, 120)],
    "garden": [("Herb Seed Kit", 15.0, 200), ("Terracotta Planter", 27.0, 2300),
               ("Pruning Shears", 31.0, 280), ("Bird Feeder", 24.0, 600),
               ("Watering Can", 29.0, 900), ("Garden Kneeler", 33.0, 1000)],
}  # fmt: skip
_RETURN_REASONS = ["damaged", "wrong_item", "not_as_described", "changed_mind", "size_fit",
                   "arrived_late"]  # fmt: skip

_SHOP_A = ["Oak", "Copper", "Bramble", "Willow", "Harbour", "Juniper", "Maple", "Cobalt", "Fern",
           "Saffron", "Indigo", "Pebble", "Thistle", "Linden", "Ember", "Marigold", "Nordic",
           "Atlas", "Velvet", "Hazel"]  # fmt: skip
_SHOP_B = ["& Thread", "Kettle Co", "Home", "Supply", "Studio", "Works", "Goods", "Market",
           "Trading", "Outfitters"]  # fmt: skip
_SELLER_COUNTRY_W = {"GB": 18, "DE": 9, "FR": 8, "NL": 5, "IE": 4, "ES": 4, "IT": 5, "US": 7}
_BUYER_COUNTRY_W = {"GB": 30, "DE": 15, "FR": 12, "NL": 8, "IE": 6, "ES": 8, "IT": 8, "BE": 4,
                    "US": 9}  # fmt: skip
_CARRIERS_DOMESTIC = {"GB": (["royal_mail", "evri", "dpd"], [50, 30, 20]),
                      "US": (["usps", "ups", "fedex"], [45, 35, 20]),
                      "NL": (["postnl", "dhl", "dpd"], [50, 30, 20])}  # fmt: skip
_TRACK_PREFIX = {"royal_mail": "RM", "evri": "H", "dpd": "15", "dhl": "JD", "ups": "1Z",
                 "fedex": "FX", "usps": "94", "postnl": "3S"}  # fmt: skip

_DDL = """
CREATE TABLE sellers (
    seller_id INTEGER PRIMARY KEY,
    shop_name VARCHAR NOT NULL,
    country VARCHAR NOT NULL,
    city VARCHAR NOT NULL,
    created_at TIMESTAMP NOT NULL,
    seller_tier VARCHAR NOT NULL,
    commission_rate DECIMAL(4, 3) NOT NULL,
    account_status VARCHAR NOT NULL
);
CREATE TABLE buyers (
    buyer_id INTEGER PRIMARY KEY,
    full_name VARCHAR NOT NULL,
    email VARCHAR NOT NULL UNIQUE,
    country VARCHAR NOT NULL,
    city VARCHAR NOT NULL,
    created_at TIMESTAMP NOT NULL,
    marketing_opt_in BOOLEAN NOT NULL,
    birth_year INTEGER
);
CREATE TABLE products (
    product_id INTEGER PRIMARY KEY,
    seller_id INTEGER NOT NULL REFERENCES sellers (seller_id),
    sku VARCHAR NOT NULL UNIQUE,
    product_name VARCHAR NOT NULL,
    category VARCHAR NOT NULL,
    list_price DECIMAL(10, 2) NOT NULL,
    weight_grams INTEGER,
    listed_at TIMESTAMP NOT NULL,
    delisted_at TIMESTAMP
);
CREATE TABLE orders (
    order_id INTEGER PRIMARY KEY,
    order_number VARCHAR NOT NULL UNIQUE,
    buyer_id INTEGER NOT NULL REFERENCES buyers (buyer_id),
    seller_id INTEGER NOT NULL REFERENCES sellers (seller_id),
    status VARCHAR NOT NULL,
    payment_method VARCHAR NOT NULL,
    ordered_at TIMESTAMP NOT NULL,
    paid_at TIMESTAMP,
    shipped_at TIMESTAMP,
    delivered_at TIMESTAMP,
    cancelled_at TIMESTAMP,
    item_total DECIMAL(10, 2) NOT NULL,
    shipping_fee DECIMAL(10, 2) NOT NULL,
    discount_amount DECIMAL(10, 2) NOT NULL,
    tax_amount DECIMAL(10, 2) NOT NULL,
    grand_total DECIMAL(10, 2) NOT NULL,
    coupon_code VARCHAR,
    ship_country VARCHAR NOT NULL,
    carrier VARCHAR,
    tracking_number VARCHAR,
    shipment_status VARCHAR
);
CREATE TABLE order_lines (
    order_line_id INTEGER PRIMARY KEY,
    order_id INTEGER NOT NULL REFERENCES orders (order_id),
    line_number INTEGER NOT NULL,
    product_id INTEGER NOT NULL REFERENCES products (product_id),
    quantity INTEGER NOT NULL,
    unit_price DECIMAL(10, 2) NOT NULL,
    return_status VARCHAR,
    return_reason VARCHAR,
    return_requested_at TIMESTAMP,
    return_received_at TIMESTAMP,
    refunded_at TIMESTAMP,
    refund_amount DECIMAL(10, 2)
);
CREATE TABLE payouts (
    payout_id INTEGER PRIMARY KEY,
    seller_id INTEGER NOT NULL REFERENCES sellers (seller_id),
    period_start DATE NOT NULL,
    period_end DATE NOT NULL,
    scheduled_for DATE NOT NULL,
    gross_sales DECIMAL(12, 2) NOT NULL,
    commission_amount DECIMAL(12, 2) NOT NULL,
    refund_deductions DECIMAL(12, 2) NOT NULL,
    payout_amount DECIMAL(12, 2) NOT NULL,
    status VARCHAR NOT NULL,
    paid_at TIMESTAMP,
    bank_reference VARCHAR
);
COMMENT ON COLUMN sellers.commission_rate IS
    'Marketplace commission as a fraction of gross sales, e.g. 0.120 = 12 %';
COMMENT ON COLUMN sellers.account_status IS
    'active = can sell; suspended = blocked by the marketplace; closed = closed by the seller';
COMMENT ON COLUMN products.list_price IS
    'Current asking price per unit in EUR excl. VAT (price charged: order_lines.unit_price)';
COMMENT ON COLUMN orders.status IS
    'pending = not paid; paid = not shipped yet; shipped = with carrier; delivered; cancelled';
COMMENT ON COLUMN orders.shipment_status IS
    'NULL = no label; pending = label, not collected; in_transit; delivered; lost; cancelled';
COMMENT ON COLUMN orders.grand_total IS
    'EUR charged = item_total + shipping_fee - discount_amount + tax_amount';
COMMENT ON COLUMN orders.tax_amount IS
    'VAT in EUR on item_total - discount_amount + shipping_fee; rate of ship_country, 0 for US';
COMMENT ON COLUMN order_lines.return_status IS
    'NULL = not returned; pending; received = back, not refunded; refunded; rejected; cancelled';
COMMENT ON COLUMN order_lines.return_reason IS
    'damaged, wrong_item, not_as_described, changed_mind, size_fit, arrived_late';
COMMENT ON COLUMN order_lines.refund_amount IS
    'EUR refunded to the buyer incl. VAT; NULL unless return_status = refunded';
COMMENT ON COLUMN payouts.status IS
    'pending = not sent yet; paid = sent; failed = bounced (re-sent as a new row); on_hold';
"""

_DROP_ORDER = ["payouts", "order_lines", "orders", "products", "buyers", "sellers"]


def _insert(con: Any, table: str, rows: list[tuple]) -> None:
    """Insert ``rows`` (tuples in table column order) column-wise in one statement."""
    if not rows:
        return
    types = [r[1] for r in con.execute(f"DESCRIBE {table}").fetchall()]
    columns = [list(col) for col in zip(*rows, strict=True)]
    select = ", ".join(f"unnest(?::{t}[])" for t in types)
    con.execute(f"INSERT INTO {table} SELECT {select}", columns)


def _ts(day: dt.date, rng: random.Random, lo: int = 0, hi: int = 23) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(rng.randint(lo, hi), rng.randint(0, 59),
                                            rng.randint(0, 59)))  # fmt: skip


def _month_end(day: dt.date) -> dt.date:
    nxt = dt.date(day.year + day.month // 12, day.month % 12 + 1, 1)
    return nxt - dt.timedelta(days=1)


def _price(base: float, rng: random.Random) -> float:
    p = base * rng.uniform(0.75, 1.45)
    return round(max(1.0, round(p)) - 0.01, 2) if rng.random() < 0.7 else round(p * 2) / 2


def build(con: Any, seed: int = 1) -> None:
    """(Re)create and fill the marketplace tables in ``con``."""
    rng = random.Random(seed)
    for table in _DROP_ORDER:
        con.execute(f"DROP TABLE IF EXISTS {table}")
    con.execute(_DDL)

    # ------------------------------------------------------------------- sellers
    combos = [f"{a} {b}" for a in _SHOP_A for b in _SHOP_B]
    names = rng.sample(combos, 56)
    sellers: list[dict] = []
    countries = list(_SELLER_COUNTRY_W)
    weights = list(_SELLER_COUNTRY_W.values())
    for name in names:
        country = rng.choices(countries, weights=weights)[0]
        r = rng.random()
        if r < 0.7:
            created = dt.date(2021, 3, 1) + dt.timedelta(days=rng.randint(0, 1000))
        else:
            created = dt.date(2024, 1, 1) + dt.timedelta(days=rng.randint(0, 560))
        sellers.append({"name": name, "country": country, "created": created})
    # same shop name registered by unrelated sellers in different countries
    for src, other in ((3, "US"), (10, "IE"), (17, "DE")):
        twin = dict(sellers[src])
        twin["country"] = other if sellers[src]["country"] != other else "FR"
        twin["created"] = dt.date(2023, 2, 1) + dt.timedelta(days=rng.randint(0, 600))
        sellers.append(twin)
    # brand-new shops: two with listings but no sales yet, one with nothing listed
    sellers.append(
        {"name": "Gilded Fox Atelier", "country": "GB", "created": dt.date(2025, 11, 18)}
    )
    sellers.append({"name": "Kiln & Clay", "country": "NL", "created": dt.date(2025, 11, 24)})
    sellers.append({"name": "Tidewater Prints", "country": "US", "created": dt.date(2025, 10, 9),
                    "no_products": True})  # fmt: skip
    rng.shuffle(sellers)
    tiers = {"basic": 0.15, "plus": 0.12, "pro": 0.10}
    for i, s in enumerate(sellers, start=1):
        s["id"] = i
        s["created_at"] = _ts(s["created"], rng, 7, 22)
        s["city"] = rng.choice(_CITIES[s["country"]])
        s["tier"] = rng.choices(list(tiers), weights=[55, 30, 15])[0]
        s["rate"] = tiers[s["tier"]]
        if rng.random() < 0.08:
            s["rate"] = round(s["rate"] - rng.choice([0.02, 0.03]), 3)  # negotiated rate
        s["status"] = "active"
        s["stop"] = None  # last day the shop could sell
        s["pop"] = rng.paretovariate(1.4)
        s["cats"] = rng.sample(list(_CATALOG), k=rng.choice([1, 1, 2, 2, 3]))
        s["handling"] = rng.uniform(0.4, 3.0)
        s["fee"] = rng.choice([2.95, 3.95, 3.95, 4.95])
        s["no_sales"] = s["created"] >= dt.date(2025, 10, 1)
    old = [s for s in sellers if s["created"] < dt.date(2024, 6, 1)]
    picks = rng.sample(old, 6)
    for s in picks[:3]:
        s["status"] = "closed"
        s["stop"] = dt.date(2024, 9, 1) + dt.timedelta(days=rng.randint(0, 330))
    for s in picks[3:]:
        s["status"] = "suspended"
        s["stop"] = dt.date(2025, 6, 1) + dt.timedelta(days=rng.randint(0, 150))
    _insert(con, "sellers", [(s["id"], s["name"], s["country"], s["city"], s["created_at"],
                              s["tier"], s["rate"], s["status"]) for s in sellers])  # fmt: skip

    # ------------------------------------------------------------------ products
    products: list[dict] = []
    for s in sorted(sellers, key=lambda x: x["id"]):
        s["products"] = []
        if s.get("no_products"):
            continue
        pool = [(c, item) for c in s["cats"] for item in _CATALOG[c]]
        n = min(len(pool), rng.randint(3, 13))
        for cat, (pname, base, grams) in rng.sample(pool, n):
            start = max(s["created"], dt.date(2023, 9, 1))
            span = (LAST_DAY - start).days
            if s["stop"] is not None:
                span = max(1, (s["stop"] - start).days - 30)
            listed = start + dt.timedelta(days=int(span * rng.random() ** 2.5))
            delisted = None
            if s["status"] == "closed":
                delisted = _ts(s["stop"], rng, 9, 18)
            elif rng.random() < 0.08:
                d = listed + dt.timedelta(days=rng.randint(60, 500))
                if d < LAST_DAY:
                    delisted = _ts(d, rng, 9, 18)
            p = {"seller": s, "cat": cat, "name": pname,
                 "price": _price(base, rng),
                 "grams": None if rng.random() < 0.12 else int(grams * rng.uniform(0.85, 1.2)),
                 "listed_at": _ts(listed, rng, 8, 22), "delisted_at": delisted,
                 "pop": rng.paretovariate(1.2)}  # fmt: skip
            # a listing cannot go live before the shop exists (same day: a little later)
            p["listed_at"] = max(p["listed_at"], s["created_at"] + dt.timedelta(minutes=17))
            products.append(p)
            s["products"].append(p)
    for i, p in enumerate(products, start=1):
        p["id"] = i
        p["sku"] = f"{p['cat'][:3].upper()}-{p['seller']['id']:03d}-{i:04d}"
    _insert(con, "products", [(p["id"], p["seller"]["id"], p["sku"], p["name"], p["cat"],
                               p["price"], p["grams"], p["listed_at"], p["delisted_at"])
                              for p in products])  # fmt: skip

    # -------------------------------------------------------------------- buyers
    buyers: list[dict] = []
    seen: set[tuple[str, str]] = set()
    bc, bw = list(_BUYER_COUNTRY_W), list(_BUYER_COUNTRY_W.values())
    start = dt.date(2022, 3, 1)
    span = (LAST_DAY - start).days
    for _ in range(960):
        country = rng.choices(bc, weights=bw)[0]
        while True:
            first, last = rng.choice(_FIRST), rng.choice(_LAST)
            if (f"{first} {last}", country) not in seen:
                break
        seen.add((f"{first} {last}", country))
        created = start + dt.timedelta(days=int(span * rng.random() ** 0.7))
        buyers.append({"first": first, "last": last, "name": f"{first} {last}",
                       "country": country, "created": created,
                       "act": 0.0 if rng.random() < 0.13 else rng.paretovariate(1.6)})  # fmt: skip
    buyers.sort(key=lambda b: b["created"])
    for i, b in enumerate(buyers, start=1):
        b["id"] = i
        b["created_at"] = _ts(b["created"], rng)
        b["email"] = f"{b['first']}.{b['last'].replace(' ', '')}{i}@mail.example".lower()
        b["city"] = rng.choice(_CITIES[b["country"]])
        b["opt_in"] = rng.random() < 0.42
        b["birth_year"] = None if rng.random() < 0.3 else rng.randint(1952, 2006)
        b["n_orders"] = 0
    _insert(con, "buyers", [(b["id"], b["name"], b["email"], b["country"], b["city"],
                             b["created_at"], b["opt_in"], b["birth_year"])
                            for b in buyers])  # fmt: skip
    b_dates = [b["created"] for b in buyers]
    b_cum = []
    tot = 0.0
    for b in buyers:
        tot += b["act"]
        b_cum.append(tot)

    # -------------------------------------------------------------------- orders
    orders: list[tuple] = []
    lines: list[list] = []
    seq: dict[int, int] = {}
    delivered_by_seller: dict[tuple[int, dt.date], float] = {}
    refunds_by_seller: dict[tuple[int, dt.date], float] = {}
    day = BETA_DAY
    total_days = (LAST_DAY - FIRST_DAY).days
    while day <= LAST_DAY:
        rate = 1.0 if day < FIRST_DAY else 3.0 + 2.6 * (day - FIRST_DAY).days / total_days
        if day.month in (11, 12):
            rate *= 1.35
        if day.month == 11 and 21 <= day.day <= 28:
            rate *= 1.8  # Black Friday week
        if day.weekday() >= 5:
            rate *= 1.2
        n = max(0, round(rng.gauss(rate, rate**0.5)))
        shops = [s for s in sellers if not s["no_sales"] and s["created"] < day
                 and (s["stop"] is None or day <= s["stop"])]  # fmt: skip
        avail = {}
        for s in shops:
            ps = [p for p in s["products"] if p["listed_at"].date() < day
                  and (p["delisted_at"] is None or p["delisted_at"].date() > day)]  # fmt: skip
            if ps:
                avail[s["id"]] = (s, ps)
        keys = sorted(avail)
        n_buy = bisect.bisect_left(b_dates, day)
        for _ in range(n):
            if not keys or n_buy == 0:
                break
            buyer = buyers[bisect.bisect_left(b_cum, rng.random() * b_cum[n_buy - 1])]
            if buyer["act"] == 0.0:
                continue
            w = [avail[k][0]["pop"] * (6 if avail[k][0]["country"] == buyer["country"] else 1)
                 for k in keys]  # fmt: skip
            s, ps = avail[rng.choices(keys, weights=w)[0]]
            ordered_at = _ts(day, rng, 6, 23)
            k = min(len(ps), rng.choices([1, 2, 3, 4], weights=[60, 25, 10, 5])[0])
            items = []
            for p in rng.choices(ps, weights=[q["pop"] for q in ps], k=k):
                if p not in items:
                    items.append(p)
            ship_country = buyer["country"]
            if rng.random() < 0.06:
                ship_country = rng.choice([c for c in _TAX_RATE if c != buyer["country"]])
            order_lines = []
            item_total = 0.0
            for ln, p in enumerate(items, start=1):
                qty = rng.choices([1, 2, 3, 4, 5], weights=[72, 18, 5, 3, 2])[0]
                price = (
                    p["price"]
                    if rng.random() < 0.72
                    else round(p["price"] * rng.uniform(0.7, 0.95), 2)
                )
                item_total += qty * price
                order_lines.append([ln, p, qty, price])
            item_total = round(item_total, 2)
            domestic = s["country"] == ship_country
            if domestic:
                fee = 0.0 if item_total >= 40 else s["fee"]
            elif s["country"] in _EU and ship_country in _EU:
                fee = 0.0 if item_total >= 80 else 7.95
            else:
                fee = 12.95
            coupon, disc = None, 0.0
            if buyer["n_orders"] == 0 and rng.random() < 0.35:
                coupon, disc = "WELCOME10", round(item_total * 0.10, 2)
            elif day.month == 11 and 21 <= day.day <= 28 and rng.random() < 0.45:
                coupon, disc = f"BLACKFRIDAY{day.year % 100}", round(item_total * 0.20, 2)
            elif rng.random() < 0.06 and item_total >= 30:
                coupon, disc = "SAVE5", 5.0
            elif rng.random() < 0.04 and fee > 0:
                coupon, disc = "FREESHIP", fee
            tax = round(_TAX_RATE[ship_country] * (item_total - disc + fee), 2)
            grand = round(item_total + fee - disc + tax, 2)
            buyer["n_orders"] += 1

            pm = rng.choices(["card", "paypal", "bank_transfer", "gift_card"],
                             weights=[58, 26, 9, 7])[0]  # fmt: skip
            paid_at = shipped_at = delivered_at = cancelled_at = None
            carrier = tracking = ship_status = None
            status = None
            if pm == "bank_transfer":
                never_paid = rng.random() < 0.12
                pay_at = ordered_at + dt.timedelta(hours=rng.uniform(8, 100))
            else:
                never_paid = rng.random() < 0.025
                pay_at = ordered_at + dt.timedelta(seconds=rng.randint(20, 900))
            if never_paid:
                auto = ordered_at + dt.timedelta(days=7)
                if auto <= _END:
                    status, cancelled_at = "cancelled", auto
                else:
                    status = "pending"
            elif pay_at > _END:
                status = "pending"
            else:
                paid_at = pay_at
                # domestic or international carrier
                if domestic and s["country"] in _CARRIERS_DOMESTIC:
                    cl, cw = _CARRIERS_DOMESTIC[s["country"]]
                elif domestic:
                    cl, cw = ["dhl", "dpd", "ups"], [50, 35, 15]
                else:
                    cl, cw = ["dhl", "ups", "fedex"], [50, 30, 20]
                carrier = rng.choices(cl, weights=cw)[0]
                handling = dt.timedelta(days=s["handling"] * rng.uniform(0.4, 1.7))
                ship_at = paid_at + handling
                if ship_at.hour < 8 or ship_at.hour > 19:
                    ship_at = ship_at.replace(hour=rng.randint(9, 18))
                    if ship_at < paid_at:
                        ship_at += dt.timedelta(days=1)
                label = rng.random() < 0.5
                if rng.random() < 0.035:
                    c_at = paid_at + dt.timedelta(hours=rng.uniform(0.3, 40))
                    if c_at < ship_at and c_at <= _END:
                        status, cancelled_at = "cancelled", c_at
                        if not label:
                            carrier = None
                        else:
                            ship_status = "cancelled"
                if status is None and ship_at > _END:
                    status = "paid"
                    if label:
                        ship_status = "pending"
                    else:
                        carrier = None
                elif status is None:
                    shipped_at = ship_at
                    transit = rng.uniform(1, 4) if domestic else rng.uniform(3, 11)
                    if carrier in ("evri", "usps"):
                        transit += rng.uniform(0, 2)
                    dl = shipped_at + dt.timedelta(days=transit)
                    dl = dl.replace(hour=rng.randint(8, 20), minute=rng.randint(0, 59))
                    if dl <= shipped_at:
                        dl += dt.timedelta(days=1)
                    if rng.random() < 0.012:
                        status, ship_status = "shipped", "lost"
                    elif dl > _END:
                        status, ship_status = "shipped", "in_transit"
                    else:
                        status, ship_status, delivered_at = "delivered", "delivered", dl
            if carrier is not None:
                tracking = f"{_TRACK_PREFIX[carrier]}{rng.randint(10**9, 10**10 - 1)}"
            seq[day.year] = seq.get(day.year, 0) + 1
            oid = len(orders) + 1
            paid_at, shipped_at, delivered_at, cancelled_at = (
                None if t is None else t.replace(microsecond=0)
                for t in (paid_at, shipped_at, delivered_at, cancelled_at)
            )
            orders.append((oid, f"MK-{day.year}-{seq[day.year]:05d}", buyer["id"], s["id"],
                           status, pm, ordered_at, paid_at, shipped_at, delivered_at,
                           cancelled_at, item_total, fee, disc, tax, grand, coupon,
                           ship_country, carrier, tracking, ship_status))  # fmt: skip
            if delivered_at is not None:
                key = (s["id"], delivered_at.date().replace(day=1))
                delivered_by_seller[key] = delivered_by_seller.get(key, 0.0) + grand
            for ln, p, qty, price in order_lines:
                ret: list[Any] = [None] * 6
                if delivered_at is not None:
                    prob = 0.16 if p["cat"] == "fashion" else 0.06
                    if rng.random() < prob:
                        ret = _return(rng, p, qty, price, delivered_at, ship_country)
                        if ret[4] is not None:
                            key = (s["id"], ret[4].date().replace(day=1))
                            refunds_by_seller[key] = refunds_by_seller.get(key, 0.0) + ret[5]
                lines.append([oid, ln, p["id"], qty, price, *ret])
        day += dt.timedelta(days=1)
    _insert(con, "orders", orders)
    _insert(con, "order_lines", [(i, *row) for i, row in enumerate(lines, start=1)])

    # ------------------------------------------------------------------- payouts
    payouts: list[tuple] = []
    months = sorted({k[1] for k in delivered_by_seller} | {k[1] for k in refunds_by_seller})
    for s in sorted(sellers, key=lambda x: x["id"]):
        for m in months:
            gross = round(delivered_by_seller.get((s["id"], m), 0.0), 2)
            refunds = round(refunds_by_seller.get((s["id"], m), 0.0), 2)
            if gross == 0 and refunds == 0:
                continue
            end = _month_end(m)
            sched = end + dt.timedelta(days=5)
            comm = round(gross * s["rate"], 2)
            net = round(gross - comm - refunds, 2)
            prow: list[Any] = [s["id"], m, end, sched, gross, comm, refunds, net]
            if sched > LAST_DAY:
                payouts.append((*prow, "pending", None, None))
            elif s["status"] == "suspended" and end >= s["stop"] - dt.timedelta(days=40):
                payouts.append((*prow, "on_hold", None, None))
            elif rng.random() < 0.03:
                payouts.append((*prow, "failed", None, None))
                retry = sched + dt.timedelta(days=rng.randint(3, 9))
                if retry <= LAST_DAY:
                    prow[3] = retry
                    payouts.append((*prow, "paid", _ts(retry, rng, 6, 11),
                                    f"PO{rng.randint(10**7, 10**8 - 1)}"))  # fmt: skip
                else:
                    prow[3] = retry
                    payouts.append((*prow, "pending", None, None))
            else:
                payouts.append((*prow, "paid", _ts(sched, rng, 6, 11),
                                f"PO{rng.randint(10**7, 10**8 - 1)}"))  # fmt: skip
    payouts.sort(key=lambda r: (r[3], r[0], r[8] != "failed"))
    _insert(con, "payouts", [(i, *r) for i, r in enumerate(payouts, start=1)])


def _return(
    rng: random.Random,
    p: dict,
    qty: int,
    price: float,
    delivered_at: dt.datetime,
    ship_country: str,
) -> list:
    """Return columns of an order line: status, reason, requested, received, refunded, amount."""
    if p["cat"] == "fashion":
        reason = rng.choices(_RETURN_REASONS, weights=[8, 6, 14, 22, 45, 5])[0]
    else:
        reason = rng.choices(_RETURN_REASONS[:4] + _RETURN_REASONS[5:],
                             weights=[30, 14, 24, 26, 6])[0]  # fmt: skip
    late = rng.random() < 0.06
    req = delivered_at + dt.timedelta(days=rng.uniform(31, 45) if late else rng.uniform(0.2, 28))
    req = req.replace(microsecond=0)
    if req > _END:
        return [None] * 6
    if late:
        return ["rejected", reason, req, None, None, None]
    if rng.random() < 0.07:
        return ["cancelled", reason, req, None, None, None]
    rec = (req + dt.timedelta(days=rng.uniform(2, 22))).replace(microsecond=0)
    if rec > _END:
        return ["pending", reason, req, None, None, None]
    if rng.random() < 0.08:
        return ["rejected", reason, req, rec, None, None]
    ref = (rec + dt.timedelta(days=rng.uniform(0.1, 5))).replace(microsecond=0)
    if ref > _END:
        return ["received", reason, req, rec, None, None]
    amount = qty * price * (1 + _TAX_RATE[ship_country])
    if reason == "changed_mind":
        amount -= 3.95
    elif rng.random() < 0.08:
        amount *= 0.5  # partial refund (item kept with a discount)
    return ["refunded", reason, req, rec, ref, round(max(amount, 1.0), 2)]
