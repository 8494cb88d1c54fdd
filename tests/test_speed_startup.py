"""What each command imports on its way to an answer: a permanent guard on start-up time.

Start-up on the sample is held to a minimal Typer app (target 4 of the speed
work); what decides it is what gets imported. Each command runs in a fresh
interpreter, and the modules it loaded beyond what the interpreter starts
with are pinned: no pydantic anywhere (Typer would build a pydantic adapter
per option), no jsonschema for a clean ledger, no index for ``validate``,
no SQLite without the index, and a warm look-up runs no check at all.
"""

from __future__ import annotations

import subprocess
import sys

import pytest
import typer
from conftest import REPO, clean_environ
from typer.core import TyperGroup

from claims_cli.cli import COMMAND_MODULES, COMMANDS, app


def _loaded(args: list[str], cache: str) -> tuple[int, str, set[str]]:
    """Run ``claims ARGS`` in a fresh interpreter: exit code, stderr and the modules it loaded."""
    code = (
        "import sys\n"
        "before = set(sys.modules)\n"
        f"sys.argv = ['claims', *{args!r}]\n"
        "from claims_cli.cli import main\n"
        "try:\n"
        "    main()\n"
        "except SystemExit as exc:\n"
        "    status = exc.code\n"
        "sys.stderr.write('\\nMODULES ' + ' '.join(set(sys.modules) - before))\n"
        "sys.exit(status)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        cwd=REPO,
        env=clean_environ(CLAIMS_CACHE_DIR=cache),
        check=False,
        timeout=60,
    )
    said, loaded = result.stderr.rsplit("\nMODULES ", 1)
    return result.returncode, said, set(loaded.split())


def _packages(modules: set[str]) -> set[str]:
    return {name.split(".")[0] for name in modules}


#: Never loaded by these commands on the sample.
NEVER = {"pydantic", "pydantic_core", "jsonschema", "referencing", "jsonschema_specifications"}
#: What only validation and export need.
VALIDATION = {"claims_cli.check.schema", "claims_cli.check.validate", "claims_cli.render.reports"}
EXPORTERS = {"claims_cli.render.exports", "claims_cli.render.markdown", "claims_cli.write.atomic"}
#: Reading, building and checking a ledger: a warm look-up does none of it.
CHECKING = {"claims_cli.check.pipeline", "claims_cli.check.rules", "claims_cli.check.schema"}
INDEX = {"claims_cli.index.ledger", "claims_cli.index.store", "claims_cli.index.stored"}


@pytest.fixture(scope="module")
def warm_cache(tmp_path_factory: pytest.TempPathFactory) -> str:
    """An index that knows the sample."""
    cache = str(tmp_path_factory.mktemp("cache"))
    assert _loaded(["list", "-f", "claims.yaml"], cache)[0] == 0
    return cache


@pytest.mark.parametrize(
    "args",
    [
        ["list", "-f", "claims.yaml", "-F", "ids"],
        ["list", "-f", "claims.yaml", "--tag", "trade", "--search", "tajik"],
        ["show", "-f", "claims.yaml", "trade-121m"],
        ["stats", "-f", "claims.yaml"],
    ],
    ids=" ".join,
)
def test_a_warm_look_up_reads_the_index_and_checks_nothing(
    args: list[str], warm_cache: str
) -> None:
    code, said, modules = _loaded(args, warm_cache)
    assert (code, said) == (0, "")
    assert modules >= INDEX
    assert modules.isdisjoint(CHECKING | VALIDATION | EXPORTERS)
    assert _packages(modules).isdisjoint(NEVER)


def test_a_plain_listing_draws_nothing_with_rich(warm_cache: str) -> None:
    code, _, modules = _loaded(["list", "-f", "claims.yaml", "-F", "ids"], warm_cache)
    assert code == 0
    assert "rich" not in _packages(modules)


def test_a_look_up_without_the_index_never_opens_sqlite(
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    cache = str(tmp_path_factory.mktemp("unused"))
    code, said, modules = _loaded(["--no-cache", "list", "-f", "claims.yaml", "-F", "ids"], cache)
    assert (code, said) == (0, "")
    assert "claims_cli.check.pipeline" in modules
    assert modules.isdisjoint(INDEX | VALIDATION | EXPORTERS)
    assert _packages(modules).isdisjoint(NEVER | {"sqlite3", "_sqlite3"})


def test_validate_loads_no_index_no_jsonschema_and_no_pydantic(
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    cache = str(tmp_path_factory.mktemp("unused"))
    code, said, modules = _loaded(["validate", "claims.yaml"], cache)
    assert code == 0, said
    assert {"claims_cli.check.pipeline", "claims_cli.check.schema"} <= modules
    assert modules.isdisjoint(INDEX | EXPORTERS)
    assert _packages(modules).isdisjoint(NEVER | {"sqlite3", "_sqlite3"})


ALL_COMMANDS = {f"claims_cli.cli.commands.{name}" for name in COMMAND_MODULES}


@pytest.mark.parametrize(
    ("args", "wanted"),
    [
        (["validate", "claims.yaml"], ("validate",)),
        (["--quiet", "--no-cache", "list", "-f", "claims.yaml", "-F", "ids"], ("lookup",)),
        (["source", "--help"], ("author", "sources")),
        (["--help"], COMMAND_MODULES),
        (["lsit"], COMMAND_MODULES),  # a near miss names every command
    ],
    ids=["validate", "flags then list", "source", "help", "no such command"],
)
def test_the_console_script_imports_only_the_command_it_runs(
    args: list[str], wanted: tuple[str, ...], tmp_path_factory: pytest.TempPathFactory
) -> None:
    cache = str(tmp_path_factory.mktemp("unused"))
    _, _, modules = _loaded(args, cache)
    assert modules & ALL_COMMANDS == {f"claims_cli.cli.commands.{name}" for name in wanted}


def test_every_command_word_names_the_modules_that_register_it() -> None:
    group = typer.main.get_command(app)
    assert isinstance(group, TyperGroup)
    found: dict[str, set[str]] = {}
    for name, command in group.commands.items():
        subcommands = command.commands.values() if isinstance(command, TyperGroup) else [command]
        for each in subcommands:
            assert each.callback is not None
            module = getattr(each.callback, "__module__", "")
            found.setdefault(name, set()).add(module.rsplit(".", 1)[-1])
    assert {name: set(modules) for name, modules in COMMANDS.items()} == found
