"""Billing and usage data of a small cloud hosting provider, built into DuckDB from a seed.

The data covers 1 January 2024 through 30 June 2025; the last day of the data is 2025-06-30
(timestamps run up to 2025-06-30 23:59). "Now" / "today" for this data means 2025-06-30.
Amounts of money are US dollars. There are eight tables in the main schema.

regions -- the data-centre regions the provider operates.
    region_code (VARCHAR, primary key): short code such as 'us-east' or 'eu-central'.
    city (VARCHAR): the city the data centre is in.
    country (VARCHAR): ISO two-letter country code of the data centre, e.g. 'US', 'DE'.
    price_factor (DOUBLE): multiplier applied to a plan's list price for instances in this
        region (1.00 = list price, 1.10 = 10 % more expensive).
    opened_on (DATE): the day the region opened to customers.
    is_active (BOOLEAN): TRUE if the region accepts new instance launches; 'sa-east' is FALSE
        (wound down in 2024, all of its instances were terminated). 'af-south' opened in
        May 2025 and has no instances yet.

accounts -- customer accounts (one per customer, a person or a company).
    acct_id (INTEGER, primary key).
    handle (VARCHAR): the account's unique login handle, e.g. 'bright-falcon'; this is how
        people refer to an account.
    company (VARCHAR): legal company name; NULL for accounts held by individuals.
    tier (VARCHAR): support/pricing tier, one of 'free', 'standard', 'enterprise'.
    country (VARCHAR): ISO two-letter billing country of the customer.
    signed_up_on (DATE): the day the account was created (may be before 2024).
    account_manager (VARCHAR): name of the provider employee managing the account; NULL for
        self-serve accounts that have no account manager. Every enterprise account has one.
    is_suspended (BOOLEAN): TRUE if the account is currently (as of 2025-06-30) suspended,
        usually for non-payment.
    monthly_budget_usd (DECIMAL(10,2)): optional spending alert threshold the customer set,
        in dollars per month; NULL when no budget is set.
    A few accounts never launched any instance, and some never opened a support ticket.

plans -- the instance types (SKUs) in the catalogue.
    sku (VARCHAR, primary key): plan code such as 'gen-2x4' or 'gpu-8x64-t4'.
    family (VARCHAR): 'general', 'compute', 'memory' or 'gpu'.
    vcpus (INTEGER): number of virtual CPUs.
    ram_gb (INTEGER): memory in gigabytes.
    gpu (BOOLEAN): TRUE if the plan includes a GPU.
    price_usd_hr (DECIMAL(8,4)): list price in dollars per running hour (before the region's
        price_factor).
    is_legacy (BOOLEAN): TRUE for retired plans; they could only be launched up to
        2024-06-30, existing instances keep running.
    Some plans have never been launched by anyone.

instances -- virtual machines launched by customers.
    instance_id (INTEGER, primary key).
    acct_id (INTEGER, references accounts): the owning account.
    sku (VARCHAR, references plans): the instance type.
    region_code (VARCHAR, references regions): where the instance runs.
    hostname (VARCHAR): the instance's hostname, unique, e.g. 'bright-falcon-web-03'.
    launched_at (TIMESTAMP): when the instance was created (all within the data range).
    terminated_at (TIMESTAMP): when the instance was destroyed; NULL if it still exists at the
        end of the data (a "running" / "live" instance).
    disk_gb (INTEGER): size of the attached boot disk in gigabytes.
    is_spot (BOOLEAN): TRUE for discounted, interruptible spot instances.

usage_records -- one row per instance per calendar month in which the instance existed.
    usage_id (INTEGER, primary key).
    instance_id (INTEGER, references instances).
    usage_month (DATE): the first day of the calendar month the row covers
        (2024-01-01 .. 2025-06-01).
    hours (DOUBLE): billable running hours of the instance in that month (a stopped instance
        is not billed, so this can be less than the hours the instance existed).
    egress_gb (DOUBLE): outbound network traffic in gigabytes during the month.
    uptime_pct (DOUBLE): measured availability in percent (0-100) while the instance was
        supposed to be running; NULL when the monitoring agent is not installed on it.

invoices -- one invoice per account per billed month.
    invoice_id (INTEGER, primary key).
    acct_id (INTEGER, references accounts).
    period_month (DATE): first day of the month the invoice bills (2024-01-01 .. 2025-05-01;
        June 2025 usage has not been invoiced yet).
    issued_on (DATE): the day the invoice was issued (the first few days of the following
        month).
    due_on (DATE): payment due date (30 days after issue; 45 days for enterprise accounts).
    paid (BOOLEAN): TRUE once the invoice has been paid in full.
    paid_on (DATE): the day payment was received; NULL while unpaid.
    total_usd (DECIMAL(12,2)): invoice total in dollars; equals the sum of its lines' amt_usd.
    An invoice is "overdue" when it is unpaid and its due_on is before 2025-06-30.
    Invoices exist for every month in which an account had usage; enterprise accounts are
    also invoiced (support fee only) in months without usage, from their sign-up month on.
    Invoices whose total is 0 are marked paid on their issue day.

invoice_lines -- the line items of each invoice.
    line_id (INTEGER, primary key).
    invoice_id (INTEGER, references invoices).
    instance_id (INTEGER, references instances): the instance a compute line or SLA credit
        is for; NULL for account-level lines (storage, egress, support fee, free-tier credit).
    line_type (VARCHAR): 'compute' (running hours), 'storage' (disk GB-months), 'egress'
        (outbound GB), 'support' (flat monthly enterprise support fee) or 'credit' (a
        negative adjustment: free-tier allowance or SLA credit for poor uptime).
    description (VARCHAR): human-readable text printed on the invoice.
    qty (DOUBLE): billed quantity in the line's unit.
    unit (VARCHAR): unit of qty: 'hour', 'GB-month', 'GB', 'month' or 'each'.
    unit_price_usd (DECIMAL(10,4)): dollars per unit (for compute lines, the plan's list
        price times the region's price_factor).
    amt_usd (DECIMAL(12,2)): line amount in dollars; negative for credits.
    Pricing: compute lines bill usage_records.hours at the plan's price_usd_hr times the
    region's price_factor (spot instances pay 40 % of that); storage is $0.10 per GB-month of
    disk (disk_gb times the hours the instance existed / 730); egress is $0.08 per GB; the
    enterprise support fee is $400 a month. Free-tier accounts get a credit of up to $10 per
    invoice, and any instance-month with uptime_pct below 99 earns an SLA credit line of
    10 % of that compute line.

support_tickets -- support requests opened by customers.
    ticket_id (INTEGER, primary key).
    acct_id (INTEGER, references accounts): the account that opened the ticket.
    instance_id (INTEGER, references instances): the instance the ticket is about; NULL when
        the ticket is not about a specific instance (e.g. billing questions).
    opened_at (TIMESTAMP): when the ticket was opened.
    closed_at (TIMESTAMP): when the ticket was resolved and closed; NULL if still open.
    severity (VARCHAR): 'low', 'normal', 'high' or 'urgent' (most severe).
    category (VARCHAR): 'billing', 'outage', 'performance', 'how-to' or 'abuse'.
    title (VARCHAR): the ticket's subject line.
    csat (INTEGER): customer satisfaction rating 1 (worst) to 5 (best) given after closing;
        NULL if the customer did not rate the ticket (always NULL for open tickets).
"""

