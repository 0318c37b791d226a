"""Readings that once published another question's answer, on an insurance-agency schema
(tests/planning/agency_schema.py): each completed plan is executed and compared with a
hand-written query; each reading that cannot be made sure is refused. Linking and rows."""

from __future__ import annotations

from typing import Any

import pytest
from tests.planning.probe import answer, expect, numbers, refusal

from datamorph.codegen.sql import compile_sql
from datamorph.planning.rules import RulePlanner
from datamorph.planning.wordnet import wordnet


def test_a_percentage_column_is_named_by_rate(agency: Any) -> None:
    got = answer("what commission rate does Ada Lim get?", agency)
    assert numbers(got) == numbers(
        expect(
            "SELECT agent_id, agent_name, commission_pct FROM agents WHERE agent_name = 'Ada Lim'",
            agency,
        )
    )


def test_by_after_a_participle_names_who_did_it_not_a_grouping(agency: Any) -> None:
    got = answer("Policies written by agents at the Harbour office", agency)
    want = expect(
        "SELECT p.policy_id FROM policies p JOIN agents a USING (agent_id) "
        "JOIN offices o USING (office_id) WHERE o.office_name = 'Harbour'",
        agency,
    )
    assert sorted(r[0] for r in got) == sorted(r[0] for r in want) and len(want) > 9


def test_an_inclusion_note_adds_no_filter(agency: Any) -> None:
    got = answer("agents with 14 or more policies (renewals and lapsed policies count)", agency)
    want = expect(
        "SELECT agent_id, count(*) FROM policies GROUP BY agent_id HAVING count(*) >= 14", agency
    )
    assert sorted((r[0], r[-1]) for r in got) == sorted(want) and want


@pytest.mark.parametrize(
    "prompt",
    [
        "List agents by office id, then by commission rate from highest to lowest",
        "Agents sorted by office id, lowest first, and within an office by commission rate, "
        "highest first",
    ],
)
def test_two_sort_keys_each_keep_their_direction(prompt: str, agency: Any) -> None:
    spec = RulePlanner().plan(prompt, agency[1])
    rows = agency[0].con.execute(compile_sql(spec, agency[1], "duckdb")).df()
    want = expect("SELECT agent_id FROM agents ORDER BY office_id, commission_pct DESC", agency)
    assert list(rows["agent_id"]) == [r[0] for r in want]
    assert "commission_pct" in rows.columns  # a chosen list shows what it is sorted by


def test_a_ranking_in_every_group_is_never_the_top_rows_overall(agency: Any) -> None:
    got = answer("In every office, the two agents who have written the most premium", agency)
    want = expect(
        "SELECT office_id, agent_id, sum(premium_usd) AS s FROM policies JOIN agents "
        "USING (agent_id) GROUP BY office_id, agent_id "
        "QUALIFY row_number() OVER (PARTITION BY office_id ORDER BY s DESC) <= 2",
        agency,
    )
    assert sorted((r[0], r[2], r[-1]) for r in got) == sorted(want) and len(want) == 6


def test_a_ranking_by_another_tables_column_that_says_no_total_is_refused(agency: Any) -> None:
    message = refusal("In every office, the two agents with the highest premium", agency)
    assert "highest" in message


def test_how_many_counts_the_head_of_a_compound_noun(agency: Any) -> None:
    got = answer("How many policy claims were filed in March 2024?", agency)
    assert got == expect(
        "SELECT count(*) FROM claims WHERE filed_on >= DATE '2024-03-01' "
        "AND filed_on < DATE '2024-04-01'",
        agency,
    )


def test_the_year_said_before_a_year_is_the_year_not_a_grouping(agency: Any) -> None:
    got = answer("policies in the year 2024", agency)
    want = expect("SELECT * FROM policies WHERE year(started_on) = 2024", agency)
    assert len(got) == len(want) > 0


@pytest.mark.skipif(wordnet() is None, reason="Debian's wordnet-base is not installed")
def test_rides_never_reach_the_riders_and_the_trips_are_suggested(agency: Any) -> None:
    message = refusal("number of rides per month", agency)
    assert "rides" in message and "trips" in message


def test_months_with_nothing_counted_are_refused(agency: Any) -> None:
    assert "month" in refusal("the month of each policy start date, by month", agency)


@pytest.mark.skipif(wordnet() is None, reason="Debian's wordnet-base is not installed")
@pytest.mark.parametrize(
    ("prompt", "where"),
    [
        ("closed claims", "closed_on IS NOT NULL"),
        ("Claims that are still open", "closed_on IS NULL"),
        ("claims that are not closed", "closed_on IS NULL"),
        ("claims closed in 2024", "closed_on < DATE '2025-01-01' AND year(closed_on) = 2024"),
    ],
)
def test_a_state_is_whether_its_event_happened(prompt: str, where: str, agency: Any) -> None:
    got = answer(prompt, agency)
    want = expect(f"SELECT claim_id FROM claims WHERE {where}", agency)
    assert sorted(r[0] for r in got) == sorted(r[0] for r in want) and want


def test_a_state_word_before_another_verb_is_not_read_as_a_state(agency: Any) -> None:
    assert "scheduled" in refusal("claims scheduled to close in 2024", agency)


def test_born_is_the_date_of_birth(agency: Any) -> None:
    got = answer("agents born before 1975", agency)
    want = expect("SELECT agent_id FROM agents WHERE birth_date < DATE '1975-01-01'", agency)
    assert sorted(r[0] for r in got) == sorted(r[0] for r in want) and 0 < len(want) < 9


def test_the_time_between_two_dates_of_a_row_is_their_difference(agency: Any) -> None:
    got = answer(
        "For every closed claim, how many days passed between the filed date and the close date",
        agency,
    )
    want = expect(
        "SELECT claim_id, closed_on - filed_on FROM claims WHERE closed_on IS NOT NULL", agency
    )
    assert sorted(got) == sorted(want) and want


