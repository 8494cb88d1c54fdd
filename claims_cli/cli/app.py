"""The Typer application that every command module registers on.

The application builds the run's :class:`~claims_cli.environment.Environment`
once, before any command (a test passes its own as ``obj``), and says every
usage error in one voice (:mod:`claims_cli.cli.usage`). Commands return an
:class:`~claims_cli.exitcodes.ExitStatus`; this is where it becomes the exit
code of the process.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, MutableMapping, Sequence
from dataclasses import dataclass, replace
from typing import Annotated, Any, TextIO, TypeVar

import typer
from typer._click import exceptions as errors
from typer._click.core import Command, Context
from typer._click.formatting import HelpFormatter
from typer._coercion import RuntimeParam, build_runtime_param
from typer.core import TyperArgument, TyperCommand, TyperGroup, TyperOption, _TyperParameter

from claims_cli.cli.common import Output, StreamError, silence, tell
from claims_cli.cli.usage import UsageError, choice, click_message, unknown_command
from claims_cli.environment import Environment, SettingError, process_stream
from claims_cli.exitcodes import ExitStatus

_F = TypeVar("_F", bound=Callable[..., Any])

#: Shells ``--show-completion`` and ``--install-completion`` know.
SHELLS = ("bash", "zsh", "fish", "powershell", "pwsh")


def _plain_help_option(option: TyperOption | None) -> TyperOption | None:
    # A flag takes no value: show no type beside it (not "<bool>").
    if option is not None:
        option.metavar = ""
    return option


class _Argument(TyperArgument):
    """An argument whose help shows its metavar alone, not a Python type (``<list[str]>``)."""

    def display_type_rich(self, ctx: Context) -> str | None:
        return None

    def _usage_display_name(self) -> str:
        # 'claims show ID...', 'claims init [DIR]': the usual notation, where
        # Typer writes a required argument in braces ('{ID}').
        name = self.display_name_raw
        if not self.required:
            name = f"[{name}]"
        return name + ("..." if self.nargs != 1 else "")


def _help_read_in_part(exc: BaseException, status: int = 0) -> BaseException:
    """``claims --help | head -1``: the reader has what it wanted; exit 0, quietly.

    Help is printed while the command line is parsed, by the toolkit, which
    turns the closed pipe into exit 1 (rich raises ``SystemExit(1)`` from
    the ``BrokenPipeError``). Any other exception is returned as it is.
    """
    closed_pipe = isinstance(exc, BrokenPipeError) or (
        isinstance(exc, SystemExit) and isinstance(exc.__context__, BrokenPipeError)
    )
    if not closed_pipe:
        return exc
    silence(process_stream("stdout"))
    return typer.Exit(status)


def _print_help(print_help: Callable[[], None]) -> None:
    """Print help (the toolkit draws it straight to stdout); a stdout that fails is said once."""
    try:
        print_help()
    except BrokenPipeError:
        raise  # the reader has gone: see _help_read_in_part
    except OSError as exc:
        raise StreamError(f"cannot write to standard output: {exc.strerror or exc}") from None


class _PlainHelp(Command):
    """What every command and group shares: a help flag with no type, help written once,
    and a reader that stops early (``claims --help | head -1``) taken as success."""

    def _help_read_status(self, args: list[str]) -> int:
        """The exit status when help is printed and its reader goes away."""
        return 0

    def get_help_option(self, ctx: Context) -> TyperOption | None:
        option = _plain_help_option(super().get_help_option(ctx))
        _plain_values([option])
        return option

    def make_context(
        self, info_name: str | None, args: list[str], parent: Context | None = None, **extra: Any
    ) -> Context:
        try:
            return super().make_context(info_name, args, parent, **extra)
        except (BrokenPipeError, SystemExit) as exc:
            raise _help_read_in_part(exc, self._help_read_status(args)) from None

    def format_help(self, ctx: Context, formatter: HelpFormatter) -> None:
        _print_help(lambda: super(_PlainHelp, self).format_help(ctx, formatter))


@dataclass(frozen=True)
class _Plain(RuntimeParam):
    """Text, lists of text and flags taken as the parser gives them, without pydantic.

    Typer checks each value with a pydantic adapter built per parameter when
    the command runs: for ``str`` and ``list[str]`` that is an identity (a
    list for a tuple), but importing pydantic and building the adapters cost
    a look-up more than a third of its start-up. Anything else goes to
    Typer's own coercion.
    """

    def _coerce_value(self, value: Any, param: _TyperParameter, ctx: Context) -> Any:
        if (self.annotation is str and isinstance(value, str)) or (
            self.annotation is bool and isinstance(value, bool)
        ):
            return value
        if (
            self.annotation == list[str]
            and isinstance(value, tuple | list)
            and all(isinstance(item, str) for item in value)
        ):
            return list(value)
        return build_runtime_param(param.type_descriptor)._coerce_value(value, param, ctx)


def _plain_values(params: list[Any]) -> None:
    """Give each text or list-of-text parameter the coercion that needs no pydantic."""
    for param in params:
        descriptor = getattr(param, "type_descriptor", None)
        if (
            isinstance(param, _TyperParameter)
            and descriptor is not None
            and descriptor.file_annotation is None
            and descriptor.annotation in (str, bool, list[str])
        ):
            param._runtime_param = _Plain(descriptor.parameter_info, descriptor.annotation)


class ClaimsCommand(_PlainHelp, TyperCommand):
    """A command whose help shows metavars people read, not Python types."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for param in self.params:
            if type(param) is TyperArgument:
                param.__class__ = _Argument
        _plain_values(self.params)


