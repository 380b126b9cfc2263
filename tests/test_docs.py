"""The README documents every command, flag and setting (an undocumented one fails here)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from kiosk.cli.kiosk import build_parser
from kiosk.content.cli import cli
from kiosk.ops.config import config_table_markdown
from kiosk.ui.backend.admin import ADMIN_EXIT_CODE

README = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")


def test_readme_opens_with_the_two_commands() -> None:
    """The first code block holds exactly the run command and the test command."""
    block = re.search(r"```sh\n(.*?)```", README, re.S)
    assert block is not None
    commands = [ln.split("#")[0].strip() for ln in block.group(1).splitlines() if ln.strip()]
    assert commands == ["./scripts/run-kiosk", "./scripts/test"]
    assert "scripts/test" in (Path(__file__).resolve().parents[1] / ".ci" / "run").read_text()


@pytest.mark.parametrize(
    "flag",
    sorted(
        {
            opt
            for action in build_parser()._actions
            for opt in action.option_strings
            if opt.startswith("--") and opt != "--help"
        }
    ),
)
def test_every_kiosk_flag_is_documented(flag: str) -> None:
    """Each `kiosk` flag appears in the README."""
    assert f"kiosk {flag}" in README or f"{flag} " in README


@pytest.mark.parametrize("command", [*sorted(cli.commands), "stats"])
def test_every_curator_command_is_documented(command: str) -> None:
    """Each `kiosk-content` command appears in the README with an example."""
    assert f"kiosk-content {command} " in README


def test_configuration_table_is_current() -> None:
    """The README's configuration table is the one the code documents."""
    assert config_table_markdown() in README


def test_admin_exit_code_is_documented() -> None:
    """The exit code the service manager must not restart is in the README's table."""
    assert f"| {ADMIN_EXIT_CODE} |" in README
