"""``claims add``, ``set``, ``source add`` and ``rm``: authoring from the terminal.

Every claim and source field is an option, derived from the model
(:func:`claims_cli.model.shape_of`): a field of ``attribution`` or ``value``
is an option of its own (``--source``, ``--amount``), a list is a repeatable
option in the singular (``--tag``), ``checked`` is ``--checked-by``. Each
edit is made by :func:`claims_cli.write.transaction.edit_ledger`: locked,
validated as a whole ledger, written atomically, or refused with the errors.
"""

from __future__ import annotations

import functools
import typing
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Annotated, Any

import typer

from claims_cli.cli.app import ClaimsCommand, command, command_group, environment
from claims_cli.cli.common import Output
from claims_cli.cli.ledger import claim_files
from claims_cli.cli.options import FilesOption, options_in_place_of, paths
from claims_cli.cli.usage import UsageError, choice
from claims_cli.environment import Environment
from claims_cli.exitcodes import ExitStatus
from claims_cli.model import CLAIM_FIELDS, Claim, FieldShape, Source, shape_of

if TYPE_CHECKING:
    from claims_cli.write.transaction import Outcome, Workspace

_F = typing.TypeVar("_F", bound=Callable[..., Any])

#: Records whose fields are options of their own, and the prefix their flags take.
_FLATTENED = {"attribution": "", "value": "", "checked": "checked-"}
_PANEL = "Fields"


@dataclass(frozen=True)
class FieldOption:
    """One option that sets one field of a record (``--claimant`` sets ``attribution.claimant``)."""

    param: str
    flag: str
    path: tuple[str, ...]
    shape: FieldShape

    @property
    def repeatable(self) -> bool:
        return self.shape.kind == "texts"


def _singular(name: str) -> str:
    if name.endswith("ies"):
        return name[:-3] + "y"
    return name[:-1] if name.endswith("s") else name


def field_options(record: type) -> tuple[FieldOption, ...]:
    """The options of every field of ``record`` the command line can set directly."""
    found: list[FieldOption] = []
    for name, shape in shape_of(record).items():
        if shape.kind == "record" and name in _FLATTENED and shape.record is not None:
            for inner, inner_shape in shape_of(shape.record).items():
                if inner_shape.kind == "record":  # an anchor: claims locate --write makes it
                    continue
                flag = _FLATTENED[name] + inner
                found.append(_option(flag, (name, inner), inner_shape))
        elif shape.kind in ("text", "number", "choice"):
            found.append(_option(name, (name,), shape))
        elif shape.kind == "texts":
            found.append(_option(_singular(name), (name,), shape))
    return tuple(found)


def _option(flag: str, path: tuple[str, ...], shape: FieldShape) -> FieldOption:
    flag = _singular(flag) if flag == "notes" else flag
    return FieldOption(flag.replace("-", "_"), "--" + flag.replace("_", "-"), path, shape)


CLAIM_OPTIONS = field_options(Claim)
SOURCE_OPTIONS = field_options(Source)


def _help(item: FieldOption) -> str:
    shape = item.shape
    text = shape.spec.get("description") or f"The {'.'.join(item.path)} field."
    if shape.kind == "choice":
        text += " One of: " + ", ".join(str(c) for c in shape.choices) + "."
    if item.repeatable:
        text += " Repeatable."
    return str(text)


def _typer_option(item: FieldOption) -> Any:
    metavar = "TEXT"
    if item.shape.kind == "choice":
        metavar = item.flag[2:].upper().replace("-", "_")
    elif item.shape.kind == "number":
        metavar = "NUMBER"
    return typer.Option(
        item.flag,
        metavar=metavar,
        help=_help(item),
        show_default=False,
        rich_help_panel=_PANEL,
    )


