"""``claims cache``: where the look-up index is, and removing it."""

from __future__ import annotations

import typer

from claims_cli.cli.app import ClaimsCommand, command_group, environment
from claims_cli.cli.common import Output
from claims_cli.exitcodes import ExitStatus

cache_app = command_group(
    "cache", "The index look-ups keep of claim files, in the user's cache directory."
)


@cache_app.command("dir", cls=ClaimsCommand)
def cache_dir(ctx: typer.Context) -> ExitStatus:
    """Print the directory the index is kept in (CLAIMS_CACHE_DIR, else the user's cache)."""
    env = environment(ctx)
    out = Output(env)
    if env.cache_dir is None:
        out.say("no cache directory (look-ups read the claim files)")
        return ExitStatus.OK
    out.write(f"{env.cache_dir}\n")
    return ExitStatus.OK


@cache_app.command("clear", cls=ClaimsCommand)
def cache_clear(ctx: typer.Context) -> ExitStatus:
    """Remove the index; the next look-up reads the claim files and builds it again."""
    from claims_cli.index.store import clear

    env = environment(ctx)
    out = Output(env)
    if env.cache_dir is None:
        out.say("no cache directory; nothing to clear")
        return ExitStatus.OK
    try:
        removed = clear(env.cache_dir)
    except OSError as exc:
        out.say(f"cache clear: cannot remove the index in {env.cache_dir}: {exc.strerror or exc}")
        return ExitStatus.PROBLEMS
    out.say(f"removed {len(removed)} index file{'s' if len(removed) != 1 else ''}")
    return ExitStatus.OK
