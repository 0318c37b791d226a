"""Readings that once published another question's answer, on an insurance-agency schema
(tests/planning/agency_schema.py): dates, units, totals, groupings. See
test_constructs_agency.py for linking and rankings."""

from __future__ import annotations

from typing import Any

import pytest
from tests.planning.probe import answer, expect, numbers, refusal

from datamorph.codegen.sql import compile_sql
from datamorph.planning.base import PlanningError
from datamorph.planning.rules import RulePlanner
from datamorph.planning.wordnet import wordnet


def test_more_of_a_column_than_the_average_is_a_comparison_with_it(agency: Any) -> None:
    got = answer("trips with more distance than the average of the trips of the same rider", agency)
    want = expect(
        "SELECT trip_id FROM trips "
        "QUALIFY distance_km > avg(distance_km) OVER (PARTITION BY rider_id)",
        agency,
    )
    assert sorted(r[0] for r in got) == sorted(r[0] for r in want) and 0 < len(want) < 200


def test_n_times_counts_the_rows_of_the_event_a_verb_names(agency: Any) -> None:
    got = answer("assessors who have filed more than 26 times", agency)
    want = expect(
        "SELECT assessor_id, count(*) FROM claims GROUP BY assessor_id HAVING count(*) > 26", agency
    )
    assert sorted((r[0], r[-1]) for r in got) == sorted(want) and want


def test_a_range_restated_to_the_instant_is_that_range(agency: Any) -> None:
    got = answer(
        "trips started in the last 3 days of the data, i.e. on or after the latest started_at "
        "minus 3 days",
        agency,
    )
    latest = "(SELECT max(started_at) FROM trips)"
    at_or_after = expect(
        f"SELECT trip_id FROM trips WHERE started_at >= {latest} - INTERVAL 3 DAY", agency
    )
    calendar = expect(
        f"SELECT trip_id FROM trips WHERE CAST(started_at AS DATE) > CAST({latest} AS DATE) - 3",
        agency,
    )
    assert len(at_or_after) != len(calendar)  # the two readings differ on this data
    assert sorted(r[0] for r in got) == sorted(r[0] for r in at_or_after)


def test_a_verb_names_the_date_of_the_table_in_the_request(agency: Any) -> None:
    # "started" also names policies.started_on; the trips are the rows asked about
    got = answer("trips started in January 2025", agency)
    want = expect(
        "SELECT trip_id FROM trips WHERE started_at >= DATE '2025-01-01' "
        "AND started_at < DATE '2025-02-01'",
        agency,
    )
    assert sorted(r[0] for r in got) == sorted(r[0] for r in want) and 0 < len(want) < 200


def test_a_verb_with_a_unit_and_a_total_is_not_the_rows_own_column(agency: Any) -> None:
    # the riders' trips add up the distance: no column of riders holds it
    assert refusal("riders covering more than 40 km in total", agency)


def test_a_unit_alone_converts_into_no_column(agency: Any) -> None:
    # "over 1500 metres" names no quantity: the only km column is not assumed to be meant
    assert "metres" in refusal("trips over 1500 metres", agency)


@pytest.mark.parametrize(
    "prompt",
    [
        "number of trips per rider, including riders with none",
        "number of trips per rider, riders with none included",
    ],
)
def test_with_none_included_keeps_every_row_with_zero(prompt: str, agency: Any) -> None:
    agency[0].con.execute("INSERT INTO riders VALUES (99, 'rider 99', 1990) ON CONFLICT DO NOTHING")
    got = answer(prompt, agency)
    assert (99, 0) in {(r[0], r[-1]) for r in got}
    assert len(got) == expect("SELECT count(*) FROM riders", agency)[0][0]


def test_more_than_once_counts_the_rows_of_the_verb(agency: Any) -> None:
    got = answer("assessors who have filed more than once", agency)
    want = expect("SELECT assessor_id FROM claims GROUP BY 1 HAVING count(*) > 1", agency)
    assert sorted(r[0] for r in got) == sorted(r[0] for r in want) and want


def test_when_did_asks_for_the_date_the_verb_names(agency: Any) -> None:
    got = answer("For claim 7: when was it closed?", agency)
    assert [r[-1] for r in got] == [
        r[0] for r in expect("SELECT closed_on FROM claims WHERE claim_id = 7", agency)
    ]


def test_the_highest_paid_row_in_each_group_is_that_row(agency: Any) -> None:
    got = answer("the highest paid claim in each office", agency)
    want = expect(
        "SELECT c.claim_id FROM claims c JOIN policies p USING (policy_id) "
        "JOIN agents a USING (agent_id) "
        "QUALIFY row_number() OVER (PARTITION BY a.office_id ORDER BY c.amount_usd DESC) = 1",
        agency,
    )
    assert sorted(r[0] for r in got) == sorted(r[0] for r in want) and len(want) == 3