from __future__ import annotations

import random
from datetime import date, datetime, timedelta
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

DATA_START = date(2024, 1, 1)
DATA_END = date(2025, 6, 30)
_END_TS = datetime(2025, 7, 1)  # exclusive upper bound of all timestamps
_LEGACY_CUTOFF = datetime(2024, 7, 1)
_CENT = Decimal("0.01")

REGIONS = [
    # region_code, city, country, price_factor, opened_on, is_active
    ("us-east", "Ashburn", "US", 1.00, date(2019, 3, 1), True),
    ("us-west", "Hillsboro", "US", 1.00, date(2019, 9, 16), True),
    ("ca-central", "Montreal", "CA", 1.05, date(2021, 5, 10), True),
    ("eu-west", "Dublin", "IE", 1.08, date(2020, 2, 3), True),
    ("eu-central", "Frankfurt", "DE", 1.10, date(2020, 6, 1), True),
    ("ap-south", "Mumbai", "IN", 0.95, date(2022, 1, 20), True),
    ("ap-northeast", "Tokyo", "JP", 1.15, date(2021, 11, 2), True),
    ("sa-east", "Sao Paulo", "BR", 1.20, date(2023, 4, 3), False),
    ("af-south", "Johannesburg", "ZA", 1.18, date(2025, 5, 15), True),
]
_REGION_WEIGHTS = {
    "us-east": 30,
    "us-west": 16,
    "ca-central": 6,
    "eu-west": 14,
    "eu-central": 14,
    "ap-south": 7,
    "ap-northeast": 8,
    "sa-east": 5,
}

