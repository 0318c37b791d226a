"""Distribution warehouse test database (DuckDB, ``main`` schema).

A single distribution centre (DC) stores consumer goods for retailers and web shops in the
US and ships orders to them. Goods arrive from suppliers on purchase orders (receipts), are
put away into storage bins, are picked by warehouse staff ("pickers") and leave the building
as customer shipments. Stock losses and count corrections are booked as adjustments.

The data covers the period from 2024-01-01 up to and including **2025-03-31**, which is the
last day of the data ("today" for every question; "this year" is 2025, "last month" is
February 2025). Some purchase orders are expected after today and some shipments are promised
for after today. Money is in US dollars, weights in kilograms (``*_kg``), volumes in litres
(``*_l``). Timestamps (``*_at``) are local warehouse time; dates are ``*_on``. Status-like
columns hold short upper-case codes; the allowed codes are listed below and what each code
means is stated in the column's comment (``COMMENT ON COLUMN``, see ``_DDL``).

Tables
------

``wh_products`` -- one row per stock-keeping unit (SKU) the DC handles. A "unit" is the
smallest quantity the DC ships (an item or an inner pack).

* ``sku_id`` (INTEGER, primary key): SKU identifier.
* ``sku_code`` (VARCHAR, unique): human SKU code, category prefix plus number, e.g. 'BEV-0007'.
* ``product_name`` (VARCHAR, unique): product description, e.g. "Fizzo Sparkling Water 6x1L".
* ``category`` (VARCHAR): 'Beverages', 'Snacks', 'Household', 'Personal Care',
  'Electronics', 'Pet Supplies', 'Garden' or 'Office Supplies'.
* ``unit_weight_kg`` (DECIMAL(7,3)): gross weight of one unit in kg.
* ``unit_volume_l`` (DECIMAL(7,2)): volume of one unit in litres.
* ``unit_cost_usd`` (DECIMAL(8,2)): current standard purchase cost of one unit in USD
  (stock is valued at this cost).
* ``is_hazmat`` (BOOLEAN): true for dangerous goods (aerosols, bleach, lithium batteries,
  fertiliser...); these are stored only in bins of zone 'HAZ'.
* ``is_perishable`` (BOOLEAN): true if the product carries a best-before date.
* ``reorder_point`` (INTEGER): when the total on-hand quantity over all bins falls below this
  number the SKU should be re-ordered; NULL means no reorder point is set (not replenished
  automatically).
* ``status`` (VARCHAR): lifecycle code, one of 'ACT', 'DSC', 'HLD', 'NEW' (see column
  comment). 'HLD' stock sits in zone 'QRN'; 'NEW' SKUs may have no stock and no orders yet.
* ``listed_on`` (DATE): day the SKU was set up in the warehouse system (can be before 2024).

``wh_bins`` -- one row per storage location (bin). Many bins hold no stock at all.

* ``bin_id`` (INTEGER, primary key): bin identifier.
* ``bin_code`` (VARCHAR, unique): location label zone-aisle-position-level, e.g.
  'FWD-03-11-2'; floor locations in the bulk area have no aisle, e.g. 'BLK-F-07'.
* ``zone`` (VARCHAR): storage area code, one of 'FWD', 'RSV', 'HAZ', 'BLK', 'QRN' (see
  column comment).
* ``aisle`` (INTEGER): aisle number; NULL for floor locations (zones 'BLK' and 'QRN').
* ``level`` (INTEGER): rack level, 1 = ground level.
* ``capacity_volume_l`` (DECIMAL(8,1)): usable volume of the bin in litres.
* ``max_weight_kg`` (DECIMAL(7,1)): maximum load of the bin in kg.
* ``is_blocked`` (BOOLEAN): true if the bin is currently blocked (e.g. damaged racking) and
  may not be used for put-away or picking (blocked bins hold no stock).

``wh_stock`` -- current stock per bin and SKU as of the end of 2025-03-31 (a snapshot; there
is no stock history). A SKU can sit in several bins (pick face plus reserve); a 'RSV' or
'HAZ' bin can hold several SKUs. Primary key (``bin_id``, ``sku_id``).

* ``bin_id`` (INTEGER, foreign key to ``wh_bins``).
* ``sku_id`` (INTEGER, foreign key to ``wh_products``).
* ``qty_on_hand`` (INTEGER): units physically in the bin; can be 0 (empty pick face that is
  still assigned to the SKU).
* ``qty_allocated`` (INTEGER): units of ``qty_on_hand`` already reserved for open shipments
  (never more than ``qty_on_hand``). Available stock = on hand minus allocated.
* ``best_before_on`` (DATE): earliest best-before date of the units in the bin; NULL for
  non-perishable products. A date before 2025-03-31 means the stock has expired.
* ``last_counted_on`` (DATE): day of the last cycle count of this bin/SKU; NULL = never counted.

``wh_receipts`` -- inbound receipts: one row per SKU on a supplier purchase order (PO).
A PO (``po_number``) can span several rows/SKUs.

* ``receipt_id`` (INTEGER, primary key).
* ``po_number`` (VARCHAR): purchase order number, e.g. 'PO-24-0153'.
* ``supplier_name`` (VARCHAR): supplier company name.
* ``sku_id`` (INTEGER, foreign key to ``wh_products``).
* ``qty_expected`` (INTEGER): units ordered from the supplier.
* ``unit_cost_usd`` (DECIMAL(8,2)): price per unit agreed on this PO in USD.
* ``expected_on`` (DATE): day the delivery is due at the dock (may be after 2025-03-31).
* ``status`` (VARCHAR): receipt state code, one of 'PND', 'RCV', 'REJ', 'CAN' (see column
  comment). A 'PND' line whose ``expected_on`` is before 2025-03-31 is overdue; only 'RCV'
  lines added stock.
* ``received_at`` (TIMESTAMP): when the truck was unloaded; set for 'RCV' and 'REJ', NULL
  otherwise.
* ``qty_received`` (INTEGER): units accepted into stock; set only for 'RCV' (may be lower or
  occasionally higher than ``qty_expected``), NULL otherwise.
* ``putaway_bin_id`` (INTEGER, foreign key to ``wh_bins``): bin the goods were put away to;
  NULL unless 'RCV'.

``wh_pickers`` -- warehouse floor staff (pickers / operators), current and former.

* ``picker_id`` (INTEGER, primary key).
* ``full_name`` (VARCHAR, unique): first name and surname.
* ``badge_no`` (VARCHAR, unique): badge number, e.g. 'B0412'.
* ``shift`` (VARCHAR): shift code, one of 'DAY', 'EVE', 'NGT' (hours in the column comment).
* ``hired_on`` (DATE): first working day.
* ``left_on`` (DATE): last working day; NULL = still employed.
* ``forklift_certified`` (BOOLEAN): true if licensed to drive forklifts / reach trucks.
* ``hourly_rate_usd`` (DECIMAL(5,2)): current pay rate in USD per hour.
  Some staff (forklift drivers, a brand-new hire) have never picked an order line.

``wh_shipments`` -- outbound customer orders, one row per shipment (one order = one
shipment).

* ``shipment_id`` (INTEGER, primary key).
* ``order_ref`` (VARCHAR, unique): customer order reference, e.g. 'SO-24-00017'.
* ``customer_name`` (VARCHAR): customer (retail chain or web shop) name.
* ``dest_city`` (VARCHAR), ``dest_state`` (VARCHAR): destination city and two-letter US state.
* ``carrier`` (VARCHAR): 'UPS', 'FEDEX', 'USPS', 'DHL' or 'LTL' (truck freight); NULL means
  the customer collects the goods itself (will-call pickup).
* ``is_express`` (BOOLEAN): true for express (next-day) service.
* ``ordered_at`` (TIMESTAMP): when the order was released to the warehouse.
* ``promised_on`` (DATE): day the shipment was promised to leave the DC. A shipment is
  late when it was shipped on a later day than ``promised_on``.
* ``status`` (VARCHAR): order state code, one of 'OPN', 'PCK', 'SHP', 'CAN' (see column
  comment). Cancelled orders were never picked or shipped.
* ``shipped_at`` (TIMESTAMP): when the shipment left the dock; NULL unless 'SHP'.
* ``freight_cost_usd`` (DECIMAL(8,2)): carrier charge in USD paid by the DC; NULL unless
  'SHP'; 0 for customer pickups.

``wh_shipment_lines`` -- one row per SKU on a shipment. Each line is picked in one pick task
by one picker from one bin; the pick task is recorded on the line.

* ``line_id`` (INTEGER, primary key).
* ``shipment_id`` (INTEGER, foreign key to ``wh_shipments``).
* ``line_no`` (INTEGER): 1, 2, ... within the shipment.
* ``sku_id`` (INTEGER, foreign key to ``wh_products``).
* ``qty_ordered`` (INTEGER): units ordered.
* ``unit_price_usd`` (DECIMAL(8,2)): selling price per unit in USD.
* ``qty_picked`` (INTEGER): units actually picked; lower than ``qty_ordered`` (possibly 0)
  for a short pick (stock not found). NULL when the line has not been picked (shipment
  'OPN' or 'CAN').
* ``picker_id`` (INTEGER, foreign key to ``wh_pickers``): who picked the line; NULL when not
  picked.
* ``bin_id`` (INTEGER, foreign key to ``wh_bins``): bin picked from; NULL when not picked.
* ``pick_started_at`` (TIMESTAMP), ``pick_finished_at`` (TIMESTAMP): start and end of the
  pick task; NULL when not picked.

``wh_adjustments`` -- manual stock adjustments (one row per booking).

* ``adj_id`` (INTEGER, primary key).
* ``sku_id`` (INTEGER, foreign key to ``wh_products``).
* ``bin_id`` (INTEGER, foreign key to ``wh_bins``).
* ``adjusted_at`` (TIMESTAMP): when the adjustment was booked.
* ``reason_code`` (VARCHAR): one of 'DMG', 'LOS', 'EXP', 'CNT' (see column comment); only
  'CNT' bookings can be positive.
* ``qty_delta`` (INTEGER): change in units; negative = stock removed, positive = stock added.
* ``recorded_by`` (INTEGER, foreign key to ``wh_pickers``): staff member who booked it; NULL
  when booked by an office supervisor (not a floor employee).
* ``is_voided`` (BOOLEAN): true if the booking was reversed as a mistake; voided adjustments
  must be ignored in any total.
* ``note`` (VARCHAR): free-text remark; NULL when none.
"""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

