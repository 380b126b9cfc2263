"""``kiosk-content``: the curator's command line for content bundles.

    kiosk-content build SOURCE_DIR -o BUNDLE   build a bundle from its editable source
    kiosk-content export BUNDLE -o DIR         write a bundle back as editable source
    kiosk-content validate BUNDLE [--json] [--verbose]   check every rule (exit 0 / 1 / 2)
    kiosk-content info BUNDLE [--json]         title, languages (review status, completeness),
                                               version, counts, size, checksum
    kiosk-content publish BUNDLE DEST          validate, then replace DEST atomically
    kiosk-content import-people BUNDLE CSV     add or update people from a CSV file
    kiosk-content search-people BUNDLE QUERY   the kiosk's name search, from the command line

These are the content layer's commands (``import-people`` and ``search-people`` are in
``cli_people``; the exit codes and the one-line message in ``cli_output``). The program
``kiosk-content`` (the wheel's console script and the frozen build alike) is
kiosk.cli.content's group: ``command_group`` with these and the commands of the layers
above, which this one may not import (``stats``, in kiosk.ops).

Exit codes: 0 done (warnings allowed), 1 problems found or the command failed, 2 not a
readable bundle (and click's own usage errors). Whatever the input, the answer is a short
message, never a traceback (set KIOSK_CONTENT_DEBUG=1 to see one).
"""

from __future__ import annotations

import json
import os
import sqlite3
from collections.abc import Sequence
from contextlib import closing
from pathlib import Path
from typing import Any

import click

from kiosk import __version__
from kiosk.content.cli_output import EXIT_OK, EXIT_PROBLEMS, EXIT_UNREADABLE, PATH, fail
from kiosk.content.cli_people import import_people_command, search_people_command
from kiosk.content.fileio import locale_list, path_sha256
from kiosk.content.limits import MAX_ECHO_CHARS
from kiosk.content.locales import locale_statuses
from kiosk.content.publish import PublishError, publish
from kiosk.content.reader import BundleError, check_readable, open_bundle
from kiosk.content.source import BuildError, ExportError, build, export
from kiosk.content.source.import_people import ImportFailed
from kiosk.content.tables import CONTENT_TABLES
from kiosk.content.validate import Report, printable, shorten, validate_bundle


def _print_report(report: Report, verbose: bool = False) -> None:
    """Each problem a line; with ``verbose``, under a language's count of untranslated texts
    of a table, each of them."""
    for problem in report.problems:
        click.echo(str(problem))
        if verbose and problem.locale:
            for item in report.untranslated_in(problem.locale, problem.table):
                click.echo(f"    {item}")
            more = report.unlisted.get((problem.locale, problem.table), 0)
            if more:
                click.echo(f"    ... and {more:,} more")
    click.echo(report.summary())


@click.command("build")
@click.argument("source_dir", type=PATH)
@click.option("-o", "--output", "bundle", type=PATH, required=True, help="The bundle to write.")
def build_command(source_dir: Path, bundle: Path) -> int:
    """Build BUNDLE from the editable source folder SOURCE_DIR, then validate it.

    Nothing is written when the source has problems; each is listed with its file and line.
    Exit 1 when the source cannot be built or the built bundle has validation errors.
    """
    try:
        result = build(source_dir, bundle)
    except BuildError as exc:
        fail(f"cannot build {source_dir}: {len(exc.problems)} problem(s):")
        for problem in exc.problems:
            click.echo(f"  {problem}", err=True)
        return EXIT_PROBLEMS
    counts = ", ".join(f"{table} {n}" for table, n in result.counts.items())
    click.echo(f"built {result.bundle} ({counts})")
    report = validate_bundle(result.bundle)
    _print_report(report)
    if not report.ok:
        click.echo("the bundle was built, but `publish` will refuse it until the errors are fixed")
        return EXIT_PROBLEMS
    return EXIT_OK


@click.command("export")
@click.argument("bundle", type=PATH)
@click.option("-o", "--output", "out_dir", type=PATH, required=True, help="A new folder.")
def export_command(bundle: Path, out_dir: Path) -> int:
    """Write BUNDLE as an editable source folder at DIR (which must be new or empty)."""
    files = export(bundle, out_dir)
    click.echo(f"exported {bundle} to {out_dir} ({len(files)} files)")
    return EXIT_OK


