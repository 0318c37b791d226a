"""Data dictionary: Hopfenwerk craft brewery (sales and production database).

The business
------------
Hopfenwerk is a craft brewery. It brews *batches* of its beers in fermentation
tanks, packages finished batches into kegs and cans, and sells them to bars,
shops and distributors. Every sale is an *invoice* with one or more *invoice
lines*; goods reach the customer through *deliveries* by van. A batch that
fails quality control is *dumped* (poured away) and never packaged. Invoices
can be *voided* (cancelled; they are not sales) and customers sometimes pay
*late* (after the due date).

All money is in euros (EUR), net of VAT. Volumes are in hectolitres (hl,
1 hl = 100 litres) for brewing and in litres (l) for packaging.

Dates and "today"
-----------------
The data runs from 2023-01-02 to 2025-09-14.
2025-09-14 is the last day of the data, 'today' for every question.
This year is 2025 (2025-01-01 to 2025-09-14); last year is 2024.
This month is September 2025; last month is August 2025 (2025-08-01 to
2025-08-31). The last 30 days are 2025-08-16 to 2025-09-14 inclusive; the
last 7 days are 2025-09-08 to 2025-09-14 inclusive. Q1 = January-March,
Q2 = April-June, Q3 = July-September.

Tables
------
bev -- the beers (one row per beer in the range)
    bev_id          INTEGER  primary key, beer id
    bev_nm          VARCHAR  beer name (unique)
    bev_styl_cd     VARCHAR  style code, one letter:
                             L = lager, P = pale ale / IPA, S = stout or porter,
                             W = wheat beer, R = sour
    bev_abv_pct     DECIMAL(4,1)  alcohol by volume, percent (e.g. 5.2)
    bev_ibu         INTEGER  bitterness in IBU; NULL when never measured
    bev_lnch_dte    DATE     launch date (first day the beer was on the price list)
    bev_actv_flg    BOOLEAN  TRUE = currently on the price list; FALSE = retired

btch -- brew batches (one row per batch brewed)
    btch_no         INTEGER  primary key, batch number (increasing with brew date)
    bev_id          INTEGER  references bev, the beer brewed
    btch_brew_dte   DATE     brew day (day the wort went into the tank)
    btch_tank_no    INTEGER  fermentation tank number, 1 to 8
    btch_brwr_nm    VARCHAR  name of the brewer in charge of the batch
    btch_vol_hl     DECIMAL(5,1)  volume brewed, in hectolitres
    btch_stat_cd    VARCHAR  batch status, one letter:
                             F = fermenting (still in the tank, not yet packaged),
                             P = packaged (released and packaged),
                             D = dumped (failed quality control, poured away)
    btch_dump_rsn_cd VARCHAR dump reason, one letter, NULL unless status is D:
                             I = infection, O = off-flavour, T = temperature fault
    btch_dump_dte   DATE     day the batch was dumped; NULL unless status is D

pkg -- packaging runs (a packaged batch has one or two runs, e.g. kegs and cans)
    pkg_id          INTEGER  primary key, packaging run id
    btch_no         INTEGER  references btch, the batch packaged
    pkg_dte         DATE     day of the packaging run
    pkg_typ_cd      VARCHAR  package type, one letter:
                             K = 30-litre keg, B = 50-litre keg ("big keg"),
                             C = case of 24 cans of 0.33 l (7.92 litres a case)
    pkg_unit_cnt    INTEGER  number of units filled (kegs, or cases of cans)
    pkg_vol_l       DECIMAL(8,2)  litres packaged in the run (units x unit size)

cust -- customers
    cust_id         INTEGER  primary key, customer id
    cust_nm         VARCHAR  customer (trading) name
    cust_typ_cd     VARCHAR  customer type, one letter:
                             B = bar / pub / restaurant, S = shop (bottle shop,
                             off-licence), D = distributor (wholesaler)
    cust_rgn_cd     VARCHAR  sales region, one letter: N = north, S = south,
                             E = east, W = west
    cust_city       VARCHAR  city
    cust_since_dte  DATE     date the customer account was opened (can be before 2023)
    cust_pay_trm_dd INTEGER  payment terms in days (invoice due date = invoice
                             date + this many days): 14, 30 or 60
    cust_crdt_lmt_eur DECIMAL(10,2)  credit limit in EUR; NULL = no limit agreed
    cust_email      VARCHAR  accounts e-mail address; NULL when unknown
    cust_actv_flg   BOOLEAN  TRUE = active account; FALSE = closed account

inv -- invoices (one row per invoice; one invoice = one order)
    inv_no          INTEGER  primary key, invoice number
    cust_id         INTEGER  references cust
    inv_dte         DATE     invoice date (the date of the sale)
    inv_due_dte     DATE     payment due date
    inv_stat_cd     VARCHAR  invoice status, one letter:
                             O = open (issued, not yet paid),
                             P = paid,
                             V = voided (cancelled; not a sale, never paid)
    inv_pd_dte      DATE     date the payment was received; NULL unless status P.
                             An invoice is "paid late" when inv_pd_dte > inv_due_dte;
                             an open invoice is "overdue" when inv_due_dte is before today.
    inv_tot_eur     DECIMAL(10,2)  invoice total in EUR, net of VAT (= sum of its
                             line amounts). Voided invoices keep their total.

inv_ln -- invoice lines (what was sold on each invoice)
    inv_no          INTEGER  references inv; (inv_no, ln_no) is the primary key
    ln_no           INTEGER  line number within the invoice, 1, 2, ...
    bev_id          INTEGER  references bev, the beer sold
    pkg_typ_cd      VARCHAR  package type sold (same codes as pkg.pkg_typ_cd:
                             K = 30-litre keg, B = 50-litre keg, C = case of 24 cans)
    ln_qty          INTEGER  number of units sold (kegs, or cases of cans)
    ln_unit_prc_eur DECIMAL(8,2)  price per unit in EUR
    ln_amt_eur      DECIMAL(10,2) line amount in EUR = ln_qty x ln_unit_prc_eur
    ln_vol_l        DECIMAL(8,2)  litres sold on the line (ln_qty x unit size)

dlv -- deliveries (van trips taking an invoice's goods to the customer; a failed
       delivery is retried with a new delivery row)
    dlv_id          INTEGER  primary key, delivery id
    inv_no          INTEGER  references inv, the invoice delivered
    dlv_schd_dte    DATE     scheduled delivery date
    dlv_actl_dte    DATE     date actually delivered; NULL unless status is D
    dlv_stat_cd     VARCHAR  delivery status, one letter:
                             D = delivered, F = failed (nobody to receive,
                             wrong address...), P = planned (not yet done)
    dlv_van_no      INTEGER  van number, 1 to 4

Notes
-----
* "Sales", "revenue" or "turnover" means invoice totals (or line amounts) of
  invoices that are not voided, unless a question says otherwise.
* A batch's "yield" is litres packaged (sum of pkg_vol_l) against litres
  brewed (btch_vol_hl x 100).
* Customers with no invoices, beers with no batches and beers never sold exist.
"""

