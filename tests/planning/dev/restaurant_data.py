"""Restaurant group test database (DuckDB, ``main`` schema).

A restaurant group runs sit-down restaurants in Lyon, Paris, Marseille and Brussels and is
about to open a seventh one in Bordeaux. The data covers the period from 2024-07-01 up to and
including **2025-09-30**, which is the last day of the data ("today" for every question;
"this year" is 2025, "last month" is August 2025). Only ``reservations`` holds later
timestamps: upcoming bookings for October 2025 that have not happened yet. Money is in euros
(EUR), durations in minutes, timestamps are local restaurant time.

Business vocabulary: a *check* is one bill for one table (or one bar guest); *covers* are the
guests served on a check; *revenue* means the amount billed to guests, i.e. the sum of
``checks.total_eur`` (tips are not revenue). Lunch service runs Friday to Sunday, dinner
service every day the restaurant is open. Closures: every restaurant was closed on
2024-12-25 and 2025-01-01; Brasserie Lumière closed for summer holidays 2024-08-05 to
2024-08-18 and 2025-08-04 to 2025-08-17; Sakura Dock closed for renovation 2025-02-03 to
2025-02-23. On 2025-03-01 four restaurants (Brasserie Lumière, Osteria Vela, Sakura Dock,
Le Comptoir Sud) raised most of their prices, and four dishes were taken off menus across
the group.

Tables
------

``restaurants`` -- one row per restaurant of the group.

* ``restaurant_id`` (INTEGER, primary key): restaurant identifier.
* ``title`` (VARCHAR): the restaurant's name, e.g. "Osteria Vela". Unique.
* ``city`` (VARCHAR): 'Lyon', 'Paris', 'Marseille', 'Brussels' or 'Bordeaux'.
* ``cuisine`` (VARCHAR): 'french', 'italian', 'japanese', 'vegetarian', 'mexican' or 'grill'.
* ``seats`` (INTEGER): seating capacity (number of seats, terrace included).
* ``opened_on`` (DATE): day the restaurant first opened to guests. NULL means it has not
  opened yet (Fumoir Atlantique, opening in late 2025: it has a menu and two hired servers
  but no shifts, checks or reservations).
* ``weekly_closing_day`` (VARCHAR): weekday the restaurant is closed every week, e.g.
  'Monday'; NULL means it is open seven days a week.
* ``terrace`` (BOOLEAN): true if the restaurant has outdoor terrace seating.

``menu_items`` -- one row per dish or drink on a restaurant's menu (each restaurant has its
own menu; the same dish name can appear at several restaurants with different prices).

* ``menu_item_id`` (INTEGER, primary key): menu item identifier.
* ``restaurant_id`` (INTEGER, foreign key to ``restaurants``): restaurant whose menu it is on.
* ``item`` (VARCHAR): name of the dish or drink as printed on the menu, e.g. "Tiramisu".
* ``category`` (VARCHAR): 'starter', 'main', 'side', 'dessert' or 'drink'.
* ``price_eur`` (DECIMAL(6,2)): current menu price in EUR (as of 2025-09-30). Items sold
  before 2025-03-01 may have been sold at a lower price; see ``check_lines.unit_price_eur``.
* ``food_cost_eur`` (DECIMAL(6,2)): ingredient cost of one portion in EUR.
* ``vegetarian`` (BOOLEAN): true if the item contains no meat or fish.
* ``prep_min`` (INTEGER): typical kitchen preparation time in minutes; NULL for drinks.
* ``on_menu`` (BOOLEAN): true if the item is currently offered; false means it was
  discontinued (all discontinued items were dropped on 2025-03-01 and not sold after that).
* ``added_on`` (DATE): day the item was first offered on the current menu. Some items were
  added recently and a few have never been ordered.

``servers`` -- one row per member of the floor staff (waiters and bartenders).

* ``server_id`` (INTEGER, primary key): staff identifier.
* ``restaurant_id`` (INTEGER, foreign key to ``restaurants``): home restaurant the person is
  employed by.
* ``given_name`` (VARCHAR): first name.
* ``family_name`` (VARCHAR): last name.
* ``role`` (VARCHAR): 'head_server', 'server' or 'bartender'.
* ``hired_on`` (DATE): first day of employment.
* ``left_on`` (DATE): last day of employment; NULL means the person still works for the
  group. One person left just before the data period and has no shifts at all.
* ``hourly_wage_eur`` (DECIMAL(5,2)): gross hourly wage in EUR.

``shifts`` -- one row per shift worked by a staff member (one service at one restaurant).

* ``shift_id`` (INTEGER, primary key): shift identifier.
* ``server_id`` (INTEGER, foreign key to ``servers``): who worked.
* ``restaurant_id`` (INTEGER, foreign key to ``restaurants``): where the shift was worked.
  Usually the server's home restaurant; occasionally staff cover at the other restaurant in
  the same city.
* ``service`` (VARCHAR): 'lunch' or 'dinner'.
* ``start_ts`` (TIMESTAMP): clock-in time.
* ``end_ts`` (TIMESTAMP): clock-out time (dinner shifts can end after midnight).
* ``break_min`` (INTEGER): unpaid break taken during the shift, in minutes (0 if none).

``checks`` -- one row per check (bill) opened on the till.

* ``check_id`` (INTEGER, primary key): check identifier.
* ``restaurant_id`` (INTEGER, foreign key to ``restaurants``): restaurant.
* ``server_id`` (INTEGER, foreign key to ``servers``): staff member who served the check
  (always someone on shift at that restaurant and service).
* ``table_no`` (INTEGER): table number; NULL when the guest was served at the bar.
* ``covers`` (INTEGER): number of guests served on the check.
* ``opened_ts`` (TIMESTAMP): when the check was opened (the party was seated). Use this
  time to date a check.
* ``closed_ts`` (TIMESTAMP): when the check was settled or closed; may be after midnight.
* ``status`` (VARCHAR): 'paid' (settled by the guest), 'comped' (whole check offered on the
  house: total 0) or 'cancelled' (opened by mistake or party left; the total is 0 and every
  line is voided; some cancelled checks have no lines at all).
* ``walk_in`` (BOOLEAN): true if the party came without a reservation; false when a
  reservation was seated on this check (see ``reservations.check_id``).
* ``payment_method`` (VARCHAR): 'card', 'cash' or 'voucher' (gift voucher); NULL for
  comped and cancelled checks.
* ``discount_eur`` (DECIMAL(8,2)): discount granted in EUR; 0 when none. For comped checks
  it equals the full value of the lines.
* ``total_eur`` (DECIMAL(8,2)): amount billed in EUR, excluding tip: the sum of
  qty * unit_price_eur over the check's lines that are not voided, minus ``discount_eur``.
  0 for comped and cancelled checks.
* ``tip_eur`` (DECIMAL(7,2)): tip in EUR; 0 when the guest tipped nothing; NULL when no tip
  was recorded (cash payments, comped and cancelled checks).

``check_lines`` -- one row per menu item rung up on a check.

* ``line_id`` (INTEGER, primary key): line identifier.
* ``check_id`` (INTEGER, foreign key to ``checks``): check the line belongs to.
* ``menu_item_id`` (INTEGER, foreign key to ``menu_items``): item ordered (from the
  check's restaurant's menu).
* ``qty`` (INTEGER): number of portions / glasses.
* ``unit_price_eur`` (DECIMAL(6,2)): price of one portion charged at the time of sale.
* ``voided`` (BOOLEAN): true if the line was voided (taken off the bill: not served or not
  charged). Voided lines do not count as sold and are not in ``checks.total_eur``.
* ``void_reason`` (VARCHAR): 'kitchen_error', 'guest_changed_mind' or 'entered_in_error'
  when ``voided``; NULL otherwise.

``reservations`` -- one row per table reservation.

* ``reservation_id`` (INTEGER, primary key): reservation identifier.
* ``restaurant_id`` (INTEGER, foreign key to ``restaurants``): restaurant booked.
* ``guest_name`` (VARCHAR): name the booking was made under.
* ``party_size`` (INTEGER): number of guests booked (the party that turned up may differ,
  see ``checks.covers``).
* ``booked_ts`` (TIMESTAMP): when the reservation was made (never after 2025-09-30).
* ``reserved_ts`` (TIMESTAMP): date and time the table was reserved for.
* ``channel`` (VARCHAR): how it was booked: 'phone', 'website' or 'app'.
* ``status`` (VARCHAR): 'seated' (party came and was seated), 'no_show' (party never came
  and did not cancel), 'cancelled' (cancelled by the guest before the slot) or 'booked'
  (upcoming: slot after 2025-09-30, not yet happened).
* ``deposit_eur`` (DECIMAL(6,2)): deposit taken in EUR when booking; NULL means no deposit
  (deposits are asked for parties of 6 or more).
* ``check_id`` (INTEGER, foreign key to ``checks``): check the party was seated on; set
  only when ``status`` is 'seated', NULL otherwise.
"""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

