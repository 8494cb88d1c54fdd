"""Shell completion of claim ids, tags and sources from the ledger at hand.

Completion runs on every Tab press, so each callback reads the ledger quietly
and never raises: a ledger that cannot be read simply offers nothing. Closed
choices (``--status``, ``--type``...) complete from the model's scales.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

import typer

if TYPE_CHECKING:
    from claims_cli.model import Ledger

_HELP_WIDTH = 60


def _ledger(ctx: typer.Context) -> Ledger | None:
    """The ledger the command line names so far (``-f``), or the default one.

    Standard input (``-``) is never read: it belongs to the shell.
    """
    try:
        from claims_cli.cli.ledger import claim_files, open_checked
        from claims_cli.environment import Environment

        given = ctx.find_root().obj
        env = given if isinstance(given, Environment) else Environment.from_os()
        named = [str(p) for p in ctx.params.get("files") or [] if str(p) != "-"]
        if ctx.params.get("files") and not named:
            return None
        return open_checked(env, claim_files(env, named))
    except Exception:
        # Whatever went wrong, a Tab press must not print a traceback.
        return None


def _short(text: str) -> str:
    # The shell prints this beside the candidate: one line, no control characters.
    from claims_cli.render.escape import one_line

    text = one_line(" ".join(text.split()))
    return text if len(text) <= _HELP_WIDTH else text[: _HELP_WIDTH - 1] + "…"


def _offer(choices: dict[str, str], incomplete: str) -> list[tuple[str, str]]:
    return sorted((value, hint) for value, hint in choices.items() if value.startswith(incomplete))


def complete_claim_ids(ctx: typer.Context, incomplete: str) -> list[tuple[str, str]]:
    """Claim ids starting with ``incomplete``, each with its claim as help."""
    ledger = _ledger(ctx)
    if ledger is None:
        return []
    claims: dict[str, str] = {}
    for claim in ledger.claims:
        claims.setdefault(claim.id, _short(claim.claim))
    return _offer(claims, incomplete)


def complete_tags(ctx: typer.Context, incomplete: str) -> list[tuple[str, str]]:
    """Tags starting with ``incomplete``, each with how many claims carry it."""
    ledger = _ledger(ctx)
    if ledger is None:
        return []
    from claims_cli.query.stats import count_claims
    from claims_cli.render.wording import count_of

    by_tag = count_claims(ledger.claims).by_tag
    hints = {tag: count_of(n, "claim") for tag, n in by_tag.items()}
    return _offer(hints, incomplete)


def complete_sources(ctx: typer.Context, incomplete: str) -> list[tuple[str, str]]:
    """Source ids starting with ``incomplete``, each with its title as help."""
    ledger = _ledger(ctx)
    if ledger is None:
        return []
    titles: dict[str, str] = {}
    for source in ledger.sources:
        titles.setdefault(source.id, _short(source.title))
    return _offer(titles, incomplete)


def complete_choices(choices: Sequence[str]) -> Callable[[str], list[str]]:
    """A completion callback offering the ``choices`` that start with what was typed."""

    def complete(incomplete: str) -> list[str]:
        return [choice for choice in choices if choice.startswith(incomplete)]

    return complete