@pytest.mark.parametrize(
    "prompt",
    [
        "average premium per channel, rounded to 1 decimal",
        "average premium per channel; round to one decimal place",
        "average premium per channel to 1 decimal place",
    ],
)
def test_a_rounding_said_rounds_every_computed_number(prompt: str, agency: Any) -> None:
    got = answer(prompt, agency)
    want = expect(
        "SELECT channel, round(avg(premium_usd), 1) FROM policies GROUP BY channel", agency
    )
    assert sorted(got) == sorted(want)


def test_a_rounding_with_nothing_computed_is_refused(agency: Any) -> None:
    assert "rounded" in refusal("policies of agent 3, rounded to 2 decimals", agency)


def test_the_head_noun_of_a_table_name_names_it(agency: Any) -> None:
    got = answer("number of tickets per ticket medium", agency)
    assert sorted(got) == sorted(
        expect("SELECT medium, count(*) FROM support_tickets GROUP BY medium", agency)
    )


def test_a_season_written_with_a_slash_or_a_dash_is_that_value(agency: Any) -> None:
    agency[0].con.execute(
        "CREATE TABLE IF NOT EXISTS seasons (season_id INTEGER PRIMARY KEY, label VARCHAR)"
    )
    got = answer("policies in the Fall 2023 season", agency)
    assert (
        len(got) == expect("SELECT count(*) FROM policies WHERE season = 'Fall 2023'", agency)[0][0]
    )


def test_ties_said_in_passing_are_the_second_sort_key(agency: Any) -> None:
    got = answer("number of policies per agent, most first, ties by agent id", agency)
    want = expect(
        "SELECT agent_id, count(*) AS n FROM policies GROUP BY agent_id ORDER BY n DESC, agent_id",
        agency,
    )
    assert [(r[0], r[-1]) for r in got] == want


def test_the_date_a_clause_names_is_that_date(agency: Any) -> None:
    got = answer("claim 5 with the date it was filed", agency)
    assert [r[-1] for r in got] == [
        r[0] for r in expect("SELECT filed_on FROM claims WHERE claim_id = 5", agency)
    ]


def test_the_most_recent_rows_are_ranked_by_their_tables_one_date(agency: Any) -> None:
    got = answer("the 3 most recent trips", agency)
    want = expect("SELECT trip_id FROM trips ORDER BY started_at DESC LIMIT 3", agency)
    assert [r[0] for r in got] == [r[0] for r in want]
    per_rider = answer("the latest trip of each rider", agency)
    want = expect(
        "SELECT trip_id FROM trips "
        "QUALIFY row_number() OVER (PARTITION BY rider_id ORDER BY started_at DESC) = 1",
        agency,
    )
    assert sorted(r[0] for r in per_rider) == sorted(r[0] for r in want)


def test_a_date_head_keeps_the_date_among_a_phrases_candidates(agency: Any) -> None:
    # "opened" is also a value of support_tickets.stage; "opened date" is the date
    got = answer("ticket 3 with its opened date", agency)
    assert [r[-1] for r in got] == [
        r[0] for r in expect("SELECT opened_on FROM support_tickets WHERE ticket_id = 3", agency)
    ]


def test_a_year_after_a_grouping_is_the_measured_rows_year(agency: Any) -> None:
    # the agents have a birth date too: "in 2024" is about the policies totalled
    got = answer("total premium per agent in 2024", agency)
    want = expect(
        "SELECT agent_id, sum(premium_usd) FROM policies "
        "WHERE year(started_on) = 2024 GROUP BY agent_id",
        agency,
    )
    assert sorted(numbers([(r[0], r[-1]) for r in got])) == sorted(numbers(want)) and want


def test_a_particle_in_a_column_name_is_no_noun(agency: Any) -> None:
    # `check_in` and `check_out`: "stays in 2025" could mean either date, never "check_in"
    message = refusal("stays in 2025", agency)
    assert "check_in" in message and "check_out" in message


def test_a_total_of_rows_that_are_money_is_their_money(agency: Any) -> None:
    got = answer("total fees per agent", agency)
    want = expect("SELECT agent_id, sum(amount_usd) FROM fees GROUP BY agent_id", agency)
    assert sorted(numbers([(r[0], r[-1]) for r in got])) == sorted(numbers(want))
    counted = answer("number of fees per agent", agency)
    assert sorted((r[0], r[-1]) for r in counted) == sorted(
        expect("SELECT agent_id, count(*) FROM fees GROUP BY agent_id", agency)
    )


def test_no_amount_on_a_number_is_zero_or_nothing(agency: Any) -> None:
    got = answer("stays with no extras", agency)
    want = expect("SELECT stay_id FROM stays WHERE extras IS NULL OR extras = 0", agency)
    assert sorted(r[0] for r in got) == sorted(r[0] for r in want) and want


