"""Schemas named tersely: singular tables, references named as the table they point to
(`loan.member`), clipped table names (`dists`, `teams.dist`), codes explained in comments,
a label called `fullname`. Written for these tests, on no evaluation set's schema."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from tests.planning.probe import Database, answer, expect, numbers, open_schema, refusal

LIBRARY = """
CREATE TABLE branch (code VARCHAR PRIMARY KEY, city VARCHAR, opened DATE);
CREATE TABLE member (ref INTEGER PRIMARY KEY, fullname VARCHAR,
  branch VARCHAR REFERENCES branch(code), joined DATE, vip BOOLEAN);
CREATE TABLE book (isbn VARCHAR PRIMARY KEY, title VARCHAR, genre VARCHAR, pages INTEGER);
CREATE TABLE loan (ref INTEGER PRIMARY KEY, member INTEGER REFERENCES member(ref),
  book VARCHAR REFERENCES book(isbn), out_ts TIMESTAMP, late BOOLEAN);
INSERT INTO branch VALUES ('N', 'Leeds', '2010-01-01'), ('S', 'York', '2012-05-01');
INSERT INTO member SELECT i, 'Reader ' || chr(CAST(64 + i AS INT)), ['N', 'S'][1 + i % 2],
  DATE '2020-01-01' + CAST(i * 11 AS INT), i % 5 = 0 FROM range(1, 21) t(i);
INSERT INTO book SELECT 'isbn' || i, 'title ' || i, ['crime', 'poetry'][1 + i % 2], 100 + i
  FROM range(1, 11) t(i);
INSERT INTO loan SELECT i, 1 + (i * 7) % 20, 'isbn' || (1 + (i * 3) % 10),
  TIMESTAMP '2024-01-01' + INTERVAL (i * 13) HOUR, i % 29 = 0 FROM range(1, 201) t(i);
"""

CITY = """
CREATE TABLE dists (dist_cd VARCHAR PRIMARY KEY, dist_nm VARCHAR);
CREATE TABLE teams (team_cd VARCHAR PRIMARY KEY, team_nm VARCHAR,
  dist VARCHAR REFERENCES dists(dist_cd));
CREATE TABLE complaints (cmp_no INTEGER PRIMARY KEY, dist VARCHAR REFERENCES dists(dist_cd),
  team VARCHAR REFERENCES teams(team_cd), urgent BOOLEAN, stat VARCHAR, filed_ts TIMESTAMP,
  closed_ts TIMESTAMP);
COMMENT ON COLUMN complaints.stat IS 'Status: OPN open, CLS closed, CNX cancelled';
INSERT INTO dists VALUES ('N', 'North'), ('S', 'South'), ('C', 'Centre');
INSERT INTO teams VALUES ('T1', 'Alpha', 'N'), ('T2', 'Bravo', 'S'), ('T3', 'Charlie', 'C');
INSERT INTO complaints SELECT i, ['N', 'S', 'C'][1 + i % 3], ['T1', 'T2'][1 + i % 2],
  i % 6 = 0 OR i % 9 = 1, ['OPN', 'CLS', 'CLS', 'CNX'][1 + i % 4],
  TIMESTAMP '2024-01-01' + INTERVAL (i * 17) HOUR,
  CASE WHEN i % 4 IN (1, 2) THEN TIMESTAMP '2024-01-01' + INTERVAL (i * 17 + 30) HOUR END
  FROM range(1, 301) t(i);
