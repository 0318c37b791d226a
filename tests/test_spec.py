"""The spec: its v1 JSON contract, loading errors, and `check(catalog)`."""

from __future__ import annotations

import json
from typing import Any

import pydantic
import pytest

from datamorph.catalog import Catalog
from datamorph.demo.showcase import demo_spec
from datamorph.errors import UsageError
from datamorph.spec import Spec, SpecError

DESIGN_EXAMPLE: dict[str, Any] = demo_spec().model_dump(mode="json")


def spec_with(**changes: Any) -> Spec:
    return Spec.from_dict({**DESIGN_EXAMPLE, **changes})


def problems(spec: Spec, catalog: Catalog) -> dict[str, str]:
    return {p.path: f"{p.code}: {p.message} ({p.hint})" for p in spec.check(catalog)}


# ---- the contract ----------------------------------------------------------------------------


def test_design_example_round_trips_through_json() -> None:
    spec = demo_spec()
    again = Spec.from_json(spec.to_json())
    assert again == spec
    data = json.loads(spec.to_json())
    assert list(data)[:2] == ["version", "description"]
    assert data["join_conditions"][0] == {
        "left": "c",
        "right": "o",
        "type": "left",
        "on": "c.customer_id = o.customer_id",
    }
    assert data["target_table"] == {
        "name": "customer_order_summary",
        "mode": "replace",
        "keys": ["customer_id"],
        "allow_empty": False,
    }


def test_spec_is_frozen() -> None:
    spec = demo_spec()
    with pytest.raises(pydantic.ValidationError):
        spec.limit = 5  # type: ignore[misc]


def test_json_schema_describes_every_v1_field() -> None:
    schema = Spec.json_schema()
    v1_fields = {
        "version",
        "description",
        "source_tables",
        "join_conditions",
        "filters",
        "transformations",
        "group_by",
        "aggregations",
        "having",
        "columns",
        "order_by",
        "limit",
        "target_table",
    }
    assert v1_fields <= set(schema["properties"])
    assert schema["required"] == ["source_tables", "target_table"]
    join = schema["$defs"]["JoinCondition"]["properties"]["type"]
    assert {"inner", "left", "right", "full"} <= set(join["enum"])


def test_shorthands_expand_to_the_full_form() -> None:
    spec = spec_with(
        source_tables=["customers", {"name": "orders", "alias": "o"}],
        order_by=["total_amount desc", "customer_id"],
    )
    assert spec.source_tables[0].ref == "customers"
    assert spec.order_by[0].desc and spec.order_by[0].expr == "total_amount"
    assert not spec.order_by[1].desc


def test_misspelt_field_gets_a_did_you_mean() -> None:
    data = {**DESIGN_EXAMPLE, "filter": ["x > 1"]}
    with pytest.raises(UsageError) as caught:
        Spec.from_dict(data, source="s.json")
    assert "unknown field 'filter'" in caught.value.message
    assert caught.value.hint == "did you mean 'filters'?"


def test_malformed_json_names_line_and_column() -> None:
    with pytest.raises(UsageError) as caught:
        Spec.from_json('{"version": 1,\n "source_tables": [}', source="bad.json")
    assert caught.value.message.startswith("bad.json is not valid JSON: line 2")


def test_wrong_join_type_is_rejected_with_its_path() -> None:
    data = json.loads(json.dumps(DESIGN_EXAMPLE))
    data["join_conditions"][0]["type"] = "outer"
    with pytest.raises(UsageError) as caught:
        Spec.from_dict(data)
    assert "join_conditions.0.type" in caught.value.message


# ---- check(catalog) ----------------------------------------------------------------------------


def test_design_example_checks_clean(retail_catalog: Catalog) -> None:
    assert demo_spec().check(retail_catalog) == []


def test_every_problem_is_reported_at_once(retail_catalog: Catalog) -> None:
    spec = spec_with(
        source_tables=[{"name": "customer", "alias": "c"}, {"name": "orders", "alias": "o"}],
        filters=["o.stauts = 'completed'", "sum(o.amount) > 5"],
        group_by=["customer_id"],
    )
    found = problems(spec, retail_catalog)
    assert "did you mean 'customers'" in found["source_tables[0].name"]
    assert "did you mean 'o.status'" in found["filters[0]"]
    assert found["filters[1]"].startswith("misplaced_aggregate")


def test_ambiguous_column_names_both_tables(retail_catalog: Catalog) -> None:
    found = problems(spec_with(group_by=["customer_id", "c.customer_name"]), retail_catalog)
    assert found["group_by[0]"].startswith("ambiguous_column")
    assert "c.customer_id or o.customer_id" in found["group_by[0]"]


def test_join_on_incompatible_types(retail_catalog: Catalog) -> None:
    joins = [{"left": "c", "right": "o", "type": "left", "on": "c.customer_name = o.customer_id"}]
    found = problems(spec_with(join_conditions=joins), retail_catalog)
    assert found["join_conditions[0].on"].startswith("type_mismatch")


def test_target_that_is_also_a_source(retail_catalog: Catalog) -> None:
    found = problems(spec_with(target_table={"name": "orders"}), retail_catalog)
    assert found["target_table.name"].startswith("target_is_source")