import datetime as _dt
import random

LAST_DAY = _dt.date(2025, 9, 14)
FIRST_DAY = _dt.date(2023, 1, 2)

_COMMENTS = {
    "bev": {
        "bev_id": "beer id",
        "bev_nm": "beer name",
        "bev_styl_cd": "style: L=lager, P=pale ale/IPA, S=stout or porter, W=wheat beer, R=sour",
        "bev_abv_pct": "alcohol by volume, percent",
        "bev_ibu": "bitterness in IBU; NULL when never measured",
        "bev_lnch_dte": "launch date, first day on the price list",
        "bev_actv_flg": "TRUE = currently on the price list, FALSE = retired",
    },
    "btch": {
        "btch_no": "batch number",
        "bev_id": "beer brewed (bev.bev_id)",
        "btch_brew_dte": "brew day",
        "btch_tank_no": "fermentation tank number 1-8",
        "btch_brwr_nm": "brewer in charge of the batch",
        "btch_vol_hl": "volume brewed, hectolitres",
        "btch_stat_cd": "batch status: F=fermenting (not yet packaged), P=packaged, D=dumped (failed quality control)",
        "btch_dump_rsn_cd": "dump reason: I=infection, O=off-flavour, T=temperature fault; NULL unless dumped",
        "btch_dump_dte": "day the batch was dumped; NULL unless dumped",
    },
    "pkg": {
        "pkg_id": "packaging run id",
        "btch_no": "batch packaged (btch.btch_no)",
        "pkg_dte": "packaging day",
        "pkg_typ_cd": "package type: K=30-litre keg, B=50-litre keg, C=case of 24 x 0.33 l cans",
        "pkg_unit_cnt": "units filled (kegs or cases)",
        "pkg_vol_l": "litres packaged in the run",
    },
    "cust": {
        "cust_id": "customer id",
        "cust_nm": "customer name",
        "cust_typ_cd": "customer type: B=bar/pub/restaurant, S=shop, D=distributor",
        "cust_rgn_cd": "sales region: N=north, S=south, E=east, W=west",
        "cust_city": "city",
        "cust_since_dte": "date the account was opened",
        "cust_pay_trm_dd": "payment terms in days (14, 30 or 60)",
        "cust_crdt_lmt_eur": "credit limit EUR; NULL = no limit agreed",
        "cust_email": "accounts e-mail; NULL when unknown",
        "cust_actv_flg": "TRUE = active account, FALSE = closed account",
    },
    "inv": {
        "inv_no": "invoice number",
        "cust_id": "customer (cust.cust_id)",
        "inv_dte": "invoice date (date of the sale)",
        "inv_due_dte": "payment due date",
        "inv_stat_cd": "status: O=open (not yet paid), P=paid, V=voided (cancelled, not a sale)",
        "inv_pd_dte": "date payment received; NULL unless paid",
        "inv_tot_eur": "invoice total EUR net of VAT (sum of line amounts)",
    },
    "inv_ln": {
        "inv_no": "invoice (inv.inv_no)",
        "ln_no": "line number within the invoice",
        "bev_id": "beer sold (bev.bev_id)",
        "pkg_typ_cd": "package type: K=30-litre keg, B=50-litre keg, C=case of 24 cans",
        "ln_qty": "units sold (kegs or cases)",
        "ln_unit_prc_eur": "price per unit EUR",
        "ln_amt_eur": "line amount EUR = qty x unit price",
        "ln_vol_l": "litres sold on the line",
    },
    "dlv": {
        "dlv_id": "delivery id",
        "inv_no": "invoice delivered (inv.inv_no)",
        "dlv_schd_dte": "scheduled delivery date",
        "dlv_actl_dte": "date actually delivered; NULL unless delivered",
        "dlv_stat_cd": "delivery status: D=delivered, F=failed, P=planned (not yet done)",
        "dlv_van_no": "van number 1-4",
    },
}