"""


@pytest.fixture(scope="module")
def library(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Database]:
    yield from open_schema(Path(tmp_path_factory.mktemp("library")), LIBRARY)


@pytest.fixture(scope="module")
def city(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Database]:
    yield from open_schema(Path(tmp_path_factory.mktemp("city")), CITY)


def test_a_reference_named_as_its_table_does_not_join_it_again(library: Database) -> None:
    """'members' is the member table; loan.member only points at it: no loans joined in."""
    rows = answer("vip members of the Leeds branch", library)
    want = expect(
        "SELECT ref FROM member WHERE vip AND branch = (SELECT code FROM branch WHERE city ="
        " 'Leeds')",
        library,
    )
    assert sorted(r[0] for r in rows) == sorted(r[0] for r in want) and want


def test_fullname_is_the_label_shown_beside_the_key(library: Database) -> None:
    rows = answer("number of loans per member", library)
    want = expect(
        "SELECT m.ref, m.fullname, count(*) FROM loan JOIN member m ON loan.member = m.ref"
        " GROUP BY 1, 2",
        library,
    )
    assert sorted(numbers(rows)) == sorted(numbers(want))


def test_a_clipped_table_name_is_reached_from_the_full_word(city: Database) -> None:
    rows = answer("number of complaints per district", city)
    want = expect("SELECT dist, count(*) FROM complaints GROUP BY 1", city)
    assert sorted((r[0], r[-1]) for r in rows) == sorted(want)


def test_handled_links_teams_and_complaints(city: Database) -> None:
    rows = answer("teams that never handled a complaint", city)
    assert [r[0] for r in rows] == ["T3"]


def test_a_filed_and_closed_pair_buckets_by_the_filing(city: Database) -> None:
    rows = answer("cancelled complaints per month", city)
    want = expect(
        "SELECT date_trunc('month', filed_ts), count(*) FROM complaints WHERE stat = 'CNX'"
        " GROUP BY 1",
        city,
    )
    assert sorted((str(r[0])[:10], r[1]) for r in rows) == sorted(
        (str(r[0])[:10], r[1]) for r in want
    )


def test_the_most_flagged_rows_count_the_rows_with_the_flag(city: Database) -> None:
    rows = answer("which district has the most urgent complaints", city)
    want = expect(
        "SELECT dist, count(*) FROM complaints WHERE urgent GROUP BY 1 ORDER BY 2 DESC LIMIT 1",
        city,
    )
    assert (rows[0][0], rows[0][-1]) == want[0]


DESK = """
CREATE TABLE agent (login VARCHAR PRIMARY KEY, fullname VARCHAR, team VARCHAR, hired DATE);
CREATE TABLE ticket (ref INTEGER PRIMARY KEY, assignee VARCHAR REFERENCES agent(login),
  prio INTEGER, sev VARCHAR, opened TIMESTAMP, closed TIMESTAMP, is_escalated BOOLEAN);
CREATE TABLE "comment" (ref INTEGER PRIMARY KEY, ticket INTEGER REFERENCES ticket(ref),
  author VARCHAR REFERENCES agent(login), posted TIMESTAMP);
COMMENT ON COLUMN ticket.prio IS 'Priority 1 (highest) to 4 (lowest)';
COMMENT ON COLUMN ticket.sev IS 'Severity: S1 critical, S2 major, S3 minor';
INSERT INTO agent SELECT 'ag' || i, 'Agent ' || chr(CAST(64 + i AS INT)),
  ['billing', 'tech'][1 + i % 2], DATE '2019-01-01' + CAST(i * 90 AS INT) FROM range(1, 9) t(i);
INSERT INTO ticket SELECT i, 'ag' || (1 + i % 6), 1 + i % 4, ['S1', 'S2', 'S3'][1 + i % 3],
  TIMESTAMP '2024-01-01' + INTERVAL (i * 9) HOUR,
  CASE WHEN i % 5 <> 0 THEN TIMESTAMP '2024-01-01' + INTERVAL (i * 9 + 5) HOUR END, i % 8 = 0
  FROM range(1, 201) t(i);
INSERT INTO "comment" SELECT i, 1 + (i * 11) % 200, 'ag' || (1 + i % 5),
  TIMESTAMP '2024-01-01' + INTERVAL (i * 5) HOUR FROM range(1, 301) t(i);
"""


@pytest.fixture(scope="module")
def desk(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Database]:
    yield from open_schema(Path(tmp_path_factory.mktemp("desk")), DESK)


def test_a_table_the_excluded_rows_point_at_stays_inside_the_exclusion(desk: Database) -> None:
    """'on a ticket' is the comments' ticket: joined to the agents it would keep only agents
    with tickets, once per ticket."""
    rows = answer("agents who never commented on a ticket", desk)
    assert sorted(r[0] for r in rows) == ["ag6", "ag7", "ag8"]


def test_a_list_sorted_by_a_column_of_its_many_rows_is_a_question(desk: Database) -> None:
    message = refusal("top 3 agents by tickets closed", desk)
    assert "ticket.closed" in message and "many" in message


def test_a_one_word_comment_names_an_abbreviated_column(desk: Database) -> None:
    rows = answer("tickets by severity", desk)
    assert sorted((r[0], r[-1]) for r in rows) == sorted(
        expect("SELECT sev, count(*) FROM ticket GROUP BY 1", desk)
    )


def test_a_number_column_then_a_number_is_an_equality(desk: Database) -> None:
    rows = answer("escalated tickets with priority 1 assigned to Agent C", desk)
    want = expect(
        "SELECT ref FROM ticket WHERE prio = 1 AND is_escalated AND assignee = 'ag3'", desk
    )
    assert sorted(r[0] for r in rows) == sorted(r[0] for r in want) and want


WARDS = """
CREATE TABLE ward (wrd_code VARCHAR PRIMARY KEY, wrd_name VARCHAR, floor_no INTEGER);
CREATE TABLE admission (adm_id INTEGER PRIMARY KEY, wrd_code VARCHAR REFERENCES ward(wrd_code),
  adm_ts TIMESTAMP, dis_ts TIMESTAMP);
