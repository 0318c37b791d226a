"""Keep the README and `--help` honest: every command the README shows exists and documents
its options, and every example spec in the repository checks clean against its schema."""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

import pytest

from datamorph.cli import main
from datamorph.spec import Spec

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text()
COMMANDS = sorted(set(re.findall(r"^\$ datamorph ((?:runs )?[a-z]+)", README, re.MULTILINE)))


def help_text(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, *args: str
) -> str:
    monkeypatch.setattr(sys, "argv", ["datamorph", *args, "--help"])
    with pytest.raises(SystemExit) as done:
        main()
    assert done.value.code == 0
    return capsys.readouterr().out


def test_readme_shows_the_commands() -> None:
    assert {"demo", "run", "compile", "catalog", "load", "runs list"} <= set(COMMANDS)
    assert "make demo" in README and "make test" in README


@pytest.mark.parametrize("command", COMMANDS)
def test_every_readme_command_has_help(
    command: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    text = help_text(capsys, monkeypatch, *command.split())
    assert "Usage" in text
    # Every option the README passes to this command is documented by its --help.
    used = re.findall(rf"^\$ datamorph {command} .*$", README, re.MULTILINE)
    for option in {o for line in used for o in re.findall(r"(--[a-z-]+)", line)}:
        assert option in text, f"README uses `{command} {option}`, which --help does not list"


def test_readme_spec_example_is_the_design_contract() -> None:
    block = re.search(r"```json\n(\{.*?\})\n```", README, re.DOTALL)
    assert block is not None
    spec = Spec.from_json(block.group(1))
    assert spec.target_table.name == "customer_order_summary"


def test_examples_check_clean() -> None:
    schema = json.loads((ROOT / "tests" / "specs" / "tpch_schema.json").read_text())
    for path in sorted((ROOT / "examples" / "tpch").glob("*.json")):
        assert Spec.load(path).check(schema) == [], path.name