@click.command("validate")
@click.argument("bundle", type=PATH)
@click.option("--json", "as_json", is_flag=True, help="Print the report as JSON.")
@click.option(
    "-v",
    "--verbose",
    is_flag=True,
    help="List each untranslated text under its language's line.",
)
def validate_command(bundle: Path, as_json: bool, verbose: bool) -> int:
    """Check BUNDLE against every rule the kiosk needs.

    Exit 0 when valid (warnings allowed), 1 when it has errors, 2 when it is not a readable
    bundle. Every problem names its table, row and field. Texts without a translation are
    counted in one line per table and language; --verbose lists them.
    """
    report = validate_bundle(bundle)
    if as_json:
        click.echo(report.to_json())
    elif not report.readable:
        fail(report.problems[0].message if report.problems else f"{bundle}: not readable")
    else:
        _print_report(report, verbose)
    if not report.readable:
        return EXIT_UNREADABLE
    return EXIT_OK if report.ok else EXIT_PROBLEMS


def bundle_info(path: Path) -> dict[str, Any]:
    """What ``info`` shows, read defensively. Raises BundleError for an unreadable bundle.

    Every text taken from the bundle is cut to ``MAX_ECHO_CHARS`` (and read no longer than
    that), with control characters replaced: a 50 MB title prints as one short line.
    """
    check_readable(path)
    info: dict[str, Any] = {"bundle": str(path)}
    echo = MAX_ECHO_CHARS + 1
    try:
        with closing(open_bundle(path)) as conn:
            row = conn.execute(
                f"SELECT substr(title, 1, {echo}) AS title, substr(subtitle, 1, {echo}) AS "
                f"subtitle, substr(default_locale, 1, {echo}) AS default_locale, "
                f"substr(content_version, 1, {echo}) AS content_version, "
                f"substr(visit_locale, 1, {echo}) AS visit_locale, "
                "substr(locales, 1, 10001) AS locales FROM exhibit ORDER BY id LIMIT 1"
            ).fetchone()
            exhibit = dict(row) if row is not None else {}
            info["schema"] = conn.execute("PRAGMA user_version").fetchone()[0]
            info["counts"] = {
                table: conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
                # an older bundle reads as if migrated: what it predates counts 0
                for table in CONTENT_TABLES
                if table != "exhibit"
            }
            languages = [s.to_dict() for s in locale_statuses(conn)]
    except sqlite3.Error as exc:
        raise BundleError(f"{path}: the database is damaged or incomplete ({exc})") from None
    for name in ("title", "subtitle", "default_locale", "visit_locale", "content_version"):
        value = exhibit.get(name)
        info[name] = "" if value is None else _echo(str(value))
    info["locales"] = [_echo(x) for x in locale_list(exhibit.get("locales"))[:50]]
    info["languages"] = [{**lang, "locale": _echo(str(lang["locale"]))} for lang in languages]
    try:
        info["size"] = path.stat().st_size
        info["sha256"] = path_sha256(path)
    except OSError as exc:
        raise BundleError(f"{path}: cannot be read ({exc.strerror or exc})") from None
    return info


def _echo(text: str) -> str:
    """A text from a bundle as ``info`` prints it: one short line, no control characters."""
    return printable(shorten(text, MAX_ECHO_CHARS))


def _language_line(language: dict[str, Any]) -> str:
    """``az  draft     100 of 100 texts translated (100%)`` (the default: the source)."""
    code, review = language["locale"], language["review"] or "not set"
    done, total = language["translated"], language["total"]
    if language["default"]:
        return f"{code:<4}{review:<10}{total:,} texts, the source of the others"
    share = 100 if total == 0 else done * 100 // total
    return f"{code:<4}{review:<10}{done:,} of {total:,} texts translated ({share}%)"