FIRST_DAY = dt.date(2024, 7, 1)
LAST_DAY = dt.date(2025, 9, 30)
PRICE_RISE = dt.date(2025, 3, 1)
_DEFAULT_ADDED = dt.date(2024, 3, 1)
_D = dt.date

_RESTAURANTS = [
    # title, city, cuisine, seats, opened_on, weekly_closing_day, terrace, popularity
    ("Brasserie Lumière", "Lyon", "french", 80, _D(2019, 3, 1), "Monday", True, 1.0),
    ("Osteria Vela", "Paris", "italian", 60, _D(2021, 6, 15), "Sunday", False, 0.95),
    ("Sakura Dock", "Marseille", "japanese", 45, _D(2022, 2, 1), "Monday", True, 0.7),
    ("Le Comptoir Sud", "Marseille", "french", 70, _D(2018, 9, 10), None, True, 1.05),
    ("Maison Verte", "Brussels", "vegetarian", 50, _D(2023, 4, 1), "Tuesday", False, 0.6),
    ("Taqueria Norte", "Paris", "mexican", 55, _D(2025, 5, 2), "Monday", False, 0.9),
    ("Fumoir Atlantique", "Bordeaux", "grill", 90, None, None, True, 0.0),
]
_RAISED = {1, 2, 3, 4}  # restaurants that raised prices on 2025-03-01
_SIBLING = {2: 6, 6: 2, 3: 4, 4: 3}  # restaurants in the same city that share staff
_CLOSURES = {
    0: [(_D(2024, 12, 25), _D(2024, 12, 25)), (_D(2025, 1, 1), _D(2025, 1, 1))],
    1: [(_D(2024, 8, 5), _D(2024, 8, 18)), (_D(2025, 8, 4), _D(2025, 8, 17))],
    3: [(_D(2025, 2, 3), _D(2025, 2, 23))],
}