FIRST_DAY = dt.date(2024, 1, 1)
LAST_DAY = dt.date(2025, 3, 31)
_END = dt.datetime(2025, 3, 31, 23, 59, 59)

# category -> (code prefix, litres per kg, is food, [(item, unit weight kg, unit cost usd), ...])
_CATALOG = {
    "Beverages": ("BEV", 1.1, True, [
        ("Sparkling Water 6x1L", 6.3, 3.10), ("Orange Juice 1L", 1.08, 2.40),
        ("Cold Brew Coffee 4x250ml", 1.15, 6.80), ("Green Tea 20 bags", 0.06, 2.10),
        ("Cola 12x330ml", 4.2, 4.60), ("Energy Drink 4x500ml", 2.1, 5.90),
        ("Oat Milk 1L", 1.06, 1.90), ("Lemonade 2L", 2.1, 1.70), ("Iced Tea 6x500ml", 3.15, 3.90),
        ("Coconut Water 1L", 1.07, 2.60),
    ]),
    "Snacks": ("SNK", 3.0, True, [
        ("Sea Salt Crisps 150g", 0.17, 1.20), ("Trail Mix 500g", 0.53, 3.40),
        ("Dark Chocolate Bar 100g", 0.11, 1.30), ("Granola Bars 6pk", 0.24, 2.20),
        ("Salted Pretzels 300g", 0.32, 1.10), ("Rice Cakes 130g", 0.15, 1.00),
        ("Peanut Butter Cups 8pk", 0.29, 2.50), ("Beef Jerky 80g", 0.09, 3.60),
        ("Popcorn Kernels 1kg", 1.03, 2.30), ("Oat Cookies 250g", 0.27, 1.60),
    ]),
    "Household": ("HSE", 1.6, False, [
        ("Dish Soap 750ml", 0.82, 1.90), ("Laundry Pods 40ct", 1.1, 7.50),
        ("Bleach 2L", 2.2, 2.10), ("Paper Towels 6 Rolls", 1.3, 5.20),
        ("Trash Bags 50ct", 0.9, 4.10), ("Glass Cleaner Spray", 0.55, 2.30),
        ("Sponges 10pk", 0.12, 2.60), ("Air Freshener Aerosol", 0.35, 2.80),
        ("Toilet Paper 24 Rolls", 2.9, 9.80), ("Floor Cleaner 1.5L", 1.6, 3.40),
    ]),
    "Personal Care": ("PRC", 1.5, False, [
        ("Shampoo 400ml", 0.44, 3.20), ("Toothpaste 2pk", 0.25, 2.40),
        ("Body Wash 500ml", 0.55, 2.90), ("Deodorant Aerosol", 0.2, 2.60),
        ("Hand Cream 75ml", 0.09, 3.80), ("Sunscreen SPF50", 0.22, 6.90),
        ("Razor Blades 8pk", 0.07, 11.50), ("Cotton Pads 120ct", 0.08, 1.40),
        ("Hair Spray Aerosol", 0.33, 3.10), ("Lip Balm 3pk", 0.03, 2.20),
    ]),
    "Electronics": ("ELC", 4.0, False, [
        ("USB-C Cable 2m", 0.07, 3.90), ("AA Lithium Batteries 8pk", 0.16, 9.80),
        ("Wireless Mouse", 0.12, 8.50), ("Power Bank 10000mAh", 0.24, 14.90),
        ("LED Bulb 4pk", 0.25, 6.40), ("Bluetooth Speaker", 0.6, 22.00),
        ("HDMI Cable 3m", 0.18, 4.20), ("Phone Charger 20W", 0.09, 6.10),
        ("Smart Plug 2pk", 0.21, 11.00), ("Desk Lamp", 1.4, 16.50),
    ]),
    "Pet Supplies": ("PET", 1.6, True, [
        ("Dry Dog Food 12kg", 12.2, 24.00), ("Cat Litter 10L", 9.6, 6.80),
        ("Wet Cat Food 12x85g", 1.1, 7.20), ("Dog Treats 500g", 0.53, 4.40),
        ("Bird Seed 2kg", 2.05, 3.90), ("Chew Toy", 0.15, 2.70), ("Cat Food 4kg", 4.1, 11.60),
        ("Puppy Pads 50ct", 1.6, 8.30),
    ]),
    "Garden": ("GDN", 2.5, False, [
        ("Potting Soil 40L", 16.5, 5.40), ("Lawn Fertilizer 10kg", 10.2, 13.80),
        ("Garden Hose 25m", 3.2, 14.50), ("Seed Starter Kit", 0.6, 6.20),
        ("Weed Killer 1L", 1.1, 7.40), ("Pruning Shears", 0.3, 9.10),
        ("Plant Pots 5pk", 0.9, 4.80), ("Bird Feeder", 0.7, 8.60),
    ]),
    "Office Supplies": ("OFF", 1.8, False, [
        ("Copy Paper A4 500sh", 2.5, 3.90), ("Ballpoint Pens 12pk", 0.14, 2.10),
        ("Sticky Notes 6pk", 0.3, 3.20), ("Stapler", 0.35, 4.60), ("File Folders 25pk", 0.6, 3.70),
        ("Printer Toner Black", 0.95, 38.00), ("Whiteboard Markers 4pk", 0.08, 2.90),
        ("Packing Tape 6 Rolls", 1.1, 5.30),
    ]),
}  # fmt: skip
_HAZMAT_ITEMS = {
    "Bleach 2L", "Air Freshener Aerosol", "Deodorant Aerosol", "Hair Spray Aerosol",
    "AA Lithium Batteries 8pk", "Power Bank 10000mAh", "Lawn Fertilizer 10kg", "Weed Killer 1L",
}  # fmt: skip
_NON_PERISHABLE = {"Chew Toy", "Cat Litter 10L", "Puppy Pads 50ct", "Green Tea 20 bags"}
_BRANDS = {
    "Beverages": ["Fizzo", "Sunvale", "Brewline", "Nordic Spring"], "Household": ["CleanCo",
    "Brightway", "HomeEase"], "Snacks": ["Crunchwell", "Trailhead", "Cocoa Bay", "Munchkin"],
    "Personal Care": ["Purely", "Dermaleaf", "Freshly"],
    "Electronics": ["Voltix", "Lumo", "Wirely"],
    "Pet Supplies": ["Pawsome", "Whisker", "Tailwag"], "Garden": ["GreenRoot", "Bloomfield"],
    "Office Supplies": ["Scriba", "Deskmate"],
}  # fmt: skip