INSERT INTO ward VALUES ('CAR', 'Cardiology', 2), ('ORT', 'Orthopaedics', 3), ('PAE', 'Paeds', 2);
INSERT INTO admission SELECT i, ['CAR', 'ORT', 'PAE'][1 + i % 3],
  TIMESTAMP '2023-12-01' + INTERVAL (i * 11) HOUR,
  TIMESTAMP '2023-12-01' + INTERVAL (i * 11 + 500) HOUR FROM range(1, 301) t(i);
"""


@pytest.fixture(scope="module")
def wards(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Database]:
    yield from open_schema(Path(tmp_path_factory.mktemp("wards")), WARDS)


def test_a_date_named_by_a_clip_of_its_table_is_the_tables_own(wards: Database) -> None:
    """adm_ts clips 'admission', dis_ts does not: admissions of 2024 are admitted in 2024."""
    rows = answer("number of admissions per month in 2024", wards)
    want = expect(
        "SELECT date_trunc('month', adm_ts), count(*) FROM admission WHERE year(adm_ts) = 2024"
        " GROUP BY 1",
        wards,
    )
    assert sorted((str(r[0])[:10], r[1]) for r in rows) == sorted(
        (str(r[0])[:10], r[1]) for r in want
    )


def test_a_column_named_but_for_its_number_suffix_takes_a_number(wards: Database) -> None:
    rows = answer("wards on floor 2", wards)
    assert sorted(r[0] for r in rows) == ["CAR", "PAE"]


def test_a_state_named_by_a_date_column_filters_the_rows_counted(desk: Database) -> None:
    """'open' names ticket.opened; before 'critical tickets' it is their state (not closed),
    never a count of distinct opening times nor a grouping by them."""
    rows = answer("number of open critical tickets per agent", desk)
    want = expect(
        "SELECT assignee, count(*) FROM ticket WHERE closed IS NULL AND sev = 'S1' GROUP BY 1",
        desk,
    )
    assert sorted((r[0], r[-1]) for r in rows) == sorted(want) and want


def test_name_is_the_label_of_the_table_beside_it(desk: Database) -> None:
    rows = answer("names of agents in the tech team", desk)
    want = expect("SELECT login, fullname FROM agent WHERE team = 'tech'", desk)
    assert sorted(rows) == sorted(want) and want


def test_name_of_a_table_without_a_label_stays_a_question(library: Database) -> None:
    """book has `title`, a label; branch has none: 'the name of each branch' is refused."""
    assert "name" in refusal("the name of each branch", library)


def test_no_flagged_child_row_is_an_exclusion_not_an_unflagged_row(library: Database) -> None:
    """'members with no late loan' are members none of whose loans is late, not members
    having one loan that is not late."""
    rows = answer("members with no late loan", library)
    want = expect(
        "SELECT ref FROM member WHERE ref NOT IN (SELECT member FROM loan WHERE late)", library
    )
    assert sorted(r[0] for r in rows) == sorted(r[0] for r in want) and want


@pytest.mark.parametrize(
    "prompt",
    [
        "members who never took out a crime book",  # the book is the excluded loans' own
        "branches that never had a late loan",  # a member may have no loan at all
    ],
)
def test_an_exclusion_that_would_need_a_subquery_is_refused(prompt: str, library: Database) -> None:
    refusal(prompt, library)


BANK = """
CREATE TABLE clients (client_id INTEGER PRIMARY KEY, last_name VARCHAR, is_premium BOOLEAN);
CREATE TABLE wallets (wallet_id INTEGER PRIMARY KEY, client_id INTEGER REFERENCES clients,
  closed_date DATE, status VARCHAR);
CREATE TABLE payments (payment_id INTEGER PRIMARY KEY, wallet_id INTEGER REFERENCES wallets,
  amount_eur DECIMAL(10, 2), is_contactless BOOLEAN);