def with_fields(options: Sequence[FieldOption]) -> Callable[[_F], _F]:
    """Give a command one option per field, passed to it as ``fields: dict[param, value]``."""

    def decorate(command: _F) -> _F:
        fields = [
            (
                item.param,
                Annotated[list[str] | None if item.repeatable else str | None, _typer_option(item)],
            )
            for item in options
        ]
        return options_in_place_of(command, "fields", fields, lambda values: values)

    return decorate


# --- values -------------------------------------------------------------------------


def printable(option: str, text: str) -> str:
    """``text`` if it holds no control character a claim file refuses (E117), else UsageError."""
    from claims_cli.read.yaml_events import _CONTROL

    control = _CONTROL.search(text)
    if control:
        raise UsageError(
            f"control character U+{ord(control[0]):04X} in the value; claim files hold "
            "printable text only (tabs and line breaks aside)",
            option=option,
        )
    return text


def field_value(item: FieldOption, text: str) -> Any:
    """The value of ``text`` for the field of ``item``, or a :class:`UsageError`."""
    printable(item.flag, text)
    shape = item.shape
    if shape.kind == "choice":
        allowed = [str(c) for c in shape.choices]
        picked = choice(item.flag, text, allowed)
        return shape.choices[allowed.index(picked)]
    if shape.kind == "number":
        from claims_cli.write.authoring import parse_amount

        try:
            return parse_amount(text.strip())
        except ValueError as error:
            raise UsageError(str(error), option=item.flag) from None
    if not text.strip() and shape.spec.get("non_empty"):
        raise UsageError("needs some text", option=item.flag)
    return text


def record_from(options: Sequence[FieldOption], given: Mapping[str, Any]) -> dict[str, Any]:
    """The nested record the given option values spell out (options not given left out)."""
    record: dict[str, Any] = {}
    for item in options:
        raw = given.get(item.param)
        if raw is None or raw == []:
            continue
        if item.repeatable:
            value: Any = [field_value(item, text) for text in raw]
        else:
            value = field_value(item, raw)
        target = record
        for part in item.path[:-1]:
            target = target.setdefault(part, {})
        target[item.path[-1]] = value
    return record


def _by_path(options: Sequence[FieldOption]) -> dict[tuple[str, ...], FieldOption]:
    return {item.path: item for item in options}


def _missing(
    options: Sequence[FieldOption], record: Mapping[str, Any], record_type: type
) -> list[FieldOption]:
    """The options of required fields that ``record`` lacks (ids are made when missing)."""
    lacking: list[FieldOption] = []
    table = _by_path(options)
    for name, shape in shape_of(record_type).items():
        if name == "id" and record_type is Claim:
            continue
        nested = shape.kind == "record" and shape.record is not None
        if nested and (shape.required or name in record) and shape.record is not None:
            for inner, inner_shape in shape_of(shape.record).items():
                if inner_shape.required and inner not in record.get(name, {}):
                    lacking.append(table[(name, inner)])
        elif shape.required and name not in record and (name,) in table:
            lacking.append(table[(name,)])
    return lacking


# --- running an edit ---------------------------------------------------------------


