"""A seeded database of a London food-delivery marketplace: restaurants, their menu dishes,
couriers, customers, orders, order lines and post-delivery ratings.

`build(con, seed=1)` (re)creates seven tables in `con`'s main schema from Python's `random`
seeded with `seed`, so one seed always gives the same tables and another seed other ones.
Orders are placed between 2024-04-01 and 2025-03-31 (the last day of the data), always between
11:00 and 22:30, and every delivery finishes the same evening. Money is in pounds sterling.

- restaurants (24): restaurant_id, brand (the trading name), cuisine ('italian', 'indian',
  'chinese', 'japanese', 'thai', 'mexican', 'american', 'middle_eastern'), area (London
  neighbourhood), onboarded_on (DATE), commission_pct (share of basket value the platform
  keeps, in percent), avg_prep_min (typical kitchen preparation time), halal, is_featured.
  "Trattoria Bella" (restaurant 24) joined on 2025-03-24 and has a menu but no orders yet.
- dishes (220): dish_id, restaurant_id, dish_name (repeats across restaurants of one cuisine),
  course ('starter', 'main', 'side', 'dessert', 'drink'), price_gbp (current menu price), vegan,
  is_spicy, kcal (NULL when the restaurant gave no calorie count). Some dishes were never
  ordered (all of Trattoria Bella's and a few others).
- couriers (36): courier_id, full_name (unique), vehicle ('bicycle', 'e_bike', 'motorbike',
  'car'), base_area, started_on (DATE), left_on (DATE, NULL while still riding for us),
  night_shift. Courier 36 started on 2025-03-29 and has never been assigned an order.
- customers (600): customer_id, first_name, last_name, area (home neighbourhood),
  signed_up_on (DATE), birth_year (NULL when not given), plus_member (pays for the Plus
  free-delivery subscription), marketing_opt_in. Some customers never ordered.
- orders (~3,200): order_id (in order of placed_at), customer_id, restaurant_id, courier_id
  (NULL when the order was cancelled before a courier was assigned), placed_at (TIMESTAMP),
  delivered_at (TIMESTAMP, NULL for cancelled orders; always a whole number of minutes after
  placed_at), status ('delivered', 'cancelled', 'refunded'; refunded orders were delivered
  and then refunded), distance_km (restaurant to customer), eta_min (delivery time in minutes
  promised at checkout; an order is late when delivered_at is after placed_at + eta_min
  minutes), order_total_gbp (basket value: the sum of the order's lines, without delivery fee
  or tip), delivery_fee_gbp (0 for Plus members on baskets of 15 or more), tip_given, tip_gbp
  (0 when no tip), payment_method ('card', 'apple_pay', 'google_pay', 'paypal'), promo_code
  (NULL when none was used). Order volume grows over the year.
- order_items (~6,700): order_id, line_no (primary key together), dish_id, qty, unit_price_gbp
  (price paid; menu prices of some restaurants went up on 2025-01-01, so older lines can be
  cheaper than the dish's current price_gbp).
- ratings (~1,300): rating_id, order_id (unique: at most one rating per order, only for
  delivered or refunded orders), food_stars (1-5), courier_stars (1-5, NULL when the customer
  skipped rating the courier), rated_on (DATE, never after 2025-03-31), comment (NULL for most).

Primary keys and foreign keys are declared; a few columns carry comments.
"""

from __future__ import annotations

import datetime as dt
import random

import duckdb

TABLES: tuple[str, ...] = (
    "restaurants",
    "dishes",
    "couriers",
    "customers",
    "orders",
    "order_items",
    "ratings",
)
FIRST_DAY = dt.date(2024, 4, 1)
AS_OF = dt.date(2025, 3, 31)