_SUPPLIERS = {
    "Beverages": ["Atlantic Beverage Co", "Sunvale Foods"],
    "Snacks": ["Sunvale Foods", "Midwest Snack Distributors"],
    "Household": ["CleanCo Industries", "Harbor Home Goods"],
    "Personal Care": ["Dermaleaf Labs", "Harbor Home Goods"],
    "Electronics": ["Voltix Electronics", "Pacific Tech Supply"],
    "Pet Supplies": ["Pawsome Pet Products", "Midwest Snack Distributors"],
    "Garden": ["GreenRoot Garden Supply"],
    "Office Supplies": ["Scriba Office Products", "Pacific Tech Supply"],
}  # fmt: skip

_CUSTOMERS = [
    # name, city, state, weight
    ("FreshMart", "Columbus", "OH", 14), ("ValueWay Stores", "Indianapolis", "IN", 11),
    ("Corner Basket", "Chicago", "IL", 9), ("ShopNest Online", "Louisville", "KY", 9),
    ("Greenleaf Grocers", "Cincinnati", "OH", 7), ("HomeHub Retail", "Detroit", "MI", 6),
    ("QuickCart", "Nashville", "TN", 6), ("Pets & Co", "St. Louis", "MO", 5),
    ("Urban Pantry", "Chicago", "IL", 5), ("Lakeside Market", "Cleveland", "OH", 4),
    ("OfficePoint", "Pittsburgh", "PA", 4), ("Gadget Garage", "Milwaukee", "WI", 3),
    ("Backyard Depot", "Lexington", "KY", 3), ("DailyNeeds Pharmacy", "Toledo", "OH", 3),
    ("Maple Street General", "Fort Wayne", "IN", 2), ("BrightBuy Web", "Atlanta", "GA", 2),
    ("Riverbend Co-op", "Dayton", "OH", 2), ("Sunrise Convenience", "Memphis", "TN", 2),
    ("Northside Hardware", "Grand Rapids", "MI", 1), ("Kettle & Crumb", "Madison", "WI", 1),
    ("Parkway Supplies", "Akron", "OH", 1), ("The Bulk Barn", "Peoria", "IL", 1),
    ("Harvest Lane Foods", "Evansville", "IN", 3),
]  # fmt: skip
# customers that only order within a window (churned / won during the period)
_CUSTOMER_WINDOW = {
    "Parkway Supplies": (FIRST_DAY, dt.date(2024, 9, 30)),
    "Kettle & Crumb": (FIRST_DAY, dt.date(2024, 12, 13)),
    "Harvest Lane Foods": (dt.date(2025, 1, 20), LAST_DAY),
}