def _run_edit(
    env: Environment,
    files: list[str],
    change: Callable[[Workspace], None],
    *,
    dry_run: bool = False,
) -> tuple[ExitStatus, Outcome | None]:
    from claims_cli.render.reports import format_diagnostic
    from claims_cli.write.edits import EditError
    from claims_cli.write.lock import LockTimeout
    from claims_cli.write.transaction import edit_ledger

    out = Output(env)
    found = claim_files(env, files)
    try:
        outcome = edit_ledger(
            found, change, today=env.today, max_bytes=env.max_file_bytes, dry_run=dry_run
        )
    except EditError as error:
        where = f" (line {error.line})" if error.line else ""
        out.say(f"{error}{where}; nothing was written")
        return ExitStatus.PROBLEMS, None
    except (LockTimeout, OSError) as error:
        out.say(f"{error.strerror or error}; nothing was written")
        return ExitStatus.PROBLEMS, None
    if outcome.unreadable:
        status = out.refuse(
            outcome.errors,
            "not written: the ledger has {errors} in files that cannot be read; fix them first",
        )
        return status, outcome
    if outcome.errors:
        closing = (
            "not written: the edit would add {errors} to the ledger's own; every file is as it was"
            if outcome.errors_before
            else "not written: the edit would leave the ledger with {errors}; "
            "every file is as it was"
        )
        return out.refuse(outcome.errors, closing), outcome
    for warning in outcome.warnings:
        env.stderr.write(format_diagnostic(warning) + "\n")
    if outcome.errors_before:
        from claims_cli.render.wording import count_of

        fixed = f"fixed {count_of(outcome.fixed, 'error')}; " if outcome.fixed > 0 else ""
        still = len(outcome.remaining)
        rest = (
            f"the ledger still has {count_of(still, 'error')} it had before "
            "(claims validate lists them)"
            if still
            else "the ledger has no errors now"
        )
        out.say(fixed + rest)
    return ExitStatus.OK, outcome


# --- claims init ----------------------------------------------------------------------------

CI_CHOICES = ("github", "pre-commit")


@dataclass(frozen=True, kw_only=True)
class InitRequest:
    """What ``claims init`` was asked for."""

    directory: str
    ci: tuple[str, ...] = ()


def run_init(request: InitRequest, env: Environment) -> ExitStatus:
    """Write a starter ledger and its schema (and CI set-ups); never overwrite anything.

    With ``--ci`` in a folder that already holds a ``claims.yaml``, only the CI
    set-ups are written and the ledger's files are left as they are.
    """
    from pathlib import Path

    from claims_cli import __version__
    from claims_cli.check.schema import schema_text
    from claims_cli.write import starter
    from claims_cli.write.atomic import write_atomic
    from claims_cli.write.edits import EditError

    out = Output(env)
    folder = Path(request.directory)
    folder = folder if folder.is_absolute() else env.cwd / folder
    shown = Path(request.directory)
    planned: dict[str, str] = {
        "claims.yaml": starter.ledger_text(env.today),
        "schema.json": schema_text(),
    }
    if "github" in request.ci:
        requirement = f"claims-cli @ git+https://github.com/OWNER/claims@v{__version__}"
        planned[".github/workflows/claims.yml"] = starter.workflow_text(requirement)
    # An existing ledger can still get its CI set-up: its own files are left alone.
    kept: list[str] = []
    if request.ci and (folder / "claims.yaml").exists():
        kept = [name for name in ("claims.yaml", "schema.json") if (folder / name).exists()]
        del planned["claims.yaml"], planned["schema.json"]
    existing = [name for name in planned if (folder / name).exists()]
    if existing:
        names = ", ".join(str(shown / name) for name in existing)
        out.say(f"init: {names} already there; nothing was written")
        return ExitStatus.PROBLEMS
    hooks = folder / ".pre-commit-config.yaml"
    if "pre-commit" in request.ci:
        if hooks.exists():
            text = hooks.read_text("utf-8")
            if "claims-validate" in text:
                out.say(f"init: {shown / hooks.name} already has a claims-validate hook")
                return ExitStatus.PROBLEMS
            try:
                planned[hooks.name] = starter.pre_commit_text(text)
            except EditError as error:
                where = f" (line {error.line})" if error.line else ""
                out.say(f"init: {shown / hooks.name}: {error}{where}; nothing was written")
                return ExitStatus.PROBLEMS
        else:
            planned[hooks.name] = starter.pre_commit_text(None)
    try:
        for name, text in planned.items():
            target = folder / name
            target.parent.mkdir(parents=True, exist_ok=True)
            write_atomic(target, [text])
    except OSError as error:
        out.say(f"init: cannot write {error.filename}: {error.strerror}")
        return ExitStatus.PROBLEMS
    for name in planned:
        out.write(f"{shown / name}\n")
    if kept:
        names = ", ".join(str(shown / name) for name in kept)
        out.say(f"init: {names} already there; left as they were, wrote the CI set-up only")
        return ExitStatus.OK
    out.say("a starter ledger is ready: try claims validate, claims source add, claims add")
    return ExitStatus.OK