# brand | cuisine | area | onboarded_on | commission_pct | avg_prep_min | halal | is_featured |
# popularity | quality (mean food stars) | raised prices on 2025-01-01
_RESTAURANT_TABLE = """
Nonna Rosa      | italian        | Islington | 2021-05-03 | 28.0 | 18 | n | y | 1.6 | 4.5 | y
Forno Verde     | italian        | Hackney   | 2022-02-14 | 25.0 | 15 | n | n | 1.1 | 4.1 | n
Pasta Punto     | italian        | Soho      | 2023-08-21 | 30.0 | 14 | n | n | 0.9 | 3.6 | y
Dosa Deli       | indian         | Camden    | 2020-11-09 | 22.0 | 16 | y | y | 1.4 | 4.4 | n
Spice Route     | indian         | Brixton   | 2022-06-01 | 27.5 | 22 | y | n | 1.0 | 3.9 | y
Tandoor Tales   | indian         | Peckham   | 2021-09-13 | 24.0 | 25 | y | n | 0.8 | 3.2 | n
Bombay Nights   | indian         | Hackney   | 2023-03-06 | 26.0 | 20 | y | n | 1.2 | 4.0 | n
Golden Wok      | chinese        | Soho      | 2020-07-20 | 23.0 | 12 | n | n | 1.3 | 3.8 | y
Dumpling Den    | chinese        | Islington | 2022-10-03 | 29.0 | 17 | n | y | 1.0 | 4.6 | n
Sichuan House   | chinese        | Clapham   | 2021-01-18 | 24.5 | 19 | n | n | 0.7 | 4.2 | n
Ramen Ryu       | japanese       | Camden    | 2022-04-25 | 30.0 | 16 | n | y | 1.2 | 4.7 | y
Sakura Sushi    | japanese       | Soho      | 2021-03-08 | 31.5 | 21 | n | n | 0.9 | 4.0 | y
Katsu Kitchen   | japanese       | Brixton   | 2023-11-06 | 26.5 | 14 | n | n | 0.8 | 3.4 | n
Bangkok Street  | thai           | Peckham   | 2022-08-15 | 25.5 | 15 | y | n | 1.0 | 4.3 | n
Lemongrass      | thai           | Clapham   | 2020-09-28 | 27.0 | 18 | n | n | 0.6 | 3.7 | n
Taco Loco       | mexican        | Hackney   | 2021-07-12 | 24.0 | 11 | n | y | 1.3 | 4.1 | y
Burrito Barn    | mexican        | Camden    | 2022-12-05 | 21.5 | 10 | n | n | 1.0 | 3.5 | n
El Comal        | mexican        | Brixton   | 2023-05-22 | 28.5 | 13 | n | n | 0.5 | 4.5 | n
Smokestack BBQ  | american       | Clapham   | 2021-11-01 | 29.5 | 24 | n | n | 0.9 | 4.2 | y
Patty Shack     | american       | Islington | 2022-03-28 | 23.5 | 12 | n | y | 1.5 | 3.9 | n
Liberty Burgers | american       | Peckham   | 2023-09-18 | 22.5 | 13 | y | n | 0.7 | 3.3 | n
Falafel Foundry | middle_eastern | Hackney   | 2022-01-10 | 20.0 |  9 | y | n | 1.1 | 4.4 | n
Beirut Grill    | middle_eastern | Soho      | 2021-06-07 | 26.0 | 17 | y | n | 0.8 | 4.0 | y
Trattoria Bella | italian        | Clapham   | 2025-03-24 | 24.0 | 17 | n | n | 0.0 | 4.0 | n
"""


def _parse_restaurants() -> list[tuple]:
    rows = []
    for line in _RESTAURANT_TABLE.strip().splitlines():
        f = [x.strip() for x in line.split("|")]
        flag = [v == "y" for v in (f[6], f[7], f[10])]
        rows.append(
            (f[0], f[1], f[2], dt.date.fromisoformat(f[3]), float(f[4]), int(f[5]), flag[0],
             flag[1], float(f[8]), float(f[9]), flag[2])
        )  # fmt: skip
    return rows


_RESTAURANTS = _parse_restaurants()