@click.command("info")
@click.argument("bundle", type=PATH)
@click.option("--json", "as_json", is_flag=True, help="Print the facts as JSON.")
def info_command(bundle: Path, as_json: bool) -> int:
    """Show BUNDLE's title, languages (each one's review status and how many of its texts are
    translated), content version, row counts, size and checksum."""
    info = bundle_info(bundle)
    if as_json:
        click.echo(json.dumps(info, ensure_ascii=False, indent=2))
        return EXIT_OK
    counts = info["counts"]
    click.echo(f"Title:           {info['title']}")
    click.echo(f"Subtitle:        {info['subtitle']}")
    click.echo(
        f"Languages:       {', '.join(info['locales']) or '(none)'} "
        f"(default {info['default_locale'] or '?'}"
        + (
            f"; visits start in {info['visit_locale']})"
            if info["visit_locale"] and info["visit_locale"] != info["default_locale"]
            else ")"
        )
    )
    for number, language in enumerate(info["languages"]):
        click.echo(f"{'Translations:' if number == 0 else '':<17}{_language_line(language)}")
    click.echo(f"Content version: {info['content_version']}")
    click.echo(f"Schema version:  {info['schema']}")
    click.echo("Contents:        " + ", ".join(f"{t} {n}" for t, n in counts.items()))
    click.echo(f"Size:            {info['size']:,} bytes")
    click.echo(f"SHA-256:         {info['sha256']}")
    return EXIT_OK


@click.command("publish")
@click.argument("bundle", type=PATH)
@click.argument("dest", type=PATH)
def publish_command(bundle: Path, dest: Path) -> int:
    """Validate BUNDLE, then replace the kiosk's bundle DEST with it in one atomic step.

    An invalid bundle is refused and DEST is left untouched. DEST may be a folder.
    """
    try:
        result = publish(bundle, dest)
    except PublishError as exc:
        if exc.report is not None and not exc.report.readable:
            fail(str(exc))
            return EXIT_UNREADABLE
        fail(str(exc))
        return EXIT_PROBLEMS
    warnings = result.report.warning_count
    click.echo(
        f"published {bundle} to {result.dest} ({result.size:,} bytes, sha256 "
        f"{result.sha256[:12]}…, {warnings} warning{'s' * (warnings != 1)})"
    )
    return EXIT_OK


CONTENT_COMMANDS: tuple[click.Command, ...] = (
    build_command,
    export_command,
    validate_command,
    info_command,
    publish_command,
    import_people_command,
    search_people_command,
)


def command_group(*more: click.Command) -> click.Group:
    """A ``kiosk-content`` group: the content commands, then ``more``.

    kiosk.cli.content makes the one group the program runs (with ``stats``); a new group each call,
    so no import elsewhere can change what a group holds.
    """

    @click.group(
        name="kiosk-content",
        commands=[*CONTENT_COMMANDS, *more],
        context_settings={"help_option_names": ["-h", "--help"]},
    )
    @click.version_option(__version__, prog_name="kiosk-content")
    def group() -> None:
        """Build, check, inspect and publish the kiosk's content bundles."""

    return group


# The content commands alone: what this layer's tests run (the program is kiosk.cli.content.cli).
cli = command_group()


def run(argv: Sequence[str] | None = None, group: click.Group | None = None) -> int:
    """Run ``group`` (the content commands alone by default) on ``argv`` and return its exit
    code; never lets a traceback through."""
    debug = os.environ.get("KIOSK_CONTENT_DEBUG") == "1"
    try:
        result = (group or cli).main(
            args=list(argv) if argv is not None else None,
            prog_name="kiosk-content",
            standalone_mode=False,
        )
    except click.exceptions.Exit as exc:
        return int(exc.exit_code)
    except SystemExit as exc:  # a command that ends itself with sys.exit(code)
        return exc.code if isinstance(exc.code, int) else EXIT_PROBLEMS
    except click.exceptions.Abort:
        fail("stopped")
        return EXIT_PROBLEMS
    except click.ClickException as exc:
        exc.show()
        return int(exc.exit_code)
    except KeyboardInterrupt:
        fail("interrupted")
        return 130
    except BundleError as exc:
        fail(str(exc))
        return EXIT_UNREADABLE
    except (BuildError, ExportError, PublishError, ImportFailed) as exc:
        fail(str(exc))
        return EXIT_PROBLEMS
    except OSError as exc:
        if debug:
            raise
        where = f"{exc.filename}: " if exc.filename else ""
        fail(f"{where}{exc.strerror or exc}")
        return EXIT_PROBLEMS
    except Exception as exc:
        if debug:
            raise
        fail(
            f"unexpected problem ({type(exc).__name__}: {exc}); nothing was published. "
            "Set KIOSK_CONTENT_DEBUG=1 for details"
        )
        return EXIT_UNREADABLE
    return int(result) if isinstance(result, int) else EXIT_OK