# restaurant -> (item, category, price_eur, vegetarian); see _DISCONTINUED and _ADDED
_MENU = {
    1: [
        ("Soupe à l'oignon", "starter", 9.5, False), ("Oeufs mayonnaise", "starter", 7.0, True),
        ("Salade lyonnaise", "starter", 11.0, False),
        ("Escargots de Bourgogne", "starter", 13.5, False),
        ("Velouté de potiron", "starter", 9.0, True),
        ("Quenelle de brochet", "main", 22.0, False), ("Steak frites", "main", 26.5, False),
        ("Coq au vin", "main", 24.0, False),
        ("Gratin dauphinois et salade", "main", 18.5, True),
        ("Andouillette", "main", 21.0, False), ("Frites", "side", 5.0, True),
        ("Haricots verts", "side", 5.5, True), ("Crème brûlée", "dessert", 8.5, True),
        ("Tarte Tatin", "dessert", 9.0, True), ("Île flottante", "dessert", 8.0, True),
        ("Côtes du Rhône (glass)", "drink", 7.5, True), ("Kir", "drink", 6.5, True),
        ("Café", "drink", 2.8, True), ("Eau minérale", "drink", 4.5, True),
        ("Bière pression", "drink", 6.0, True),
    ],
    2: [
        ("Burrata", "starter", 13.0, True), ("Vitello tonnato", "starter", 14.0, False),
        ("Arancini", "starter", 9.5, True), ("Spaghetti alle vongole", "main", 22.0, False),
        ("Tagliatelle al ragù", "main", 19.5, False), ("Risotto ai funghi", "main", 21.0, True),
        ("Ossobuco", "main", 29.0, False), ("Pizza margherita", "main", 15.0, True),
        ("Lasagne", "main", 18.0, False), ("Tiramisu", "dessert", 8.5, True),
        ("Panna cotta", "dessert", 7.5, True), ("Affogato", "dessert", 6.5, True),
        ("Chianti (glass)", "drink", 8.0, True), ("Aperol spritz", "drink", 10.0, True),
        ("Espresso", "drink", 2.5, True), ("San Pellegrino", "drink", 5.0, True),
        ("Limoncello", "drink", 7.0, True),
    ],
    3: [
        ("Edamame", "starter", 5.5, True), ("Gyoza", "starter", 8.5, False),
        ("Miso soup", "starter", 4.5, False), ("Chirashi", "main", 24.0, False),
        ("Ramen tonkotsu", "main", 17.5, False), ("Vegetable ramen", "main", 16.0, True),
        ("Sushi moriawase", "main", 28.0, False), ("Katsu curry", "main", 18.5, False),
        ("Tofu donburi", "main", 15.0, True), ("Steamed rice", "side", 3.5, True),
        ("Mochi ice cream", "dessert", 7.0, True), ("Matcha cheesecake", "dessert", 8.0, True),
        ("Sake (carafe)", "drink", 12.0, True), ("Asahi", "drink", 6.5, True),
        ("Green tea", "drink", 4.0, True), ("Yuzu lemonade", "drink", 5.5, True),
    ],
    4: [
        ("Pissaladière", "starter", 9.0, True), ("Soupe de poissons", "starter", 11.0, False),
        ("Tapenade et crudités", "starter", 8.0, True), ("Bouillabaisse", "main", 34.0, False),
        ("Daube provençale", "main", 23.5, False), ("Loup grillé", "main", 28.0, False),
        ("Ratatouille", "main", 17.0, True), ("Pieds paquets", "main", 21.0, False),
        ("Panisse", "side", 5.0, True), ("Frites", "side", 5.0, True),
        ("Crème brûlée", "dessert", 8.0, True), ("Tarte au citron", "dessert", 8.5, True),
        ("Pastis", "drink", 4.5, True), ("Rosé de Provence (glass)", "drink", 7.0, True),
        ("Café", "drink", 2.5, True), ("Eau minérale", "drink", 4.5, True),
    ],
    5: [
        ("Beetroot carpaccio", "starter", 10.0, True),
        ("Soup of the day", "starter", 7.5, True), ("Mushroom wellington", "main", 23.0, True),
        ("Cauliflower steak", "main", 19.0, True), ("Lentil dal", "main", 16.5, True),
        ("Halloumi burger", "main", 17.0, True), ("Pumpkin risotto", "main", 18.0, True),
        ("Seitan stroganoff", "main", 18.5, True), ("Frites", "side", 5.5, True),
        ("Seasonal salad", "side", 6.0, True), ("Chocolate mousse", "dessert", 8.0, True),
        ("Poached pear", "dessert", 7.5, True), ("Kombucha", "drink", 5.0, True),
        ("Belgian tripel", "drink", 7.0, True), ("Organic wine (glass)", "drink", 8.0, True),
        ("Mint tea", "drink", 3.5, True),
    ],
    6: [
        ("Guacamole y totopos", "starter", 9.0, True), ("Tacos al pastor", "main", 15.0, False),
        ("Tacos de birria", "main", 16.5, False), ("Quesadilla de hongos", "main", 13.0, True),
        ("Burrito de pollo", "main", 14.5, False), ("Elote", "side", 6.5, True),
        ("Churros", "dessert", 6.5, True), ("Margarita", "drink", 11.0, True),
        ("Michelada", "drink", 8.5, True), ("Horchata", "drink", 5.0, True),
        ("Agua fresca", "drink", 4.5, True),
    ],
    7: [
        ("Grilled octopus", "starter", 19.0, False), ("Charred leeks", "starter", 11.0, True),
        ("Côte de boeuf (for two)", "main", 68.0, False), ("Entrecôte", "main", 32.0, False),
        ("Smoked potatoes", "side", 6.0, True), ("Chocolate fondant", "dessert", 9.5, True),
        ("Bordeaux (glass)", "drink", 9.0, True),
    ],
}  # fmt: skip
_DISCONTINUED = {(1, "Andouillette"), (2, "Lasagne"), (4, "Pieds paquets"),
                 (5, "Seitan stroganoff")}  # fmt: skip
