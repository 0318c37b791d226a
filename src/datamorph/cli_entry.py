"""The `datamorph` executable's entry point. It answers `--version` on its own: the CLI module
imports the engines, the run store and the planners (seconds on a busy machine), which a
version check has no use for. Anything else goes to `datamorph.cli.main`."""

from __future__ import annotations

import sys


def main() -> None:
    if sys.argv[1:] == ["--version"]:
        from importlib.metadata import version

        sys.stdout.write(f"datamorph {version('datamorph')}\n")
        return
    from datamorph.cli import main as cli_main

    cli_main()
