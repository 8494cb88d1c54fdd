"""``claims diff``, ``claims log`` and ``claims queue``: review in git, and the work to do.

``diff`` and ``log`` read the ledger's history through
:mod:`claims_cli.history.git` (``git`` run with argument lists, never a
shell); a revision that is not there, or a folder outside a repository, is
a usage error (exit 2) that says so. ``queue`` lists what needs a person
(:mod:`claims_cli.query.queue`).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from claims_cli.cli.app import command, environment
from claims_cli.cli.common import Output
from claims_cli.cli.completion import complete_claim_ids
from claims_cli.cli.ledger import claim_files, open_view
from claims_cli.cli.options import FilesOption, filter_options, format_choice, format_option, paths
from claims_cli.cli.usage import UsageError
from claims_cli.environment import Environment
from claims_cli.exitcodes import ExitStatus
from claims_cli.query.filters import Filter
from claims_cli.render.registry import OutputFormat, Registry

if TYPE_CHECKING:
    from claims_cli.history.git import Repository
    from claims_cli.history.versions import Version

DIFF_FORMATS = Registry(
    OutputFormat(name="text", summary="the changes for a terminal"),
    OutputFormat(name="markdown", summary="a pull-request comment"),
    OutputFormat(name="json", summary="the changes for scripts"),
)
LOG_FORMATS = Registry(
    OutputFormat(name="text", summary="each commit that changed the claim"),
    OutputFormat(name="json", summary="the history for scripts"),
)
QUEUE_FORMATS = Registry(
    OutputFormat(name="text", summary="the claims that need a person, in order"),
    OutputFormat(name="json", summary="the queue for scripts"),
)
_FORMAT_HELP = "text for people, json for scripts."


def _repository(env: Environment) -> Repository:
    from claims_cli.history.git import GitError, Repository

    try:
        return Repository.around(env.cwd)
    except GitError as exc:
        raise UsageError(str(exc)) from None


def _roots(env: Environment, repo: Repository, given: list[str]) -> list[str]:
    """The ledger's paths (files or folders) as the repository names them."""
    from claims_cli.history.git import GitError

    if "-" in given:
        raise UsageError("standard input (-) has no history in git: name the ledger's files")
    places = [env.cwd / p for p in given] if given else [f.path for f in claim_files(env, [])]
    try:
        return [repo.relative(Path(p)) for p in places]
    except GitError as exc:
        raise UsageError(str(exc)) from None


# --- claims diff ---------------------------------------------------------------


@dataclass(frozen=True, kw_only=True)
class DiffRequest:
    """What ``claims diff`` was asked for."""

    base: str | None
    head: str | None
    files: list[str]
    output_format: str = "text"


def run_diff(request: DiffRequest, env: Environment) -> ExitStatus:
    """Compare the ledger at two revisions; 1 when a side has errors, 2 for a bad revision."""
    from claims_cli.history.compare import compare
    from claims_cli.history.git import GitError
    from claims_cli.history.versions import at_revision, in_worktree, ledger_paths, old_names
    from claims_cli.render import changes

    out = Output(env)
    repo = _repository(env)
    roots = _roots(env, repo, request.files)
    try:
        if request.base is None:
            branch = repo.default_branch()
            base = repo.merge_base(branch, "HEAD")
            base_label = f"{branch} ({base[:12]})"
        else:
            base, base_label = repo.commit(request.base), request.base
        if request.head is None:
            new_files = claim_files(env, request.files)
            head_label = "working tree"
            head_version = in_worktree(
                repo, new_files, today=env.today, max_bytes=env.max_file_bytes
            )
            new_paths = list(head_version.names.values())
            renamed = old_names(repo, base, None, new_paths)
        else:
            head, head_label = repo.commit(request.head), request.head
            new_paths = ledger_paths(repo, head, roots)
            head_version = at_revision(
                repo, head, head_label, new_paths, today=env.today, max_bytes=env.max_file_bytes
            )
            renamed = old_names(repo, base, head, new_paths)
        old_paths = ledger_paths(repo, base, roots)
        old_paths += [was for was in renamed.values() if was not in old_paths]
        base_version = at_revision(
            repo, base, base_label, old_paths, today=env.today, max_bytes=env.max_file_bytes
        )
    except GitError as exc:
        raise UsageError(str(exc)) from None
    status = _refuse_broken(out, base_version, head_version)
    if status is not None:
        return status
    diff = compare(
        base_version.loaded.ledger,
        head_version.loaded.ledger,
        old_names=base_version.names,
        new_names=head_version.names,
        renamed={new: was for new, was in renamed.items() if was in old_paths},
    )
    render = {
        "text": changes.diff_text,
        "markdown": changes.diff_markdown,
        "json": changes.diff_json,
    }[request.output_format]
    out.write(render(diff, base_label, head_label))
    return ExitStatus.OK


def _refuse_broken(out: Output, *versions: Version) -> ExitStatus | None:
    for version in versions:
        if not version.loaded.ok:
            return out.refuse(
                version.loaded.errors,
                f"cannot compare: the ledger at {version.label} has {{errors}}",
            )
    return None