_TABLES = """
CREATE TABLE bev (
    bev_id        INTEGER PRIMARY KEY,
    bev_nm        VARCHAR NOT NULL UNIQUE,
    bev_styl_cd   VARCHAR(1) NOT NULL,
    bev_abv_pct   DECIMAL(4,1) NOT NULL,
    bev_ibu       INTEGER,
    bev_lnch_dte  DATE NOT NULL,
    bev_actv_flg  BOOLEAN NOT NULL
);
CREATE TABLE btch (
    btch_no          INTEGER PRIMARY KEY,
    bev_id           INTEGER NOT NULL REFERENCES bev(bev_id),
    btch_brew_dte    DATE NOT NULL,
    btch_tank_no     INTEGER NOT NULL,
    btch_brwr_nm     VARCHAR NOT NULL,
    btch_vol_hl      DECIMAL(5,1) NOT NULL,
    btch_stat_cd     VARCHAR(1) NOT NULL,
    btch_dump_rsn_cd VARCHAR(1),
    btch_dump_dte    DATE
);
CREATE TABLE pkg (
    pkg_id        INTEGER PRIMARY KEY,
    btch_no       INTEGER NOT NULL REFERENCES btch(btch_no),
    pkg_dte       DATE NOT NULL,
    pkg_typ_cd    VARCHAR(1) NOT NULL,
    pkg_unit_cnt  INTEGER NOT NULL,
    pkg_vol_l     DECIMAL(8,2) NOT NULL
);
CREATE TABLE cust (
    cust_id           INTEGER PRIMARY KEY,
    cust_nm           VARCHAR NOT NULL,
    cust_typ_cd       VARCHAR(1) NOT NULL,
    cust_rgn_cd       VARCHAR(1) NOT NULL,
    cust_city         VARCHAR NOT NULL,
    cust_since_dte    DATE NOT NULL,
    cust_pay_trm_dd   INTEGER NOT NULL,
    cust_crdt_lmt_eur DECIMAL(10,2),
    cust_email        VARCHAR,
    cust_actv_flg     BOOLEAN NOT NULL
);
CREATE TABLE inv (
    inv_no       INTEGER PRIMARY KEY,
    cust_id      INTEGER NOT NULL REFERENCES cust(cust_id),
    inv_dte      DATE NOT NULL,
    inv_due_dte  DATE NOT NULL,
    inv_stat_cd  VARCHAR(1) NOT NULL,
    inv_pd_dte   DATE,
    inv_tot_eur  DECIMAL(10,2) NOT NULL
);
CREATE TABLE inv_ln (
    inv_no           INTEGER NOT NULL REFERENCES inv(inv_no),
    ln_no            INTEGER NOT NULL,
    bev_id           INTEGER NOT NULL REFERENCES bev(bev_id),
    pkg_typ_cd       VARCHAR(1) NOT NULL,
    ln_qty           INTEGER NOT NULL,
    ln_unit_prc_eur  DECIMAL(8,2) NOT NULL,
    ln_amt_eur       DECIMAL(10,2) NOT NULL,
    ln_vol_l         DECIMAL(8,2) NOT NULL,
    PRIMARY KEY (inv_no, ln_no)
);
CREATE TABLE dlv (
    dlv_id        INTEGER PRIMARY KEY,
    inv_no        INTEGER NOT NULL REFERENCES inv(inv_no),
    dlv_schd_dte  DATE NOT NULL,
    dlv_actl_dte  DATE,
    dlv_stat_cd   VARCHAR(1) NOT NULL,
    dlv_van_no    INTEGER NOT NULL
);
"""