PLANS = [
    # sku, family, vcpus, ram_gb, gpu, price_usd_hr, is_legacy
    ("std-1", "general", 1, 1, False, "0.0100", True),
    ("std-2", "general", 2, 2, False, "0.0220", True),
    ("gen-1x2", "general", 1, 2, False, "0.0150", False),
    ("gen-2x4", "general", 2, 4, False, "0.0300", False),
    ("gen-2x8", "general", 2, 8, False, "0.0600", False),
    ("gen-4x16", "general", 4, 16, False, "0.1200", False),
    ("gen-8x32", "general", 8, 32, False, "0.2400", False),
    ("cpu-4x8", "compute", 4, 8, False, "0.1700", False),
    ("cpu-8x16", "compute", 8, 16, False, "0.3400", False),
    ("cpu-16x32", "compute", 16, 32, False, "0.6800", False),
    ("mem-4x32", "memory", 4, 32, False, "0.2500", False),
    ("mem-8x64", "memory", 8, 64, False, "0.5000", False),
    ("mem-16x128", "memory", 16, 128, False, "1.0000", False),
    ("mem-32x256", "memory", 32, 256, False, "2.0000", False),
    ("gpu-8x64-t4", "gpu", 8, 64, True, "0.9000", False),
    ("gpu-12x96-a100", "gpu", 12, 96, True, "3.2000", False),
    ("gpu-24x192-2a100", "gpu", 24, 192, True, "6.4000", False),
]
_SKUS_BY_TIER = {
    "free": [("gen-1x2", 5), ("gen-2x4", 3), ("std-1", 2)],
    "standard": [
        ("std-2", 2),
        ("gen-1x2", 3),
        ("gen-2x4", 8),
        ("gen-2x8", 6),
        ("gen-4x16", 5),
        ("cpu-4x8", 4),
        ("cpu-8x16", 2),
        ("mem-4x32", 2),
        ("gpu-8x64-t4", 1),
    ],
    "enterprise": [
        ("std-2", 1),
        ("gen-2x4", 4),
        ("gen-2x8", 5),
        ("gen-4x16", 7),
        ("gen-8x32", 4),
        ("cpu-4x8", 3),
        ("cpu-8x16", 4),
        ("cpu-16x32", 2),
        ("mem-4x32", 3),
        ("mem-8x64", 3),
        ("mem-16x128", 1),
        ("gpu-8x64-t4", 2),
        ("gpu-12x96-a100", 1),
    ],
}

_ADJECTIVES = [
    "bright", "quiet", "rapid", "silver", "amber", "lucky", "bold", "misty", "north", "river",
    "cobalt", "crimson", "golden", "hidden", "lunar", "polar", "rustic", "solar", "swift", "urban",
]  # fmt: skip
_NOUNS = [
    "falcon", "otter", "maple", "harbor", "comet", "badger", "cedar", "lynx", "pixel", "summit",
    "orchid", "beacon", "canyon", "ember", "fjord", "heron", "meadow", "quartz", "raven", "tundra",
]  # fmt: skip
_COMPANY_SUFFIX = ["Labs", "Ltd", "GmbH", "Inc.", "Systems", "Analytics", "Studio", "Software"]
_COUNTRIES = [("US", 35), ("DE", 10), ("GB", 9), ("CA", 6), ("IN", 8), ("JP", 5), ("FR", 7)]
_COUNTRIES += [("BR", 5), ("NL", 5), ("AU", 4), ("IE", 3), ("ZA", 3)]
_MANAGERS = ["Priya Natarajan", "Tom Becker", "Lucia Ferraro", "Kenji Mori", "Dana Whitfield"]
_ROLES = ["web", "api", "db", "worker", "cache", "batch", "ml", "vpn"]

_TICKET_TITLES = {
    "billing": [
        "Question about invoice",
        "Unexpected charge on invoice",
        "Update payment method",
        "Request VAT invoice copy",
        "Refund request",
    ],
    "outage": [
        "Instance unreachable",
        "Instance rebooted unexpectedly",
        "Cannot SSH into server",
        "Network outage in region",
    ],
    "performance": [
        "High disk latency",
        "CPU steal time is high",
        "Slow network throughput",
        "Database server slow after resize",
    ],
    "how-to": [
        "How to resize an instance",
        "Setting up private networking",
        "Restoring from a snapshot",
        "API rate limits question",
    ],
    "abuse": ["Abuse report: outbound spam", "Port scan complaint", "Phishing page reported"],
}
_CATEGORY_WEIGHTS = [("billing", 24), ("outage", 18), ("performance", 20)]
_CATEGORY_WEIGHTS += [("how-to", 30), ("abuse", 8)]