class ClaimsGroup(_PlainHelp, TyperGroup):
    """The ``claims`` group: one voice for usage errors, and the commands' exit status."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _plain_values(self.params)

    def _help_read_status(self, args: list[str]) -> int:
        # "claims" alone prints the help and is a usage error, read whole or not.
        return ExitStatus.USAGE if not args and self.no_args_is_help else 0

    def _main_shell_completion(
        self, ctx_args: MutableMapping[str, Any], prog_name: str, complete_var: str | None = None
    ) -> None:
        # Without Typer's own completion options, its shells must be registered here.
        from typer._completion_classes import completion_init

        completion_init()
        super()._main_shell_completion(ctx_args, prog_name, complete_var)

    def parse_args(self, ctx: Context, args: list[str]) -> list[str]:
        return super().parse_args(ctx, _shell_named(args))

    def resolve_command(
        self, ctx: Context, args: list[str]
    ) -> tuple[str | None, Command | None, list[str]]:
        name = args[0] if args else ""
        known = self.get_command(ctx, name) is not None
        if name and not known and not name.startswith("-") and not ctx.resilient_parsing:
            raise unknown_command(name, list(self.commands))
        return super().resolve_command(ctx, args)

    def main(
        self,
        args: Sequence[str] | None = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        windows_expand_args: bool = True,
        **extra: Any,
    ) -> Any:
        given = extra.get("obj")
        stderr = given.stderr if isinstance(given, Environment) else process_stream("stderr")
        try:
            status = super().main(
                args,
                prog_name,
                complete_var,
                standalone_mode=False,
                windows_expand_args=windows_expand_args,
                **extra,
            )
        except errors.NoArgsIsHelpError:
            status = ExitStatus.USAGE  # the help is already printed
        except UsageError as error:
            status = _say(stderr, str(error))
        except errors.UsageError as error:
            status = _say(stderr, click_message(error))
        except errors.ClickException as error:
            tell(stderr, click_message(error))
            status = error.exit_code
        except StreamError as error:
            tell(stderr, str(error))
            status = ExitStatus.PROBLEMS
        except typer.Abort:
            tell(stderr, "interrupted")
            status = 130
        code = int(status or 0)
        if not standalone_mode:
            return code
        sys.exit(code)


_SHELL_OPTIONS = ("--show-completion", "--install-completion")


def _shell_named(args: list[str]) -> list[str]:
    """``args`` with an empty shell ("this shell") after a completion option given none.

    ``claims --show-completion`` prints this shell's script and
    ``claims --show-completion zsh`` the zsh one; the option parser knows
    only options that always or never take a value.
    """
    named: list[str] = []
    for i, arg in enumerate(args):
        named.append(arg)
        if not arg.startswith("-"):  # the command: what follows is its own
            return named + args[i + 1 :]
        following = args[i + 1] if i + 1 < len(args) else None
        if arg in _SHELL_OPTIONS and (following is None or following.startswith("-")):
            named.append("")
    return named


def _say(stderr: TextIO, message: str) -> ExitStatus:
    tell(stderr, message)
    return ExitStatus.USAGE


app = typer.Typer(
    name="claims",
    cls=ClaimsGroup,
    help="A ledger of sourced claims: who said it, where, and how sure we are.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def command_group(name: str, help: str) -> typer.Typer:
    """A group of subcommands (``claims source …``, ``claims cache …``) on the app.

    It speaks like the app: the same usage errors, help and exit statuses.
    """
    group = typer.Typer(
        name=name,
        cls=ClaimsGroup,
        help=help,
        no_args_is_help=True,
        add_completion=False,
        context_settings={"help_option_names": ["-h", "--help"]},
    )
    app.add_typer(group, name=name)
    return group


def command(name: str | None = None) -> Callable[[_F], _F]:
    """Register a ``claims`` command (``@command("list")``)."""
    return app.command(name, cls=ClaimsCommand)


def environment(ctx: typer.Context) -> Environment:
    """The run's environment: the one a test passed in, else this process's.

    A ``CLAIMS_TODAY`` or ``CLAIMS_MAX_FILE_SIZE`` that cannot be read is a
    usage error rather than silently ignored.
    """
    root = ctx.find_root()
    if not isinstance(root.obj, Environment):
        try:
            root.obj = Environment.from_os()
        except SettingError as exc:
            raise UsageError(str(exc)) from None
    env: Environment = root.obj
    return env


def _output(ctx: typer.Context) -> Output:
    """Where an option that prints and exits (``--version``) writes.

    These run before the environment is built, and need nothing of it but
    the streams: a bad ``CLAIMS_TODAY`` does not stop ``claims --version``.
    """
    obj = ctx.find_root().obj
    if isinstance(obj, Environment):
        return Output(obj)
    from datetime import date
    from pathlib import Path

    # Nothing here reads files: no need to ask where the run is (which can fail).
    return Output(Environment(today=date.today(), cwd=Path()))


def _print_version(ctx: typer.Context, value: bool) -> None:
    if value and not ctx.resilient_parsing:
        from claims_cli import __version__

        _output(ctx).write(f"claims {__version__}\n")
        raise typer.Exit()


def _shell(ctx: typer.Context, option: str, given: str) -> str:
    """The shell named, or the one ``claims`` runs in."""
    if given:
        return choice(option, given, SHELLS)
    from typer._completion_shared import _get_shell_name

    found = _get_shell_name()
    if found not in SHELLS:
        raise UsageError(
            f"cannot tell which shell this is; name it ({', '.join(SHELLS)})", option=option
        )
    return found


def _show_completion(ctx: typer.Context, value: str | None) -> None:
    if value is None or ctx.resilient_parsing:
        return
    from typer._completion_shared import get_completion_script

    shell = _shell(ctx, "--show-completion", value)
    script = get_completion_script(prog_name="claims", complete_var="_CLAIMS_COMPLETE", shell=shell)
    _output(ctx).write(script + "\n")
    raise typer.Exit()


def _install_completion(ctx: typer.Context, value: str | None) -> None:
    if value is None or ctx.resilient_parsing:
        return
    from typer._completion_shared import install

    shell = _shell(ctx, "--install-completion", value)
    installed, path = install(shell=shell, prog_name="claims", complete_var="_CLAIMS_COMPLETE")
    _output(ctx).write(
        f"{installed} completion installed in {path}; it works in shells started from now on\n"
    )
    raise typer.Exit()


_SHELL_HELP = ", ".join(SHELLS)


@app.callback()
def main_options(
    ctx: typer.Context,
    version: Annotated[
        bool,
        typer.Option(
            "--version",
            callback=_print_version,
            is_eager=True,
            metavar="",
            help="Print the version and exit.",
        ),
    ] = False,
    show_completion: Annotated[
        str | None,
        typer.Option(
            "--show-completion",
            callback=_show_completion,
            is_eager=True,
            metavar="[SHELL]",
            show_default=False,
            expose_value=False,
            help=f"Print the completion script for SHELL ({_SHELL_HELP}; default: this "
            "shell) and exit.",
        ),
    ] = None,
    install_completion: Annotated[
        str | None,
        typer.Option(
            "--install-completion",
            callback=_install_completion,
            is_eager=True,
            metavar="[SHELL]",
            show_default=False,
            expose_value=False,
            help="Install completion for SHELL (default: this shell) and exit.",
        ),
    ] = None,
    no_cache: Annotated[
        bool,
        typer.Option(
            "--no-cache",
            metavar="",
            help="Read the claim files in full, not the index look-ups keep of them "
            "(CLAIMS_CACHE_DIR; see 'claims cache').",
        ),
    ] = False,
    quiet: Annotated[
        bool,
        typer.Option(
            "--quiet",
            metavar="",
            help="Show no progress on the terminal, however long the work takes.",
            show_default=False,
        ),
    ] = False,
) -> None:
    """A ledger of sourced claims: who said it, where, and how sure we are."""
    env = environment(ctx)
    if no_cache:
        env = replace(env, cache_dir=None)
    if quiet:
        env = replace(env, quiet=True)
    if no_cache or quiet:
        ctx.find_root().obj = env