def _comment_sql() -> str:
    out = []
    for t, cols in _COMMENTS.items():
        for c, txt in cols.items():
            esc = txt.replace("'", "''")
            out.append(f"COMMENT ON COLUMN {t}.{c} IS '{esc}';")
    return "\n".join(out)


_DDL = _TABLES + "\n" + _comment_sql() + "\n"

_DROP_ORDER = ["dlv", "inv_ln", "inv", "cust", "pkg", "btch", "bev"]

# name, style, abv, ibu (None = not measured), launch, active, popularity weight
_BEERS = [
    ("Harbour Lager", "L", 4.8, 22, "2019-03-01", True, 30),
    ("Pilsner No. 7", "L", 5.0, 35, "2020-05-15", True, 18),
    ("Dark Helles", "L", 5.4, 20, "2021-10-01", False, 4),
    ("Tramline IPA", "P", 6.2, 55, "2019-03-01", True, 22),
    ("Cloud Hopper NEIPA", "P", 6.8, 40, "2022-04-01", True, 14),
    ("Session Pale", "P", 4.2, 30, "2020-02-01", True, 12),
    ("Double Trouble DIPA", "P", 8.4, 80, "2023-06-01", True, 6),
    ("West Coast Red", "P", 5.9, None, "2021-03-01", False, 3),
    ("Night Shift Stout", "S", 5.6, 38, "2019-09-01", True, 10),
    ("Porter Royale", "S", 6.1, 32, "2020-11-01", True, 6),
    ("Imperial Ember Stout", "S", 10.5, None, "2023-11-01", True, 3),
    ("Weissbier Sunday", "W", 5.3, 14, "2020-04-01", True, 9),
    ("Witbier Blanche", "W", 4.9, 12, "2022-05-01", False, 4),
    ("Rhubarb Sour", "R", 4.5, 8, "2022-06-01", True, 5),
    ("Passionfruit Gose", "R", 4.0, None, "2024-04-15", True, 4),
    ("Kriek Reserve", "R", 6.5, 10, "2024-09-01", True, 2),
    ("Autumn Smoked Lager", "L", 5.7, 25, "2025-08-20", True, 0),
    ("Hazy Winter Ale", "P", 7.2, None, "2025-09-01", True, 0),
]

_BREWERS = ["Anna Kowalski", "Ben Okafor", "Clara Jensen", "Dimitri Sousa"]
_BREWER_W = [40, 30, 20, 10]

_CITIES = {
    "N": ["Hamburg", "Bremen", "Kiel"],
    "S": ["Munich", "Augsburg", "Regensburg"],
    "E": ["Berlin", "Leipzig", "Dresden"],
    "W": ["Cologne", "Dusseldorf", "Essen"],
}