# cuisine -> (dish_name, course, base price, vegan, spicy, kcal)
_MENUS = {
    "italian": [
        ("Margherita Pizza", "main", 11.5, False, False, 850),
        ("Diavola Pizza", "main", 13.5, False, True, 980),
        ("Spaghetti Carbonara", "main", 12.9, False, False, 910),
        ("Penne Arrabbiata", "main", 10.9, True, True, 690),
        ("Lasagne", "main", 13.9, False, False, 880),
        ("Mushroom Risotto", "main", 12.5, False, False, 720),
        ("Burrata", "starter", 8.5, False, False, 420),
        ("Arancini", "starter", 6.9, False, False, 460),
        ("Garlic Bread", "side", 4.5, True, False, 390),
        ("Tiramisu", "dessert", 6.5, False, False, 450),
        ("Panna Cotta", "dessert", 5.9, False, False, 380),
        ("San Pellegrino", "drink", 2.5, True, False, 90),
    ],
    "indian": [
        ("Chicken Tikka Masala", "main", 12.5, False, False, 830),
        ("Lamb Rogan Josh", "main", 13.9, False, True, 790),
        ("Chana Masala", "main", 9.9, True, True, 560),
        ("Lamb Biryani", "main", 14.5, False, True, 1020),
        ("Masala Dosa", "main", 10.5, True, False, 610),
        ("Paneer Tikka", "starter", 7.5, False, False, 480),
        ("Onion Bhaji", "starter", 4.9, True, False, 350),
        ("Samosa Chaat", "starter", 5.9, False, True, 440),
        ("Saag Aloo", "side", 5.5, True, False, 310),
        ("Garlic Naan", "side", 3.5, False, False, 330),
        ("Gulab Jamun", "dessert", 4.5, False, False, 380),
        ("Mango Lassi", "drink", 3.9, False, False, 260),
    ],
    "chinese": [
        ("Kung Pao Chicken", "main", 11.9, False, True, 760),
        ("Mapo Tofu", "main", 10.9, True, True, 540),
        ("Sweet and Sour Pork", "main", 11.5, False, False, 870),
        ("Dan Dan Noodles", "main", 10.5, False, True, 720),
        ("Char Siu Bao", "starter", 6.5, False, False, 410),
        ("Salt and Pepper Squid", "starter", 7.9, False, True, 450),
        ("Crispy Duck Pancakes", "starter", 9.9, False, False, 520),
        ("Egg Fried Rice", "side", 4.5, False, False, 480),
        ("Stir-fried Pak Choi", "side", 5.5, True, False, 150),
        ("Sesame Balls", "dessert", 4.9, True, False, 340),
        ("Jasmine Tea", "drink", 2.9, True, False, 5),
    ],
    "japanese": [
        ("Tonkotsu Ramen", "main", 14.5, False, False, 890),
        ("Chicken Katsu Curry", "main", 12.9, False, False, 960),
        ("Salmon Nigiri Set", "main", 15.9, False, False, 560),
        ("Spicy Tuna Roll", "main", 11.5, False, True, 480),
        ("Wagyu Don", "main", 24.5, False, False, 930),
        ("Yasai Gyoza", "starter", 6.5, True, False, 320),
        ("Chicken Karaage", "starter", 7.5, False, False, 520),
        ("Edamame", "side", 4.5, True, False, 190),
        ("Miso Soup", "side", 3.5, True, False, 80),
        ("Mochi Ice Cream", "dessert", 5.5, False, False, 240),
        ("Matcha Cheesecake", "dessert", 6.5, False, False, 410),
        ("Ramune", "drink", 3.5, True, False, 110),
    ],
    "thai": [
        ("Pad Thai", "main", 11.5, False, False, 780),
        ("Green Curry", "main", 12.5, False, True, 690),
        ("Massaman Curry", "main", 12.9, False, False, 820),
        ("Pad Kra Pao", "main", 11.9, False, True, 710),
        ("Tom Yum Soup", "starter", 6.9, False, True, 210),
        ("Som Tam", "starter", 7.5, True, True, 180),
        ("Chicken Satay", "starter", 6.9, False, False, 430),
        ("Sticky Rice", "side", 3.5, True, False, 340),
        ("Mango Sticky Rice", "dessert", 5.9, True, False, 420),
        ("Thai Iced Tea", "drink", 3.9, False, False, 230),
    ],
    "mexican": [
        ("Carnitas Tacos", "main", 10.9, False, False, 690),
        ("Birria Tacos", "main", 12.9, False, True, 780),
        ("Chicken Burrito", "main", 10.5, False, False, 940),
        ("Bean Burrito", "main", 9.5, True, False, 820),
        ("Chipotle Quesadilla", "main", 9.9, False, True, 760),
        ("Nachos", "starter", 7.5, False, False, 720),
        ("Guacamole and Chips", "side", 5.5, True, False, 480),
        ("Elote", "side", 4.9, False, False, 290),
        ("Churros", "dessert", 5.5, False, False, 440),
        ("Horchata", "drink", 3.5, True, False, 210),
    ],
    "american": [
        ("Classic Cheeseburger", "main", 11.5, False, False, 920),
        ("Double Smash Burger", "main", 13.9, False, False, 1180),
        ("Beyond Burger", "main", 12.5, True, False, 840),
        ("Pulled Pork Sandwich", "main", 11.9, False, False, 870),
        ("Brisket Plate", "main", 17.9, False, False, 1240),
        ("Buffalo Wings", "starter", 8.5, False, True, 690),
        ("Loaded Fries", "side", 6.5, False, False, 780),
        ("Skin-on Fries", "side", 3.9, True, False, 410),
        ("Mac and Cheese", "side", 5.9, False, False, 560),
        ("Onion Rings", "side", 4.5, True, False, 430),
        ("Brownie", "dessert", 4.9, False, False, 470),
        ("Vanilla Milkshake", "drink", 5.5, False, False, 610),
    ],
    "middle_eastern": [
        ("Chicken Shawarma Wrap", "main", 9.9, False, False, 720),
        ("Falafel Wrap", "main", 8.5, True, False, 640),
        ("Lamb Kofta Plate", "main", 13.5, False, False, 890),
        ("Shakshuka", "main", 10.5, False, True, 520),
        ("Mixed Mezze", "starter", 12.5, False, False, 760),
        ("Hummus", "starter", 5.5, True, False, 330),
        ("Baba Ganoush", "starter", 5.9, True, False, 280),
        ("Fattoush", "side", 6.5, True, False, 210),
        ("Halloumi Fries", "side", 6.9, False, False, 540),
        ("Baklava", "dessert", 4.9, False, False, 390),
        ("Mint Lemonade", "drink", 3.5, True, False, 140),
    ],
}