@command()
def diff(
    ctx: typer.Context,
    base: Annotated[
        str | None,
        typer.Argument(
            metavar="BASE",
            help="The revision to compare from. Default: where HEAD left the default branch "
            "(the merge base with origin's HEAD, main or master).",
            show_default=False,
        ),
    ] = None,
    head: Annotated[
        str | None,
        typer.Argument(
            metavar="HEAD",
            help="The revision to compare to. Default: the working tree.",
            show_default=False,
        ),
    ] = None,
    output_format: Annotated[
        str | None,
        format_option(
            DIFF_FORMATS, "text for people, markdown for a pull request, json for scripts."
        ),
    ] = None,
    files: FilesOption = None,
) -> ExitStatus:
    """What changed in the ledger between two revisions, claim by claim.

    Claims added, removed, superseded, moved and changed (verdict and
    confidence first), and sources added or changed, for every ledger file,
    including files added, removed or renamed. --format markdown writes a
    pull-request comment.
    """
    request = DiffRequest(
        base=base,
        head=head,
        files=paths(files),
        output_format=format_choice(DIFF_FORMATS, output_format, "text") or "text",
    )
    return run_diff(request, environment(ctx))


# --- claims log ----------------------------------------------------------------


@dataclass(frozen=True, kw_only=True)
class LogRequest:
    """What ``claims log`` was asked for."""

    claim_id: str
    revision: str = "HEAD"
    output_format: str = "text"


def run_log(request: LogRequest, env: Environment) -> ExitStatus:
    """The commits that changed one claim, newest first; 1 when none did."""
    from claims_cli.history.git import GitError
    from claims_cli.history.log import claim_history
    from claims_cli.render import changes

    out = Output(env)
    repo = _repository(env)
    try:
        repo.commit(request.revision)
        boundaries = repo.shallow_boundaries(request.revision)
        entries = claim_history(
            repo, request.claim_id, revision=request.revision, boundaries=boundaries
        )
    except GitError as exc:
        raise UsageError(str(exc)) from None
    if boundaries:
        shown = ", ".join(commit[:12] for commit in boundaries)
        out.say(
            f"log: this clone is shallow: history before {shown} is not here "
            "(git fetch --unshallow)"
        )
    if request.output_format == "json":
        out.write(changes.log_json(request.claim_id, entries))
    elif entries:
        out.write(changes.log_text(request.claim_id, entries))
    if not entries:
        out.say(f"no commit changed a claim '{request.claim_id}'")
        return ExitStatus.PROBLEMS
    return ExitStatus.OK


@command()
def log(
    ctx: typer.Context,
    claim_id: Annotated[
        str,
        typer.Argument(
            metavar="ID",
            help="The claim's id.",
            autocompletion=complete_claim_ids,
            show_default=False,
        ),
    ],
    revision: Annotated[
        str,
        typer.Option(
            "--rev",
            metavar="REV",
            help="Read the history up to this revision. Default: HEAD.",
            show_default=False,
        ),
    ] = "HEAD",
    output_format: Annotated[str | None, format_option(LOG_FORMATS, _FORMAT_HELP)] = None,
) -> ExitStatus:
    """The history of one claim in git: each commit that changed it, newest first.

    Each commit's hash, date, author and subject, with what changed (the
    verdict, the confidence, evidence added...). The claim is followed
    across files and through 'supersedes'.
    """
    request = LogRequest(
        claim_id=claim_id,
        revision=revision,
        output_format=format_choice(LOG_FORMATS, output_format, "text") or "text",
    )
    return run_log(request, environment(ctx))


# --- claims queue --------------------------------------------------------------


@dataclass(frozen=True, kw_only=True)
class QueueRequest:
    """What ``claims queue`` was asked for."""

    files: list[str]
    flt: Filter
    stale: str = "90d"
    limit: int | None = None
    output_format: str = "text"


def run_queue(request: QueueRequest, env: Environment) -> ExitStatus:
    """The claims that need a person, most pressing first."""
    from claims_cli.query.filters import select
    from claims_cli.query.queue import AgeError, parse_age, work_queue
    from claims_cli.render import changes

    try:
        stale = parse_age(request.stale)
    except AgeError as exc:
        raise UsageError(str(exc), option="--stale") from None
    out = Output(env)
    view = open_view(env, claim_files(env, request.files))
    if isinstance(view, list):
        return out.refuse(
            view,
            "the claim files have {errors}; fix them first ('claims validate' gives the full "
            "report)",
        )
    try:
        chosen = select(view.candidates(request.flt), request.flt)
    finally:
        view.close()
    items = work_queue(chosen, today=env.today, stale=stale)
    if request.limit is not None:
        items = items[: request.limit]
    render = changes.queue_json if request.output_format == "json" else changes.queue_text
    out.write(render(items))
    return ExitStatus.OK


@command()
@filter_options
def queue(
    ctx: typer.Context,
    flt: Filter,
    stale: Annotated[
        str,
        typer.Option(
            "--stale",
            metavar="AGE",
            help="A verdict checked longer ago than this is due again: 90d, 12w, 6m, 1y. "
            "Default: 90d.",
            show_default=False,
        ),
    ] = "90d",
    limit: Annotated[
        int | None,
        typer.Option("--limit", "-n", metavar="N", help="Show the first N.", show_default=False),
    ] = None,
    output_format: Annotated[str | None, format_option(QUEUE_FORMATS, _FORMAT_HELP)] = None,
    files: FilesOption = None,
) -> ExitStatus:
    """The claims that need a person, most pressing first.

    Verdicts their evidence contradicts, verdicts without evidence, claims
    not checked yet (most check-worthy first: a figure, who said it, low
    confidence) and checks older than --stale. A claim's priority goes
    first; the same options as 'claims list' narrow the queue (--assignee
    NAME: one person's work).
    """
    request = QueueRequest(
        files=paths(files),
        flt=flt,
        stale=stale,
        limit=limit,
        output_format=format_choice(QUEUE_FORMATS, output_format, "text") or "text",
    )
    return run_queue(request, environment(ctx))