_DDL = """
CREATE TABLE regions (
    region_code VARCHAR PRIMARY KEY,
    city VARCHAR NOT NULL,
    country VARCHAR NOT NULL,
    price_factor DOUBLE NOT NULL,
    opened_on DATE NOT NULL,
    is_active BOOLEAN NOT NULL
);
CREATE TABLE accounts (
    acct_id INTEGER PRIMARY KEY,
    handle VARCHAR NOT NULL UNIQUE,
    company VARCHAR,
    tier VARCHAR NOT NULL,
    country VARCHAR NOT NULL,
    signed_up_on DATE NOT NULL,
    account_manager VARCHAR,
    is_suspended BOOLEAN NOT NULL,
    monthly_budget_usd DECIMAL(10, 2)
);
CREATE TABLE plans (
    sku VARCHAR PRIMARY KEY,
    family VARCHAR NOT NULL,
    vcpus INTEGER NOT NULL,
    ram_gb INTEGER NOT NULL,
    gpu BOOLEAN NOT NULL,
    price_usd_hr DECIMAL(8, 4) NOT NULL,
    is_legacy BOOLEAN NOT NULL
);
CREATE TABLE instances (
    instance_id INTEGER PRIMARY KEY,
    acct_id INTEGER NOT NULL REFERENCES accounts (acct_id),
    sku VARCHAR NOT NULL REFERENCES plans (sku),
    region_code VARCHAR NOT NULL REFERENCES regions (region_code),
    hostname VARCHAR NOT NULL UNIQUE,
    launched_at TIMESTAMP NOT NULL,
    terminated_at TIMESTAMP,
    disk_gb INTEGER NOT NULL,
    is_spot BOOLEAN NOT NULL
);
CREATE TABLE usage_records (
    usage_id INTEGER PRIMARY KEY,
    instance_id INTEGER NOT NULL REFERENCES instances (instance_id),
    usage_month DATE NOT NULL,
    hours DOUBLE NOT NULL,
    egress_gb DOUBLE NOT NULL,
    uptime_pct DOUBLE
);
CREATE TABLE invoices (
    invoice_id INTEGER PRIMARY KEY,
    acct_id INTEGER NOT NULL REFERENCES accounts (acct_id),
    period_month DATE NOT NULL,
    issued_on DATE NOT NULL,
    due_on DATE NOT NULL,
    paid BOOLEAN NOT NULL,
    paid_on DATE,
    total_usd DECIMAL(12, 2) NOT NULL
);
CREATE TABLE invoice_lines (
    line_id INTEGER PRIMARY KEY,
    invoice_id INTEGER NOT NULL REFERENCES invoices (invoice_id),
    instance_id INTEGER REFERENCES instances (instance_id),
    line_type VARCHAR NOT NULL,
    description VARCHAR NOT NULL,
    qty DOUBLE NOT NULL,
    unit VARCHAR NOT NULL,
    unit_price_usd DECIMAL(10, 4) NOT NULL,
    amt_usd DECIMAL(12, 2) NOT NULL
);
CREATE TABLE support_tickets (
    ticket_id INTEGER PRIMARY KEY,
    acct_id INTEGER NOT NULL REFERENCES accounts (acct_id),
    instance_id INTEGER REFERENCES instances (instance_id),
    opened_at TIMESTAMP NOT NULL,
    closed_at TIMESTAMP,
    severity VARCHAR NOT NULL,
    category VARCHAR NOT NULL,
    title VARCHAR NOT NULL,
    csat INTEGER
);
COMMENT ON COLUMN usage_records.hours IS
    'Billable running hours in the month; stopped time is not billed';
COMMENT ON COLUMN usage_records.uptime_pct IS
    'Availability in percent (0-100); NULL when the monitoring agent is not installed';
COMMENT ON COLUMN instances.terminated_at IS 'NULL while the instance still exists';
COMMENT ON COLUMN regions.price_factor IS 'Multiplier on the plan list price in this region';
"""

_TABLES = [
    "support_tickets",
    "invoice_lines",
    "invoices",
    "usage_records",
    "instances",
    "plans",
    "accounts",
    "regions",
]


def _money(value: Decimal | float) -> Decimal:
    return Decimal(str(value)).quantize(_CENT, rounding=ROUND_HALF_UP)


def _weighted(rng: random.Random, pairs: list[tuple[Any, int]]) -> Any:
    values = [p[0] for p in pairs]
    weights = [p[1] for p in pairs]
    return rng.choices(values, weights=weights, k=1)[0]


def _month_starts() -> list[date]:
    months = []
    y, m = DATA_START.year, DATA_START.month
    while date(y, m, 1) <= DATA_END:
        months.append(date(y, m, 1))
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return months


def _next_month(d: date) -> date:
    return date(d.year + 1, 1, 1) if d.month == 12 else date(d.year, d.month + 1, 1)