_FIRST = [
    "Marcus", "Tanya", "Luis", "Keisha", "Dmitri", "Rosa", "Jamal", "Linh", "Patrick", "Ana",
    "Tyrone", "Mei", "Carlos", "Brenda", "Hector", "Olga", "Darnell", "Priya", "Sean", "Fatou",
    "Kevin", "Yesenia", "Abdul", "Crystal", "Tomasz", "Gloria", "Ray", "Nia", "Victor", "Jade",
]  # fmt: skip
_LAST = [
    "Johnson", "Ramirez", "Nguyen", "Williams", "Kowalski", "Diaz", "Brooks", "Tran", "Murphy",
    "Souza", "Jackson", "Huang", "Mendoza", "Clark", "Vargas", "Ivanova", "Hayes", "Patel",
    "O'Brien", "Diallo", "Foster", "Morales", "Rahman", "Bell", "Nowak", "Ortiz", "Price",
    "Coleman", "Reyes", "Kim",
]  # fmt: skip

_DDL = """
CREATE TABLE wh_products (
    sku_id INTEGER PRIMARY KEY,
    sku_code VARCHAR NOT NULL UNIQUE,
    product_name VARCHAR NOT NULL UNIQUE,
    category VARCHAR NOT NULL,
    unit_weight_kg DECIMAL(7, 3) NOT NULL,
    unit_volume_l DECIMAL(7, 2) NOT NULL,
    unit_cost_usd DECIMAL(8, 2) NOT NULL,
    is_hazmat BOOLEAN NOT NULL,
    is_perishable BOOLEAN NOT NULL,
    reorder_point INTEGER,
    status VARCHAR NOT NULL,
    listed_on DATE NOT NULL
);
CREATE TABLE wh_bins (
    bin_id INTEGER PRIMARY KEY,
    bin_code VARCHAR NOT NULL UNIQUE,
    zone VARCHAR NOT NULL,
    aisle INTEGER,
    level INTEGER NOT NULL,
    capacity_volume_l DECIMAL(8, 1) NOT NULL,
    max_weight_kg DECIMAL(7, 1) NOT NULL,
    is_blocked BOOLEAN NOT NULL
);
CREATE TABLE wh_stock (
    bin_id INTEGER NOT NULL REFERENCES wh_bins (bin_id),
    sku_id INTEGER NOT NULL REFERENCES wh_products (sku_id),
    qty_on_hand INTEGER NOT NULL,
    qty_allocated INTEGER NOT NULL,
    best_before_on DATE,
    last_counted_on DATE,
    PRIMARY KEY (bin_id, sku_id)
);
CREATE TABLE wh_receipts (
    receipt_id INTEGER PRIMARY KEY,
    po_number VARCHAR NOT NULL,
    supplier_name VARCHAR NOT NULL,
    sku_id INTEGER NOT NULL REFERENCES wh_products (sku_id),
    qty_expected INTEGER NOT NULL,
    unit_cost_usd DECIMAL(8, 2) NOT NULL,
    expected_on DATE NOT NULL,
    status VARCHAR NOT NULL,
    received_at TIMESTAMP,
    qty_received INTEGER,
    putaway_bin_id INTEGER REFERENCES wh_bins (bin_id)
);
CREATE TABLE wh_pickers (
    picker_id INTEGER PRIMARY KEY,
    full_name VARCHAR NOT NULL UNIQUE,
    badge_no VARCHAR NOT NULL UNIQUE,
    shift VARCHAR NOT NULL,
    hired_on DATE NOT NULL,
    left_on DATE,
    forklift_certified BOOLEAN NOT NULL,
    hourly_rate_usd DECIMAL(5, 2) NOT NULL
);
CREATE TABLE wh_shipments (
    shipment_id INTEGER PRIMARY KEY,
    order_ref VARCHAR NOT NULL UNIQUE,
    customer_name VARCHAR NOT NULL,
    dest_city VARCHAR NOT NULL,
    dest_state VARCHAR NOT NULL,
    carrier VARCHAR,
    is_express BOOLEAN NOT NULL,
    ordered_at TIMESTAMP NOT NULL,
    promised_on DATE NOT NULL,
    status VARCHAR NOT NULL,
    shipped_at TIMESTAMP,
    freight_cost_usd DECIMAL(8, 2)
);
CREATE TABLE wh_shipment_lines (
    line_id INTEGER PRIMARY KEY,
    shipment_id INTEGER NOT NULL REFERENCES wh_shipments (shipment_id),
    line_no INTEGER NOT NULL,
    sku_id INTEGER NOT NULL REFERENCES wh_products (sku_id),
    qty_ordered INTEGER NOT NULL,
    unit_price_usd DECIMAL(8, 2) NOT NULL,
    qty_picked INTEGER,
    picker_id INTEGER REFERENCES wh_pickers (picker_id),
    bin_id INTEGER REFERENCES wh_bins (bin_id),
    pick_started_at TIMESTAMP,
    pick_finished_at TIMESTAMP
);
CREATE TABLE wh_adjustments (
    adj_id INTEGER PRIMARY KEY,
    sku_id INTEGER NOT NULL REFERENCES wh_products (sku_id),
    bin_id INTEGER NOT NULL REFERENCES wh_bins (bin_id),
    adjusted_at TIMESTAMP NOT NULL,
    reason_code VARCHAR NOT NULL,
    qty_delta INTEGER NOT NULL,
    recorded_by INTEGER REFERENCES wh_pickers (picker_id),
    is_voided BOOLEAN NOT NULL,
    note VARCHAR
);
COMMENT ON COLUMN wh_products.status IS
    'ACT = active, DSC = discontinued, HLD = quality hold (do not ship), NEW = newly listed';
COMMENT ON COLUMN wh_bins.zone IS
    'FWD = forward pick, RSV = reserve rack, HAZ = hazmat cage, BLK = bulk floor, QRN = quarantine';
COMMENT ON COLUMN wh_receipts.status IS
    'PND = pending (not arrived), RCV = received, REJ = refused at dock, CAN = cancelled by buyer';
COMMENT ON COLUMN wh_shipments.status IS
    'OPN = released not picked, PCK = picked awaiting dispatch, SHP = shipped, CAN = cancelled';
COMMENT ON COLUMN wh_shipments.carrier IS
    'UPS, FEDEX, USPS, DHL or LTL (truck freight); NULL = customer pickup (will call)';
COMMENT ON COLUMN wh_pickers.shift IS
    'DAY = 06:00-14:00, EVE = 14:00-22:00, NGT = 22:00-06:00';
COMMENT ON COLUMN wh_adjustments.reason_code IS
    'DMG = damaged, LOS = lost/missing, EXP = expired, CNT = cycle count correction (+/-)';
COMMENT ON COLUMN wh_adjustments.is_voided IS
    'True = booking reversed; ignore voided rows in totals';
"""