@command("init")
def init(
    ctx: typer.Context,
    directory: Annotated[
        str,
        typer.Argument(metavar="DIR", help="Where to start the ledger. Default: here."),
    ] = ".",
    ci: Annotated[
        list[str] | None,
        typer.Option(
            "--ci",
            metavar="KIND",
            help="Also set up checks: github (an Actions workflow that validates with "
            "annotations and uploads SARIF) or pre-commit (a hook in .pre-commit-config.yaml, "
            "created or extended). Repeatable.",
            show_default=False,
        ),
    ] = None,
) -> ExitStatus:
    """Start a ledger: claims.yaml with an example source and claim, and schema.json beside it.

    Refuses to overwrite anything. With --ci where a claims.yaml already is,
    writes only the CI set-up and leaves the ledger as it is.
    """
    from claims_cli.cli.usage import choices

    request = InitRequest(directory=directory, ci=choices("--ci", ci, CI_CHOICES))
    return run_init(request, environment(ctx))


# --- claims add ----------------------------------------------------------------------


def _ask_missing(
    env: Environment, lacking: Sequence[FieldOption], record: dict[str, Any], files: list[str]
) -> None:
    """Ask on the terminal for each missing field, offering what the ledger already holds."""
    from claims_cli.cli.ledger import open_checked
    from claims_cli.cli.terminal.prompt import Prompter

    ledger = open_checked(env, claim_files(env, files))
    offers: dict[tuple[str, ...], list[str]] = {
        ("attribution", "source"): [s.id for s in ledger.sources],
        ("attribution", "claimant"): sorted(
            {c.attribution.claimant for c in ledger.claims if c.attribution.claimant}
        ),
        ("tags",): sorted({t for c in ledger.claims for t in c.tags}),
    }
    prompter = Prompter(env)
    for item in lacking:
        shape = item.shape
        offered = [str(c) for c in shape.choices] or offers.get(item.path, [])
        answer = prompter.ask(
            " ".join(item.path[-1].split("_")),
            option=item.flag,
            offers=offered,
            check=functools.partial(field_value, item),
        )
        target = record
        for part in item.path[:-1]:
            target = target.setdefault(part, {})
        target[item.path[-1]] = field_value(item, answer)


def _with_value_text(record: dict[str, Any], value: str | None) -> None:
    if value is None:
        return
    from claims_cli.write.authoring import parse_value

    printable("--value", value)
    if "amount" in record.get("value", {}) or "unit" in record.get("value", {}):
        raise UsageError("give --value or --amount/--unit, not both", option="--value")
    try:
        amount, unit = parse_value(value)
    except ValueError as error:
        raise UsageError(str(error), option="--value") from None
    record.setdefault("value", {}).update(amount=amount, unit=unit)


def _evidence(texts: Sequence[str] | None) -> list[dict[str, str]]:
    """``--evidence SOURCE:STANCE[:NOTE]`` as evidence records."""
    from claims_cli.model import STANCES

    found: list[dict[str, str]] = []
    for text in texts or ():
        printable("--evidence", text)
        source, _, rest = text.partition(":")
        stance, _, note = rest.partition(":")
        if not source or not stance:
            raise UsageError(
                f"'{text}' is not SOURCE:STANCE[:NOTE] (e.g. wire-2022:supports)",
                option="--evidence",
            )
        item = {"source": source, "stance": choice("--evidence", stance, STANCES)}
        if note:
            item["note"] = note
        found.append(item)
    return found


