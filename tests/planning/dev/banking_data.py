"""Retail bank test database (DuckDB, ``main`` schema).

"Alpenland Bank" is a retail bank with branches in Germany, Austria and the Netherlands. It
keeps customers (clients), their accounts (checking accounts with a debit card, savings
accounts and credit card accounts, in euros or a few foreign currencies), the card
transactions made with debit and credit cards at merchants, and the loans it has granted with
their monthly repayment instalments.

**2025-06-30 is the last day of the data and "today" for every question**: "this year" is
2025, "last year" is 2024, "last month" is May 2025, "this quarter" is April-June 2025 and
"last quarter" is January-March 2025. The card transaction history starts on 2023-12-01
(the month before the main period 2024-01-01..2025-06-30); customers, accounts and loans go
back further. The repayment schedule also holds the next instalment of every running loan,
due in July 2025 (after today). Money columns carry their currency in the name (``*_eur`` =
euros); ``balance_account_currency`` is in the account's own currency. Rates are annual
percentages (``*_pct``, 3.25 means 3.25 % a year), durations are in months (``*_months``),
dates end in ``_date`` and the one timestamp is ``transaction_timestamp`` (local time).
Status and type columns hold full words; the allowed values are listed below and in the column
comments (``COMMENT ON COLUMN``, see ``_DDL``).

Tables
------

``customers`` -- one row per customer (client) of the bank, current and former.

* ``customer_id`` (INTEGER, primary key).
* ``customer_number`` (VARCHAR, unique): customer number printed on statements, e.g. 'C10042'.
* ``first_name`` (VARCHAR), ``last_name`` (VARCHAR): the customer's name. Names are not unique:
  a few different customers share the same first and last name (in different cities).
* ``date_of_birth`` (DATE).
* ``city`` (VARCHAR): city of residence, e.g. 'Berlin', 'Vienna', 'Amsterdam'.
* ``country_code`` (VARCHAR): two-letter ISO country of residence: 'DE', 'AT' or 'NL'.
* ``customer_segment`` (VARCHAR): 'Retail', 'Student', 'Premier' or 'Private Banking'.
* ``customer_since_date`` (DATE): day the customer relationship started (first account opened).
* ``customer_status`` (VARCHAR): 'Active', 'Dormant' (accounts open but no card activity
  since mid-2024) or 'Closed' (every account closed, relationship ended).
* ``email_address`` (VARCHAR): e-mail address; NULL when the customer gave none.
* ``marketing_opt_in_flag`` (VARCHAR): 'Y' if the customer agreed to receive marketing, 'N' if
  not.
* ``is_bank_employee`` (BOOLEAN): true if the customer is also an employee of the bank.

``accounts`` -- one row per account. A customer can hold several accounts of each type.

* ``account_id`` (INTEGER, primary key).
* ``iban`` (VARCHAR, unique): the account's IBAN, e.g. 'DE44500105170012345678'.
* ``customer_id`` (INTEGER, foreign key to ``customers``): the account holder.
* ``account_type`` (VARCHAR): 'Checking' (current account with a debit card), 'Savings'
  (no card) or 'Credit Card'.
* ``currency_code`` (VARCHAR): ISO currency of the account: 'EUR', 'USD', 'GBP' or 'CHF'
  (credit card accounts are always in EUR).
* ``balance_account_currency`` (DECIMAL(14,2)): current balance as of today, in the account's
  own currency. Negative = the customer owes the bank (overdrawn checking account, amount
  owed on a credit card). 0 for closed accounts.
* ``balance_eur`` (DECIMAL(14,2)): the same balance converted to euros at today's exchange
  rate (equal to ``balance_account_currency`` for EUR accounts).
* ``credit_limit_eur`` (DECIMAL(10,2)): spending limit of a credit card account in euros;
  NULL for checking and savings accounts.
* ``has_overdraft`` (BOOLEAN): true if an arranged overdraft is set up (checking accounts
  only; always false for savings and credit cards).
* ``overdraft_limit_eur`` (DECIMAL(10,2)): arranged overdraft in euros; NULL unless
  ``has_overdraft``.
* ``interest_rate_pct`` (DECIMAL(5,2)): annual interest rate in percent: the rate paid to
  the customer on savings accounts, the rate charged on unpaid credit card balances; NULL for
  checking accounts.
* ``is_joint_account`` (BOOLEAN): true if the account has a second holder (only the primary
  holder is stored in ``customer_id``).
* ``opened_date`` (DATE): day the account was opened.
* ``closed_date`` (DATE): day the account was closed; NULL unless ``account_status`` =
  'Closed'.
* ``account_status`` (VARCHAR): 'Open', 'Frozen' (blocked by the bank, e.g. fraud suspicion
  or garnishment; still exists and holds money) or 'Closed'.

``merchants`` -- one row per merchant (card acceptor location). Chains appear once per
location, so the same ``merchant_name`` (e.g. 'REWE', 'Lidl', 'Starbucks') occurs in several
cities; online merchants have one row.

* ``merchant_id`` (INTEGER, primary key).
* ``merchant_name`` (VARCHAR): trading name as shown on the statement.
* ``merchant_category`` (VARCHAR): 'Groceries', 'Restaurants', 'Fuel', 'Travel',
  'Online Shopping', 'Clothing', 'Electronics', 'Entertainment', 'Health & Pharmacy' or
  'Utilities'.
* ``mcc_code`` (VARCHAR): four-digit ISO 18245 merchant category code (see column comment).
* ``city`` (VARCHAR): city of the location; NULL for online-only merchants.
* ``country_code`` (VARCHAR): two-letter ISO country of the merchant ('DE', 'AT', 'NL', 'ES',
  'IT', 'FR', 'GB', 'US', 'CH', 'IE', 'LU', 'SE').
* ``is_online`` (BOOLEAN): true for e-commerce / online-only merchants.
* ``onboarded_date`` (DATE): day the merchant first appeared in the bank's card data.

``card_transactions`` -- one row per card authorisation on a checking account (debit card) or
a credit card account. Savings accounts have no card. Amounts are always positive; the
direction is given by ``transaction_type``.

* ``transaction_id`` (INTEGER, primary key).
* ``account_id`` (INTEGER, foreign key to ``accounts``): account the card belongs to.
* ``merchant_id`` (INTEGER, foreign key to ``merchants``): NULL for cash withdrawals at ATMs.
* ``transaction_type`` (VARCHAR): 'Purchase' (card payment), 'Refund' (money returned by a
  merchant to the card) or 'ATM Withdrawal' (cash).
* ``transaction_timestamp`` (TIMESTAMP): when the card was used (local time). "When a
  transaction happened" means this timestamp.
* ``posted_date`` (DATE): day the transaction was booked to the account, 0-3 days after the
  timestamp; NULL while 'Pending' and for 'Declined' transactions.
* ``amount_original`` (DECIMAL(12,2)): amount in the currency the merchant charged.
* ``original_currency_code`` (VARCHAR): ISO currency of ``amount_original``.
* ``amount_eur`` (DECIMAL(12,2)): amount converted to euros (equals ``amount_original`` for
  EUR transactions). Always positive.
* ``transaction_status`` (VARCHAR): 'Settled' (money moved), 'Pending' (authorised, not yet
  booked; only the last days before today), 'Reversed' (booked and then cancelled, e.g. a
  duplicate charge or a merchant cancellation; no money moved in the end) or 'Declined'
  (refused at the till; no money moved). Spending means settled purchases: reversed,
  declined and pending rows do not count as spend.
* ``is_contactless`` (BOOLEAN): true if paid by tapping the card or phone in a shop (always
  false for online purchases and ATM withdrawals).

``loans`` -- one row per loan application / loan. Cancelled applications stay in the table.

* ``loan_id`` (INTEGER, primary key).
* ``loan_reference`` (VARCHAR, unique): contract number 'LN-<application year>-<number>',
  e.g. 'LN-2023-0042'.
* ``customer_id`` (INTEGER, foreign key to ``customers``): the borrower.
* ``repayment_account_id`` (INTEGER, foreign key to ``accounts``): account the money was paid
  out to and the instalments are collected from.
* ``loan_type`` (VARCHAR): 'Mortgage', 'Personal Loan', 'Car Loan' or 'Student Loan'.
* ``principal_eur`` (DECIMAL(12,2)): amount lent, in euros.
* ``interest_rate_pct`` (DECIMAL(5,2)): fixed annual interest rate in percent.
* ``term_months`` (INTEGER): agreed duration in months (number of monthly instalments).
* ``monthly_instalment_eur`` (DECIMAL(10,2)): fixed monthly instalment (principal plus
  interest) in euros.
* ``has_guarantor`` (BOOLEAN): true if a third person guarantees the loan.
* ``application_date`` (DATE): day the customer applied.
* ``disbursement_date`` (DATE): day the money was paid out; NULL for 'Approved' (not paid out
  yet) and 'Cancelled' loans.
* ``loan_status`` (VARCHAR): 'Approved' (approved, not yet paid out), 'Active' (being repaid
  normally), 'In Arrears' (at least one missed instalment in the last three months, or the
  term has ended with instalments still unpaid), 'Defaulted' (repayment stopped, passed to
  collections), 'Paid Off' (fully
  repaid) or 'Cancelled' (application withdrawn or rejected; never paid out, no
  instalments).

``loan_repayments`` -- one row per monthly instalment of a disbursed loan: every instalment
due from the first one up to today, plus the next one due after today (status 'Scheduled').
Defaulted loans have no instalments after the default.

* ``repayment_id`` (INTEGER, primary key).
* ``loan_id`` (INTEGER, foreign key to ``loans``).
* ``instalment_number`` (INTEGER): 1, 2, ... within the loan.
* ``due_date`` (DATE): day the instalment is due.
* ``amount_due_eur`` (DECIMAL(10,2)): instalment amount in euros (the loan's monthly
  instalment; the last one of a loan can be smaller).
* ``interest_portion_eur`` (DECIMAL(10,2)): part of ``amount_due_eur`` that is interest (the
  rest repays principal).
* ``paid_date`` (DATE): day the payment arrived; NULL if not paid.
* ``amount_paid_eur`` (DECIMAL(10,2)): amount received in euros; NULL if not paid.
* ``repayment_status`` (VARCHAR): 'Paid' (paid on or before the due date), 'Paid Late' (paid
  after the due date), 'Missed' (due date passed, nothing paid as of today) or 'Scheduled'
  (due after today).
"""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