_DROP_ORDER = ["wh_adjustments", "wh_shipment_lines", "wh_shipments", "wh_pickers",
               "wh_receipts", "wh_stock", "wh_bins", "wh_products"]  # fmt: skip


def _insert(con: Any, table: str, rows: list[tuple]) -> None:
    """Insert ``rows`` (tuples in table column order) in chunks."""
    if not rows:
        return
    marks = "(" + ", ".join("?" for _ in rows[0]) + ")"
    for start in range(0, len(rows), 250):
        chunk = rows[start : start + 250]
        params = [value for row in chunk for value in row]
        con.execute(f"INSERT INTO {table} VALUES " + ", ".join(marks for _ in chunk), params)


def _shift_of(ts: dt.datetime) -> str:
    if 6 <= ts.hour < 14:
        return "DAY"
    if 14 <= ts.hour < 22:
        return "EVE"
    return "NGT"


def _employed(p: dict, day: dt.date) -> bool:
    return p["hired_on"] <= day and (p["left_on"] is None or day <= p["left_on"])


def build(con: Any, seed: int = 1) -> None:
    """(Re)create and fill the warehouse tables in ``con``."""
    rng = random.Random(seed)
    for table in _DROP_ORDER:
        con.execute(f"DROP TABLE IF EXISTS {table}")
    con.execute(_DDL)

    # ------------------------------------------------------------------ products
    products: list[dict] = []
    for category, (prefix, l_per_kg, food, items) in _CATALOG.items():
        n = 0
        for item, base_kg, base_cost in items:
            pool = _BRANDS[category]
            brands = rng.sample(pool, k=min(len(pool), rng.choice([1, 2, 2, 3, 3])))
            for brand in brands:
                n += 1
                weight = round(base_kg * rng.uniform(0.9, 1.12), 3)
                hazmat = item in _HAZMAT_ITEMS
                perishable = food and item not in _NON_PERISHABLE
                r = rng.random()
                status = "ACT" if r < 0.82 else "DSC" if r < 0.91 else "HLD" if r < 0.95 else "NEW"
                if status == "NEW":
                    listed = dt.date(2025, rng.randint(1, 3), rng.randint(1, 28))
                else:
                    listed = dt.date(2021, 1, 1) + dt.timedelta(days=rng.randint(0, 1250))
                    listed = min(listed, dt.date(2024, 10, 31))
                rop = None if rng.random() < 0.15 else rng.choice([10, 20, 24, 30, 40, 50, 60, 80])
                products.append({
                    "code": f"{prefix}-{n:04d}", "name": f"{brand} {item}", "cat": category,
                    "weight": weight,
                    "volume": round(max(0.05, weight * l_per_kg * rng.uniform(0.7, 1.4)), 2),
                    "cost": round(base_cost * rng.uniform(0.8, 1.3), 2), "hazmat": hazmat,
                    "perishable": perishable, "rop": rop, "status": status, "listed": listed,
                    "pop": rng.paretovariate(1.3),
                })  # fmt: skip
    rng.shuffle(products)
    for i, p in enumerate(products, start=1):
        p["id"] = i
    # edge case: the two heaviest pet-food SKUs weigh exactly the same (tie)
    dog = sorted((p for p in products if "Dog Food" in p["name"]), key=lambda p: -p["weight"])
    dog[1]["weight"] = dog[0]["weight"]
    _insert(con, "wh_products", [(p["id"], p["code"], p["name"], p["cat"], p["weight"], p["volume"],
                                  p["cost"], p["hazmat"], p["perishable"], p["rop"], p["status"],
                                  p["listed"]) for p in products])  # fmt: skip

    # ---------------------------------------------------------------------- bins
    bins: list[dict] = []
    keys = ("code", "zone", "aisle", "level", "vol", "kg")
    # zone, aisles, positions per aisle, levels, capacity l, max kg
    racks = [("FWD", range(1, 9), 12, 3, 120.0, 60.0), ("RSV", range(9, 13), 10, 4, 1600.0, 1000.0),
             ("HAZ", [13], 8, 2, 450.0, 300.0)]  # fmt: skip
    for zone, aisles, n_pos, n_lvl, vol, kg in racks:
        for aisle in aisles:
            for pos in range(1, n_pos + 1):
                for level in range(1, n_lvl + 1):
                    code = f"{zone}-{aisle:02d}-{pos:02d}-{level}"
                    bins.append(dict(zip(keys, (code, zone, aisle, level, vol, kg), strict=True)))
    floors = [("BLK", "F", 24, 2400.0, 1500.0), ("QRN", "Q", 6, 1200.0, 800.0)]
    for zone, tag, n_pos, vol, kg in floors:
        for pos in range(1, n_pos + 1):
            code = f"{zone}-{tag}-{pos:02d}"
            bins.append(dict(zip(keys, (code, zone, None, 1, vol, kg), strict=True)))
    for i, b in enumerate(bins, start=1):
        b["id"] = i
        b["blocked"] = rng.random() < 0.03
    _insert(con, "wh_bins", [(b["id"], b["code"], b["zone"], b["aisle"], b["level"], b["vol"],
                              b["kg"], b["blocked"]) for b in bins])  # fmt: skip
    by_zone: dict[str, list[dict]] = {}
    for b in bins:
        by_zone.setdefault(b["zone"], []).append(b)
    free = {z: [b for b in bs if not b["blocked"]] for z, bs in by_zone.items()}
    for z in free:
        rng.shuffle(free[z])

    # home (pick) bin and optional reserve bin per product
    for p in products:
        if p["hazmat"]:
            p["home"] = rng.choice(free["HAZ"])["id"]
            p["reserve"] = None
        elif p["weight"] > 9.0:
            p["home"] = free["BLK"].pop()["id"]
            p["reserve"] = None
        else:
            p["home"] = free["FWD"].pop()["id"]
            p["reserve"] = rng.choice(free["RSV"][:90])["id"] if rng.random() < 0.55 else None

    # --------------------------------------------------------------------- stock
    stock: dict[tuple[int, int], tuple] = {}

    def _bb(p: dict) -> dt.date | None:
        if not p["perishable"]:
            return None
        return LAST_DAY + dt.timedelta(days=rng.randint(-40, 400))

    def _counted() -> dt.date | None:
        if rng.random() < 0.12:
            return None
        return LAST_DAY - dt.timedelta(days=rng.randint(0, 330))

    for p in products:
        if p["status"] == "NEW" and rng.random() < 0.5:
            continue
        if p["status"] == "DSC" and rng.random() < 0.5:
            continue
        if p["status"] == "HLD":
            qbin = rng.choice(free["QRN"])["id"]
            stock[(qbin, p["id"])] = (rng.randint(5, 120), 0, _bb(p), _counted())
            continue
        scale = max(6, int(40 * min(p["pop"], 6)))
        qty = 0 if rng.random() < 0.07 else rng.randint(1, scale)
        if p["status"] == "DSC":
            qty = rng.randint(1, 15)
        alloc = 0 if rng.random() < 0.75 or qty == 0 else rng.randint(1, max(1, qty // 3))
        stock[(p["home"], p["id"])] = (qty, alloc, _bb(p), _counted())
        if p["reserve"] is not None and p["status"] == "ACT":
            stock[(p["reserve"], p["id"])] = (rng.randint(2, 12) * 12, 0, _bb(p), _counted())
    _insert(con, "wh_stock", [(b, s, *v) for (b, s), v in sorted(stock.items())])

    # ------------------------------------------------------------------ receipts
    receipts = []
    po_seq = {2024: 0, 2025: 0}
    by_supplier: dict[str, list[dict]] = {}
    for p in products:
        sups = _SUPPLIERS[p["cat"]]
        p["supplier"] = sups[0] if len(sups) == 1 or rng.random() < 0.7 else sups[1]
        by_supplier.setdefault(p["supplier"], []).append(p)
    day = FIRST_DAY
    while day <= LAST_DAY + dt.timedelta(days=21):
        for _ in range(rng.choice([0, 0, 1, 1, 1, 2])):
            if day.weekday() >= 5:
                continue
            supplier = rng.choice(list(by_supplier))
            cands = [
                p for p in by_supplier[supplier]
                if day >= p["listed"]
                and (p["status"] in ("ACT", "HLD", "NEW")
                     or (p["status"] == "DSC" and day < dt.date(2024, 9, 1)))
            ]  # fmt: skip
            if not cands:
                continue
            po_seq[day.year] += 1
            po = f"PO-{day.year % 100:02d}-{po_seq[day.year]:04d}"
            # one truck per PO: all its lines arrive together
            late = rng.choice([-1, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 2, 3, 4, 6, 9])
            arr = day + dt.timedelta(days=late)
            arr_at = dt.datetime.combine(min(arr, LAST_DAY), dt.time(rng.randint(5, 17), 0))
            arr_at += dt.timedelta(minutes=rng.randint(0, 59))
            for p in rng.sample(cands, k=min(len(cands), rng.randint(1, 4))):
                qty = rng.randint(2, 30) * (6 if p["weight"] < 3 else 2)
                cost = round(p["cost"] * rng.uniform(0.92, 1.05), 2)
                if day > LAST_DAY:
                    status = "PND"
                elif day > LAST_DAY - dt.timedelta(days=10) and rng.random() < 0.4:
                    status = "PND"  # overdue
                else:
                    r = rng.random()
                    status = "RCV" if r < 0.92 else "REJ" if r < 0.96 else "CAN"
                rec_at = qty_rec = putaway = None
                if status in ("RCV", "REJ"):
                    rec_at = arr_at
                if status == "RCV":
                    r = rng.random()
                    qty_rec = qty if r < 0.85 else max(1, qty - rng.randint(1, qty // 4 + 1))
                    if r > 0.97:
                        qty_rec = qty + rng.randint(1, 6)
                    putaway = p["reserve"] or p["home"]
                receipts.append((po, supplier, p["id"], qty, cost, day, status, rec_at,
                                 qty_rec, putaway))  # fmt: skip
        day += dt.timedelta(days=1)
    _insert(con, "wh_receipts", [(i, *r) for i, r in enumerate(receipts, start=1)])

    # ------------------------------------------------------------------- pickers
    pickers: list[dict] = []
    names = set()
    plan = [
        (shift, FIRST_DAY - dt.timedelta(days=rng.randint(20, 1600)), None)
        for shift in ["DAY"] * 9 + ["EVE"] * 8 + ["NGT"] * 5
    ]
    plan += [
        ("DAY", dt.date(2024, 5, 13), None), ("EVE", dt.date(2024, 8, 5), None),
        ("NGT", dt.date(2024, 10, 21), None), ("DAY", dt.date(2025, 1, 6), None),
        ("EVE", dt.date(2025, 3, 3), None), ("DAY", dt.date(2025, 3, 31), None),
    ]  # fmt: skip
    leavers = rng.sample(range(22), 5)
    for idx, (shift, hired, left) in enumerate(plan):
        while True:
            name = f"{rng.choice(_FIRST)} {rng.choice(_LAST)}"
            if name not in names:
                names.add(name)
                break
        if idx in leavers:
            left = dt.date(2024, 2, 1) + dt.timedelta(days=rng.randint(0, 380))
        pickers.append({
            "id": idx + 1, "name": name, "badge": f"B{rng.randint(100, 999)}{idx % 10}",
            "shift": shift, "hired_on": hired, "left_on": left,
            "forklift": rng.random() < 0.35, "rate": round(rng.uniform(17.5, 24.0) * 4) / 4,
            "picks": True, "speed": rng.uniform(0.75, 1.35),
        })  # fmt: skip
    # two reach-truck drivers who never pick; the hire of 2025-03-31 has not picked yet
    for idx in (2, 11):
        pickers[idx]["forklift"] = True
        pickers[idx]["picks"] = False
        pickers[idx]["rate"] = 25.5
    pickers[-1]["picks"] = False
    _insert(con, "wh_pickers", [(p["id"], p["name"], p["badge"], p["shift"], p["hired_on"],
                                 p["left_on"], p["forklift"], p["rate"])
                                for p in pickers])  # fmt: skip

    # ----------------------------------------------------------------- shipments
    shippable = [p for p in products if p["status"] in ("ACT", "DSC", "NEW")]
    cust_w = [c[3] for c in _CUSTOMERS]
    fallback = max((p for p in shippable if p["status"] == "ACT" and p["listed"] < FIRST_DAY),
                   key=lambda p: p["pop"])  # fmt: skip
    shipments, lines = [], []
    seq = {2024: 0, 2025: 0}
    day = FIRST_DAY
    while day <= LAST_DAY:
        season = 1.0 + (0.7 if day.month in (11, 12) else 0.0) + 0.15 * (day.year - 2024)
        n_orders = 0 if day.weekday() == 6 else int(rng.gauss(4.2 * season, 1.6))
        if day.weekday() == 5:
            n_orders //= 2
        if day >= LAST_DAY - dt.timedelta(days=3) and day.weekday() != 6:
            n_orders += 5  # quarter-end rush: several orders still in the building
        for _ in range(max(0, n_orders)):
            cust = rng.choices(_CUSTOMERS, weights=cust_w)[0]
            lo, hi = _CUSTOMER_WINDOW.get(cust[0], (FIRST_DAY, LAST_DAY))
            if not lo <= day <= hi:
                cust = _CUSTOMERS[0]
            ordered = dt.datetime.combine(day, dt.time(rng.randint(5, 20), rng.randint(0, 59)))
            express = rng.random() < 0.18
            promised = day + dt.timedelta(days=1 if express else rng.choice([1, 2, 2, 3, 3]))
            seq[day.year] += 1
            ref = f"SO-{day.year % 100:02d}-{seq[day.year]:05d}"
            items = []
            for _ in range(min(8, 1 + int(rng.expovariate(0.6)))):
                p = rng.choices(shippable, weights=[q["pop"] for q in shippable])[0]
                if p["status"] == "DSC" and day > dt.date(2024, 11, 30):
                    continue
                if day < p["listed"]:
                    continue
                if p["id"] not in [q["id"] for q in items]:
                    items.append(p)
            if not items:
                items = [fallback]
            cancelled = rng.random() < 0.035
            t = ordered + dt.timedelta(minutes=rng.randint(15, 480))
            cands = [pk for pk in pickers if pk["picks"] and _employed(pk, t.date())
                     and pk["shift"] == _shift_of(t)]  # fmt: skip
            if not cands:
                cands = [pk for pk in pickers if pk["picks"] and _employed(pk, t.date())]
            picker = rng.choice(cands)
            weight = 0.0
            sid = len(shipments) + 1
            finished = None
            for ln, p in enumerate(items, start=1):
                qty = max(1, int(rng.expovariate(1 / (8 if p["weight"] < 2 else 3))))
                price = round(p["cost"] * rng.uniform(1.25, 1.6), 2)
                row = [sid, ln, p["id"], qty, price, None, None, None, None, None]
                if not cancelled:
                    r = rng.random()
                    picked = qty if r < 0.95 else 0 if r < 0.96 else rng.randint(0, qty - 1)
                    mins = picker["speed"] * (1.2 + 0.35 * qty + 0.08 * qty * float(p["weight"]))
                    start = t + dt.timedelta(seconds=rng.randint(20, 240))
                    end = start + dt.timedelta(seconds=int(mins * 60 * rng.uniform(0.8, 1.3)))
                    row[5:] = [picked, picker["id"], p["home"], start, end]
                    t = end
                    finished = end
                    weight += picked * float(p["weight"])
                lines.append(row)
            tail = ordered.date() >= LAST_DAY - dt.timedelta(days=3) and rng.random() < 0.7
            if cancelled:
                status, shipped, freight = "CAN", None, None
            elif tail and rng.random() < 0.5 and finished is not None and finished <= _END:
                status, shipped, freight = "PCK", None, None
            elif tail or finished is None or finished > _END:
                status, shipped, freight = "OPN", None, None
                for row in lines[-len(items) :]:
                    row[5:] = [None] * 5
            else:
                ready = finished + dt.timedelta(minutes=rng.randint(30, 600))
                if rng.random() < 0.12:
                    ready += dt.timedelta(days=rng.randint(1, 3))
                if ready > _END:
                    status, shipped, freight = "PCK", None, None
                else:
                    status, shipped = "SHP", ready
            carrier = rng.choices(["UPS", "FEDEX", "USPS", "DHL", "LTL", None],
                                  weights=[30, 25, 12, 8, 10, 8])[0]  # fmt: skip
            if weight > 250:
                carrier = "LTL"
            if status == "SHP":
                if carrier is None:
                    freight = 0.0
                else:
                    base = {"UPS": 9.5, "FEDEX": 10.5, "USPS": 7.0, "DHL": 12.0, "LTL": 85.0}
                    freight = round(base[carrier] + weight * (0.55 if carrier != "LTL" else 0.18)
                                    + (18.0 if express else 0.0), 2)  # fmt: skip
            shipments.append((sid, ref, cust[0], cust[1], cust[2], carrier, express, ordered,
                              promised, status, shipped, freight))  # fmt: skip
        day += dt.timedelta(days=1)
    _insert(con, "wh_shipments", shipments)
    _insert(con, "wh_shipment_lines", [(i, *row) for i, row in enumerate(lines, start=1)])

    # --------------------------------------------------------------- adjustments
    adjustments = []
    stocked = [p for p in products if p["status"] != "NEW"]
    notes = {"DMG": ["Forklift damage", "Crushed carton", "Leaking", "Water damage"],
             "LOS": ["Not found at location", "Suspected theft"], "EXP": ["Past best-before"],
             "CNT": ["Cycle count", "Annual count"]}  # fmt: skip
    for _ in range(420):
        p = rng.choices(stocked, weights=[min(q["pop"], 8) for q in stocked])[0]
        ts = dt.datetime.combine(
            FIRST_DAY + dt.timedelta(days=rng.randint(0, (LAST_DAY - FIRST_DAY).days)),
            dt.time(rng.randint(0, 23), rng.randint(0, 59)),
        )
        if ts.date() < p["listed"]:
            continue
        reason = rng.choices(["DMG", "LOS", "EXP", "CNT"], weights=[35, 15, 15, 35])[0]
        if reason == "EXP" and not p["perishable"]:
            reason = "DMG"
        delta = {"DMG": -rng.randint(1, 6), "LOS": -rng.randint(1, 10), "EXP": -rng.randint(2, 20),
                 "CNT": rng.choice([-1, 1]) * rng.randint(1, 8)}[reason]  # fmt: skip
        staff = [k for k in pickers if _employed(k, ts.date()) and k["shift"] == _shift_of(ts)]
        who = rng.choice(staff)["id"] if staff and rng.random() < 0.8 else None
        bin_id = p["home"] if p["reserve"] is None or rng.random() < 0.7 else p["reserve"]
        note = rng.choice(notes[reason]) if rng.random() < 0.45 else None
        adjustments.append((p["id"], bin_id, ts, reason, delta, who, rng.random() < 0.05, note))
    adjustments.sort(key=lambda a: a[2])
    _insert(con, "wh_adjustments", [(i, *a) for i, a in enumerate(adjustments, start=1)])