_AREAS = ["Hackney", "Camden", "Islington", "Brixton", "Peckham", "Soho", "Clapham"]
_VEHICLE_SPEED_KMH = {"bicycle": 12.0, "e_bike": 16.0, "motorbike": 22.0, "car": 17.0}
_COURIER_FIRST = ["Adebayo", "Bilal", "Carla", "Dmitri", "Ewa", "Farid", "Gintare", "Hamza",
                  "Ioana", "Jamal", "Kofi", "Lena", "Marek", "Nadia", "Oisin", "Priya",
                  "Rui", "Sami", "Tomasz", "Yara"]  # fmt: skip
_COURIER_LAST = ["Okafor", "Hussain", "Silva", "Petrov", "Nowak", "Rahimi", "Kazlauskas",
                 "Malik", "Popescu", "Reid", "Mensah", "Fischer", "Dvorak", "Haddad",
                 "Byrne", "Patel", "Costa", "Yilmaz", "Kowalski", "Aziz"]  # fmt: skip
_CUSTOMER_FIRST = ["Alice", "Ben", "Chloe", "Dan", "Ella", "Finn", "Grace", "Harry", "Isla",
                   "Jack", "Katie", "Leo", "Maya", "Noah", "Olivia", "Priya", "Ravi", "Sophie",
                   "Tom", "Zara"]  # fmt: skip
_CUSTOMER_LAST = ["Smith", "Jones", "Taylor", "Brown", "Williams", "Wilson", "Johnson",
                  "Davies", "Patel", "Khan", "Evans", "Thomas", "Roberts", "Walker", "Wright",
                  "Green", "Hall", "Wood", "Clarke", "Ahmed"]  # fmt: skip
_HOUR_WEIGHTS = {11: 5, 12: 12, 13: 10, 14: 4, 15: 2, 16: 2, 17: 5, 18: 12, 19: 16, 20: 14,
                 21: 8, 22: 3}  # fmt: skip
_PROMOS = ["WELCOME5", "SPRING10", "FREEDEL", "LUNCH20"]
_COMMENTS_TEXT = {
    1: ["Cold and soggy.", "Wrong order.", "Never again."],
    2: ["Took ages.", "Portion was tiny.", "Not great."],
    3: ["Fine.", "OK but a bit late.", "Average."],
    4: ["Tasty.", "Good value.", "Nice and hot."],
    5: ["Amazing!", "Best in the area.", "Lovely, thank you!"],
}