_ADDED = {  # items added to a menu after 2024-03-01 (Fumoir Atlantique: 2025-09-01)
    (1, "Velouté de potiron"): _D(2025, 9, 26),
    (2, "Pizza margherita"): _D(2025, 3, 1),
    (4, "Tarte au citron"): _D(2024, 10, 15),
    (5, "Pumpkin risotto"): _D(2025, 9, 30),
}
_COST_SHARE = {"starter": 0.28, "main": 0.32, "side": 0.22, "dessert": 0.25, "drink": 0.2}
_PREP = {"starter": (6, 12), "main": (14, 32), "side": (4, 8), "dessert": (4, 10)}

_SERVERS = [
    # restaurant, given_name, family_name, role, hired_on, left_on, hourly_wage_eur, void rate x
    (1, "Camille", "Roux", "head_server", _D(2019, 3, 1), None, 16.20, 0.5),
    (1, "Julien", "Marchand", "server", _D(2021, 5, 10), None, 13.80, 1.0),
    (1, "Inès", "Moreau", "server", _D(2022, 9, 1), None, 13.50, 1.0),
    (1, "Théo", "Girard", "server", _D(2023, 11, 15), _D(2025, 4, 30), 13.20, 3.5),
    (1, "Léa", "Fontaine", "server", _D(2025, 4, 22), None, 12.90, 1.5),
    (1, "Hugo", "Lambert", "bartender", _D(2020, 2, 1), None, 14.00, 1.0),
    (1, "Manon", "Perrin", "server", _D(2022, 1, 10), _D(2024, 6, 20), 13.30, 1.0),
    (2, "Giulia", "Conti", "head_server", _D(2021, 6, 15), None, 16.00, 0.5),
    (2, "Marco", "Bellini", "server", _D(2021, 6, 15), None, 14.10, 1.0),
    (2, "Sofia", "Ricci", "server", _D(2023, 3, 1), None, 13.40, 1.0),
    (2, "Antoine", "Dubois", "server", _D(2024, 9, 2), None, 12.90, 2.5),
    (2, "Chiara", "Esposito", "bartender", _D(2022, 5, 1), _D(2025, 1, 31), 13.90, 1.0),
    (2, "Nathan", "Lefèvre", "server", _D(2024, 2, 12), _D(2024, 11, 30), 12.90, 1.5),
    (3, "Yuki", "Tanaka", "head_server", _D(2022, 2, 1), None, 15.80, 0.5),
    (3, "Kenji", "Mori", "server", _D(2022, 2, 1), None, 13.60, 1.0),
    (3, "Clara", "Martin", "server", _D(2024, 1, 8), None, 13.10, 1.0),
    (3, "Malik", "Benali", "server", _D(2024, 10, 1), None, 12.90, 1.5),
    (3, "Sarah", "Cohen", "server", _D(2023, 5, 15), _D(2024, 8, 31), 13.00, 1.0),
    (4, "Lucas", "Bonnet", "head_server", _D(2018, 9, 10), None, 16.50, 0.5),
    (4, "Emma", "Faure", "server", _D(2019, 4, 1), None, 14.30, 1.0),
    (4, "Mehdi", "Haddad", "server", _D(2020, 6, 1), None, 14.00, 1.0),
    (4, "Chloé", "Blanc", "server", _D(2023, 6, 19), None, 13.20, 1.0),
    (4, "Louis", "Garnier", "server", _D(2024, 11, 4), None, 12.90, 2.0),
    (4, "Zoé", "Chevalier", "bartender", _D(2021, 3, 1), None, 14.20, 1.0),
    (4, "Paul", "Mercier", "server", _D(2022, 4, 1), _D(2025, 7, 15), 13.60, 1.0),
    (5, "Elise", "Janssens", "head_server", _D(2023, 4, 1), None, 16.00, 0.5),
    (5, "Tom", "Peeters", "server", _D(2023, 4, 1), None, 14.00, 1.0),
    (5, "Nora", "El Amrani", "server", _D(2024, 3, 4), None, 13.50, 1.0),
    (5, "Lotte", "Claes", "server", _D(2025, 2, 3), None, 13.20, 1.0),
    (5, "Bram", "Willems", "server", _D(2023, 4, 1), _D(2025, 5, 31), 13.80, 1.0),
    (6, "Diego", "Ramírez", "head_server", _D(2025, 4, 14), None, 15.50, 0.5),
    (6, "Ana", "Torres", "server", _D(2025, 4, 14), None, 13.00, 1.0),
    (6, "Maxime", "Leroy", "server", _D(2025, 4, 22), None, 13.00, 1.5),
    (6, "Lucía", "Navarro", "bartender", _D(2025, 4, 14), None, 13.80, 1.0),
    (7, "Arthur", "Morel", "head_server", _D(2025, 9, 15), None, 16.00, 1.0),
    (7, "Jade", "Fournier", "server", _D(2025, 9, 15), None, 13.00, 1.0),
]

