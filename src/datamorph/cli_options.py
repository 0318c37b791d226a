"""What every `datamorph` command shares, applied once at the root: an option that takes one
value refused when given twice, help texts that read as paragraphs, `--version`, and the exit
codes in the root's help. Registered by cli.py (`typer.Typer(cls=RootGroup)`)."""

from __future__ import annotations

import inspect
from collections import Counter
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Annotated, Any

import typer
from typer._click.core import Command, Context  # Typer's own copy of click
from typer._click.exceptions import ClickException
from typer.core import TyperGroup, TyperOption

from datamorph.errors import UsageError

EXIT_CODES = (
    "Exit codes: 0 completed (or the command did what it was asked); 1 the pipeline ran and "
    "did not complete (failed, needs attention, cancelled) or a validation failed; 2 bad input, "
    "nothing ran (an unknown table, a spec that does not check, an option given twice, a busy "
    "port); 3 an internal error, a bug: please report it; 130 interrupted (Ctrl-C), the run is "
    "left resumable."
)


class RootGroup(TyperGroup):
    """The root command: its whole tree's help made readable, repeated options refused."""

    def __init__(self, **attrs: Any) -> None:
        super().__init__(**attrs)
        for command in _tree(self):
            _tidy_help(command)

    def parse_args(self, ctx: Context, args: list[str]) -> list[str]:
        if not ctx.resilient_parsing:  # shell completion parses half-typed lines
            refuse_repeats(self, args, ctx.parent, ctx.info_name)
        return super().parse_args(ctx, args)


def _tree(command: Command) -> Iterator[Command]:
    yield command
    for child in getattr(command, "commands", {}).values():
        yield from _tree(child)


def _tidy_help(command: Command) -> None:
    """Docstrings are wrapped at 100 columns in the source; the command list would keep those
    line breaks. Each paragraph becomes one line, which the help wraps to the terminal. (The
    help is click's plain text, not Typer's Rich panels: those import Rich's markdown and
    traceback modules, a fifth of a second on every `--help`.)"""
    if command.help:
        command.help = _paragraphs(command.help)
    for param in command.params:
        text = getattr(param, "help", None)
        if text:
            param.help = _paragraphs(text)  # type: ignore[attr-defined]


def _paragraphs(text: str) -> str:
    blocks = inspect.cleandoc(text).split("\n\n")
    return "\n\n".join(" ".join(line.strip() for line in b.splitlines()) for b in blocks)


def refuse_repeats(
    command: Command, args: Sequence[str], parent: Context | None, name: str | None
) -> None:
    """UsageError when an option that takes one value is given more than once, in `command` or
    the subcommand the arguments go on to. Click keeps the last one silently; a second `--spec`
    is a mistake far more often than an override."""
    ctx = Context(command, parent=parent, info_name=name, resilient_parsing=True)
    try:
        _, rest, order = command.make_parser(ctx).parse_args(args=list(args))
    except ClickException:
        return  # malformed arguments: the real parse reports them, in its words
    seen = Counter(p for p in order if _takes_one_value(p))
    for param, times in seen.items():
        if times > 1:
            name = max(param.opts, key=len)
            count = "twice" if times == 2 else f"{times} times"
            raise UsageError(
                f"{name} given {count}; it takes one value",
                hint=f"keep one {name} (see `{ctx.command_path} --help`)",
            )
    if isinstance(command, TyperGroup) and rest:
        child = command.get_command(ctx, rest[0])
        if child is not None:
            refuse_repeats(child, rest[1:], ctx, rest[0])


def _takes_one_value(param: Any) -> bool:
    return (
        isinstance(param, TyperOption)
        and not (param.multiple or param.count or param.is_flag)
        and param.nargs == 1
    )


def print_version(value: bool) -> None:
    """`--version`: the installed package's version, without importing anything else."""
    if value:
        from importlib.metadata import version

        typer.echo(f"datamorph {version('datamorph')}")
        raise typer.Exit()


# Options several commands share, declared once.
DatabaseOpt = Annotated[
    str | None,
    typer.Option(
        "--database",
        "-d",
        help="DuckDB file, postgresql:// URL, or spark:MASTER / spark://HOST:PORT "
        "(default: the demo database).",
    ),
]
JsonOpt = Annotated[bool, typer.Option("--json", help="Print one JSON object and nothing else.")]
SpecOpt = Annotated[Path, typer.Option("--spec", "-s", help="Spec JSON file.")]
LlmOpt = Annotated[
    str | None,
    typer.Option(
        "--llm",
        help="provider:model (anthropic, bedrock, openai); default DATAMORPH_LLM, "
        "else the offline planner.",
    ),
]
SamplesOpt = Annotated[
    bool, typer.Option("--samples/--no-samples", help="Send sample rows to the LLM.")
]
TargetOpt = Annotated[str | None, typer.Option(help="Name of the output table.")]