TODAY = dt.date(2025, 6, 30)
TXN_START = dt.date(2023, 12, 1)
MAIN_START = dt.date(2024, 1, 1)

# today's rate: euros per one unit of the currency
_FX_EUR = {"EUR": 1.0, "USD": 0.8532, "GBP": 1.1674, "CHF": 1.0688}
_COUNTRY_CCY = {"GB": "GBP", "US": "USD", "CH": "CHF", "SE": "SEK"}
_SEK_EUR = 0.0903

_CITIES = {
    "DE": [("Berlin", 14), ("Munich", 12), ("Hamburg", 10), ("Frankfurt", 8), ("Cologne", 7),
           ("Stuttgart", 5), ("Leipzig", 4)],
    "AT": [("Vienna", 14), ("Graz", 5), ("Salzburg", 4)],
    "NL": [("Amsterdam", 6), ("Rotterdam", 4)],
}  # fmt: skip
_COUNTRY_WEIGHT = {"DE": 62, "AT": 27, "NL": 11}
_BANK_CODE = {"DE": "50010517", "AT": "20111", "NL": "ALPB"}

_FIRST = [
    "Anna", "Lukas", "Sophie", "Maximilian", "Laura", "Jonas", "Lena", "Felix", "Marie", "Paul",
    "Katharina", "Leon", "Julia", "Tobias", "Sarah", "Florian", "Hannah", "Stefan", "Lisa",
    "Michael", "Sabine", "Thomas", "Claudia", "Andreas", "Petra", "Markus", "Eva", "Daniel",
    "Elif", "Mehmet", "Ingrid", "Johann", "Sanne", "Daan", "Femke", "Jan", "Nina", "Emre",
    "Martina", "Georg", "Lea", "David", "Theresa", "Niklas", "Monika", "Ralf",
]  # fmt: skip
_LAST = [
    "Müller", "Schmidt", "Schneider", "Fischer", "Weber", "Meyer", "Wagner", "Becker", "Schulz",
    "Hoffmann", "Koch", "Richter", "Klein", "Wolf", "Neumann", "Schwarz", "Zimmermann", "Braun",
    "Hofer", "Gruber", "Huber", "Bauer", "Pichler", "Moser", "Steiner", "Mayer", "Yilmaz",
    "Kaya", "de Vries", "Jansen", "van Dijk", "Bakker", "Visser", "Smit", "Lehmann", "Krüger",
    "Hartmann", "Lange", "Werner", "Kowalski", "Nowak", "Berger", "Fuchs", "Vogel", "Keller",
]  # fmt: skip