INSERT INTO clients SELECT i, 'Surname' || i, i % 4 = 0 FROM range(1, 41) t(i);
INSERT INTO wallets SELECT i, 1 + (i * 7) % 40, CASE WHEN i % 9 = 0 THEN DATE '2024-06-01' END,
  CASE WHEN i % 9 = 0 OR i % 10 = 0 THEN 'Closed' ELSE 'Active' END FROM range(1, 81) t(i);
INSERT INTO payments SELECT i, 1 + (i * 13) % 80, 5 + (i * 17) % 400, i % 3 = 0
  FROM range(1, 301) t(i);
"""


@pytest.fixture(scope="module")
def bank(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Database]:
    yield from open_schema(Path(tmp_path_factory.mktemp("bank")), BANK)


def test_a_flag_before_its_table_after_by_qualifies_it(bank: Database) -> None:
    """'payments by premium clients' lists their payments; no grouping by is_premium."""
    rows = answer("payments by premium clients", bank)
    want = expect(
        "SELECT payment_id FROM payments JOIN wallets USING (wallet_id) JOIN clients"
        " USING (client_id) WHERE is_premium",
        bank,
    )
    assert sorted(r[0] for r in rows) == sorted(r[0] for r in want) and want


def test_a_state_held_by_a_date_and_by_a_status_is_a_question(bank: Database) -> None:
    """Wallets 10, 20, ... say 'Closed' with no closing date: the two readings differ."""
    message = refusal("closed wallets", bank)
    assert "wallets.closed_date" in message and "wallets.status = 'Closed'" in message


MORTGAGES = """
CREATE TABLE mortgages (mortgage_id INTEGER PRIMARY KEY, principal_gbp DECIMAL(12, 2),
  fixed_rate_flag VARCHAR);
COMMENT ON COLUMN mortgages.fixed_rate_flag IS 'Y if the rate is fixed, N if variable';
INSERT INTO mortgages SELECT i, 100000 + i * 1000, ['Y', 'N', 'N'][1 + i % 3]
  FROM range(1, 31) t(i);
"""


@pytest.fixture(scope="module")
def mortgages(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Database]:
    yield from open_schema(Path(tmp_path_factory.mktemp("mortgages")), MORTGAGES)


@pytest.mark.parametrize(("said", "held"), [("fixed rate", "Y"), ("not fixed rate", "N")])
def test_a_y_n_text_column_is_a_flag(said: str, held: str, mortgages: Database) -> None:
    rows = answer(f"mortgages that are {said}", mortgages)
    want = expect(f"SELECT mortgage_id FROM mortgages WHERE fixed_rate_flag = '{held}'", mortgages)
    assert sorted(r[0] for r in rows) == sorted(r[0] for r in want) and want


PAYMENTS = """
CREATE TABLE payments (payment_id INTEGER PRIMARY KEY, amount_eur DECIMAL(10, 2),
  paid_at TIMESTAMP, posted_date DATE);
