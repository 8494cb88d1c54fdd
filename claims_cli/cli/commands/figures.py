"""``claims conflicts`` (claims that measure the same thing and disagree) and
``claims extract`` (candidate claims read out of an article)."""

from __future__ import annotations

import textwrap
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Annotated

import typer

from claims_cli.cli.app import command, environment
from claims_cli.cli.common import Output
from claims_cli.cli.ledger import claim_files, open_view
from claims_cli.cli.options import FilesOption, filter_options, format_choice, format_option, paths
from claims_cli.cli.usage import UsageError
from claims_cli.environment import Environment
from claims_cli.exitcodes import ExitStatus
from claims_cli.query.filters import Filter
from claims_cli.render.registry import OutputFormat, Registry

if TYPE_CHECKING:
    from claims_cli.index.view import LedgerView
    from claims_cli.model import Claim
    from claims_cli.query.conflicts import Group, NotCompared, Pair
    from claims_cli.text.extract import Candidate

CONFLICT_FORMATS = Registry(
    OutputFormat(name="text", summary="each conflicting pair side by side"),
    OutputFormat(name="json", summary="a list of groups for scripts"),
)

_REFUSAL = "the claim files have {errors}; fix them first ('claims validate' gives the full report)"


def tolerance_value(text: str) -> float:
    """``--tolerance``: a percentage, ``5`` or ``5%`` (0 up to 100), as a fraction."""
    number = text.strip().removesuffix("%").strip()
    try:
        value = float(number)
    except ValueError:
        value = -1.0
    if not 0 <= value < 100:
        raise UsageError(
            f"--tolerance: '{text}' is not a percentage from 0 up to 100 (say 5 or 2.5%)"
        )
    return value / 100


@dataclass(frozen=True, kw_only=True)
class ConflictsRequest:
    """What ``claims conflicts`` was asked for."""

    files: list[str]
    flt: Filter
    tolerance: float
    output_format: str = "text"


def run_conflicts(request: ConflictsRequest, env: Environment) -> ExitStatus:
    """Print the groups of claims that disagree; 1 when there is any, so CI can gate on it."""
    from claims_cli.query.conflicts import find_conflicts, not_compared
    from claims_cli.query.filters import select

    out = Output(env)
    view = open_view(env, claim_files(env, request.files))
    if isinstance(view, list):
        return out.refuse(view, _REFUSAL)
    try:
        candidates = select(view.candidates(request.flt), request.flt)
        chosen = [c for c in candidates if c.value is not None]
        groups = find_conflicts(chosen, tolerance=request.tolerance)
        notes = not_compared(chosen)
        lines = _Lines(view)
        if request.output_format == "json":
            from claims_cli.render.data import json_text

            data = [_group_data(group, lines) for group in groups]
            data += [_group_data(note, lines) for note in notes]
            out.write(json_text(data))
        else:
            noted = _notes_text(notes, lines, env.columns)
            tolerance = request.tolerance
            text = _conflicts_text(groups, lines, env.columns, len(chosen), tolerance, noted)
            out.write(text)
    finally:
        view.close()
    return ExitStatus.PROBLEMS if groups else ExitStatus.OK


class _Lines:
    """Where each claim stands, ``claims.yaml:161``."""

    def __init__(self, view: LedgerView) -> None:
        self.view = view

    def line(self, claim: Claim) -> int | None:
        return self.view.line_of(claim)

    def place(self, claim: Claim) -> str:
        line = self.line(claim)
        file = claim.origin.file if claim.origin else "?"
        return file if line is None else f"{file}:{line}"


def _group_data(group: Group | NotCompared, lines: _Lines) -> dict[str, object]:
    data = group.to_data()
    for claim, entry in zip(group.claims, data["claims"], strict=True):
        entry["line"] = lines.line(claim)
    return data


def _percent(tolerance: float) -> str:
    return f"{tolerance * 100:g}%"


def _conflicts_text(
    groups: list[Group], lines: _Lines, columns: int, compared: int, tolerance: float, noted: str
) -> str:
    from claims_cli.render.wording import count_of

    blocks: list[str] = []
    pairs = 0
    for group in groups:
        for pair in group.pairs:
            pairs += 1
            blocks.append(_pair_text(group, pair, lines, columns))
    values = count_of(compared, "claim") + " with a value"
    if not groups:
        return noted + f"No conflicts among {values} (tolerance {_percent(tolerance)}).\n"
    sure = sum(1 for g in groups for _ in g.pairs if g.certainty == "conflict")
    said = count_of(pairs, "conflicting pair")
    if sure != pairs:
        said += f" ({pairs - sure} possible)"
    closing = f"Found {said} among {values} (tolerance {_percent(tolerance)})."
    return "\n\n".join(blocks) + "\n\n" + noted + closing + "\n"