def test_an_average_time_between_two_dates_per_group(agency: Any) -> None:
    got = answer("average days from filing to closing per assessor", agency)
    want = expect(
        "SELECT assessor_id, avg(closed_on - filed_on) FROM claims GROUP BY assessor_id", agency
    )
    assert sorted(numbers(got)) == sorted(numbers(want))


def test_a_time_per_row_with_a_grouping_and_nothing_totalled_is_refused(agency: Any) -> None:
    assert "group" in refusal("days between filing and closing, by assessor", agency)


@pytest.mark.parametrize(
    "prompt",
    ["number of policies per channel type", "how many policies for each kind of channel"],
)
def test_a_text_column_is_named_by_its_kind(prompt: str, agency: Any) -> None:
    got = answer(prompt, agency)
    assert sorted(got) == sorted(
        expect("SELECT channel, count(*) FROM policies GROUP BY channel", agency)
    )


def test_a_word_and_a_year_that_make_a_value_are_that_value(agency: Any) -> None:
    got = answer("policies in Fall 2024 per agent", agency)
    want = expect(
        "SELECT agent_id, count(*) FROM policies WHERE season = 'Fall 2024' GROUP BY agent_id",
        agency,
    )
    assert sorted((r[0], r[-1]) for r in got) == sorted(want) and want


def test_a_possessive_names_its_owner(agency: Any) -> None:
    got = answer("the Harbour office's agents", agency)
    want = expect("SELECT agent_id FROM agents WHERE office_id = 2", agency)
    assert sorted(r[0] for r in got) == sorted(r[0] for r in want) and want


def test_earned_the_most_ranks_by_the_money_of_the_rows_that_point_at_them(agency: Any) -> None:
    got = answer("Which two assessors have paid out the most?", agency)
    want = expect(
        "SELECT assessor_id, sum(amount_usd) AS s FROM claims GROUP BY assessor_id "
        "ORDER BY s DESC LIMIT 2",
        agency,
    )
    assert [(r[0], r[-1]) for r in got] == want


def test_top_category_first_sorts_the_groups_by_the_measure(agency: Any) -> None:
    got = answer("total premium per channel, top channel first", agency)
    want = expect(
        "SELECT channel, sum(premium_usd) AS s FROM policies GROUP BY channel ORDER BY s DESC",
        agency,
    )
    assert got == want and len({r[1] for r in want}) == 3


def test_a_money_word_before_a_text_column_qualifies_it(agency: Any) -> None:
    got = answer("how many policies per sales channel", agency)
    assert sorted(got) == sorted(
        expect("SELECT channel, count(*) FROM policies GROUP BY channel", agency)
    )


@pytest.mark.skipif(wordnet() is None, reason="Debian's wordnet-base is not installed")
def test_a_collective_noun_names_the_table_of_its_members(agency: Any) -> None:
    got = answer("the fleet with more than 150 seats", agency)
    assert sorted(r[0] for r in got) == [1, 3]


def test_not_on_any_is_the_absence_of_a_related_row(agency: Any) -> None:
    got = answer("Which agents aren't on any policy?", agency)
    want = expect("SELECT agent_id FROM agents ANTI JOIN policies USING (agent_id)", agency)
    assert sorted(r[0] for r in got) == sorted(r[0] for r in want)


@pytest.mark.parametrize(
    ("prompt", "where"),
    [
        ("trips covering more than 12 km", "distance_km > 12"),
        ("trips with a distance over 1500 metres", "distance_km > 1.5"),
    ],
)
def test_a_number_with_a_unit_compares_with_the_column_in_that_unit(
    prompt: str, where: str, agency: Any
) -> None:
    got = answer(prompt, agency)
    want = expect(f"SELECT trip_id FROM trips WHERE {where}", agency)
    assert sorted(r[0] for r in got) == sorted(r[0] for r in want) and 0 < len(want) < 200


def test_a_unit_that_does_not_convert_is_not_ignored(agency: Any) -> None:
    assert "hours" in refusal("trips covering more than 2 hours", agency)


def test_the_oldest_and_youngest_people_are_ranked_by_their_birth_date(agency: Any) -> None:
    got = answer("Who is our oldest rider? The rider id and birth year.", agency)
    assert got == expect(
        "SELECT rider_id, birth_year FROM riders ORDER BY birth_year LIMIT 1", agency
    )
    youngest = answer("the 2 youngest riders", agency)
    want = expect("SELECT rider_id FROM riders ORDER BY birth_year DESC LIMIT 2", agency)
    assert [r[0] for r in youngest] == [r[0] for r in want]


def test_oldest_of_a_table_with_two_dates_is_refused(agency: Any) -> None:
    assert "oldest" in refusal("the oldest claim", agency)  # filed or closed?


def test_a_superlative_with_no_subject_is_never_read_as_price(agency: Any) -> None:
    assert "order" in refusal("the 3 longest agents", agency)


def test_each_groups_average_against_the_average_of_every_row(agency: Any) -> None:
    got = answer(
        "Which agents have an average premium higher than the average premium over all policies?",
        agency,
    )
    want = expect(
        "SELECT agent_id FROM policies GROUP BY agent_id "
        "HAVING avg(premium_usd) > (SELECT avg(premium_usd) FROM policies)",
        agency,
    )
    assert sorted(r[0] for r in got) == sorted(r[0] for r in want) and 0 < len(want) < 9


def test_an_overall_average_with_a_row_condition_is_refused(agency: Any) -> None:
    message = refusal(
        "Which agents have an average premium higher than the average premium, for lapsed "
        "policies?",
        agency,
    )
    assert "average" in message