INSERT INTO payments SELECT i, 5 + i % 40, TIMESTAMP '2024-02-20' + INTERVAL (i * 7) HOUR,
  DATE '2024-02-20' + CAST((i * 7) // 24 + 3 AS INT) FROM range(1, 301) t(i);
"""


@pytest.fixture(scope="module")
def payments(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Database]:
    yield from open_schema(Path(tmp_path_factory.mktemp("payments")), PAYMENTS)


def test_a_date_named_by_the_verb_of_the_tables_noun_is_its_own(payments: Database) -> None:
    """A payment is made when paid (WordNet: payment -> pay), not when posted."""
    rows = answer("payments between 1 and 15 March 2024", payments)
    want = expect(
        "SELECT payment_id FROM payments WHERE paid_at >= '2024-03-01' AND paid_at < '2024-03-16'",
        payments,
    )
    assert sorted(r[0] for r in rows) == sorted(r[0] for r in want) and want


def test_a_verb_before_the_most_is_never_the_groups_ranked(city: Database) -> None:
    """'which team closed the most complaints' is no ranking of closing instants."""
    refusal("which team closed the most complaints", city)


LOANS = """
CREATE TABLE advisers (adviser_id INTEGER PRIMARY KEY, adviser_name VARCHAR);
CREATE TABLE mortgages (mortgage_id INTEGER PRIMARY KEY, adviser_id INTEGER REFERENCES advisers,
  term_years INTEGER, completion_date DATE, mortgage_status VARCHAR);
CREATE TABLE instalments (instalment_id INTEGER PRIMARY KEY,
  mortgage_id INTEGER REFERENCES mortgages, amount_due_gbp DECIMAL(10, 2));
INSERT INTO advisers SELECT i, 'Adviser ' || chr(CAST(64 + i AS INT)) FROM range(1, 7) t(i);
INSERT INTO mortgages SELECT i, 1 + (i % 13) % 6, [15, 20, 25][1 + i % 3],
  DATE '2020-01-01' + CAST(i * 17 AS INT), ['Active', 'Active', 'Redeemed'][1 + i % 3]
  FROM range(1, 121) t(i);
INSERT INTO instalments SELECT i, 1 + (i * 7) % 120, 900 FROM range(1, 901) t(i);
"""


@pytest.fixture(scope="module")
def loans(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Database]:
    yield from open_schema(Path(tmp_path_factory.mktemp("loans")), LOANS)


def test_in_years_after_a_column_in_years_is_its_unit_not_a_grain(loans: Database) -> None:
    rows = answer("average term in years by status", loans)
    want = expect("SELECT mortgage_status, avg(term_years) FROM mortgages GROUP BY 1", loans)
    assert sorted(numbers(rows)) == sorted(numbers(want))


def test_most_and_a_status_value_counts_the_rows_with_it(loans: Database) -> None:
    """'the most active mortgages': 'Active' is a status, not 'the busiest' by instalments."""
    rows = answer("the adviser with the most active mortgages", loans)
    want = expect(
        "SELECT adviser_id, count(*) FROM mortgages WHERE mortgage_status = 'Active'"
        " GROUP BY 1 ORDER BY 2 DESC LIMIT 1",
        loans,
    )
    assert [(r[0], r[-1]) for r in rows] == want


def test_a_grain_beside_an_implicit_count_is_of_the_counted_rows(desk: Database) -> None:
    """'comments per agent per month': the month a comment was posted, not the agent hired."""
    rows = answer("comments per agent per month", desk)
    want = expect(
        "SELECT author, date_trunc('month', posted), count(*) FROM comment GROUP BY 1, 2", desk
    )
    assert sorted((r[0], str(r[-2])[:10], r[-1]) for r in rows) == sorted(
        (a, str(m)[:10], n) for a, m, n in want
    )


SHOPS = """
CREATE TABLE shops (shop_id INTEGER PRIMARY KEY, category VARCHAR);
CREATE TABLE buyers (buyer_id INTEGER PRIMARY KEY, city VARCHAR);
CREATE TABLE sales (sale_id INTEGER PRIMARY KEY, shop_id INTEGER REFERENCES shops,
  buyer_id INTEGER REFERENCES buyers, amount_eur DECIMAL(8, 2), paid_at TIMESTAMP);
INSERT INTO shops SELECT i, ['fuel', 'grocery', 'travel'][1 + i % 3] FROM range(1, 13) t(i);
INSERT INTO buyers SELECT i, ['Ulm', 'Bonn'][1 + i % 2] FROM range(1, 31) t(i);
INSERT INTO sales SELECT i, 1 + (i * 5) % 12, 1 + (i * 7) % 30, 10 + (i * 13) % 300,
  TIMESTAMP '2024-01-01' + INTERVAL (i * 5) HOUR FROM range(1, 401) t(i);
"""


@pytest.fixture(scope="module")
def shops(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Database]:
    yield from open_schema(Path(tmp_path_factory.mktemp("shops")), SHOPS)


def test_which_value_had_the_highest_total_ranks_the_values(shops: Database) -> None:
    """'which shop category': per category, not per shop (with its category beside it)."""
    rows = answer("which shop category had the highest sale amount?", shops)
    want = expect(
        "SELECT category, sum(amount_eur) FROM sales JOIN shops USING (shop_id) GROUP BY 1"
        " ORDER BY 2 DESC LIMIT 1",
        shops,
    )
    assert numbers(rows) == numbers(want)


def test_which_over_every_groups_maximum_is_refused() -> None:
    from datamorph.planning.base import PlanningError
    from datamorph.planning.intent import Group, Intent, Measure
    from datamorph.planning.shaping import which_names_one

    intent = Intent(
        measures=[Measure("max", "sales", "amount_eur")], groups=[Group("shops", "category")]
    )
    with pytest.raises(PlanningError, match="one group"):
        which_names_one(intent, "Which category had the highest settled amount?")
    which_names_one(intent, "highest amount per category")  # a list of maxima was asked


def test_the_at_of_a_column_name_used_as_a_preposition_is_no_grouping(shops: Database) -> None:
    """'buyers who paid at fuel shops': 'paid at' is no reference to paid_at (refused here,
    where before it grouped the count by every payment instant)."""
    assert "paid" in refusal("how many distinct buyers paid at fuel shops?", shops)