EvidenceOption = Annotated[
    list[str] | None,
    typer.Option(
        "--evidence",
        metavar="SOURCE:STANCE[:NOTE]",
        help="Evidence: a source id, its stance (supports, refutes, context) and a note. "
        "Repeatable.",
        show_default=False,
        rich_help_panel=_PANEL,
    ),
]
ValueOption = Annotated[
    str | None,
    typer.Option(
        "--value",
        metavar="AMOUNT UNIT",
        help=(
            "The value as one text, e.g. '121 million USD' (instead of --amount and --unit):"
            " one number (digits 0-9, sign, point, exponent), a space, then the unit."
        ),
        show_default=False,
        rich_help_panel=_PANEL,
    ),
]
DryRunOption = Annotated[
    bool,
    typer.Option(
        "--dry-run",
        metavar="",
        help="Print what would be added; write nothing.",
        show_default=False,
    ),
]
IntoOption = Annotated[
    str | None,
    typer.Option(
        "--into",
        metavar="PATH",
        help="The file of the ledger that new records go to. Default: the file holding "
        "the claim's source, else the first file.",
        show_default=False,
    ),
]


@dataclass(frozen=True, kw_only=True)
class AddRequest:
    """What ``claims add`` was asked for."""

    files: list[str]
    claims: list[dict[str, Any]]
    sources: list[dict[str, Any]]
    into: str | None = None
    dry_run: bool = False


def run_add(request: AddRequest, env: Environment) -> ExitStatus:
    """Add the claims (and sources) in one validated write."""
    from claims_cli.write import emit
    from claims_cli.write.authoring import add_records

    added: list[str] = []

    def change(work: Workspace) -> None:
        into = _display_of(work, request.into)
        added.extend(add_records(work, claims=request.claims, sources=request.sources, into=into))

    status, outcome = _run_edit(env, request.files, change, dry_run=request.dry_run)
    if status != ExitStatus.OK or outcome is None:
        return status
    out = Output(env)
    if request.dry_run:
        out.write(_added_text(outcome.changed, added, emit))
        return ExitStatus.OK
    where = ", ".join(outcome.changed)
    for record_id in added:
        out.write(f"{record_id}\n")
    out.say(f"added {', '.join(added)} to {where}")
    return ExitStatus.OK


def _display_of(work: Workspace, into: str | None) -> str | None:
    """The display name of the file ``--into`` names (as a path or as displayed)."""
    if into is None:
        return None
    from pathlib import Path

    wanted = Path(into).resolve() if not Path(into).is_absolute() else Path(into)
    for item in work.files:
        if item.display == into or item.path.resolve() == wanted:
            return item.display
    return into


def _added_text(changed: Mapping[str, str], added: Sequence[str], emit: Any) -> str:
    """What ``--dry-run`` prints: each changed file's new records, as they would be written."""
    from claims_cli.read.yaml_events import parse_text

    lines: list[str] = []
    for name, text in changed.items():
        data = parse_text(text, name).data
        lines.append(f"# {name}")
        for section in ("sources", "claims"):
            records = [r for r in data.get(section) or [] if r.get("id") in added]
            if records:
                lines.append(f"{section}:")
                lines.extend("  " + line for line in emit.sequence(records))
    return "\n".join(lines) + "\n"


FromOption = Annotated[
    str | None,
    typer.Option(
        "--from",
        metavar="FILE",
        help="Add the claims (and sources) of a YAML or JSON Lines file (- reads standard "
        "input): a list of claims, or a mapping with claims and sources.",
        show_default=False,
    ),
]