_DDL = {
    "restaurants": """restaurant_id INTEGER PRIMARY KEY, brand VARCHAR NOT NULL,
        cuisine VARCHAR, area VARCHAR, onboarded_on DATE, commission_pct DECIMAL(4,1),
        avg_prep_min INTEGER, halal BOOLEAN, is_featured BOOLEAN""",
    "dishes": """dish_id INTEGER PRIMARY KEY,
        restaurant_id INTEGER REFERENCES restaurants (restaurant_id), dish_name VARCHAR,
        course VARCHAR, price_gbp DECIMAL(6,2), vegan BOOLEAN, is_spicy BOOLEAN,
        kcal INTEGER""",
    "couriers": """courier_id INTEGER PRIMARY KEY, full_name VARCHAR, vehicle VARCHAR,
        base_area VARCHAR, started_on DATE, left_on DATE, night_shift BOOLEAN""",
    "customers": """customer_id INTEGER PRIMARY KEY, first_name VARCHAR, last_name VARCHAR,
        area VARCHAR, signed_up_on DATE, birth_year INTEGER, plus_member BOOLEAN,
        marketing_opt_in BOOLEAN""",
    "orders": """order_id INTEGER PRIMARY KEY,
        customer_id INTEGER REFERENCES customers (customer_id),
        restaurant_id INTEGER REFERENCES restaurants (restaurant_id),
        courier_id INTEGER REFERENCES couriers (courier_id),
        placed_at TIMESTAMP, delivered_at TIMESTAMP, status VARCHAR,
        distance_km DECIMAL(4,1), eta_min INTEGER, order_total_gbp DECIMAL(8,2),
        delivery_fee_gbp DECIMAL(5,2), tip_given BOOLEAN, tip_gbp DECIMAL(5,2),
        payment_method VARCHAR, promo_code VARCHAR""",
    "order_items": """order_id INTEGER REFERENCES orders (order_id), line_no INTEGER,
        dish_id INTEGER REFERENCES dishes (dish_id), qty INTEGER,
        unit_price_gbp DECIMAL(6,2), PRIMARY KEY (order_id, line_no)""",
    "ratings": """rating_id INTEGER PRIMARY KEY,
        order_id INTEGER UNIQUE REFERENCES orders (order_id), food_stars INTEGER,
        courier_stars INTEGER, rated_on DATE, comment VARCHAR""",
}

_COLUMN_COMMENTS = [
    ("restaurants", "brand", "trading name of the restaurant shown in the app"),
    ("restaurants", "commission_pct", "percentage of the basket value kept by the platform"),
    ("restaurants", "avg_prep_min", "typical kitchen preparation time in minutes"),
    ("dishes", "price_gbp", "current menu price in pounds"),
    ("dishes", "kcal", "calories per portion; NULL when not supplied by the restaurant"),
    ("couriers", "left_on", "last day on the platform; NULL while still active"),
    ("customers", "plus_member", "subscribed to Plus (free delivery on baskets of 15 GBP or more)"),
    ("orders", "eta_min", "delivery time in minutes promised to the customer at checkout"),
    (
        "orders",
        "order_total_gbp",
        "basket value: sum of item lines, excluding delivery fee and tip",
    ),
    ("orders", "distance_km", "distance from restaurant to customer in km"),
    ("order_items", "unit_price_gbp", "price per unit actually charged"),
    ("ratings", "courier_stars", "1-5 stars for the courier; NULL when skipped"),
]


def _lit(value: object) -> str:
    if value is None:
        return "NULL"
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, int | float):
        return repr(value)
    if isinstance(value, dt.datetime):
        return f"TIMESTAMP '{value.isoformat(sep=' ')}'"
    if isinstance(value, dt.date):
        return f"DATE '{value.isoformat()}'"
    return "'" + str(value).replace("'", "''") + "'"


def _insert(con: duckdb.DuckDBPyConnection, table: str, rows: list) -> None:
    """Insert rows column-wise through list parameters (much faster than a VALUES list)."""
    types = [r[1] for r in con.execute(f"DESCRIBE main.{table}").fetchall()]
    select = ", ".join(f"CAST(UNNEST(${i + 1}) AS {t})" for i, t in enumerate(types))
    columns = [list(col) for col in zip(*rows, strict=True)]
    con.execute(f"INSERT INTO main.{table} SELECT {select}", columns)


def _day(rng: random.Random, first: dt.date, last: dt.date) -> dt.date:
    return first + dt.timedelta(days=rng.randrange((last - first).days + 1))


def _money(x: float) -> float:
    return round(round(x * 20) / 20, 2)


def _stars(rng: random.Random, mean: float) -> int:
    return max(1, min(5, round(rng.gauss(mean, 0.9))))