_BAR_WORDS = [
    "Tap House",
    "Anchor",
    "Red Lion",
    "Corner Pub",
    "Brew Bar",
    "Ale Cellar",
    "Bierstube",
    "Taproom",
    "Bistro",
    "Kneipe",
    "Hop Garden",
    "Beer Hall",
]
_SHOP_WORDS = [
    "Bottle Shop",
    "Getraenke Markt",
    "Craft Corner",
    "Hop Shop",
    "Beer Boutique",
    "Liquor Store",
]
_DIST_WORDS = ["Beverage Wholesale", "Drinks Distribution", "Getraenke Handel", "Beer Logistics"]

_UNIT_L = {"K": 30.0, "B": 50.0, "C": 7.92}
_BASE_PRICE = {"K": 105.0, "B": 165.0, "C": 38.0}
_STYLE_MARKUP = {"L": 1.0, "P": 1.18, "S": 1.12, "W": 1.05, "R": 1.3}


def _insert(con, table: str, rows: list, chunk: int = 400) -> None:
    """Multi-row parameterised INSERT (much faster than executemany in DuckDB)."""
    if not rows:
        return
    width = len(rows[0])
    one = "(" + ",".join(["?"] * width) + ")"
    for i in range(0, len(rows), chunk):
        part = rows[i : i + chunk]
        sql = f"INSERT INTO {table} VALUES " + ",".join([one] * len(part))
        con.execute(sql, [v for r in part for v in r])


def _d(s: str) -> _dt.date:
    return _dt.date.fromisoformat(s)