_GUEST_GIVEN = [
    "Alice", "Bruno", "Céline", "David", "Eva", "François", "Gabriel", "Hélène", "Isabelle",
    "Jean", "Karim", "Laura", "Mathieu", "Nina", "Olivier", "Pauline", "Quentin", "Rachid",
    "Sophie", "Thomas", "Valérie", "William", "Yasmine", "Pierre", "Marie", "Anna", "Luca",
    "Jan", "Sven", "Fatou", "Martin", "Julie", "Romain", "Claire", "Vincent", "Aurélie",
]  # fmt: skip
_GUEST_FAMILY = [
    "Durand", "Lefebvre", "Petit", "Laurent", "Simon", "Michel", "Garcia", "David", "Bertrand",
    "Morin", "Fournier", "Rousseau", "Vincent", "Muller", "Henry", "Gauthier", "Schmitt",
    "Dumont", "Vermeulen", "Maes", "Jacobs", "Rossi", "Bianchi", "Diallo", "Nguyen", "Kaya",
    "Smith", "Meyer", "Lemoine", "Renard", "Barbier", "Arnaud", "Picard", "Caron", "Leclerc",
]  # fmt: skip

_DDL = """
CREATE TABLE restaurants (
    restaurant_id INTEGER PRIMARY KEY,
    title VARCHAR NOT NULL UNIQUE,
    city VARCHAR NOT NULL,
    cuisine VARCHAR NOT NULL,
    seats INTEGER NOT NULL,
    opened_on DATE,
    weekly_closing_day VARCHAR,
    terrace BOOLEAN NOT NULL
);
CREATE TABLE menu_items (
    menu_item_id INTEGER PRIMARY KEY,
    restaurant_id INTEGER NOT NULL REFERENCES restaurants (restaurant_id),
    item VARCHAR NOT NULL,
    category VARCHAR NOT NULL,
    price_eur DECIMAL(6, 2) NOT NULL,
    food_cost_eur DECIMAL(6, 2) NOT NULL,
    vegetarian BOOLEAN NOT NULL,
    prep_min INTEGER,
    on_menu BOOLEAN NOT NULL,
    added_on DATE NOT NULL
);
CREATE TABLE servers (
    server_id INTEGER PRIMARY KEY,
    restaurant_id INTEGER NOT NULL REFERENCES restaurants (restaurant_id),
    given_name VARCHAR NOT NULL,
    family_name VARCHAR NOT NULL,
    role VARCHAR NOT NULL,
    hired_on DATE NOT NULL,
    left_on DATE,
    hourly_wage_eur DECIMAL(5, 2) NOT NULL
);
CREATE TABLE shifts (
    shift_id INTEGER PRIMARY KEY,
    server_id INTEGER NOT NULL REFERENCES servers (server_id),
    restaurant_id INTEGER NOT NULL REFERENCES restaurants (restaurant_id),
    service VARCHAR NOT NULL,
    start_ts TIMESTAMP NOT NULL,
    end_ts TIMESTAMP NOT NULL,
    break_min INTEGER NOT NULL
);
CREATE TABLE checks (
    check_id INTEGER PRIMARY KEY,
    restaurant_id INTEGER NOT NULL REFERENCES restaurants (restaurant_id),
    server_id INTEGER NOT NULL REFERENCES servers (server_id),
    table_no INTEGER,
    covers INTEGER NOT NULL,
    opened_ts TIMESTAMP NOT NULL,
    closed_ts TIMESTAMP NOT NULL,
    status VARCHAR NOT NULL,
    walk_in BOOLEAN NOT NULL,
    payment_method VARCHAR,
    discount_eur DECIMAL(8, 2) NOT NULL,
    total_eur DECIMAL(8, 2) NOT NULL,
    tip_eur DECIMAL(7, 2)
);
CREATE TABLE check_lines (
    line_id INTEGER PRIMARY KEY,
    check_id INTEGER NOT NULL REFERENCES checks (check_id),
    menu_item_id INTEGER NOT NULL REFERENCES menu_items (menu_item_id),
    qty INTEGER NOT NULL,
    unit_price_eur DECIMAL(6, 2) NOT NULL,
    voided BOOLEAN NOT NULL,
    void_reason VARCHAR
);
CREATE TABLE reservations (
    reservation_id INTEGER PRIMARY KEY,
    restaurant_id INTEGER NOT NULL REFERENCES restaurants (restaurant_id),
    guest_name VARCHAR NOT NULL,
    party_size INTEGER NOT NULL,
    booked_ts TIMESTAMP NOT NULL,
    reserved_ts TIMESTAMP NOT NULL,
    channel VARCHAR NOT NULL,
    status VARCHAR NOT NULL,
    deposit_eur DECIMAL(6, 2),
    check_id INTEGER REFERENCES checks (check_id)
);
COMMENT ON COLUMN checks.covers IS 'Number of guests served on the check';
COMMENT ON COLUMN checks.total_eur IS
    'Amount billed excluding tip: non-voided lines minus discount; 0 if comped or cancelled';
COMMENT ON COLUMN check_lines.voided IS
    'True if the line was taken off the bill (not charged, not counted as sold)';
COMMENT ON COLUMN reservations.status IS
    'seated, no_show, cancelled, or booked (upcoming slot after 2025-09-30)';
COMMENT ON COLUMN menu_items.price_eur IS 'Current menu price in EUR (as of 2025-09-30)';
"""