def _notes_text(notes: list[NotCompared], lines: _Lines, columns: int) -> str:
    """A paragraph per metric whose claims were not compared, and which claims."""
    from claims_cli.render.escape import one_line as clean

    blocks: list[str] = []
    for note in notes:
        out = textwrap.wrap(clean(note.label), max(columns, 40), subsequent_indent="  ")
        for claim in note.claims:
            stated = f"  {claim.id}: {clean(_stated(claim))} at {lines.place(claim)}"
            out.extend(textwrap.wrap(stated, max(columns, 40), subsequent_indent="    "))
        blocks.append("\n".join(out) + "\n\n")
    return "".join(blocks)


def _stated(claim: Claim) -> str:
    from claims_cli.query.conflicts import Pair

    return Pair.stated(claim)


def _pair_text(group: Group, pair: Pair, lines: _Lines, columns: int) -> str:
    """A pair side by side: id, claim, value, source, claimant, confidence and place."""
    from claims_cli.render.escape import one_line as clean

    first, second = pair.first, pair.second
    heading = f"{group.label}: {pair.stated(first)} {pair.verb} {pair.stated(second)}"
    rows: list[tuple[str, str, str]] = [("", first.id, second.id)]

    def row(label: str, pick: Callable[[Claim], str | None]) -> None:
        rows.append((label, pick(first) or "—", pick(second) or "—"))

    row("claim", lambda c: c.claim)
    row("value", pair.stated)
    row(
        "source", lambda c: ", ".join(p for p in (c.attribution.source, c.attribution.locator) if p)
    )
    row("claimant", lambda c: c.attribution.claimant)
    row("confidence", lambda c: c.confidence)
    row("at", lines.place)
    label_width = max(len(label) for label, _, _ in rows)
    cell = max(16, (max(columns, 40) - label_width - 4) // 2)
    out = textwrap.wrap(clean(heading), max(columns, 40), subsequent_indent="  ") or [""]
    for label, left, right in rows:
        left_lines = textwrap.wrap(clean(left), cell) or [""]
        right_lines = textwrap.wrap(clean(right), cell) or [""]
        for number in range(max(len(left_lines), len(right_lines))):
            a = left_lines[number] if number < len(left_lines) else ""
            b = right_lines[number] if number < len(right_lines) else ""
            name = label if number == 0 else ""
            out.append(f"  {name:<{label_width}}  {a:<{cell}}  {b}".rstrip())
    return "\n".join(out)


@command()
@filter_options
def conflicts(
    ctx: typer.Context,
    flt: Filter,
    files: FilesOption = None,
    tolerance: Annotated[
        str,
        typer.Option(
            "--tolerance",
            metavar="PCT",
            help="How far apart two figures may be and still agree, in percent of the nearer "
            "one (5, 2.5%).",
        ),
    ] = "5%",
    output_format: Annotated[
        str | None, format_option(CONFLICT_FORMATS, "text for people, json for scripts.")
    ] = None,
) -> ExitStatus:
    """Find claims that measure the same thing and disagree.

    Same thing: the same value.metric; where neither claim sets one, the same
    dimension with a shared entity and tag (a possible conflict). Values are
    compared after unit conversion and their comparators. Exit 1 when any
    conflict is found, so CI can gate on it.
    """
    request = ConflictsRequest(
        files=paths(files),
        flt=flt,
        tolerance=tolerance_value(tolerance),
        output_format=format_choice(CONFLICT_FORMATS, output_format, "text") or "text",
    )
    return run_conflicts(request, environment(ctx))


# --- claims extract -------------------------------------------------------------

EXTRACT_FORMATS = Registry(
    OutputFormat(name="yaml", summary="claims in the ledger's format, for 'claims add --from -'"),
    OutputFormat(name="table", summary="one row per candidate: score, paragraph, type, quote"),
)


@dataclass(frozen=True, kw_only=True)
class ExtractRequest:
    """What ``claims extract`` was asked for."""

    article: str
    source: str | None = None
    output_format: str = "yaml"
    min_score: int = 2
    html: bool | None = None


def _article_bytes(env: Environment, name: str) -> bytes:
    from pathlib import Path

    if name == "-":
        try:
            return env.stdin.buffer.read(env.max_file_bytes + 1)[: env.max_file_bytes]
        except OSError as exc:
            raise UsageError(f"cannot read standard input: {exc.strerror or exc}") from None
    path = Path(name) if Path(name).is_absolute() else env.cwd / name
    try:
        size = path.stat().st_size
        if size > env.max_file_bytes:
            raise UsageError(f"'{name}' is larger than the size limit ({env.max_file_bytes} bytes)")
        return path.read_bytes()
    except IsADirectoryError:
        raise UsageError(f"'{name}' is a directory, not an article") from None
    except OSError as exc:
        raise UsageError(f"cannot read '{name}': {exc.strerror or exc}") from None


def run_extract(request: ExtractRequest, env: Environment) -> ExitStatus:
    """Print the article's candidate claims; 0 even when there are none."""
    from pathlib import PurePath

    from claims_cli.text.article import ArticleError, read_article
    from claims_cli.text.extract import as_claims, candidates
    from claims_cli.write.authoring import slug

    out = Output(env)
    data = _article_bytes(env, request.article)
    try:
        article = read_article(data, name=request.article, html=request.html)
    except ArticleError as exc:
        out.say(f"{request.article}: {exc}")
        return ExitStatus.PROBLEMS
    found = candidates(article.text, min_score=request.min_score)
    source = request.source or slug(PurePath(request.article).stem or "article")
    if request.output_format == "table":
        out.write(_candidates_table(found, env.columns))
    else:
        from claims_cli.write.emit import entry

        header = (
            f"# {len(found)} candidate claims from {request.article}, proposed by claims "
            "extract.\n# Review each: reword the claim, set the confidence, remove the "
            "tag 'extracted'.\n"
        )
        body = "\n".join(entry("claims", as_claims(found, source=source))) if found else ""
        out.write(header + body + ("\n" if body else "claims: []\n"))
    if not found:
        out.say(f"no check-worthy sentences in {request.article}")
    return ExitStatus.OK


def _candidates_table(found: list[Candidate], columns: int) -> str:
    from claims_cli.render.escape import one_line as clean

    width = max(20, max(columns, 40) - 44)
    lines = [f"{'score':>5}  {'para':>4}  {'type':<10}  {'value':<20}  quote"]
    for item in found:
        value = ""
        if item.amount is not None and item.unit is not None:
            from claims_cli.model import Value
            from claims_cli.render.wording import format_value

            stated = Value(
                amount=item.amount,
                unit=item.unit,
                comparator=item.comparator,
                period=item.period,
            )
            value = format_value(stated)
        quote = textwrap.wrap(clean(item.quote), width) or [""]
        para = "" if item.paragraph is None else str(item.paragraph)
        lines.append(f"{item.score:>5}  {para:>4}  {item.type:<10}  {value:<20}  {quote[0]}")
        lines.extend(f"{'':>5}  {'':>4}  {'':<10}  {'':<20}  {more}" for more in quote[1:])
    lines.append(f"{len(found)} candidate claims")
    return "\n".join(lines) + "\n"


@command()
def extract(
    ctx: typer.Context,
    article: Annotated[
        str,
        typer.Argument(
            help="The article: a text or HTML file (- reads standard input).",
            metavar="ARTICLE",
            show_default=False,
        ),
    ],
    source: Annotated[
        str | None,
        typer.Option(
            "--source",
            "-s",
            metavar="ID",
            help="The source id the claims are attributed to. Default: made from the "
            "article's file name.",
            show_default=False,
        ),
    ] = None,
    output_format: Annotated[
        str | None,
        format_option(EXTRACT_FORMATS, "yaml for 'claims add --from -', table to read."),
    ] = None,
    min_score: Annotated[
        int,
        typer.Option(
            "--min-score",
            metavar="N",
            help="Propose only sentences scoring at least N (figure 4, superlative 3, date, "
            "attribution and pledge 2 each).",
        ),
    ] = 2,
    html: Annotated[
        bool | None,
        typer.Option(
            "--html/--text",
            metavar="",
            help="Read the article as HTML or as plain text. Default: by its name and content.",
            show_default=False,
        ),
    ] = None,
) -> ExitStatus:
    """Propose the sentences of an article worth checking, as claims to edit.

    Each sentence with a figure and unit, a date, a superlative, an
    attribution or a pledge becomes a claim with its exact quote, a guessed
    type, its value and claimant where the sentence gives them, status
    unverified and the placeholder confidence very-low (tagged 'extracted',
    which 'claims validate' warns of until a person reviews it).
    """
    request = ExtractRequest(
        article=article,
        source=source,
        output_format=format_choice(EXTRACT_FORMATS, output_format, "yaml") or "yaml",
        min_score=min_score,
        html=html,
    )
    return run_extract(request, environment(ctx))