def build(con, seed: int = 1) -> None:
    rng = random.Random(seed)
    for t in _DROP_ORDER:
        con.execute(f"DROP TABLE IF EXISTS {t}")
    con.execute(_DDL)

    # ---- beers
    bev_rows = []
    for i, (nm, st, abv, ibu, lnch, actv, _w) in enumerate(_BEERS, start=1):
        bev_rows.append((i, nm, st, abv, ibu, _d(lnch), actv))
    _insert(con, "bev", bev_rows)
    bev_info = {r[0]: r for r in bev_rows}
    # retirement dates for inactive beers (no brewing/sales after)
    retire = {3: _d("2024-10-31"), 8: _d("2023-12-31"), 13: _d("2025-03-31")}

    # ---- batches and packaging
    btch_rows = []
    pkg_rows = []
    btch_no = 1000
    pkg_id = 1
    day = FIRST_DAY
    brew_weights = [w for (*_x, w) in _BEERS]
    while day <= LAST_DAY:
        if day.weekday() < 5 and rng.random() < 0.62:
            # choose beer available at that date
            while True:
                bid = rng.choices(range(1, len(_BEERS) + 1), weights=brew_weights)[0]
                info = bev_info[bid]
                if info[5] > day:
                    continue
                if bid in retire and day > retire[bid]:
                    continue
                break
            btch_no += 1
            tank = rng.randint(1, 8)
            brewer = rng.choices(_BREWERS, weights=_BREWER_W)[0]
            vol = rng.choice([20.0, 20.0, 30.0, 30.0, 30.0, 40.0])
            if info[2] == "S" and info[3] > 9:
                vol = 20.0
            ferment_days = {"L": 28, "P": 14, "S": 21, "W": 12, "R": 35}[info[2]] + rng.randint(
                -3, 6
            )
            ready = day + _dt.timedelta(days=ferment_days)
            dump_p = (
                0.05 + (0.07 if info[2] == "R" else 0) + (0.04 if brewer == "Dimitri Sousa" else 0)
            )
            if rng.random() < dump_p:
                rsn = rng.choices(["I", "O", "T"], weights=[5, 3, 2])[0]
                ddte = day + _dt.timedelta(days=rng.randint(3, ferment_days))
                ddte = min(ddte, LAST_DAY)
                btch_rows.append((btch_no, bid, day, tank, brewer, vol, "D", rsn, ddte))
            elif ready > LAST_DAY:
                btch_rows.append((btch_no, bid, day, tank, brewer, vol, "F", None, None))
            else:
                btch_rows.append((btch_no, bid, day, tank, brewer, vol, "P", None, None))
                litres = vol * 100 * rng.uniform(0.88, 0.97)
                if info[2] in ("R", "S") and info[3] > 9:
                    split = {"C": 1.0}
                else:
                    r = rng.random()
                    if r < 0.45:
                        split = {"K": 1.0}
                    elif r < 0.6:
                        split = {"B": 1.0}
                    elif r < 0.85:
                        split = {"K": 0.6, "C": 0.4}
                    else:
                        split = {"B": 0.5, "C": 0.5}
                pdte = ready
                for typ, share in split.items():
                    units = int(litres * share / _UNIT_L[typ])
                    pkg_rows.append(
                        (pkg_id, btch_no, pdte, typ, units, round(units * _UNIT_L[typ], 2))
                    )
                    pkg_id += 1
                    if rng.random() < 0.5:
                        pdte = pdte + _dt.timedelta(days=1)
        day += _dt.timedelta(days=1)
    _insert(con, "btch", btch_rows)
    _insert(con, "pkg", pkg_rows)

    # ---- customers
    cust_rows = []
    used_names = set()
    n_cust = 140
    for cid in range(1, n_cust + 1):
        typ = rng.choices(["B", "S", "D"], weights=[65, 25, 10])[0]
        rgn = rng.choices(["N", "S", "E", "W"], weights=[30, 25, 25, 20])[0]
        city = rng.choice(_CITIES[rgn])
        words = {"B": _BAR_WORDS, "S": _SHOP_WORDS, "D": _DIST_WORDS}[typ]
        while True:
            if typ == "D":
                nm = f"{city} {rng.choice(words)}"
            else:
                prefix = rng.choice(
                    [
                        "The",
                        "Old",
                        "Little",
                        "Golden",
                        "Blue",
                        "Hoppy",
                        "Green",
                        "Happy",
                        "Black",
                        "Silver",
                        "North Star",
                        "Copper",
                    ]
                )
                nm = f"{prefix} {rng.choice(words)} {city}"
            if nm not in used_names:
                used_names.add(nm)
                break
        since = (
            FIRST_DAY - _dt.timedelta(days=rng.randint(0, 900))
            if rng.random() < 0.6
            else FIRST_DAY + _dt.timedelta(days=rng.randint(0, (LAST_DAY - FIRST_DAY).days - 5))
        )
        terms = {
            "B": rng.choice([14, 14, 30]),
            "S": rng.choice([14, 30, 30]),
            "D": rng.choice([30, 60, 60]),
        }[typ]
        if rng.random() < 0.2:
            lim = None
        else:
            lim = {
                "B": rng.choice([2000, 3000, 5000]),
                "S": rng.choice([3000, 5000]),
                "D": rng.choice([20000, 30000, 50000]),
            }[typ]
        slug = nm.lower().replace(" ", "").replace(".", "")[:18]
        email = None if rng.random() < 0.15 else f"accounts@{slug}.de"
        actv = rng.random() > 0.12
        cust_rows.append((cid, nm, typ, rgn, city, since, terms, lim, email, actv))
    # one distributor account was closed (it moved to a competitor)
    last_d = max(i for i, r in enumerate(cust_rows) if r[2] == "D")
    cust_rows[last_d] = (*cust_rows[last_d][:9], False)
    _insert(con, "cust", cust_rows)

    # activity weight per customer; some never order
    cust_w = {}
    cust_end = {}
    for r in cust_rows:
        cid, typ, since, actv = r[0], r[2], r[5], r[9]
        if rng.random() < 0.08:
            cust_w[cid] = 0.0  # never ordered
            continue
        base = {"B": 1.0, "S": 0.8, "D": 3.5}[typ]
        cust_w[cid] = base * rng.paretovariate(2.0)
        if not actv:
            cust_end[cid] = since + _dt.timedelta(days=rng.randint(120, 700))

    # ---- invoices, lines, deliveries
    inv_rows, ln_rows, dlv_rows = [], [], []
    inv_no = 250000
    dlv_id = 1
    sale_w = [w for (*_x, w) in _BEERS]
    # regional taste: the south drinks wheat beer, the east IPAs, the north stout, the west pale
    pref = {
        "N": {9: 2.6, 10: 1.5},
        "S": {12: 3.6, 2: 1.4},
        "E": {4: 1.6, 5: 2.0},
        "W": {6: 2.8, 2: 1.6, 1: 0.7},
    }
    rgn_w = {r: [w * pref[r].get(i, 1.0) for i, w in enumerate(sale_w, start=1)] for r in pref}
    day = FIRST_DAY
    cids = [r[0] for r in cust_rows]
    cinfo = {r[0]: r for r in cust_rows}
    while day <= LAST_DAY:
        seasonal = 1.0 + 0.35 * (day.month in (5, 6, 7, 8)) - 0.2 * (day.month in (1, 2))
        growth = 1.0 + 0.25 * ((day - FIRST_DAY).days / 1000)
        n_today = 0 if day.weekday() == 6 else int(rng.random() * 5.2 * seasonal * growth)
        for _ in range(n_today):
            cid = rng.choices(cids, weights=[cust_w[c] for c in cids])[0]
            c = cinfo[cid]
            if c[5] > day or (cid in cust_end and day > cust_end[cid]) or cust_w[cid] == 0:
                continue
            typ = c[2]
            inv_no += 1
            n_lines = rng.choices([1, 2, 3, 4, 5], weights=[35, 30, 18, 10, 7])[0]
            if typ == "D":
                n_lines = min(6, n_lines + 1)
            seen = set()
            total = 0.0
            ln = 0
            for _l in range(n_lines):
                for _try in range(20):
                    bid = rng.choices(range(1, len(_BEERS) + 1), weights=rgn_w[c[3]])[0]
                    b = bev_info[bid]
                    if b[5] > day or (bid in retire and day > retire[bid] + _dt.timedelta(days=20)):
                        continue
                    if b[2] in ("S", "R") and b[3] > 6.3:
                        ptyp = "C"
                    elif typ == "B":
                        ptyp = rng.choices(["K", "B", "C"], weights=[60, 30, 10])[0]
                    elif typ == "S":
                        ptyp = rng.choices(["K", "C"], weights=[10, 90])[0]
                    else:
                        ptyp = rng.choices(["K", "B", "C"], weights=[35, 30, 35])[0]
                    if (bid, ptyp) in seen:
                        continue
                    break
                else:
                    continue
                seen.add((bid, ptyp))
                ln += 1
                qty = {"B": rng.randint(1, 6), "S": rng.randint(2, 12), "D": rng.randint(8, 40)}[
                    typ
                ]
                price = _BASE_PRICE[ptyp] * _STYLE_MARKUP[b[2]] * (1 + 0.04 * (day.year - 2023))
                if b[3] >= 8:
                    price *= 1.25
                if typ == "D":
                    price *= 0.85
                price = round(price, 2)
                amt = round(qty * price, 2)
                total += amt
                ln_rows.append(
                    (inv_no, ln, bid, ptyp, qty, price, amt, round(qty * _UNIT_L[ptyp], 2))
                )
            if ln == 0:
                inv_no -= 1
                continue
            total = round(total, 2)
            due = day + _dt.timedelta(days=c[6])
            age = (LAST_DAY - day).days
            r = rng.random()
            if r < 0.045:
                stat, pd = "V", None
            else:
                late_p = 0.12 + (0.25 if cid % 7 == 0 else 0) + (0.1 if typ == "D" else 0)
                if rng.random() < late_p:
                    pd = due + _dt.timedelta(days=rng.randint(1, 45))
                else:
                    pd = day + _dt.timedelta(days=rng.randint(2, c[6]))
                if pd > LAST_DAY or (rng.random() < 0.006 and age > 60):
                    stat, pd = "O", None
                else:
                    stat = "P"
            inv_rows.append((inv_no, cid, day, due, stat, pd, total))
            # deliveries
            if stat == "V" and rng.random() < 0.6:
                continue  # voided before any delivery
            sched = day + _dt.timedelta(days=rng.randint(0, 3))
            van = rng.randint(1, 4)
            while True:
                if sched > LAST_DAY:
                    dlv_rows.append((dlv_id, inv_no, sched, None, "P", van))
                    dlv_id += 1
                    break
                if stat == "V" or rng.random() < 0.05:
                    dlv_rows.append((dlv_id, inv_no, sched, None, "F", van))
                    dlv_id += 1
                    if stat == "V":
                        break
                    sched = sched + _dt.timedelta(days=rng.randint(1, 4))
                    van = rng.randint(1, 4)
                    continue
                actl = sched + _dt.timedelta(days=rng.choices([0, 1, 2], weights=[85, 12, 3])[0])
                if actl > LAST_DAY:
                    dlv_rows.append((dlv_id, inv_no, sched, None, "P", van))
                else:
                    dlv_rows.append((dlv_id, inv_no, sched, actl, "D", van))
                dlv_id += 1
                break
        day += _dt.timedelta(days=1)
    _insert(con, "inv", inv_rows)
    _insert(con, "inv_ln", ln_rows)
    _insert(con, "dlv", dlv_rows)