# category -> (mcc, weight, (min, max) amount eur, [(name, [cities] or None=online, country)])
_MERCHANTS = {
    "Groceries": ("5411", 30, (6, 160), [
        ("REWE", ["Berlin", "Munich", "Hamburg", "Frankfurt", "Cologne", "Stuttgart",
                  "Leipzig"], "DE"),
        ("EDEKA", ["Berlin", "Munich", "Hamburg", "Stuttgart"], "DE"),
        ("Lidl", ["Berlin", "Hamburg", "Cologne", "Leipzig", "Vienna", "Graz"], None),
        ("Aldi Süd", ["Munich", "Frankfurt", "Stuttgart"], "DE"),
        ("BILLA", ["Vienna", "Graz", "Salzburg"], "AT"),
        ("SPAR", ["Vienna", "Salzburg", "Graz"], "AT"),
        ("Albert Heijn", ["Amsterdam", "Rotterdam"], "NL"),
        ("Jumbo", ["Amsterdam", "Rotterdam"], "NL"),
        ("Bio Company", ["Berlin"], "DE"), ("Denns BioMarkt", ["Munich", "Vienna"], None),
    ]),
    "Restaurants": ("5812", 16, (9, 140), [
        ("Café Central", ["Vienna", "Munich"], None),
        ("Starbucks", ["Berlin", "Munich", "Vienna", "Amsterdam", "London", "New York"], None),
        ("Vapiano", ["Hamburg", "Frankfurt", "Vienna"], None),
        ("McDonald's", ["Berlin", "Cologne", "Graz", "Rotterdam"], None),
        ("Augustiner Bräustuben", ["Munich"], "DE"), ("Figlmüller", ["Vienna"], "AT"),
        ("Curry 36", ["Berlin"], "DE"), ("De Kas", ["Amsterdam"], "NL"),
        ("Zum Franziskaner", ["Stuttgart"], "DE"), ("Brauhaus Früh", ["Cologne"], "DE"),
        ("Pret A Manger", ["London"], "GB"), ("Trattoria da Enzo", ["Rome"], "IT"),
        ("Cervecería Catalana", ["Barcelona"], "ES"),
        ("Sushi Circle", ["Frankfurt", "Leipzig"], "DE"),
    ]),
    "Fuel": ("5541", 9, (25, 115), [
        ("Aral", ["Berlin", "Hamburg", "Frankfurt", "Cologne", "Leipzig"], "DE"),
        ("Shell", ["Munich", "Stuttgart", "Rotterdam", "Amsterdam"], None),
        ("OMV", ["Vienna", "Graz", "Salzburg"], "AT"), ("Esso", ["Hamburg", "Munich"], "DE"),
        ("JET", ["Berlin", "Leipzig"], "DE"),
    ]),
    "Travel": ("4511", 5, (45, 1450), [
        ("Lufthansa", None, "DE"), ("Austrian Airlines", None, "AT"), ("KLM", None, "NL"),
        ("Ryanair", None, "IE"), ("Deutsche Bahn", None, "DE"), ("ÖBB", None, "AT"),
        ("Booking.com", None, "NL"), ("Hilton London Paddington", ["London"], "GB"),
        ("Hotel Arts Barcelona", ["Barcelona"], "ES"), ("Marriott Marquis", ["New York"], "US"),
        ("Hotel Schweizerhof", ["Zurich"], "CH"),
    ]),
    "Online Shopping": ("5999", 12, (8, 420), [
        ("Amazon.de", None, "LU"), ("Otto", None, "DE"), ("bol.com", None, "NL"),
        ("eBay", None, "DE"), ("Etsy", None, "IE"), ("Temu", None, "IE"),
    ]),
    "Clothing": ("5651", 7, (15, 260), [
        ("H&M", ["Berlin", "Hamburg", "Vienna", "Amsterdam"], None),
        ("Zara", ["Munich", "Frankfurt", "Vienna"], None),
        ("Primark", ["Cologne", "Berlin", "Rotterdam"], None), ("Zalando", None, "DE"),
        ("Peek & Cloppenburg", ["Hamburg", "Stuttgart"], "DE"),
    ]),
    "Electronics": ("5732", 4, (19, 1900), [
        ("MediaMarkt", ["Berlin", "Munich", "Vienna", "Amsterdam"], None),
        ("Saturn", ["Hamburg", "Cologne"], "DE"),
        ("Apple Store", ["Munich", "Vienna"], None), ("Cyberport", None, "DE"),
        ("Coolblue", None, "NL"),
    ]),
    "Entertainment": ("7832", 7, (6, 75), [
        ("Netflix", None, "NL"), ("Spotify", None, "SE"),
        ("Cineplex", ["Munich", "Vienna", "Graz"], None),
        ("Steam", None, "US"), ("CinemaxX", ["Hamburg", "Berlin"], "DE"),
        ("Pathé", ["Amsterdam", "Rotterdam"], "NL"),
    ]),
    "Health & Pharmacy": ("5912", 7, (4, 90), [
        ("dm-drogerie markt", ["Berlin", "Munich", "Vienna", "Graz", "Stuttgart", "Leipzig"], None),
        ("Rossmann", ["Hamburg", "Cologne", "Frankfurt"], "DE"),
        ("Kruidvat", ["Amsterdam", "Rotterdam"], "NL"),
        ("Löwen-Apotheke", ["Frankfurt", "Salzburg"], None), ("DocMorris", None, "NL"),
    ]),
    "Utilities": ("4900", 3, (28, 230), [
        ("Vattenfall", None, "DE"), ("E.ON Energie", None, "DE"), ("Wien Energie", None, "AT"),
        ("Telekom", None, "DE"), ("Magenta Telekom", None, "AT"), ("Eneco", None, "NL"),
    ]),
}  # fmt: skip
_MCC_OVERRIDE = {
    "Deutsche Bahn": "4112",
    "ÖBB": "4112",
    "Booking.com": "4722",
    "Hilton London Paddington": "7011",
    "Hotel Arts Barcelona": "7011",
    "Marriott Marquis": "7011",
    "Hotel Schweizerhof": "7011",
    "McDonald's": "5814",
    "Starbucks": "5814",
    "Pret A Manger": "5814",
    "Curry 36": "5814",
    "Netflix": "5815",
    "Spotify": "5815",
    "Steam": "5816",
    "Telekom": "4814",
    "Magenta Telekom": "4814",
    "Zalando": "5691",
    "Primark": "5651",
    "dm-drogerie markt": "5977",
    "Rossmann": "5977",
    "Kruidvat": "5977",
    "Amazon.de": "5942",
    "Etsy": "5999",
    "Aldi Süd": "5411",
}
_CITY_COUNTRY = {city: cc for cc, cities in _CITIES.items() for city, _ in cities} | {
    "London": "GB",
    "New York": "US",
    "Rome": "IT",
    "Barcelona": "ES",
    "Zurich": "CH",
}
_FOREIGN_CITIES = ["London", "New York", "Rome", "Barcelona", "Zurich"]

