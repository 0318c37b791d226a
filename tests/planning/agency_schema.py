"""An insurance-agency schema written for the construct tests (test_constructs_agency*.py),
and its fixture.

The schema has a percentage named `commission_pct` next to another table's `hourly_rate_usd`,
policies that agents write, and a `riders` table beside `trips` (a ride is a trip, a rider is a
person: the word "rides" must never reach `riders`).
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from tests.planning.probe import Database, open_schema

AGENCY = """
CREATE TABLE offices (office_id INTEGER PRIMARY KEY, office_name VARCHAR);
CREATE TABLE agents (agent_id INTEGER PRIMARY KEY, agent_name VARCHAR,
  office_id INTEGER REFERENCES offices, commission_pct DECIMAL(5, 2), birth_date DATE);
CREATE TABLE policies (policy_id INTEGER PRIMARY KEY, agent_id INTEGER REFERENCES agents,
  started_on DATE, premium_usd DECIMAL(10, 2), is_renewal BOOLEAN, status VARCHAR,
  season VARCHAR, channel VARCHAR);
CREATE TABLE assessors (assessor_id INTEGER PRIMARY KEY, hourly_rate_usd DECIMAL(8, 2));
CREATE TABLE claims (claim_id INTEGER PRIMARY KEY, policy_id INTEGER REFERENCES policies,
  assessor_id INTEGER REFERENCES assessors, filed_on DATE, amount_usd DECIMAL(10, 2),
  closed_on DATE);
CREATE TABLE riders (rider_id INTEGER PRIMARY KEY, rider_name VARCHAR, birth_year INTEGER);
CREATE TABLE aircraft (aircraft_id INTEGER PRIMARY KEY, model VARCHAR, seats INTEGER);
CREATE TABLE stays (stay_id INTEGER PRIMARY KEY, rider_id INTEGER REFERENCES riders,
  check_in DATE, check_out DATE, extras INTEGER);
CREATE TABLE fees (fee_id INTEGER PRIMARY KEY, agent_id INTEGER REFERENCES agents,
  amount_usd DECIMAL(8, 2));
CREATE TABLE orders (order_id INTEGER PRIMARY KEY, agent_id INTEGER REFERENCES agents,
  amount_usd DECIMAL(8, 2));
CREATE TABLE support_tickets (ticket_id INTEGER PRIMARY KEY, agent_id INTEGER REFERENCES agents,
  medium VARCHAR, stage VARCHAR, opened_on DATE);
INSERT INTO aircraft VALUES (1, 'A320', 180), (2, 'E190', 100), (3, 'A321', 220);
CREATE TABLE trips (trip_id INTEGER PRIMARY KEY, rider_id INTEGER REFERENCES riders,
  started_at TIMESTAMP, distance_km DOUBLE);
INSERT INTO offices VALUES (1, 'North'), (2, 'Harbour'), (3, 'Old Town');
INSERT INTO agents SELECT i, ['Ada Lim', 'Bo Chen', 'Cy Diaz', 'Di Evans', 'Ed Fox',
  'Flo Gray', 'Gus Hale', 'Hal Ives', 'Ida Jones'][i], 1 + i % 3, 5 + (i * 7) % 11,
  DATE '1960-01-01' + CAST(i * 1500 AS INT) FROM range(1, 10) t(i);
INSERT INTO policies SELECT i, 1 + (i * 5) % 9, DATE '2023-06-01' + CAST((i * 11) % 500 AS INT),
  200 + (i * 37) % 900, i % 4 = 0, CASE WHEN i % 5 = 0 THEN 'lapsed' ELSE 'active' END,
  ['Spring 2024', 'Fall 2024', 'Fall 2023'][1 + i % 3], ['web', 'phone', 'branch'][1 + i % 3]
  FROM range(1, 121) t(i);
INSERT INTO assessors SELECT i, 40 + i * 5 FROM range(1, 4) t(i);
INSERT INTO claims SELECT i, 1 + (i * 7) % 120, 1 + i % 3,
  DATE '2024-01-01' + CAST((i * 13) % 300 AS INT), 100 + (i * 53) % 4000,
  CASE WHEN i % 3 > 0 THEN DATE '2024-11-01' + CAST(i AS INT) END FROM range(1, 81) t(i);
INSERT INTO riders SELECT i, 'rider ' || i, 1950 + (i * 7) % 50 FROM range(1, 11) t(i);
INSERT INTO trips SELECT i, 1 + i % 10, TIMESTAMP '2025-01-01' + INTERVAL (i * 7) HOUR,
  1.5 + (i * 3) % 17 FROM range(1, 201) t(i);
INSERT INTO support_tickets SELECT i, 1 + i % 9, ['mail', 'call'][1 + i % 2],
  ['opened', 'closed'][1 + i % 2], DATE '2025-01-01' + CAST(i AS INT) FROM range(1, 41) t(i);
INSERT INTO stays SELECT i, 1 + i % 10, DATE '2024-12-20' + CAST(i AS INT),
  DATE '2024-12-22' + CAST(i AS INT), CASE WHEN i % 5 = 0 THEN NULL ELSE i % 3 END
  FROM range(1, 31) t(i);
INSERT INTO fees SELECT i, 1 + i % 9, 10 + i * 3 FROM range(1, 61) t(i);
INSERT INTO orders SELECT i, 1 + i % 9, 5 + i * 7 FROM range(1, 41) t(i);
"""


@pytest.fixture(scope="module")
def agency(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Database]:
    yield from open_schema(tmp_path_factory.mktemp("agency"), AGENCY)
