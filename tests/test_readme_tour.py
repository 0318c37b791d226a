"""The README's tour runs as written, in a fresh project directory (the sqlite-utils habit).

What a block is:
- every ```console block of README.md is a list of commands (lines starting with `$ `), each
  followed by the output the README shows for it (the lines up to the next `$ `);
- `<!-- tour: skip: REASON -->` on the line before the fence skips the block; the reason is
  required (a server, a model, Spark or a recursive `make test`), and skips are kept few.
  Other blocks (```bash, ```python, ```json) are not run here.

How a command runs: through bash, from a temporary directory holding a copy of `examples/`
(nothing else of the repository), with the virtualenv's `bin/` first on PATH, no DATAMORPH_*
variable and no user config file, 200 columns so Rich does not wrap. The blocks run in README
order, so the first command (`datamorph demo`) builds the demo database the rest rely on.
`RUN_ID` and `INCIDENT_ID` in a command stand for an id printed earlier: the first one in the
most recent output that shows one (listings print the newest first).

What is compared, the output's shape and not its every character:
- the exit status: 0, unless the command's trailing comment says `exit N`;
- every output line the README shows must be a line of the output. Both sides are
  normalised first: whitespace runs collapse (so column widths do not matter), run ids,
  incident ids, timestamps, durations and rates become placeholders, the project directory's
  absolute path is dropped, and `...` in a README line matches anything. A line that is only
  `...` is not compared;
- a command with `--json` prints JSON on stdout and nothing else.
The output searched is stdout and stderr together, with ANSI codes removed and carriage returns
read as line ends: progress on stderr (spinners, bars, redrawn lines) adds lines that the README
does not show, which the comparison ignores, so progress can never break it, while a line the
README promises is found whichever stream carries it.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
README = ROOT / "README.md"
BIN = Path(sys.executable).parent  # the virtualenv's bin/: datamorph lives beside python
SKIP = re.compile(r"<!--\s*tour:\s*skip:\s*(?P<reason>\S.*?)\s*-->")
EXIT = re.compile(r"#.*\bexit (?P<code>\d)\b")
ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")
RUN_ID = re.compile(r"\b\d{8}-\d{6}-[0-9a-f]{6}\b")
INCIDENT_ID = re.compile(r"\binc-\d{8}-[0-9a-f]{6}\b")
# Whatever differs between two runs of the same command, as (pattern, placeholder) in order.
VOLATILE = [
    (INCIDENT_ID, "<incident>"),
    (RUN_ID, "<run>"),
    (re.compile(r"\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?([+-]\d{2}:?\d{2}|Z)?"), "<t>"),
    (re.compile(r"\b\d{2}-\d{2} \d{2}:\d{2}(:\d{2})?\b"), "<t>"),  # `runs list`: 12-07 11:04:29
    (re.compile(r"\b\d{2}:\d{2}:\d{2}(\.\d+)?\b"), "<t>"),
    (re.compile(r"\b[\d,]+ rows/s\b"), "<rate>"),
    (re.compile(r"\b\d+(\.\d+)? ?(ms|s)\b"), "<duration>"),
]


@dataclass
class Command:
    line: int  # in README.md, for the failure message
    text: str
    shown: list[str] = field(default_factory=list)

    @property
    def expected_exit(self) -> int:
        found = EXIT.search(self.text)
        return int(found.group("code")) if found else 0


@dataclass
class Block:
    line: int
    language: str
    body: list[str]
    skip: str | None

    def commands(self) -> list[Command]:
        commands: list[Command] = []
        for offset, text in enumerate(self.body):
            if text.startswith("$ "):
                commands.append(Command(self.line + 1 + offset, text[2:].strip()))
            elif commands:
                commands[-1].shown.append(text)
        return commands


def readme_blocks(text: str) -> list[Block]:
    """Every fenced block, with its language and the skip marker above it (if any)."""
    blocks: list[Block] = []
    lines = text.splitlines()
    index = 0
    while index < len(lines):
        fence = re.match(r"^```(\w*)\s*$", lines[index])
        if fence is None:
            index += 1
            continue
        end = next(i for i in range(index + 1, len(lines)) if lines[i].startswith("```"))
        marker = SKIP.search(lines[index - 1]) if index else None
        reason = marker.group("reason") if marker else None
        blocks.append(Block(index + 1, fence.group(1), lines[index + 1 : end], reason))
        index = end + 1
    return blocks


def normalise(line: str, project: Path) -> str:
    line = line.replace(f"{project}/", "").replace(str(project), ".")
    for pattern, placeholder in VOLATILE:
        line = pattern.sub(placeholder, line)
    return " ".join(line.split())


def shown_pattern(line: str, project: Path) -> re.Pattern[str]:
    """A README line as a pattern: `...` matches anything, the rest literally."""
    parts = normalise(line, project).split("...")
    return re.compile(".*".join(re.escape(part) for part in parts))


def output_lines(text: str, project: Path) -> list[str]:
    plain = ANSI.sub("", text).replace("\r", "\n")
    return [normalise(line, project) for line in plain.splitlines()]


class Tour:
    """The project directory, its environment, and the ids printed so far."""

    def __init__(self, project: Path) -> None:
        self.project = project
        self.env = {k: v for k, v in os.environ.items() if not k.startswith("DATAMORPH_")}
        self.env |= {
            "PATH": f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}",
            "XDG_CONFIG_HOME": str(project / ".config"),  # no user config file
            "COLUMNS": "200",
            "TERM": "dumb",
        }
        self.last_ids: dict[str, str] = {}

    def substitute(self, command: str) -> str:
        for name in ("RUN_ID", "INCIDENT_ID"):
            if name in command:
                assert name in self.last_ids, f"{name} is used before any output showed one"
                command = command.replace(name, self.last_ids[name])
        return command

    def remember_ids(self, output: str) -> None:
        for name, pattern in (("RUN_ID", RUN_ID), ("INCIDENT_ID", INCIDENT_ID)):
            found = pattern.search(output)
            if found:
                self.last_ids[name] = found.group(0)

    def run(self, command: Command) -> list[str]:
        """Run one command; the differences from what the README shows (empty: none)."""
        done = subprocess.run(
            self.substitute(command.text),
            shell=True,
            executable="/bin/bash",
            cwd=self.project,
            env=self.env,
            stdin=subprocess.DEVNULL,  # never a terminal: nothing may wait for an answer
            capture_output=True,
            text=True,
            timeout=120,
        )
        where = f"README.md:{command.line} `{command.text}`"
        self.remember_ids(done.stdout + "\n" + done.stderr)
        problems: list[str] = []
        if done.returncode != command.expected_exit:
            problems.append(
                f"{where}: exit {done.returncode}, README says {command.expected_exit}\n"
                f"stdout: {done.stdout[-1500:]}\nstderr: {done.stderr[-1500:]}"
            )
        if "--json" in command.text.split(" #")[0]:  # not a mention in the comment
            problems += [f"{where}: {p}" for p in json_only(done.stdout)]
        lines = output_lines(done.stdout + "\n" + done.stderr, self.project)
        for shown in command.shown:
            if shown.strip() in ("", "..."):
                continue
            pattern = shown_pattern(shown, self.project)
            if not any(pattern.fullmatch(line) for line in lines):
                problems.append(
                    f"{where}: no output line matches the README's\n  {shown.strip()}\n"
                    "output:\n  " + "\n  ".join(line for line in lines if line)
                )
        return problems


def json_only(stdout: str) -> list[str]:
    """stdout under --json: one JSON document, or JSON Lines, and nothing else."""
    try:
        json.loads(stdout)
        return []
    except json.JSONDecodeError:
        pass
    bad = []
    for line in stdout.splitlines():
        try:
            json.loads(line)
        except json.JSONDecodeError:
            bad.append(f"--json printed a line that is not JSON: {line[:200]!r}")
    return bad or ([] if stdout.strip() else ["--json printed nothing on stdout"])


@pytest.fixture
def tour(tmp_path: Path) -> Tour:
    project = tmp_path / "project"
    project.mkdir()
    shutil.copytree(ROOT / "examples", project / "examples")
    return Tour(project)


@pytest.mark.slow
def test_the_readme_tour_runs_as_written(tour: Tour) -> None:
    assert (BIN / "datamorph").exists(), f"no datamorph beside {sys.executable}"
    blocks = readme_blocks(README.read_text())
    problems: list[str] = []
    ran = 0
    for block in blocks:
        if block.skip is not None or block.language != "console":
            continue
        for command in block.commands():
            problems += tour.run(command)
            ran += 1
    assert not problems, "\n\n".join(problems)
    assert ran >= 20, f"only {ran} README commands ran: is the block convention still used?"


def test_skipped_blocks_are_few_and_say_why() -> None:
    text = README.read_text()
    blocks = [b for b in readme_blocks(text) if b.language == "console"]
    skipped = [b for b in blocks if b.skip is not None]
    assert len(skipped) <= 5, [b.line for b in skipped]
    # a marker that does not parse would silently run (or silently not skip) its block
    assert text.count("<!-- tour:") == len(skipped), "a `<!-- tour: ... -->` marker is misspelt"


def test_the_tour_uses_files_that_exist() -> None:
    commands = [
        c.text for b in readme_blocks(README.read_text()) if b.skip is None for c in b.commands()
    ]
    used = {m for c in commands for m in re.findall(r"\bexamples/[\w./-]+", c)}
    assert used, "the tour uses no example file"
    missing = sorted(u for u in used if not (ROOT / u).exists())
    assert not missing, f"the README tour uses files that are not in the repository: {missing}"


def test_every_environment_variable_is_documented() -> None:
    code = "\n".join(p.read_text() for p in (ROOT / "src").rglob("*.py"))
    # names a setting or os.environ reads, not the code tables named DATAMORPH_CHECKS etc.
    read = set(re.findall(r"[\"'](DATAMORPH_[A-Z0-9_]+)[\"']", code))
    assert {"DATAMORPH_HOME", "DATAMORPH_DATABASE", "DATAMORPH_API_TOKEN"} <= read
    # and the model providers' and AWS's own, which the code reads by name
    read |= set(re.findall(r"[\"']((?:ANTHROPIC|OPENAI|AWS)_[A-Z0-9_]+)[\"']", code))
    assert {"ANTHROPIC_API_KEY", "OPENAI_BASE_URL", "AWS_REGION"} <= read
    text = README.read_text()
    missing = sorted(name for name in read if f"`{name}`" not in text)
    assert not missing, f"README's configuration does not list {missing}"


def test_local_links_point_inside_the_repository() -> None:
    text = README.read_text()
    targets = re.findall(r"\]\(([^)#\s]+)(?:#[^)]*)?\)", text)
    local = [t for t in targets if "://" not in t]
    assert local, "no local links found: has the link syntax changed?"
    missing = [t for t in local if not (ROOT / t).exists()]
    assert not missing, f"README links to files that are not in the repository: {missing}"
    assert "DESIGN.md" not in text.replace("docs/design.md", ""), "DESIGN.md lives in docs/"