def test_a_tables_value_is_its_money_not_its_count(agency: Any) -> None:
    got = answer("total fee value per agent", agency)
    want = expect("SELECT agent_id, sum(amount_usd) FROM fees GROUP BY agent_id", agency)
    assert all(len(r) == 3 for r in got)  # the agent, their name, the total: no count beside
    assert sorted(numbers([(r[0], r[-1]) for r in got])) == sorted(numbers(want))


def test_a_measure_is_never_spread_over_the_children_of_a_shared_parent(agency: Any) -> None:
    # fees and policies only share their agent: a fee belongs to no policy
    assert "share" in refusal("number of fees per policy", agency)
    assert answer("total fee amount per agent", agency)


@pytest.mark.skipif(wordnet() is None, reason="Debian's wordnet-base is not installed")
def test_a_past_tense_that_is_also_a_noun_is_still_a_state(agency: Any) -> None:
    con = agency[0].con
    con.execute("CREATE TABLE IF NOT EXISTS crew (crew_id INTEGER PRIMARY KEY, left_on DATE)")
    con.execute(
        "INSERT OR IGNORE INTO crew SELECT i, CASE WHEN i % 3 = 0 THEN DATE '2024-05-01' END "
        "FROM range(1, 13) t(i)"
    )
    catalog = agency[0].catalog(samples=3, profile=True)
    spec = RulePlanner().plan("crew who left", catalog)
    got = con.execute(compile_sql(spec, catalog, "duckdb")).fetchall()
    assert sorted(r[0] for r in got) == [3, 6, 9, 12]


def test_a_rows_size_with_two_money_columns_is_a_question(agency: Any) -> None:
    con = agency[0].con
    con.execute(
        "CREATE TABLE IF NOT EXISTS refunds (refund_id INTEGER PRIMARY KEY, "
        "asked_amount_usd DECIMAL(8, 2), paid_amount_usd DECIMAL(8, 2))"
    )
    catalog = agency[0].catalog(samples=3, profile=True)
    with pytest.raises(PlanningError):  # asked or paid?
        RulePlanner().plan("the 3 largest refunds", catalog)


def test_total_before_a_verb_is_the_amount_it_moved(agency: Any) -> None:
    got = answer("total ordered per agent", agency)  # the orders' amount, not their number
    want = expect("SELECT agent_id, sum(amount_usd) FROM orders GROUP BY agent_id", agency)
    assert sorted(numbers([(r[0], r[-1]) for r in got])) == sorted(numbers(want))


def test_the_busiest_rows_have_the_most_rows_pointing_at_them(agency: Any) -> None:
    got = answer("the 2 busiest assessors", agency)  # claims are the only rows pointing at them
    want = expect(
        "SELECT assessor_id, count(*) AS n FROM claims GROUP BY 1 ORDER BY n DESC LIMIT 2", agency
    )
    assert sorted((r[0], r[-1]) for r in got) == sorted(want)  # two tie at the top
    assert "busiest" in refusal("the busiest agent", agency)  # policies, fees, orders or tickets?


def test_busiest_never_counts_a_rows_parts(agency: Any) -> None:
    con = agency[0].con
    con.execute("CREATE TABLE IF NOT EXISTS depots (depot_id INTEGER PRIMARY KEY)")
    con.execute(
        "CREATE TABLE IF NOT EXISTS bays (bay_id INTEGER PRIMARY KEY, "
        "depot_id INTEGER REFERENCES depots)"
    )
    catalog = agency[0].catalog(samples=3, profile=True)
    with pytest.raises(PlanningError):  # bays are a depot's parts, not its activity
        RulePlanner().plan("the busiest depot", catalog)


def test_rows_said_with_their_event_per_period_are_counted(agency: Any) -> None:
    got = answer("claims filed each month", agency)
    want = expect("SELECT date_trunc('month', filed_on), count(*) FROM claims GROUP BY 1", agency)
    assert sorted(got) == sorted(want) and len(want) > 3


def test_a_table_noun_before_another_tables_column_is_not_two_groupings(agency: Any) -> None:
    # "claim office": the office of the claim's agent? never "per claim" and "per office"
    with pytest.raises(PlanningError):
        RulePlanner().plan("total amount per claim office name", agency[1])


def test_per_two_table_nouns_groups_by_the_head(agency: Any) -> None:
    # "agent office": the office (of the agent), not each agent
    got = answer("average commission per agent office", agency)
    want = expect("SELECT office_id, avg(commission_pct) FROM agents GROUP BY office_id", agency)
    assert sorted(numbers([(r[0], r[-1]) for r in got])) == sorted(numbers(want)) and len(want) == 3