_DROP_ORDER = [
    "reservations",
    "check_lines",
    "checks",
    "shifts",
    "servers",
    "menu_items",
    "restaurants",
]
_WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


def _insert(con: Any, table: str, rows: list[tuple]) -> None:
    """Insert ``rows`` (values in the table's column order) into ``table``."""
    if not rows:
        return
    row_marks = "(" + ", ".join("?" for _ in rows[0]) + ")"
    prefix = f"INSERT INTO {table} VALUES "
    for start in range(0, len(rows), 250):
        chunk = rows[start : start + 250]
        params = [value for row in chunk for value in row]
        con.execute(prefix + ", ".join(row_marks for _ in chunk), params)


def _at(day: dt.date, minutes: int) -> dt.datetime:
    """Timestamp ``minutes`` after midnight of ``day`` (may roll over to the next day)."""
    return dt.datetime(day.year, day.month, day.day) + dt.timedelta(minutes=minutes)


def _is_open(rid: int, opened: dt.date | None, closing_day: str | None, day: dt.date) -> bool:
    if opened is None or day < opened:
        return False
    if closing_day == _WEEKDAYS[day.weekday()]:
        return False
    for key in (0, rid):
        for first, last in _CLOSURES.get(key, []):
            if first <= day <= last:
                return False
    return True


def _covers(rng: random.Random) -> int:
    return rng.choices([1, 2, 3, 4, 5, 6, 7, 8, 10, 12], [9, 40, 15, 20, 5, 5, 2, 2, 1, 1])[0]


def _pick(rng: random.Random, menu: list[dict[str, Any]], wanted: dict[int, int], cat: str,
          count: int, distinct: int) -> None:  # fmt: skip
    """Add ``count`` portions of up to ``distinct`` different ``cat`` items to ``wanted``."""
    options = [m for m in menu if m["cat"] == cat]
    if not options or count <= 0:
        return
    chosen = rng.choices(options, [m["weight"] for m in options], k=min(distinct, count))
    for i in range(count):
        mid = chosen[i % len(chosen)]["id"]
        wanted[mid] = wanted.get(mid, 0) + 1