@command("add")
@with_fields(CLAIM_OPTIONS)
def add(
    ctx: typer.Context,
    fields: dict[str, Any],
    value: ValueOption = None,
    evidence: EvidenceOption = None,
    from_file: FromOption = None,
    into: IntoOption = None,
    dry_run: DryRunOption = False,
    files: FilesOption = None,
) -> ExitStatus:
    """Add a claim: every field is an option; on a terminal, missing ones are asked for.

    The id is made from the claim's text unless --id is given. Without a
    terminal, a missing required field is a usage error that lists them all.
    """
    env = environment(ctx)
    ledger_files = paths(files)
    if from_file is not None:
        claims, sources = _records_of(env, from_file)
        request = AddRequest(
            files=ledger_files, claims=claims, sources=sources, into=into, dry_run=dry_run
        )
        return run_add(request, env)
    record = record_from(CLAIM_OPTIONS, fields)
    _with_value_text(record, value)
    if evidence:
        record["evidence"] = _evidence(evidence)
    lacking = _missing(CLAIM_OPTIONS, record, Claim)
    if lacking:
        if not (env.stdin_isatty and env.stdout_isatty):
            flags = ", ".join(item.flag for item in lacking)
            raise UsageError(f"add: missing {flags} (on a terminal, claims asks for them)")
        _ask_missing(env, lacking, record, ledger_files)
    request = AddRequest(
        files=ledger_files, claims=[record], sources=[], into=into, dry_run=dry_run
    )
    return run_add(request, env)


def _records_of(env: Environment, name: str) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """The claims and sources of a ``--from`` file."""
    from pathlib import Path

    from claims_cli.write.authoring import RecordsError, records_from_text

    try:
        if name == "-":
            raw = env.stdin.buffer.read(env.max_file_bytes + 1)
            shown = "<stdin>"
        else:
            path = Path(name) if Path(name).is_absolute() else env.cwd / name
            raw = path.read_bytes()
            shown = name
    except OSError as error:
        raise UsageError(f"cannot read '{name}': {error.strerror}", option="--from") from None
    try:
        return records_from_text(raw, shown, max_bytes=env.max_file_bytes)
    except RecordsError as error:
        raise UsageError(str(error), option="--from") from None


def _removed(top: Mapping[str, Any]) -> list[tuple[str, None]]:
    """The fields of ``top`` that are to be removed, as (name, None) pairs."""
    return [(name, None) for name, value in top.items() if value is None or value == []]


# --- claims set ------------------------------------------------------------------------

UnsetOption = Annotated[
    list[str] | None,
    typer.Option(
        "--unset",
        metavar="FIELD",
        help=(
            "Remove an optional field (e.g. notes, value, evidence, attribution.locator)."
            " Repeatable."
        ),
        show_default=False,
    ),
]


@dataclass(frozen=True, kw_only=True)
class SetRequest:
    """What ``claims set`` was asked for."""

    files: list[str]
    claim_id: str
    #: Top-level or dotted field -> new value (None removes it).
    changes: dict[tuple[str, ...], Any]
    evidence: list[dict[str, str]]
    dry_run: bool = False


def _dotted(text: str, options: Sequence[FieldOption]) -> FieldOption:
    path = tuple(text.split("."))
    table = _by_path(options)
    if path in table:
        return table[path]
    by_flag = {item.flag[2:]: item for item in options}
    if text.replace("_", "-") in by_flag:
        return by_flag[text.replace("_", "-")]
    names = [".".join(p) for p in table]
    raise UsageError(f"unknown field '{text}' (fields: {', '.join(names)})")