def build(con: duckdb.DuckDBPyConnection, seed: int = 1) -> None:
    """Create (replace) the delivery tables in `con`'s main schema, deterministically."""
    rng = random.Random(seed)
    for table in reversed(TABLES):
        con.execute(f"DROP TABLE IF EXISTS main.{table}")
    for table in TABLES:
        con.execute(f"CREATE TABLE main.{table} ({_DDL[table]})")

    restaurants = [(i, *row[:8]) for i, row in enumerate(_RESTAURANTS, start=1)]

    # dishes: 7-11 of the cuisine's menu per restaurant, prices varied per restaurant
    dishes = []  # dish_id, restaurant_id, name, course, price, vegan, spicy, kcal
    menu_of: dict[int, list[tuple[int, float, float]]] = {}  # rid -> (dish_id, weight, old price)
    for rid, row in enumerate(_RESTAURANTS, start=1):
        menu = _MENUS[row[1]]
        picks = sorted(rng.sample(range(len(menu)), rng.randint(min(7, len(menu)), len(menu))))
        factor = rng.uniform(0.9, 1.15)
        menu_of[rid] = []
        for k in picks:
            name, course, base, vegan, spicy, kcal = menu[k]
            price = _money(base * factor * rng.uniform(0.97, 1.03))
            old = _money(price / 1.08) if row[10] else price
            kcal_v = None if rng.random() < 0.15 else int(kcal * rng.uniform(0.9, 1.1))
            did = len(dishes) + 1
            dishes.append((did, rid, name, course, price, vegan, spicy, kcal_v))
            weight = {"main": 3.0, "starter": 1.2, "side": 1.5, "dessert": 0.7, "drink": 1.0}
            menu_of[rid].append((did, weight[course] * rng.uniform(0.3, 1.7), old))
    never = set(rng.sample([d[0] for d in dishes if d[1] != 24], 7))
    for rid in menu_of:
        menu_of[rid] = [m for m in menu_of[rid] if m[0] not in never]

    # couriers
    couriers = []
    names = [f"{first} {last}" for first in _COURIER_FIRST for last in _COURIER_LAST]
    chosen = rng.sample(names, 36)
    for cid in range(1, 37):
        vehicle = rng.choices(list(_VEHICLE_SPEED_KMH), weights=[0.3, 0.35, 0.25, 0.1])[0]
        started = _day(rng, dt.date(2021, 6, 1), dt.date(2025, 1, 31))
        left = None
        if cid in (4, 11, 19, 27, 33):
            started = min(started, dt.date(2024, 6, 30))
            left = _day(rng, max(started, FIRST_DAY) + dt.timedelta(days=40), dt.date(2025, 2, 28))
        if cid == 36:
            started = dt.date(2025, 3, 29)
        couriers.append(
            (cid, chosen[cid - 1], vehicle, rng.choice(_AREAS), started, left, rng.random() < 0.3)
        )
    courier_skill = {c[0]: rng.uniform(0.6, 1.4) for c in couriers}

    # customers
    customers = []
    for cid in range(1, 601):
        signed = _day(rng, dt.date(2021, 1, 1), dt.date(2025, 3, 25))
        birth = None if rng.random() < 0.15 else rng.randint(1955, 2006)
        customers.append(
            (
                cid,
                rng.choice(_CUSTOMER_FIRST),
                rng.choice(_CUSTOMER_LAST),
                rng.choice(_AREAS),
                signed,
                birth,
                rng.random() < 0.25,
                rng.random() < 0.6,
            )
        )

    # orders, lines, ratings
    span_days = (AS_OF - FIRST_DAY).days + 1
    hours = list(_HOUR_WEIGHTS)
    hour_w = list(_HOUR_WEIGHTS.values())
    pay_methods = ["card", "apple_pay", "google_pay", "paypal"]
    raw_orders = []
    for cust in customers:
        cust_id, area, signed, plus = cust[0], cust[3], cust[4], cust[6]
        rate = rng.choices([0, 1, 2, 3, 5, 8, 14, 24], weights=[8, 14, 16, 16, 16, 14, 10, 6])[0]
        first = max(signed, FIRST_DAY)
        if rate == 0 or first > AS_OF:
            continue
        span = (AS_OF - first).days + 1
        count = max(1, round(rate * span / 365 * rng.uniform(0.7, 1.3)))
        favourite = rng.choice([r for r in range(1, 24)])
        pay = rng.choice(pay_methods)
        tipper = rng.random() < (0.55 if plus else 0.3)
        for _ in range(count):
            while True:  # order volume grows over the year
                day = _day(rng, first, AS_OF)
                if rng.random() < 0.55 + 0.45 * (day - FIRST_DAY).days / span_days:
                    break
            hour = rng.choices(hours, weights=hour_w)[0]
            minute = rng.randrange(30 if hour == 22 else 60)
            placed = dt.datetime.combine(day, dt.time(hour, minute, rng.randrange(60)))
            if rng.random() < 0.35:
                rid = favourite
            else:
                rid = rng.choices(
                    range(1, 25),
                    weights=[r[8] * (1.6 if r[2] == area else 1.0) for r in _RESTAURANTS],
                )[0]
            raw_orders.append((placed, cust_id, rid, plus, pay, tipper))
    raw_orders.sort()

    orders, items, ratings = [], [], []
    for oid, (placed, cust_id, rid, plus, pay, tipper) in enumerate(raw_orders, start=1):
        rest = _RESTAURANTS[rid - 1]
        menu = menu_of[rid]
        n_lines = rng.choices([1, 2, 3, 4], weights=[0.35, 0.35, 0.2, 0.1])[0]
        lines = rng.sample(menu, min(n_lines, len(menu))) if n_lines > 1 else []
        if not lines:
            lines = rng.choices(menu, weights=[m[1] for m in menu])
        total = 0.0
        for ln, (did, _w, old) in enumerate(lines, start=1):
            price = old if placed.date() < dt.date(2025, 1, 1) else dishes[did - 1][4]
            qty = rng.choices([1, 2, 3], weights=[0.75, 0.2, 0.05])[0]
            items.append((oid, ln, did, qty, price))
            total += qty * price
        total = round(total, 2)
        distance = round(rng.uniform(0.5, 7.0), 1)
        eta = int(round((rest[5] + distance * 4.5 + 8) / 5) * 5)
        r = rng.random()
        status = "cancelled" if r < 0.06 else ("refunded" if r < 0.09 else "delivered")
        pool = [
            c
            for c in couriers
            if c[0] != 36 and c[4] <= placed.date() and (c[5] is None or c[5] >= placed.date())
        ]
        courier = rng.choice(pool)
        courier_id = courier[0]
        delivered = None
        if status == "cancelled":
            if rng.random() < 0.6:
                courier_id = None
        else:
            speed = _VEHICLE_SPEED_KMH[courier[2]]
            minutes = (
                max(4.0, rng.gauss(rest[5], 4))
                + rng.uniform(2, 8) * courier_skill[courier_id]
                + distance / speed * 60
                + rng.gauss(0, 4)
            )
            delivered = placed + dt.timedelta(minutes=round(max(8.0, minutes)))
        fee = 0.0 if plus and total >= 15 else _money(1.49 + 0.5 * distance)
        tip = status != "cancelled" and rng.random() < (0.75 if tipper else 0.12)
        tip_amt = rng.choice([1.0, 1.5, 2.0, 3.0, 5.0]) if tip else 0.0
        promo = rng.choice(_PROMOS) if rng.random() < 0.13 else None
        method = pay if rng.random() < 0.8 else rng.choice(pay_methods)
        orders.append(
            (oid, cust_id, rid, courier_id, placed, delivered, status, distance, eta, total,
             fee, tip, tip_amt, method, promo)
        )  # fmt: skip
        if delivered is not None and rng.random() < 0.42:
            late = delivered > placed + dt.timedelta(minutes=eta)
            food = _stars(rng, rest[9] - (1.8 if status == "refunded" else 0.0))
            cstars = None
            if rng.random() < 0.8:
                cstars = _stars(
                    rng, 4.6 - (1.2 if late else 0.0) - 0.5 * (courier_skill[courier_id] - 1)
                )
            rated = min(AS_OF, delivered.date() + dt.timedelta(days=rng.choice([0, 0, 0, 1, 2])))
            comment = rng.choice(_COMMENTS_TEXT[food]) if rng.random() < 0.25 else None
            ratings.append((len(ratings) + 1, oid, food, cstars, rated, comment))

    _insert(con, "restaurants", restaurants)
    _insert(con, "dishes", dishes)
    _insert(con, "couriers", couriers)
    _insert(con, "customers", customers)
    _insert(con, "orders", orders)
    _insert(con, "order_items", items)
    _insert(con, "ratings", ratings)
    for table, column, text in _COLUMN_COMMENTS:
        con.execute(f'COMMENT ON COLUMN main.{table}."{column}" IS {_lit(text)}')