def build(con: Any, seed: int = 1) -> None:
    """(Re)create and fill the restaurant group tables in ``con``."""
    rng = random.Random(seed)

    for table in _DROP_ORDER:
        con.execute(f"DROP TABLE IF EXISTS {table}")
    con.execute(_DDL)

    # -------------------------------------------------------------- restaurants
    restaurants = [(rid, *spec[:7]) for rid, spec in enumerate(_RESTAURANTS, start=1)]
    _insert(con, "restaurants", restaurants)

    # --------------------------------------------------------------- menu_items
    menu_rows = []
    menu_by_rest: dict[int, list[dict[str, Any]]] = {}
    entries = [(rid, *entry) for rid, items in _MENU.items() for entry in items]
    for mid, (rid, item, cat, price, veg) in enumerate(entries, start=1):
        opened = _RESTAURANTS[rid - 1][4]
        on_menu = (rid, item) not in _DISCONTINUED
        added_on = _ADDED.get((rid, item)) or (_D(2025, 9, 1) if rid == 7 else _DEFAULT_ADDED)
        added_on = max(added_on, opened or added_on)
        cost = round(price * (_COST_SHARE[cat] + rng.uniform(-0.06, 0.08)), 2)
        prep = None if cat == "drink" else rng.randint(*_PREP[cat])
        old_price = price
        if rid in _RAISED and price >= 5 and rng.random() < 0.8:
            old_price = price - (1.0 if cat == "main" else 0.5)
        menu_rows.append((mid, rid, item, cat, price, cost, veg, prep, on_menu, added_on))
        weight = rng.choice([1, 1, 2, 2, 3, 5, 8])  # popularity of the item
        menu_by_rest.setdefault(rid, []).append(
            {"id": mid, "cat": cat, "price": price, "old_price": old_price,
             "on_menu": on_menu, "added": added_on, "weight": weight}
        )  # fmt: skip
    _insert(con, "menu_items", menu_rows)

    # ------------------------------------------------------------------ servers
    servers = []
    for sid, (rid, given, family, role, hired, left, wage, _v) in enumerate(_SERVERS, 1):
        servers.append((sid, rid, given, family, role, hired, left, wage))
    _insert(con, "servers", servers)
    void_factor = {sid: spec[7] for sid, spec in enumerate(_SERVERS, 1)}

    def staff(rid: int, day: dt.date, bar: bool) -> list[int]:
        return [
            sid
            for sid, (r, _g, _f, role, hired, left, _w, _v) in enumerate(_SERVERS, 1)
            if r == rid
            and (role == "bartender") == bar
            and hired <= day
            and (left is None or day <= left)
        ]

    # ------------------------------------------ shifts, checks, lines, reservations
    shift_rows: list[tuple] = []
    check_rows: list[tuple] = []
    line_rows: list[tuple] = []
    res_rows: list[tuple] = []

    def guest() -> str:
        return f"{rng.choice(_GUEST_GIVEN)} {rng.choice(_GUEST_FAMILY)}"

    def channel(rid: int) -> str:
        if rid == 6:
            return rng.choices(["phone", "website", "app"], weights=[10, 60, 30])[0]
        return rng.choices(["phone", "website", "app"], weights=[38, 42, 20])[0]

    def booking_time(slot: dt.datetime) -> dt.datetime:
        lead = rng.choices(
            [0, 1, 2, 3, 5, 7, 10, 14, 21, 30, 45], [14, 12, 10, 9, 9, 10, 9, 9, 7, 6, 5]
        )[0]
        if lead == 0:
            booked = slot - dt.timedelta(minutes=rng.randint(30, 300))
        else:
            day = slot.date() - dt.timedelta(days=lead)
            booked = _at(day, rng.randint(9 * 60, 22 * 60))
        return min(booked, dt.datetime(2025, 9, 30, 21, rng.randint(0, 59)))

    def add_reservation(rid: int, slot: dt.datetime, size: int, status: str,
                        check_id: int | None) -> None:  # fmt: skip
        deposit = float(10 * size) if size >= 6 else None
        res_rows.append(
            (len(res_rows) + 1, rid, guest(), size, booking_time(slot), slot,
             channel(rid), status, deposit, check_id)
        )  # fmt: skip

    no_show_p = {1: 0.06, 2: 0.08, 3: 0.15, 4: 0.05, 5: 0.07, 6: 0.1}
    cancel_p = {1: 0.12, 2: 0.1, 3: 0.08, 4: 0.11, 5: 0.07, 6: 0.07}

    day = FIRST_DAY
    while day <= LAST_DAY:
        weekday = day.weekday()
        services = ["lunch", "dinner"] if weekday >= 4 else ["dinner"]
        for service in services:
            on_shift: dict[int, list[int]] = {}
            busy: set[int] = set()
            open_rids = []
            for rid, spec in enumerate(_RESTAURANTS, start=1):
                if not _is_open(rid, spec[4], spec[5], day):
                    continue
                open_rids.append(rid)
                floor = staff(rid, day, bar=False)
                rng.shuffle(floor)
                busy_night = weekday in (4, 5)
                n = 1 if service == "lunch" else 1 + (rng.random() < (0.45 if busy_night else 0.2))
                team = floor[:n]
                if service == "dinner":
                    bar = staff(rid, day, bar=True)
                    if bar and rng.random() < (0.7 if busy_night else 0.2):
                        team.append(bar[0])
                on_shift[rid] = team
                busy.update(team)
            for rid in open_rids:  # cover at the sister restaurant now and then
                sib = _SIBLING.get(rid)
                if sib in on_shift and rng.random() < 0.05:
                    spare = [s for s in staff(sib, day, bar=False) if s not in busy]
                    if spare:
                        on_shift[rid].append(spare[0])
                        busy.add(spare[0])
            for rid in open_rids:
                spec = _RESTAURANTS[rid - 1]
                team = on_shift[rid]
                for sid in team:
                    if service == "lunch":
                        start = 11 * 60 + 30 + rng.choice([0, 0, 15])
                        end = 15 * 60 + rng.randint(0, 45)
                        brk = rng.choice([0, 0, 15])
                    else:
                        start = 18 * 60 + rng.choice([0, 0, 30])
                        end = 23 * 60 + rng.randint(0, 75)
                        brk = rng.choice([15, 30, 30])
                    shift_rows.append(
                        (len(shift_rows) + 1, sid, rid, service, _at(day, start),
                         _at(day, end), brk)
                    )  # fmt: skip
                floor_team = [s for s in team if _SERVERS[s - 1][3] != "bartender"]
                bar_team = [s for s in team if _SERVERS[s - 1][3] == "bartender"]
                base = spec[7] * (0.8 if service == "dinner" else 0.4)
                if weekday in (4, 5):
                    base *= 1.4
                if spec[6] and day.month in (6, 7, 8):
                    base *= 1.25
                if rid == 6 and day < dt.date(2025, 6, 1):
                    base *= 0.6  # opening weeks
                n_checks = max(0, round(rng.gauss(base, 0.8)))
                tables = list(range(1, spec[3] // 4 + 1))
                rng.shuffle(tables)
                for k in range(n_checks):
                    at_bar = bool(bar_team) and rng.random() < 0.18
                    if at_bar:
                        sid, table_no, covers = bar_team[0], None, rng.choice([1, 1, 2])
                    else:
                        sid = rng.choice(floor_team)
                        table_no, covers = tables[k % len(tables)], _covers(rng)
                    if service == "lunch":
                        opened_min = 12 * 60 + rng.randint(0, 120)
                    else:
                        opened_min = 19 * 60 + rng.randint(0, 225)
                    opened = _at(day, opened_min)
                    status = rng.choices(["paid", "comped", "cancelled"], [95, 1.5, 3.5])[0]
                    if status == "cancelled":
                        closed = opened + dt.timedelta(minutes=rng.randint(2, 15))
                    else:
                        span = 30 + 7 * covers + rng.randint(0, 60) if not at_bar else 25
                        closed = opened + dt.timedelta(minutes=span + rng.randint(0, 40))
                    check_id = len(check_rows) + 1
                    # lines
                    menu = [m for m in menu_by_rest[rid] if m["added"] <= day
                            and (m["on_menu"] or day < PRICE_RISE)]  # fmt: skip
                    wanted: dict[int, int] = {}

                    def pick(cat: str, count: int, distinct: int) -> None:
                        _pick(rng, menu, wanted, cat, count, distinct)  # noqa: B023

                    if at_bar:
                        pick("drink", covers + rng.randint(0, 2), 2)
                        if rng.random() < 0.3:
                            pick("starter", 1, 1)
                    else:
                        pick("main", covers, 2)
                        pick("starter", sum(rng.random() < 0.35 for _ in range(covers)), 1)
                        pick("dessert", sum(rng.random() < 0.3 for _ in range(covers)), 1)
                        if rng.random() < 0.2:
                            pick("side", rng.randint(1, 2), 1)
                        pick("drink", covers + rng.randint(-1, covers), 1 + (covers > 3))
                    if status == "cancelled" and rng.random() < 0.3:
                        wanted = {}
                    by_id = {m["id"]: m for m in menu}
                    gross = 0.0
                    for mid, qty in wanted.items():
                        m = by_id[mid]
                        price = m["price"] if day >= PRICE_RISE else m["old_price"]
                        voided = status == "cancelled" or rng.random() < 0.03 * void_factor[sid]
                        reason = None
                        if voided:
                            reason = (
                                "entered_in_error"
                                if status == "cancelled"
                                else rng.choices(
                                    ["kitchen_error", "guest_changed_mind",
                                     "entered_in_error"], [45, 35, 20])[0]
                            )  # fmt: skip
                        else:
                            gross += qty * price
                        line_rows.append(
                            (len(line_rows) + 1, check_id, mid, qty, price, voided, reason)
                        )
                    gross = round(gross, 2)
                    method = tip = None
                    discount = 0.0
                    if status == "paid":
                        if rng.random() < 0.06:
                            discount = round(gross * 0.1, 2)
                        method = rng.choices(["card", "cash", "voucher"], [72, 19, 9])[0]
                        if method != "cash":
                            net = gross - discount
                            tip = 0.0 if rng.random() < 0.3 else round(
                                net * rng.uniform(0.03, 0.14) * 2) / 2  # fmt: skip
                    elif status == "comped":
                        discount = gross
                    total = round(gross - discount, 2)
                    reserved = (not at_bar and status != "cancelled" and covers >= 2
                                and rng.random() < (0.3 if rid == 6 else 0.58))  # fmt: skip
                    if reserved:
                        slot = _at(day, (opened_min - rng.randint(0, 20)) // 15 * 15)
                        size = covers if rng.random() < 0.85 else max(1, covers + rng.choice(
                            [-1, 1]))  # fmt: skip
                        add_reservation(rid, slot, size, "seated", check_id)
                    check_rows.append(
                        (check_id, rid, sid, table_no, covers, opened, closed, status,
                         not reserved, method, discount, total, tip)
                    )  # fmt: skip
                # reservations that never sat down
                for status, p in (("no_show", no_show_p[rid]), ("cancelled", cancel_p[rid])):
                    if rng.random() < p / (1.6 if service == "lunch" else 1):
                        start = 12 * 60 if service == "lunch" else 19 * 60
                        slot = _at(day, start + 15 * rng.randint(0, 12))
                        add_reservation(rid, slot, _covers(rng), status, None)
        day += dt.timedelta(days=1)

    # upcoming bookings for October 2025
    day = dt.date(2025, 10, 1)
    while day <= dt.date(2025, 10, 31):
        for rid, spec in enumerate(_RESTAURANTS, start=1):
            if _is_open(rid, spec[4], spec[5], day):
                for _ in range(rng.choice([0, 0, 1, 1, 2]) if day.day <= 14 else
                               rng.choice([0, 0, 0, 1])):  # fmt: skip
                    slot = _at(day, 19 * 60 + 15 * rng.randint(0, 10))
                    add_reservation(rid, slot, _covers(rng), "booked", None)
        day += dt.timedelta(days=1)

    _insert(con, "shifts", shift_rows)
    _insert(con, "checks", check_rows)
    _insert(con, "check_lines", line_rows)
    res_rows.sort(key=lambda r: (r[5], r[0]))  # number reservations by slot time
    res_rows = [(i, *r[1:]) for i, r in enumerate(res_rows, start=1)]
    _insert(con, "reservations", res_rows)