def test_duplicate_output_names(retail_catalog: Catalog) -> None:
    aggs = [{"name": "total", "expr": "sum(o.amount)"}, {"name": "total", "expr": "count(*)"}]
    found = problems(spec_with(aggregations=aggs, having=[]), retail_catalog)
    assert any(v.startswith("duplicate_name") for v in found.values())


def test_ungrouped_column_in_output(retail_catalog: Catalog) -> None:
    found = problems(
        spec_with(columns=["c.customer_id", "c.email", "total_amount"]), retail_catalog
    )
    assert found["columns[1]"].startswith("ungrouped_column")


def test_aggregation_without_aggregate_and_transformation_with_one(
    retail_catalog: Catalog,
) -> None:
    spec = spec_with(
        transformations=[{"name": "net_amount", "expr": "sum(o.amount)"}],
        aggregations=[{"name": "total_amount", "expr": "o.amount * 2"}],
    )
    found = problems(spec, retail_catalog)
    assert found["transformations[0]"].startswith("misplaced_aggregate")
    assert found["aggregations[0]"].startswith("not_aggregate")


def test_window_in_filter_points_to_qualify(retail_catalog: Catalog) -> None:
    spec = spec_with(filters=["row_number() over (partition by o.customer_id) = 1"])
    assert "qualify" in problems(spec, retail_catalog)["filters[0]"]


def test_unknown_function_gets_a_did_you_mean(retail_catalog: Catalog) -> None:
    spec = spec_with(transformations=[{"name": "net_amount", "expr": "coalesse(o.amount, 0)"}])
    assert "did you mean 'coalesce'" in problems(spec, retail_catalog)["transformations[0]"]


def test_unknown_key_and_unjoined_table(retail_catalog: Catalog) -> None:
    spec = spec_with(
        source_tables=[*DESIGN_EXAMPLE["source_tables"], {"name": "products", "alias": "p"}],
        target_table={"name": "summary", "keys": ["customer"]},
    )
    found = problems(spec, retail_catalog)
    assert found["source_tables[2]"].startswith("join")
    assert "did you mean 'customer_id'" in found["target_table.keys[0]"]


def test_columns_required_without_aggregation(retail_catalog: Catalog) -> None:
    spec = spec_with(group_by=[], aggregations=[], having=[], order_by=[])
    assert problems(spec, retail_catalog)["columns"].startswith("missing_columns")


def test_subquery_in_expression_points_to_steps(retail_catalog: Catalog) -> None:
    spec = spec_with(filters=["o.order_id in (select order_id from payments)"])
    assert "steps" in problems(spec, retail_catalog)["filters[0]"]


def test_steps_resolve_as_tables(retail_catalog: Catalog) -> None:
    spec = Spec.from_dict(
        {
            "steps": [
                {
                    "name": "paid_orders",
                    "source_tables": [{"name": "payments", "alias": "p"}],
                    "filters": ["p.status = 'captured'"],
                    "group_by": ["p.order_id"],
                    "aggregations": [{"name": "paid", "expr": "sum(p.amount)"}],
                }
            ],
            "source_tables": [
                {"name": "orders", "alias": "o"},
                {"name": "paid_orders", "alias": "po"},
            ],
            "join_conditions": [{"left": "o", "right": "po", "on": "o.order_id = po.order_id"}],
            "columns": ["o.order_id", "po.paid", "po.nope"],
            "target_table": {"name": "paid"},
        }
    )
    found = problems(spec, retail_catalog)
    assert list(found) == ["columns[2]"]
    assert "po.nope" in found["columns[2]"]


def test_require_valid_raises_one_error_with_all_problems(retail_catalog: Catalog) -> None:
    spec = spec_with(filters=["o.nope = 1", "c.nada = 2"])
    with pytest.raises(SpecError) as caught:
        spec.require_valid(retail_catalog)
    assert len(caught.value.problems) == 2
    assert "(and 1 more problem)" in caught.value.one_line()


@pytest.mark.parametrize(
    "injected",
    ["1=1; DROP TABLE customers", "o.amount > 0; DELETE FROM orders", "true; COMMIT"],
)
def test_an_expression_can_never_carry_a_statement(retail_catalog: Catalog, injected: str) -> None:
    found = problems(spec_with(filters=[injected]), retail_catalog)
    assert found["filters[0]"].startswith("parse_error")
    assert "statement" in found["filters[0]"]


def test_a_number_too_long_for_python_is_a_usage_error() -> None:
    with pytest.raises(UsageError, match="cannot be read: Exceeds the limit"):
        Spec.from_json('{"version": 1' + "0" * 5000 + "}")


def test_an_enormous_expression_is_refused_before_parsing(retail_catalog: Catalog) -> None:
    chain = "o.amount > 0 OR " * 2_000 + "TRUE"  # 32,004 characters
    found = problems(spec_with(filters=[chain]), retail_catalog)
    assert "parse_error" in found["filters[0]"] and "at most 10,000" in found["filters[0]"]
    fits = "o.amount > 0 OR " * 600 + "TRUE"  # 9,604 characters: still an expression
    assert "filters[0]" not in problems(spec_with(filters=[fits]), retail_catalog)