def run_set(request: SetRequest, env: Environment) -> ExitStatus:
    """Change fields of one claim, in one validated write."""

    def change(work: Workspace) -> None:
        from claims_cli.write.authoring import ordered, where

        display = where(work, "claims", request.claim_id)
        editor = work.editor(display)
        current = next(
            c
            for c in editor.data["claims"]
            if isinstance(c, dict) and c.get("id") == request.claim_id
        )
        top: dict[str, Any] = {}
        for path, value in request.changes.items():
            if len(path) == 1:
                top[path[0]] = value
                continue
            base = top.get(path[0], current.get(path[0]))
            record = dict(base) if isinstance(base, dict) else {}
            if value is None:
                record.pop(path[1], None)
            else:
                record[path[1]] = value
            top[path[0]] = record or None
        if request.evidence:
            from claims_cli.write.edits import EditError

            old = current.get("evidence")
            kept = [] if ("evidence",) in request.changes or not isinstance(old, list) else old
            for item in request.evidence:
                pair = (item["source"], item["stance"])
                if any(
                    isinstance(e, dict) and (e.get("source"), e.get("stance")) == pair for e in kept
                ):
                    raise EditError(
                        f"claim '{request.claim_id}' already has evidence {':'.join(pair)}; "
                        "to change it, --unset evidence and give all its evidence again"
                    )
            top["evidence"] = [*kept, *request.evidence]
        for name, value in [*ordered(top, Claim).items(), *_removed(top)]:
            editor.set_field("claims", request.claim_id, name, value, order=CLAIM_FIELDS)

    status, outcome = _run_edit(env, request.files, change, dry_run=request.dry_run)
    if status == ExitStatus.OK and outcome is not None and request.dry_run:
        from claims_cli.write import emit

        Output(env).write(_added_text(outcome.changed, [request.claim_id], emit))
    elif status == ExitStatus.OK and outcome is not None:
        done = "changed" if outcome.changed else "left unchanged (nothing to change)"
        Output(env).say(f"{request.claim_id}: {done}")
    return status


@command("set")
@with_fields([item for item in CLAIM_OPTIONS if item.path != ("id",)])
def set_fields(
    ctx: typer.Context,
    claim_id: Annotated[str, typer.Argument(metavar="ID", help="The claim to change.")],
    assignments: Annotated[
        list[str] | None,
        typer.Argument(
            metavar="FIELD=VALUE",
            help="Fields to set by name, e.g. attribution.locator='para 3'.",
            show_default=False,
        ),
    ] = None,
    fields: dict[str, Any] | None = None,
    value: ValueOption = None,
    evidence: EvidenceOption = None,
    unset: UnsetOption = None,
    dry_run: Annotated[
        bool,
        typer.Option(
            "--dry-run",
            metavar="",
            help="Print the claim as it would be; write nothing.",
            show_default=False,
        ),
    ] = False,
    files: FilesOption = None,
) -> ExitStatus:
    """Change one claim: --status, --confidence, --evidence SOURCE:STANCE[:NOTE], ...

    --checked-by NAME also stamps checked.on with today's date. --unset FIELD
    removes an optional field; --unset evidence removes all evidence. --evidence
    adds to the evidence there is: evidence with a source and stance the claim
    already has is refused (to change its note, --unset evidence and give all
    the evidence again). Only the changed fields are rewritten.
    """
    env = environment(ctx)
    options = [item for item in CLAIM_OPTIONS if item.path != ("id",)]
    record = record_from(options, fields or {})
    _with_value_text(record, value)
    changes: dict[tuple[str, ...], Any] = {}
    for name, given in record.items():
        if isinstance(given, dict):
            for inner, inner_value in given.items():
                changes[(name, inner)] = inner_value
        else:
            changes[(name,)] = given
    for text in assignments or ():
        name, sep, raw = text.partition("=")
        if not sep:
            raise UsageError(f"'{text}' is not FIELD=VALUE")
        item = _dotted(name, options)
        raw_values: Any = (
            [v.strip() for v in raw.split(",") if v.strip()] if item.repeatable else raw
        )
        changes[item.path] = (
            [field_value(item, v) for v in raw_values]
            if item.repeatable
            else field_value(item, raw_values)
        )
    if ("checked", "by") in changes and ("checked", "on") not in changes:
        changes[("checked", "on")] = env.today.isoformat()
    for text in unset or ():
        if text in ("value", "checked", "evidence", "attribution"):
            if text == "attribution":
                raise UsageError(
                    "'attribution' is required and cannot be removed", option="--unset"
                )
            changes = {k: v for k, v in changes.items() if k[0] != text} | {(text,): None}
            continue
        item = _dotted(text, options)
        if item.shape.required:
            raise UsageError(f"'{text}' is required and cannot be removed", option="--unset")
        changes[item.path] = None
        if item.path in (("value", "amount"), ("value", "unit")):
            changes = {k: v for k, v in changes.items() if k[0] != "value"} | {("value",): None}
    evidence_records = _evidence(evidence)
    pairs = [(e["source"], e["stance"]) for e in evidence_records]
    for at, pair in enumerate(pairs):
        if pair in pairs[:at]:
            raise UsageError(f"'{':'.join(pair)}' is given twice", option="--evidence")
    if not changes and not evidence_records:
        raise UsageError("set: nothing to change (give a field option, FIELD=VALUE or --unset)")
    request = SetRequest(
        files=paths(files),
        claim_id=claim_id,
        changes=changes,
        evidence=evidence_records,
        dry_run=dry_run,
    )
    return run_set(request, env)