_DDL = """
CREATE TABLE customers (
    customer_id INTEGER PRIMARY KEY,
    customer_number VARCHAR NOT NULL UNIQUE,
    first_name VARCHAR NOT NULL,
    last_name VARCHAR NOT NULL,
    date_of_birth DATE NOT NULL,
    city VARCHAR NOT NULL,
    country_code VARCHAR NOT NULL,
    customer_segment VARCHAR NOT NULL,
    customer_since_date DATE NOT NULL,
    customer_status VARCHAR NOT NULL,
    email_address VARCHAR,
    marketing_opt_in_flag VARCHAR NOT NULL,
    is_bank_employee BOOLEAN NOT NULL
);
CREATE TABLE accounts (
    account_id INTEGER PRIMARY KEY,
    iban VARCHAR NOT NULL UNIQUE,
    customer_id INTEGER NOT NULL REFERENCES customers (customer_id),
    account_type VARCHAR NOT NULL,
    currency_code VARCHAR NOT NULL,
    balance_account_currency DECIMAL(14, 2) NOT NULL,
    balance_eur DECIMAL(14, 2) NOT NULL,
    credit_limit_eur DECIMAL(10, 2),
    has_overdraft BOOLEAN NOT NULL,
    overdraft_limit_eur DECIMAL(10, 2),
    interest_rate_pct DECIMAL(5, 2),
    is_joint_account BOOLEAN NOT NULL,
    opened_date DATE NOT NULL,
    closed_date DATE,
    account_status VARCHAR NOT NULL
);
CREATE TABLE merchants (
    merchant_id INTEGER PRIMARY KEY,
    merchant_name VARCHAR NOT NULL,
    merchant_category VARCHAR NOT NULL,
    mcc_code VARCHAR NOT NULL,
    city VARCHAR,
    country_code VARCHAR NOT NULL,
    is_online BOOLEAN NOT NULL,
    onboarded_date DATE NOT NULL
);
CREATE TABLE card_transactions (
    transaction_id INTEGER PRIMARY KEY,
    account_id INTEGER NOT NULL REFERENCES accounts (account_id),
    merchant_id INTEGER REFERENCES merchants (merchant_id),
    transaction_type VARCHAR NOT NULL,
    transaction_timestamp TIMESTAMP NOT NULL,
    posted_date DATE,
    amount_original DECIMAL(12, 2) NOT NULL,
    original_currency_code VARCHAR NOT NULL,
    amount_eur DECIMAL(12, 2) NOT NULL,
    transaction_status VARCHAR NOT NULL,
    is_contactless BOOLEAN NOT NULL
);
CREATE TABLE loans (
    loan_id INTEGER PRIMARY KEY,
    loan_reference VARCHAR NOT NULL UNIQUE,
    customer_id INTEGER NOT NULL REFERENCES customers (customer_id),
    repayment_account_id INTEGER NOT NULL REFERENCES accounts (account_id),
    loan_type VARCHAR NOT NULL,
    principal_eur DECIMAL(12, 2) NOT NULL,
    interest_rate_pct DECIMAL(5, 2) NOT NULL,
    term_months INTEGER NOT NULL,
    monthly_instalment_eur DECIMAL(10, 2) NOT NULL,
    has_guarantor BOOLEAN NOT NULL,
    application_date DATE NOT NULL,
    disbursement_date DATE,
    loan_status VARCHAR NOT NULL
);
CREATE TABLE loan_repayments (
    repayment_id INTEGER PRIMARY KEY,
    loan_id INTEGER NOT NULL REFERENCES loans (loan_id),
    instalment_number INTEGER NOT NULL,
    due_date DATE NOT NULL,
    amount_due_eur DECIMAL(10, 2) NOT NULL,
    interest_portion_eur DECIMAL(10, 2) NOT NULL,
    paid_date DATE,
    amount_paid_eur DECIMAL(10, 2),
    repayment_status VARCHAR NOT NULL
);
COMMENT ON COLUMN customers.customer_segment IS
    'Retail = standard, Student = student package (under 27), Premier = affluent, '
    'Private Banking = high net worth';
COMMENT ON COLUMN customers.marketing_opt_in_flag IS
    'Y = agreed to receive marketing, N = did not agree';
COMMENT ON COLUMN accounts.account_type IS
    'Checking = current account with debit card, Savings = savings account (no card), '
    'Credit Card = credit card account';
COMMENT ON COLUMN accounts.balance_account_currency IS
    'Balance today in the account currency (currency_code); negative = owed to the bank; '
    '0 when closed';
COMMENT ON COLUMN accounts.interest_rate_pct IS
    'Annual rate in percent: paid to the customer on Savings, charged on Credit Card '
    'balances; NULL for Checking';
COMMENT ON COLUMN accounts.account_status IS
    'Open, Frozen (blocked by the bank, still holds money) or Closed (closed_date is set)';
COMMENT ON COLUMN merchants.mcc_code IS
    'ISO 18245 merchant category code: 5411 grocery stores, 5812 restaurants, 5814 fast food, '
    '5541 service stations, 4511 airlines, 4112 rail, 4131 bus lines, 4722 travel agencies, '
    '7011 hotels, 5999 misc retail, 5942 book/online stores, 5651 family clothing, '
    '5691 clothing stores, 5732 electronics, 7832 cinemas, 5815 digital media, '
    '5816 digital games, 5912 pharmacies, 5977 cosmetics/drugstores, 4900 utilities, '
    '4814 telecom';
COMMENT ON COLUMN card_transactions.transaction_type IS
    'Purchase = card payment, Refund = money returned by the merchant, '
    'ATM Withdrawal = cash (no merchant)';
COMMENT ON COLUMN card_transactions.transaction_status IS
    'Settled = booked, Pending = authorised not yet booked, '
    'Reversed = booked then cancelled (no money moved), Declined = refused (no money moved)';
COMMENT ON COLUMN card_transactions.amount_eur IS
    'Amount in euros, always positive; direction given by transaction_type';
COMMENT ON COLUMN loans.loan_status IS
    'Approved (not paid out yet), Active, In Arrears (missed instalment in last 3 months '
    'or unpaid after term end), Defaulted, Paid Off, Cancelled (never paid out)';
COMMENT ON COLUMN loans.term_months IS
    'Agreed duration in months = number of monthly instalments';
COMMENT ON COLUMN loan_repayments.repayment_status IS
    'Paid (on or before due date), Paid Late (after due date), '
    'Missed (overdue and unpaid today), Scheduled (due after today)';
"""