def _random_ts(rng: random.Random, start: datetime, end: datetime) -> datetime:
    """A minute-resolution timestamp in [start, end)."""
    minutes = max(1, int((end - start).total_seconds() // 60))
    return start + timedelta(minutes=rng.randrange(minutes))


def _make_accounts(rng: random.Random) -> list[dict[str, Any]]:
    handles = [f"{a}-{n}" for a in _ADJECTIVES for n in _NOUNS]
    rng.shuffle(handles)
    accounts = []
    span = (date(2025, 6, 10) - date(2021, 1, 4)).days
    for i in range(90):
        handle = handles[i]
        tier = _weighted(rng, [("free", 28), ("standard", 50), ("enterprise", 22)])
        if tier == "enterprise" or rng.random() < 0.7:
            base = handle.split("-")[1].capitalize()
            company = f"{base} {rng.choice(_COMPANY_SUFFIX)}"
            if any(a["company"] == company for a in accounts):
                company = f"{handle.split('-')[0].capitalize()} {company}"
        else:
            company = None
        signed = date(2021, 1, 4) + timedelta(days=int(span * rng.random() ** 0.8))
        if tier == "enterprise" or (tier == "standard" and rng.random() < 0.25):
            manager = rng.choice(_MANAGERS)
        else:
            manager = None
        budget = None
        if tier != "free" and rng.random() < 0.45:
            budget = _money(rng.choice([100, 250, 500, 1000, 2000, 5000, 10000]))
        accounts.append(
            {
                "acct_id": 1001 + i,
                "handle": handle,
                "company": company,
                "tier": tier,
                "country": _weighted(rng, _COUNTRIES),
                "signed_up_on": signed,
                "account_manager": manager,
                "is_suspended": False,
                "monthly_budget_usd": budget,
            }
        )
    return accounts


def _make_instances(rng: random.Random, accounts: list[dict[str, Any]]) -> list[dict[str, Any]]:
    instances: list[dict[str, Any]] = []
    disks = [(20, 3), (40, 5), (80, 6), (160, 4), (320, 2), (640, 1)]
    regions_open = [r for r in REGIONS if r[0] in _REGION_WEIGHTS]
    for acct in accounts:
        tier = acct["tier"]
        # roughly one in twelve accounts never launches anything
        if rng.random() < 0.08:
            acct["n_instances"] = 0
            continue
        n = {
            "free": rng.randint(1, 2),
            "standard": rng.randint(1, 7),
            "enterprise": rng.randint(5, 14),
        }[tier]
        first = max(
            datetime.combine(acct["signed_up_on"], datetime.min.time()), datetime(2024, 1, 1)
        )
        if first >= datetime(2025, 6, 25):
            acct["n_instances"] = 0
            continue
        home = _weighted(rng, [(r[0], _REGION_WEIGHTS[r[0]]) for r in regions_open])
        role_counts: dict[str, int] = {}
        acct["n_instances"] = n
        for _ in range(n):
            launched = _random_ts(rng, first, datetime(2025, 6, 28))
            sku = _weighted(rng, _SKUS_BY_TIER[tier])
            if sku.startswith("std-") and launched >= _LEGACY_CUTOFF:
                sku = "gen-1x2" if sku == "std-1" else "gen-2x4"
            region = (
                home
                if rng.random() < 0.7
                else _weighted(rng, [(r[0], _REGION_WEIGHTS[r[0]]) for r in regions_open])
            )
            if region == "sa-east" and launched >= datetime(2024, 9, 1):
                region = "us-east"
            # lifetime: many instances are long-lived, some are short experiments
            r = rng.random()
            if r < 0.45:
                terminated = None
            elif r < 0.7:
                terminated = launched + timedelta(hours=rng.randint(2, 24 * 20))
            else:
                terminated = launched + timedelta(hours=rng.randint(24 * 20, 24 * 400))
            if region == "sa-east":
                cap = datetime(2024, 12, 20) + timedelta(minutes=rng.randrange(60 * 24 * 10))
                if terminated is None or terminated > cap:
                    terminated = cap
            if terminated is not None and terminated >= _END_TS:
                terminated = None
            if sku.startswith("gpu") or sku.startswith("cpu-16"):
                role = rng.choice(["ml", "batch"])
            elif sku.startswith("mem"):
                role = rng.choice(["db", "cache"])
            else:
                role = rng.choice(_ROLES)
            role_counts[role] = role_counts.get(role, 0) + 1
            instances.append(
                {
                    "instance_id": 0,
                    "acct_id": acct["acct_id"],
                    "sku": sku,
                    "region_code": region,
                    "hostname": f"{acct['handle']}-{role}-{role_counts[role]:02d}",
                    "launched_at": launched,
                    "terminated_at": terminated,
                    "disk_gb": _weighted(rng, disks) * (2 if role == "db" else 1),
                    "is_spot": (role in ("batch", "ml") and rng.random() < 0.5)
                    or rng.random() < 0.05,
                    "role": role,
                    "always_on": role not in ("batch", "ml") and rng.random() < 0.8,
                    "monitored": rng.random() < 0.8,
                }
            )
    instances.sort(key=lambda x: (x["launched_at"], x["hostname"]))
    for i, inst in enumerate(instances):
        inst["instance_id"] = 50001 + i
    return instances


def _make_usage(rng: random.Random, instances: list[dict[str, Any]]) -> list[dict[str, Any]]:
    usage = []
    egress_scale = {"web": 60.0, "api": 40.0, "cache": 8.0, "db": 12.0, "vpn": 25.0}
    for inst in instances:
        end = inst["terminated_at"] or _END_TS
        for month in _month_starts():
            m_start = datetime.combine(month, datetime.min.time())
            m_end = datetime.combine(_next_month(month), datetime.min.time())
            lo = max(m_start, inst["launched_at"])
            hi = min(m_end, end)
            if hi <= lo:
                continue
            exist_h = (hi - lo).total_seconds() / 3600
            frac = 1.0 if inst["always_on"] else rng.uniform(0.25, 0.95)
            hours = max(0.01, round(exist_h * frac, 2))
            scale = egress_scale.get(inst["role"], 5.0) * (hours / 730)
            egress = round(scale * rng.lognormvariate(0, 0.9), 2)
            uptime = None
            if inst["monitored"]:
                x = rng.random()
                if x < 0.75:
                    uptime = round(rng.uniform(99.9, 100.0), 3)
                elif x < 0.93:
                    uptime = round(rng.uniform(99.0, 99.9), 3)
                else:
                    uptime = round(rng.uniform(94.0, 99.0), 3)
            usage.append(
                {
                    "usage_id": 0,
                    "instance_id": inst["instance_id"],
                    "usage_month": month,
                    "hours": hours,
                    "egress_gb": egress,
                    "uptime_pct": uptime,
                    "exist_h": exist_h,
                }
            )
    usage.sort(key=lambda u: (u["usage_month"], u["instance_id"]))
    for i, u in enumerate(usage):
        u["usage_id"] = i + 1
    return usage


def _make_invoices(
    rng: random.Random,
    accounts: list[dict[str, Any]],
    instances: list[dict[str, Any]],
    usage: list[dict[str, Any]],
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    plan_price = {p[0]: Decimal(p[5]) for p in PLANS}
    factor = {r[0]: Decimal(str(r[3])) for r in REGIONS}
    inst_by_id = {i["instance_id"]: i for i in instances}
    by_acct_month: dict[tuple[int, date], list[dict[str, Any]]] = {}
    for u in usage:
        acct_id = inst_by_id[u["instance_id"]]["acct_id"]
        by_acct_month.setdefault((acct_id, u["usage_month"]), []).append(u)

    # a few accounts with a payment problem: stop paying from some month on
    delinquent: dict[int, date] = {}
    payers = [a for a in accounts if a["tier"] != "free" and a.get("n_instances", 0) > 0]
    for a in rng.sample(payers, 4):
        delinquent[a["acct_id"]] = date(2025, rng.randint(1, 4), 1)
        a["is_suspended"] = True

    invoices: list[dict[str, Any]] = []
    lines: list[dict[str, Any]] = []
    billed_months = [m for m in _month_starts() if m < date(2025, 6, 1)]
    for acct in accounts:
        signup_month = acct["signed_up_on"].replace(day=1)
        for month in billed_months:
            if month < signup_month:
                continue
            recs = by_acct_month.get((acct["acct_id"], month), [])
            enterprise = acct["tier"] == "enterprise"
            if not recs and not enterprise:
                continue
            inv_lines: list[dict[str, Any]] = []
            storage_gb_mo = 0.0
            egress_gb = 0.0
            for u in sorted(recs, key=lambda r: r["instance_id"]):
                inst = inst_by_id[u["instance_id"]]
                price = (plan_price[inst["sku"]] * factor[inst["region_code"]]).quantize(
                    Decimal("0.0001"), rounding=ROUND_HALF_UP
                )
                if inst["is_spot"]:
                    price = (price * Decimal("0.4")).quantize(
                        Decimal("0.0001"), rounding=ROUND_HALF_UP
                    )
                amt = _money(price * Decimal(str(u["hours"])))
                inv_lines.append(
                    {
                        "instance_id": inst["instance_id"],
                        "line_type": "compute",
                        "description": f"{inst['sku']} {inst['hostname']}",
                        "qty": u["hours"],
                        "unit": "hour",
                        "unit_price_usd": price,
                        "amt_usd": amt,
                    }
                )
                if u["uptime_pct"] is not None and u["uptime_pct"] < 99.0 and amt > 0:
                    inv_lines.append(
                        {
                            "instance_id": inst["instance_id"],
                            "line_type": "credit",
                            "description": f"SLA credit {inst['hostname']}",
                            "qty": 1.0,
                            "unit": "each",
                            "unit_price_usd": -_money(amt * Decimal("0.10")),
                            "amt_usd": -_money(amt * Decimal("0.10")),
                        }
                    )
                storage_gb_mo += inst["disk_gb"] * u["exist_h"] / 730
                egress_gb += u["egress_gb"]
            if recs:
                qty = round(storage_gb_mo, 2)
                inv_lines.append(
                    {
                        "instance_id": None,
                        "line_type": "storage",
                        "description": "Block storage",
                        "qty": qty,
                        "unit": "GB-month",
                        "unit_price_usd": Decimal("0.1000"),
                        "amt_usd": _money(Decimal(str(qty)) * Decimal("0.10")),
                    }
                )
                qty = round(egress_gb, 2)
                inv_lines.append(
                    {
                        "instance_id": None,
                        "line_type": "egress",
                        "description": "Outbound data transfer",
                        "qty": qty,
                        "unit": "GB",
                        "unit_price_usd": Decimal("0.0800"),
                        "amt_usd": _money(Decimal(str(qty)) * Decimal("0.08")),
                    }
                )
            if enterprise:
                inv_lines.append(
                    {
                        "instance_id": None,
                        "line_type": "support",
                        "description": "Enterprise support plan",
                        "qty": 1.0,
                        "unit": "month",
                        "unit_price_usd": Decimal("400.0000"),
                        "amt_usd": Decimal("400.00"),
                    }
                )
            subtotal = sum((ln["amt_usd"] for ln in inv_lines), Decimal("0"))
            if acct["tier"] == "free" and subtotal > 0:
                credit = min(subtotal, Decimal("10.00"))
                inv_lines.append(
                    {
                        "instance_id": None,
                        "line_type": "credit",
                        "description": "Free tier allowance",
                        "qty": 1.0,
                        "unit": "each",
                        "unit_price_usd": -credit,
                        "amt_usd": -credit,
                    }
                )
            total = sum((ln["amt_usd"] for ln in inv_lines), Decimal("0"))
            nxt = _next_month(month)
            issued = nxt + timedelta(days=rng.randint(0, 2))
            due = issued + timedelta(days=45 if enterprise else 30)
            paid_on: date | None
            if total <= 0:
                paid_on = issued
            elif acct["acct_id"] in delinquent and month >= delinquent[acct["acct_id"]]:
                paid_on = None
            else:
                lag = int(rng.triangular(0, 55, 12 if not enterprise else 30))
                paid_on = issued + timedelta(days=lag)
                if rng.random() < 0.02:
                    paid_on = None  # disputed / forgotten invoice
            if paid_on is not None and paid_on > DATA_END:
                paid_on = None
            invoice_id = 700001 + len(invoices)
            invoices.append(
                {
                    "invoice_id": invoice_id,
                    "acct_id": acct["acct_id"],
                    "period_month": month,
                    "issued_on": issued,
                    "due_on": due,
                    "paid": paid_on is not None,
                    "paid_on": paid_on,
                    "total_usd": total,
                }
            )
            for ln in inv_lines:
                ln["invoice_id"] = invoice_id
                ln["line_id"] = len(lines) + 1
                lines.append(ln)
    return invoices, lines


def _make_tickets(
    rng: random.Random, accounts: list[dict[str, Any]], instances: list[dict[str, Any]]
) -> list[dict[str, Any]]:
    by_acct: dict[int, list[dict[str, Any]]] = {}
    for inst in instances:
        by_acct.setdefault(inst["acct_id"], []).append(inst)
    tickets = []
    resolve_hours = {"urgent": 6.0, "high": 20.0, "normal": 50.0, "low": 90.0}
    for acct in accounts:
        mine = by_acct.get(acct["acct_id"], [])
        rate = {"free": 1.2, "standard": 4.0, "enterprise": 12.0}[acct["tier"]]
        n = int(rng.expovariate(1 / rate)) if rng.random() < 0.85 else 0
        if not mine:
            n = min(n, 1)
        first = max(
            datetime.combine(acct["signed_up_on"], datetime.min.time()), datetime(2024, 1, 1)
        )
        for _ in range(n):
            category = _weighted(rng, _CATEGORY_WEIGHTS)
            opened = _random_ts(rng, first, _END_TS)
            instance_id = None
            if category in ("outage", "performance", "abuse", "how-to") and mine:
                alive = [
                    i
                    for i in mine
                    if i["launched_at"] <= opened
                    and (i["terminated_at"] is None or i["terminated_at"] > opened)
                ]
                if alive and (category != "how-to" or rng.random() < 0.4):
                    instance_id = rng.choice(alive)["instance_id"]
            if category == "outage":
                severity = _weighted(rng, [("urgent", 5), ("high", 4), ("normal", 1)])
            elif category == "abuse":
                severity = _weighted(rng, [("high", 3), ("normal", 2)])
            elif category == "performance":
                severity = _weighted(rng, [("high", 3), ("normal", 5), ("low", 2)])
            else:
                severity = _weighted(rng, [("normal", 5), ("low", 4), ("high", 1)])
            hours = rng.lognormvariate(0, 0.8) * resolve_hours[severity]
            closed: datetime | None = opened + timedelta(minutes=max(5, int(hours * 60)))
            if rng.random() < 0.04 or (closed is not None and closed >= _END_TS):
                closed = None
            csat = None
            if closed is not None and rng.random() < 0.6:
                csat = _weighted(rng, [(5, 45), (4, 28), (3, 12), (2, 8), (1, 7)])
                if hours > 3 * resolve_hours[severity] and csat > 2:
                    csat -= 1
            tickets.append(
                {
                    "acct_id": acct["acct_id"],
                    "instance_id": instance_id,
                    "opened_at": opened,
                    "closed_at": closed,
                    "severity": severity,
                    "category": category,
                    "title": rng.choice(_TICKET_TITLES[category]),
                    "csat": csat,
                }
            )
    tickets.sort(key=lambda t: (t["opened_at"], t["acct_id"]))
    for i, t in enumerate(tickets):
        t["ticket_id"] = 90001 + i
    return tickets


def _insert(con: Any, table: str, columns: list[str], rows: list[dict[str, Any]]) -> None:
    placeholders = ", ".join("?" for _ in columns)
    sql = f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({placeholders})"
    con.executemany(sql, [[row[c] for c in columns] for row in rows])


def build(con: Any, seed: int = 1) -> None:
    """(Re)create the eight tables in ``con``'s main schema and fill them from ``seed``."""
    rng = random.Random(seed)
    for table in _TABLES:
        con.execute(f"DROP TABLE IF EXISTS main.{table}")
    con.execute(_DDL)

    accounts = _make_accounts(rng)
    instances = _make_instances(rng, accounts)
    usage = _make_usage(rng, instances)
    invoices, lines = _make_invoices(rng, accounts, instances, usage)
    tickets = _make_tickets(rng, accounts, instances)

    con.executemany(
        "INSERT INTO regions (region_code, city, country, price_factor, opened_on, is_active) "
        "VALUES (?, ?, ?, ?, ?, ?)",
        [list(r) for r in REGIONS],
    )
    con.executemany(
        "INSERT INTO plans (sku, family, vcpus, ram_gb, gpu, price_usd_hr, is_legacy) "
        "VALUES (?, ?, ?, ?, ?, ?, ?)",
        [[p[0], p[1], p[2], p[3], p[4], Decimal(p[5]), p[6]] for p in PLANS],
    )
    _insert(
        con,
        "accounts",
        [
            "acct_id",
            "handle",
            "company",
            "tier",
            "country",
            "signed_up_on",
            "account_manager",
            "is_suspended",
            "monthly_budget_usd",
        ],
        accounts,
    )
    _insert(
        con,
        "instances",
        [
            "instance_id",
            "acct_id",
            "sku",
            "region_code",
            "hostname",
            "launched_at",
            "terminated_at",
            "disk_gb",
            "is_spot",
        ],
        instances,
    )
    _insert(
        con,
        "usage_records",
        ["usage_id", "instance_id", "usage_month", "hours", "egress_gb", "uptime_pct"],
        usage,
    )
    _insert(
        con,
        "invoices",
        [
            "invoice_id",
            "acct_id",
            "period_month",
            "issued_on",
            "due_on",
            "paid",
            "paid_on",
            "total_usd",
        ],
        invoices,
    )
    _insert(
        con,
        "invoice_lines",
        [
            "line_id",
            "invoice_id",
            "instance_id",
            "line_type",
            "description",
            "qty",
            "unit",
            "unit_price_usd",
            "amt_usd",
        ],
        lines,
    )
    _insert(
        con,
        "support_tickets",
        [
            "ticket_id",
            "acct_id",
            "instance_id",
            "opened_at",
            "closed_at",
            "severity",
            "category",
            "title",
            "csat",
        ],
        tickets,
    )