# --- claims source add -------------------------------------------------------------------

source_app = command_group("source", "Add sources to the ledger, and archive their text.")


@source_app.command("add", cls=ClaimsCommand)
@with_fields(SOURCE_OPTIONS)
def source_add(
    ctx: typer.Context,
    fields: dict[str, Any],
    into: IntoOption = None,
    dry_run: DryRunOption = False,
    files: FilesOption = None,
) -> ExitStatus:
    """Add a source: --id, --title, --url, --publisher, --published, --kind, --reliability, ...

    accessed defaults to today's date.
    """
    env = environment(ctx)
    record = record_from(SOURCE_OPTIONS, fields)
    record.setdefault("accessed", env.today.isoformat())
    lacking = _missing(SOURCE_OPTIONS, record, Source)
    if lacking:
        if not (env.stdin_isatty and env.stdout_isatty):
            flags = ", ".join(item.flag for item in lacking)
            raise UsageError(f"source add: missing {flags} (on a terminal, claims asks for them)")
        from claims_cli.cli.terminal.prompt import Prompter

        prompter = Prompter(env)
        for item in lacking:
            answer = prompter.ask(
                item.path[-1],
                option=item.flag,
                offers=[str(c) for c in item.shape.choices],
                check=functools.partial(field_value, item),
            )
            record[item.path[-1]] = field_value(item, answer)
    request = AddRequest(
        files=paths(files), claims=[], sources=[record], into=into, dry_run=dry_run
    )
    return run_add(request, env)


# --- claims rm -----------------------------------------------------------------------------


@dataclass(frozen=True, kw_only=True)
class RemoveRequest:
    """What ``claims rm`` was asked for."""

    files: list[str]
    record_id: str
    force: bool = False


def run_remove(request: RemoveRequest, env: Environment) -> ExitStatus:
    """Remove a claim or an unused source; refuse while something refers to it."""
    from claims_cli.write.authoring import remove_record

    said: list[str] = []

    def change(work: Workspace) -> None:
        said.append(remove_record(work, request.record_id, force=request.force))

    status, _ = _run_edit(env, request.files, change)
    if status == ExitStatus.OK:
        Output(env).say(said[0])
    return status


@command("rm")
def remove(
    ctx: typer.Context,
    record_id: Annotated[str, typer.Argument(metavar="ID", help="The claim or source to remove.")],
    force: Annotated[
        bool,
        typer.Option(
            "--force",
            metavar="",
            help="Also remove what refers to it: other claims' supersedes, evidence citing "
            "the source.",
            show_default=False,
        ),
    ] = False,
    files: FilesOption = None,
) -> ExitStatus:
    """Remove a claim or a source that no claim cites.

    Refuses while another claim supersedes the claim, or cites the source,
    unless --force (a source claims are attributed to is never removed).
    """
    request = RemoveRequest(files=paths(files), record_id=record_id, force=force)
    return run_remove(request, environment(ctx))