_DROP_ORDER = ["loan_repayments", "loans", "card_transactions", "merchants", "accounts",
               "customers"]  # fmt: skip


def _insert(con: Any, table: str, rows: list[tuple]) -> None:
    """Insert ``rows`` (tuples in table column order) in chunks."""
    if not rows:
        return
    marks = "(" + ", ".join("?" for _ in rows[0]) + ")"
    for start in range(0, len(rows), 400):
        chunk = rows[start : start + 400]
        params = [value for row in chunk for value in row]
        con.execute(f"INSERT INTO {table} VALUES " + ", ".join(marks for _ in chunk), params)


def _day_between(rng: random.Random, first: dt.date, last: dt.date) -> dt.date:
    return first + dt.timedelta(days=rng.randint(0, max(0, (last - first).days)))


def _add_months(day: dt.date, months: int) -> dt.date:
    m = day.month - 1 + months
    return dt.date(day.year + m // 12, m % 12 + 1, min(day.day, 28))


def _annuity(principal: float, rate_pct: float, months: int) -> float:
    r = rate_pct / 100 / 12
    if r == 0:
        return principal / months
    return principal * r / (1 - (1 + r) ** -months)


def build(con: Any, seed: int = 1) -> None:
    """(Re)create and fill the bank tables in ``con``."""
    rng = random.Random(seed)
    for table in _DROP_ORDER:
        con.execute(f"DROP TABLE IF EXISTS {table}")
    con.execute(_DDL)

    # ----------------------------------------------------------------- customers
    customers: list[dict] = []
    used_emails: set[str] = set()
    countries = list(_COUNTRY_WEIGHT)
    # (first, last, city, segment): namesakes in different cities
    forced = [("Thomas", "Müller", "Munich", "Premier"), ("Thomas", "Müller", "Hamburg", "Retail"),
              ("Anna", "Schmidt", "Berlin", "Retail"), ("Anna", "Schmidt", "Vienna", "Student"),
              ("Jan", "de Vries", "Amsterdam", "Private Banking"),
              ("Jan", "de Vries", "Rotterdam", "Retail")]  # fmt: skip
    n_customers = 330
    for i in range(1, n_customers + 1):
        if i <= len(forced) * 9 and i % 9 == 0:
            first, last, city, segment = forced[i // 9 - 1]
            cc = _CITY_COUNTRY[city]
        else:
            cc = rng.choices(countries, weights=[_COUNTRY_WEIGHT[c] for c in countries])[0]
            names = [c for c, _ in _CITIES[cc]]
            city = rng.choices(names, weights=[w for _, w in _CITIES[cc]])[0]
            first, last, segment = rng.choice(_FIRST), rng.choice(_LAST), None
        r = rng.random()
        if segment == "Student" or (segment is None and r < 0.11):
            segment = "Student"
            dob = _day_between(rng, dt.date(1999, 7, 1), dt.date(2006, 12, 31))
        else:
            dob = _day_between(rng, dt.date(1942, 1, 1), dt.date(2003, 12, 31))
            if segment is None:
                r = rng.random()
                segment = "Private Banking" if r < 0.05 else "Premier" if r < 0.21 else "Retail"
        adult = dt.date(dob.year + 18, dob.month, min(dob.day, 28))
        since = _day_between(rng, max(adult, dt.date(2006, 1, 1)), dt.date(2025, 6, 20))
        if i % 11 == 0:
            since = _day_between(rng, dt.date(2025, 1, 2), dt.date(2025, 6, 20))
        base = (first + "." + last).lower().replace(" ", "").replace("ü", "ue").replace("ö", "oe")
        base = base.replace("ä", "ae").replace("'", "")
        email = (
            f"{base}@{rng.choice(['gmail.com', 'gmx.de', 'web.de', 'outlook.com', 'icloud.com'])}"
        )
        k = 2
        while email in used_emails:
            email = email.replace("@", f"{k}@", 1)
            k += 1
        used_emails.add(email)
        if rng.random() < 0.08:
            email = None
        customers.append({
            "id": i, "number": f"C{10000 + i}", "first": first, "last": last, "dob": dob,
            "city": city, "cc": cc, "segment": segment, "since": since, "status": "Active",
            "email": email, "opt_in": "Y" if rng.random() < 0.42 else "N",
            "employee": rng.random() < 0.03, "dormant": rng.random() < 0.05,
        })  # fmt: skip

    # ------------------------------------------------------------------ accounts
    accounts: list[dict] = []
    ibans: set[str] = set()

    def new_account(c: dict, kind: str, ccy: str, opened: dt.date) -> dict:
        while True:
            if c["cc"] == "DE":
                iban = f"DE{rng.randint(10, 99)}{_BANK_CODE['DE']}{rng.randint(0, 10**10 - 1):010d}"
            elif c["cc"] == "AT":
                iban = f"AT{rng.randint(10, 99)}{_BANK_CODE['AT']}{rng.randint(0, 10**11 - 1):011d}"
            else:
                iban = f"NL{rng.randint(10, 99)}{_BANK_CODE['NL']}{rng.randint(0, 10**10 - 1):010d}"
            if iban not in ibans:
                ibans.add(iban)
                break
        a = {"id": len(accounts) + 1, "iban": iban, "cust": c, "type": kind, "ccy": ccy,
             "opened": opened, "closed": None, "status": "Open", "limit": None,
             "overdraft": False, "od_limit": None, "rate": None,
             "joint": rng.random() < (0.12 if kind != "Credit Card" else 0.02)}  # fmt: skip
        accounts.append(a)
        return a

    wealth = {"Student": 0.25, "Retail": 1.0, "Premier": 3.0, "Private Banking": 12.0}
    for c in customers:
        seg = c["segment"]
        if rng.random() < 0.96:
            new_account(c, "Checking", "EUR", c["since"])
            first_opened = True
        else:
            first_opened = False
        if not first_opened or rng.random() < (0.55 if seg != "Private Banking" else 0.95):
            opened = c["since"] if not first_opened else _day_between(rng, c["since"], TODAY)
            ccy = "EUR" if rng.random() < 0.86 else rng.choice(["USD", "GBP", "CHF"])
            new_account(c, "Savings", ccy, opened)
            if rng.random() < 0.12:
                new_account(c, "Savings", "EUR", _day_between(rng, opened, TODAY))
        p_cc = {"Student": 0.15, "Retail": 0.38, "Premier": 0.75, "Private Banking": 0.9}[seg]
        if rng.random() < p_cc:
            new_account(c, "Credit Card", "EUR", _day_between(rng, c["since"], TODAY))
        if first_opened and rng.random() < 0.04:
            new_account(
                c,
                "Checking",
                rng.choice(["USD", "GBP", "CHF"]),
                _day_between(rng, c["since"], TODAY),
            )
    # closures, freezes, whole-relationship exits
    by_cust: dict[int, list[dict]] = {}
    for a in accounts:
        by_cust.setdefault(a["cust"]["id"], []).append(a)
    for c in customers:
        accs = by_cust.get(c["id"], [])
        exit_all = rng.random() < 0.06 and c["since"] < dt.date(2024, 6, 1)
        for a in accs:
            if (exit_all or rng.random() < 0.09) and (TODAY - a["opened"]).days > 90:
                a["closed"] = _day_between(
                    rng, a["opened"] + dt.timedelta(days=60), dt.date(2025, 6, 27)
                )
                a["status"] = "Closed"
        if accs and all(a["status"] == "Closed" for a in accs):
            c["status"] = "Closed"
        elif c["dormant"]:
            c["status"] = "Dormant"
    for a in accounts:
        if a["status"] == "Open" and rng.random() < 0.02:
            a["status"] = "Frozen"
    # amounts
    for a in accounts:
        seg = a["cust"]["segment"]
        w = wealth[seg]
        if a["type"] == "Checking":
            a["overdraft"] = a["ccy"] == "EUR" and seg != "Student" and rng.random() < 0.45
            if a["overdraft"]:
                a["od_limit"] = float(rng.choice([500, 1000, 1500, 2000, 3000, 5000]))
            bal = rng.lognormvariate(7.6, 0.9) * w
            if a["overdraft"] and rng.random() < 0.18:
                bal = -round(rng.uniform(0.05, 0.95) * a["od_limit"], 2)
        elif a["type"] == "Savings":
            a["rate"] = rng.choice([0.50, 0.75, 1.00, 1.25, 1.50, 1.75, 2.00, 2.25, 2.50, 3.00])
            if a["ccy"] != "EUR":
                a["rate"] = rng.choice([0.10, 0.25, 0.50, 1.00, 2.00])
            bal = rng.lognormvariate(9.3, 1.1) * w
        else:
            a["limit"] = float(
                rng.choice([1000, 1500, 2000, 2500, 3000, 4000, 5000, 7500, 10000, 12000, 15000])
            )
            if seg == "Private Banking":
                a["limit"] = float(rng.choice([15000, 20000, 25000, 30000]))
            if seg == "Student":
                a["limit"] = float(rng.choice([500, 1000, 1500]))
            a["rate"] = rng.choice([14.90, 15.90, 16.90, 17.90, 18.90, 19.90, 21.90])
            bal = -rng.uniform(0, 0.7) * a["limit"] if rng.random() < 0.85 else 0.0
        if a["status"] == "Closed":
            bal = 0.0
        a["bal"] = round(bal, 2)
        a["bal_eur"] = round(a["bal"] * _FX_EUR[a["ccy"]], 2)
    # two accounts with the very same large balance would make "largest" ambiguous: nudge
    seen_bal: set[float] = set()
    for a in accounts:
        while a["bal"] != 0 and a["bal"] in seen_bal:
            a["bal"] = round(a["bal"] + 0.01, 2)
            a["bal_eur"] = round(a["bal"] * _FX_EUR[a["ccy"]], 2)
        seen_bal.add(a["bal"])
    accounts.sort(key=lambda a: (a["opened"], a["id"]))
    for i, a in enumerate(accounts, start=1):
        a["id"] = i
    _insert(con, "customers", [
        (c["id"], c["number"], c["first"], c["last"], c["dob"], c["city"], c["cc"], c["segment"],
         c["since"], c["status"], c["email"], c["opt_in"], c["employee"]) for c in customers
    ])  # fmt: skip
    _insert(con, "accounts", [
        (a["id"], a["iban"], a["cust"]["id"], a["type"], a["ccy"], a["bal"], a["bal_eur"],
         a["limit"], a["overdraft"], a["od_limit"], a["rate"], a["joint"], a["opened"],
         a["closed"], a["status"]) for a in accounts
    ])  # fmt: skip

    # ----------------------------------------------------------------- merchants
    merchants: list[dict] = []
    for cat, (mcc, _w, _rng_amt, entries) in _MERCHANTS.items():
        for name, cities, cc in entries:
            for city in cities or [None]:
                country = cc or _CITY_COUNTRY[city]
                if city is not None and cc is not None and city in _CITY_COUNTRY:
                    country = _CITY_COUNTRY[city]
                onboarded = _day_between(rng, dt.date(2012, 1, 1), dt.date(2023, 6, 30))
                merchants.append({
                    "name": name, "cat": cat, "mcc": _MCC_OVERRIDE.get(name, mcc), "city": city,
                    "cc": country, "online": city is None, "onboarded": onboarded,
                })  # fmt: skip
    # a few merchants onboarded recently, some never used yet
    for name, cat, city, day in [
        ("Kaffeehaus Sperl", "Restaurants", "Vienna", dt.date(2025, 6, 24)),
        ("Tegut", "Groceries", "Frankfurt", dt.date(2025, 5, 20)),
        ("Backwerk", "Restaurants", "Cologne", dt.date(2025, 6, 26)),
        ("Flixbus", "Travel", None, dt.date(2025, 6, 27)),
        ("Thalia", "Online Shopping", None, dt.date(2025, 2, 3)),
    ]:
        mcc = {
            "Restaurants": "5812",
            "Groceries": "5411",
            "Travel": "4131",
            "Online Shopping": "5942",
        }[cat]
        merchants.append({"name": name, "cat": cat, "mcc": mcc, "city": city,
                          "cc": _CITY_COUNTRY[city] if city else "DE", "online": city is None,
                          "onboarded": day})  # fmt: skip
    for i, m in enumerate(merchants, start=1):
        m["id"] = i
    _insert(con, "merchants", [
        (m["id"], m["name"], m["cat"], m["mcc"], m["city"], m["cc"], m["online"], m["onboarded"])
        for m in merchants
    ])  # fmt: skip
    rarely_used = {"Kaffeehaus Sperl", "Tegut", "Backwerk", "Flixbus", "Thalia"}
    unused = {"Backwerk", "Flixbus"}
    by_cat_city: dict[tuple[str, str | None], list[dict]] = {}
    online_by_cat: dict[str, list[dict]] = {}
    for m in merchants:
        if m["name"] in unused:
            continue
        if m["online"]:
            online_by_cat.setdefault(m["cat"], []).append(m)
        else:
            by_cat_city.setdefault((m["cat"], m["city"]), []).append(m)

    # -------------------------------------------------------------- transactions
    cats = list(_MERCHANTS)
    cat_w = [_MERCHANTS[c][1] for c in cats]
    txns: list[tuple] = []
    card_accounts = [a for a in accounts if a["type"] in ("Checking", "Credit Card")]
    for a in card_accounts:
        c = a["cust"]
        start = max(a["opened"], TXN_START)
        end = TODAY if a["closed"] is None else a["closed"] - dt.timedelta(days=1)
        if a["status"] == "Frozen":
            end = min(end, dt.date(2025, 4, 15))
        if c["dormant"]:
            end = min(end, dt.date(2024, 5, 31))
        if start > end:
            continue
        per_day = rng.uniform(0.006, 0.045) * (1.4 if a["type"] == "Credit Card" else 1.0)
        if c["segment"] in ("Premier", "Private Banking"):
            per_day *= 1.3
        n = sum(1 for _ in range((end - start).days + 1) if rng.random() < per_day)
        if n == 0 and (end - start).days > 200 and rng.random() < 0.6:
            n = 1
        for _ in range(n):
            day = _day_between(rng, start, end)
            atm = a["type"] == "Checking" and rng.random() < 0.09
            travel_abroad = rng.random() < 0.06
            m = None
            if atm:
                amount_eur = float(rng.choice([20, 50, 50, 100, 100, 150, 200, 250, 300, 400]))
                ccy, amount_orig = "EUR", amount_eur
                hour = rng.randint(7, 22)
            else:
                cat = rng.choices(cats, weights=cat_w)[0]
                city = rng.choice(_FOREIGN_CITIES) if travel_abroad else c["city"]
                pool = by_cat_city.get((cat, city))
                if not pool or rng.random() < 0.25:
                    pool = online_by_cat.get(cat) or pool
                if not pool:
                    cat = "Online Shopping"
                    pool = online_by_cat[cat]
                m = rng.choice(pool)
                if m["name"] in rarely_used and rng.random() < 0.8:
                    m = rng.choice(online_by_cat["Online Shopping"])
                    cat = m["cat"]
                if day < m["onboarded"]:
                    day = _day_between(rng, m["onboarded"], TODAY) if m["onboarded"] <= end else day
                    if day < m["onboarded"] or day > end:
                        continue
                lo, hi = _MERCHANTS[m["cat"]][2]
                amount_eur = lo + (rng.paretovariate(1.6) - 0.9) * (hi - lo) * 0.12
                if amount_eur > hi:
                    amount_eur = hi * rng.uniform(0.6, 1.0)
                amount_eur = round(amount_eur, 2)
                ccy = _COUNTRY_CCY.get(m["cc"], "EUR")
                if ccy == "SEK":
                    ccy = "EUR"  # Spotify bills euro customers in EUR
                if ccy == "EUR":
                    amount_orig = amount_eur
                else:
                    amount_orig = round(amount_eur / _FX_EUR[ccy], 2)
                    amount_eur = round(amount_orig * _FX_EUR[ccy] * rng.uniform(0.97, 1.03), 2)
                hour = rng.randint(6, 23) if not m["online"] else rng.randint(0, 23)
            ts = dt.datetime.combine(day, dt.time(hour, rng.randint(0, 59), rng.randint(0, 59)))
            kind = "ATM Withdrawal" if atm else ("Refund" if rng.random() < 0.025 else "Purchase")
            if kind == "Refund":
                share = rng.choice([1.0, 1.0, 0.5])
                amount_eur = round(amount_eur * share, 2)
                amount_orig = round(amount_orig * share, 2)
            r = rng.random()
            status = "Declined" if r < 0.03 else "Reversed" if r < 0.06 else "Settled"
            lag = rng.choice([0, 1, 1, 1, 2, 2, 3])
            posted: dt.date | None = day + dt.timedelta(days=lag)
            if status == "Declined":
                posted = None
            elif posted > TODAY:
                status, posted = "Pending", None
            contactless = (not atm and m is not None and not m["online"]
                           and amount_eur <= 150 and rng.random() < 0.7)  # fmt: skip
            row = (a["id"], m["id"] if m else None, kind, ts, posted, amount_orig, ccy,
                   amount_eur, status, contactless)  # fmt: skip
            txns.append(row)
            # duplicate charge (same card, merchant, amount a minute later) that was reversed
            if kind == "Purchase" and status == "Settled" and rng.random() < 0.012:
                txns.append((a["id"], m["id"], kind, ts + dt.timedelta(minutes=1), posted,
                             amount_orig, ccy, amount_eur, "Reversed", contactless))  # fmt: skip
    txns.sort(key=lambda t: (t[3], t[0]))
    _insert(con, "card_transactions", [(i, *t) for i, t in enumerate(txns, start=1)])

    # --------------------------------------------------------------------- loans
    loans: list[dict] = []
    repayments: list[tuple] = []
    seq: dict[int, int] = {}
    types = ["Mortgage", "Personal Loan", "Car Loan", "Student Loan"]
    for c in customers:
        accs = [a for a in by_cust.get(c["id"], []) if a["type"] == "Checking"]
        accs = accs or by_cust.get(c["id"], [])
        if not accs or rng.random() > 0.44:
            continue
        n_loans = 1 if rng.random() < 0.82 else 2
        for _ in range(n_loans):
            if c["segment"] == "Student":
                lt = rng.choices(types, weights=[0, 30, 10, 60])[0]
            else:
                lt = rng.choices(types, weights=[30, 40, 28, 2])[0]
            acc = rng.choice(accs)
            app_first = max(dt.date(2020, 1, 1), acc["opened"], c["since"])
            app_last = acc["closed"] - dt.timedelta(days=120) if acc["closed"] else TODAY
            if app_last < app_first:
                continue
            applied = _day_between(rng, app_first, app_last)
            y = applied.year
            if lt == "Mortgage":
                principal = rng.randint(90, 650) * 1000.0
                base = {2020: 1.2, 2021: 1.1, 2022: 2.9, 2023: 4.0, 2024: 3.6, 2025: 3.3}[y]
                rate = base + rng.uniform(-0.3, 0.5)
                term = rng.choice([240, 300, 360])
                wait = rng.randint(25, 75)
            elif lt == "Personal Loan":
                principal = rng.randint(4, 80) * 500.0
                rate = rng.uniform(4.9, 11.9) + (1.0 if y >= 2023 else 0.0)
                term = rng.choice([12, 24, 36, 48, 60, 72, 84])
                wait = rng.randint(1, 12)
            elif lt == "Car Loan":
                principal = rng.randint(16, 120) * 500.0
                rate = rng.uniform(3.9, 8.9)
                term = rng.choice([24, 36, 48, 60, 72])
                wait = rng.randint(3, 20)
            else:
                principal = rng.randint(10, 70) * 500.0
                rate = rng.uniform(1.5, 4.5)
                term = rng.choice([60, 84, 96, 120])
                wait = rng.randint(5, 30)
            rate = round(round(rate / 0.05) * 0.05, 2)
            instalment = round(_annuity(principal, rate, term), 2)
            seq[y] = seq.get(y, 0) + 1
            loan = {"id": len(loans) + 1, "ref": f"LN-{y}-{seq[y]:04d}", "cust": c["id"],
                    "acc": acc["id"], "type": lt, "principal": principal, "rate": rate,
                    "term": term, "instalment": instalment,
                    "guarantor": rng.random() < (0.35 if lt == "Student Loan" else 0.12),
                    "applied": applied, "disbursed": None, "status": "Active"}  # fmt: skip
            loans.append(loan)
            if rng.random() < 0.07:
                loan["status"] = "Cancelled"
                continue
            disbursed = applied + dt.timedelta(days=wait)
            if disbursed > TODAY:
                loan["status"] = "Approved"
                continue
            loan["disbursed"] = disbursed
            behaviour = rng.choices(["good", "sloppy", "arrears", "default"],
                                    weights=[72, 18, 6, 4])[0]  # fmt: skip
            if behaviour == "default" and (TODAY - disbursed).days < 300:
                behaviour = "arrears"
            balance = principal
            r = rate / 100 / 12
            misses = 0
            rows: list[tuple] = []
            for k in range(1, term + 1):
                due = _add_months(disbursed, k)
                interest = round(balance * r, 2)
                amount = instalment if k < term else round(balance + interest, 2)
                balance = max(0.0, balance - (amount - interest))
                if due > TODAY:
                    rows.append((loan["id"], k, due, amount, interest, None, None, "Scheduled"))
                    break
                late = rng.random() < {"good": 0.02, "sloppy": 0.2, "arrears": 0.15,
                                       "default": 0.3}[behaviour]  # fmt: skip
                miss_p = {"good": 0.0, "sloppy": 0.0, "arrears": 0.03, "default": 0.08}[behaviour]
                if behaviour == "arrears" and (TODAY - due).days < 75:
                    miss_p = 0.6
                if behaviour == "default" and misses >= 1:
                    miss_p = 0.8
                if rng.random() < miss_p:
                    rows.append((loan["id"], k, due, amount, interest, None, None, "Missed"))
                    misses += 1
                    if behaviour == "default" and misses >= 4:
                        break
                    continue
                if late:
                    paid = due + dt.timedelta(days=rng.randint(2, 35))
                    if paid > TODAY:
                        rows.append((loan["id"], k, due, amount, interest, None, None, "Missed"))
                        continue
                    rows.append((loan["id"], k, due, amount, interest, paid, amount, "Paid Late"))
                else:
                    paid = due - dt.timedelta(days=rng.choice([0, 0, 0, 0, 1, 2]))
                    rows.append((loan["id"], k, due, amount, interest, paid, amount, "Paid"))
            repayments.extend(rows)
            statuses = [row[-1] for row in rows]
            recent_miss = any(row[-1] == "Missed" and (TODAY - row[2]).days <= 92 for row in rows)
            if behaviour == "default" and misses >= 4:
                loan["status"] = "Defaulted"
            elif statuses and statuses[-1] != "Scheduled" and len(rows) == term:
                loan["status"] = "Paid Off" if "Missed" not in statuses else "In Arrears"
            elif recent_miss:
                loan["status"] = "In Arrears"
            else:
                loan["status"] = "Active"
    _insert(con, "loans", [
        (lo["id"], lo["ref"], lo["cust"], lo["acc"], lo["type"], lo["principal"], lo["rate"],
         lo["term"], lo["instalment"], lo["guarantor"], lo["applied"], lo["disbursed"],
         lo["status"]) for lo in loans
    ])  # fmt: skip
    repayments.sort(key=lambda row: (row[2], row[0]))
    _insert(con, "loan_repayments", [(i, *row) for i, row in enumerate(repayments, start=1)])
