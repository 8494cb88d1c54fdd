"""Every scenario of the speed targets, each against its peer, alternating, as real processes.

Run from the repository root, with ``pip install -e '.[bench]'`` done:

    python -m bench                      # N = 1,000, 10,000 and 100,000, 3 runs each
    python -m bench --quick              # N = 1,000, 1 run: does everything still work?
    python -m bench -n 10000 -s validate -s list-tag --runs 5 --json results.json

For each ledger size the same run measures a command and its peer in turn
(A B, then B A, ...), so a change in the machine's load hits both; the table
gives medians, their ratio, and each process's peak resident memory.
``docs/performance.md`` explains the scenarios and holds the latest table.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from bench import generate, measure

REPO = Path(__file__).resolve().parent.parent
BENCH = REPO / "bench"
SAMPLE = REPO / "claims.yaml"
SCHEMA = REPO / "schema.json"
#: The day every run is on: after every generated date and the sample's.
TODAY = "2026-11-28"
SIZES = (1_000, 10_000, 100_000)
#: The look-ups on the 39-claim sample that the same look-ups on N claims are held to.
SAMPLE_TAG, SAMPLE_SEARCH, SAMPLE_ID = "trade", "rahmon", "trade-121m"


@dataclass(frozen=True)
class Command:
    """A command line to measure, with the exit codes that count as success."""

    label: str
    argv: tuple[str, ...]
    expect: tuple[int, ...] = (0,)
    #: Runs, untimed, before each measurement (for instance to edit a file).
    prepare: Callable[[], None] | None = field(default=None, compare=False, hash=False)
    #: Run once, untimed, before the first measurement: the look-up index
    #: then knows the ledger, as it does for every look-up but the first.
    warm: bool = False

    @property
    def key(self) -> tuple[str, ...]:
        return (self.label, *self.argv)


@dataclass(frozen=True)
class Comparison:
    """One row of the table: a command, its peer, and the ratios the issue aims at."""

    scenario: str
    subject: Command
    peer: Command
    #: The most subject/peer wall time may be (None: a reference point, no target).
    target: float | None = None
    memory_target: float | None = None


@dataclass
class Ledgers:
    """The generated files for one size N, and what to look up in them."""

    size: int
    file: Path
    json_file: Path
    directory: Path
    misspelt: Path
    picks: generate.Picks


class Tools:
    """Where the measured programs are, found once."""

    def __init__(self) -> None:
        here = Path(sys.executable).parent
        self.claims = shutil.which("claims", path=str(here)) or shutil.which("claims")
        self.check_jsonschema = shutil.which("check-jsonschema", path=str(here)) or shutil.which(
            "check-jsonschema"
        )
        if not self.claims:
            sys.exit("bench: claims is not installed: pip install -e '.[bench]'")


def _claims(tools: Tools, *args: object) -> tuple[str, ...]:
    assert tools.claims
    return (tools.claims, *map(str, args))


def _python(script: str, *args: object) -> tuple[str, ...]:
    return (sys.executable, str(BENCH / script), *map(str, args))


# --- Scenarios ------------------------------------------------------------------
# Each takes the tools and the ledgers of one size and returns its comparisons;
# an empty list means it cannot run here (a peer is not installed).

Scenario = Callable[[Tools, Ledgers], list[Comparison]]


def _validate(tools: Tools, ledgers: Ledgers) -> Command:
    return Command("claims validate", _claims(tools, "validate", ledgers.file))


def validate(tools: Tools, ledgers: Ledgers) -> list[Comparison]:
    """Target 1: cold validate against check-jsonschema with our schema, wall time and memory."""
    if not tools.check_jsonschema:
        return []
    peer = Command(
        "check-jsonschema",
        (tools.check_jsonschema, "--schemafile", str(SCHEMA), str(ledgers.file)),
    )
    return [Comparison("validate", _validate(tools, ledgers), peer, 0.15, 0.3)]


def read_floor(tools: Tools, ledgers: Ledgers) -> list[Comparison]:
    """Reference: validate against json.loads of the same data, the least reading can cost."""
    peer = Command("json.loads", _python("floors.py", "json", ledgers.json_file))
    return [Comparison("read-floor", _validate(tools, ledgers), peer)]


def yaml_floor(tools: Tools, ledgers: Ledgers) -> list[Comparison]:
    """Reference: validate against libyaml's events and PyYAML's C composer on the same file."""
    return [
        Comparison(
            "yaml-floor",
            _validate(tools, ledgers),
            Command(f"yaml {mode}", _python("floors.py", f"yaml-{mode}", ledgers.file)),
        )
        for mode in ("events", "compose")
    ]


def _lookup(name: str, args: Iterable[object], sample_args: Iterable[object]) -> Scenario:
    def scenario(tools: Tools, ledgers: Ledgers) -> list[Comparison]:
        shown = " ".join(map(str, args))
        subject = Command(
            f"claims {shown}", _claims(tools, *_fill(args, ledgers), "-f", ledgers.file), warm=True
        )
        peer = Command(
            "the same on the sample", _claims(tools, *sample_args, "-f", SAMPLE), warm=True
        )
        return [Comparison(name, subject, peer, 3.0)]

    scenario.__doc__ = f"Target 2: {name} on N claims against the same on the 39-claim sample."
    return scenario


def _fill(args: Iterable[object], ledgers: Ledgers) -> list[str]:
    values = {"TAG": ledgers.picks.tag, "WORDS": ledgers.picks.search, "ID": ledgers.picks.show_id}
    return [values.get(str(arg), str(arg)) for arg in args]


def _editor(path: Path) -> Callable[[], None]:
    """What edits ``path``: a new comment at its end each time (the claims stay the same).

    Appended, not rewritten from a copy kept here: a harness holding a large
    file would carry its memory into every process it starts (see
    :func:`prepare_ledgers`).
    """
    edits = iter(range(1, 1 << 30))

    def edit() -> None:
        with path.open("ab") as stream:
            stream.write(f"# edited {next(edits)}\n".encode())

    return edit


def changed(tools: Tools, ledgers: Ledgers) -> list[Comparison]:
    """Target 3: the first look-up after one file of a split ledger changes, vs cold validate."""
    first = sorted(ledgers.directory.glob("*.yaml"))[0]
    edit = _editor(first)

    subject = Command(
        "claims list --tag TAG (one file edited)",
        _claims(tools, "list", "--tag", ledgers.picks.tag, "-f", ledgers.directory),
        prepare=edit,
        warm=True,  # the index knows the ledger as it was before the edit
    )
    peer = Command("claims validate (split)", _claims(tools, "validate", ledgers.directory))
    return [Comparison("changed", subject, peer, 1.0)]


def changed_file(tools: Tools, ledgers: Ledgers) -> list[Comparison]:
    """Target 3: the first look-up after the one file of a ledger changes, vs cold validate."""
    # A copy, so that editing it leaves the other scenarios' ledger (and index) alone.
    copy = ledgers.file.with_name(f"edited-{ledgers.size}.yaml")
    shutil.copyfile(ledgers.file, copy)
    edit = _editor(copy)

    subject = Command(
        "claims list --tag TAG (the file edited)",
        _claims(tools, "list", "--tag", ledgers.picks.tag, "-f", copy),
        prepare=edit,
        warm=True,
    )
    peer = Command("claims validate (one file)", _claims(tools, "validate", copy))
    return [Comparison("changed-file", subject, peer, 1.0)]


def near_miss(tools: Tools, ledgers: Ledgers) -> list[Comparison]:
    """Reference: validate when every reference is misspelt (each asks "did you mean")."""
    subject = Command(
        "claims validate (misspelt)", _claims(tools, "validate", ledgers.misspelt), expect=(1,)
    )
    return [Comparison("near-miss", subject, _validate(tools, ledgers))]


def _startup(command: str) -> Callable[[Tools], list[Comparison]]:
    def scenario(tools: Tools) -> list[Comparison]:
        args = ("list", "-f", SAMPLE) if command == "list" else ("validate", SAMPLE)
        subject = Command(f"claims {command} (sample)", _claims(tools, *args), warm=True)
        peer = Command("typer app", _python("typer_app.py", "table"))
        return [Comparison(f"startup-{command}", subject, peer, 1.2)]

    scenario.__doc__ = f"Target 4: claims {command} on the sample against a minimal Typer app."
    return scenario


#: Every scenario that runs for each ledger size, by name, in the order of the table.
SCENARIOS: dict[str, Scenario] = {
    "validate": validate,
    "read-floor": read_floor,
    "yaml-floor": yaml_floor,
    "list-tag": _lookup("list-tag", ("list", "--tag", "TAG"), ("list", "--tag", SAMPLE_TAG)),
    "list-search": _lookup(
        "list-search", ("list", "--search", "WORDS"), ("list", "--search", SAMPLE_SEARCH)
    ),
    "show": _lookup("show", ("show", "ID"), ("show", SAMPLE_ID)),
    "stats": _lookup("stats", ("stats",), ("stats",)),
    "export-jsonl": _lookup("export-jsonl", ("export", "-F", "jsonl"), ("export", "-F", "jsonl")),
    "changed": changed,
    "changed-file": changed_file,
    "near-miss": near_miss,
}
#: The scenarios that do not depend on N: they run once, on the sample.
STARTUP: dict[str, Callable[[Tools], list[Comparison]]] = {
    "startup-list": _startup("list"),
    "startup-validate": _startup("validate"),
}
#: Scenarios left out unless named: references that cost time and aim at no target.
OPTIONAL = {"yaml-floor", "near-miss"}
DEFAULT = [name for name in [*SCENARIOS, *STARTUP] if name not in OPTIONAL]


# --- Measuring --------------------------------------------------------------------


def environment(cache: Path) -> dict[str, str]:
    """The environment every measured process gets: fixed day, no colour, its own index."""
    environ = {
        name: value
        for name, value in os.environ.items()
        if not name.startswith("CLAIMS_")
        and name not in {"COLUMNS", "FORCE_COLOR", "GITHUB_ACTIONS", "TTY_COMPATIBLE"}
    }
    # No CLAIMS_MAX_FILE_SIZE: the default limit admits the 100,000-claim file.
    # An index of the run's own, in the scratch folder: a run starts from
    # nothing and leaves the user's cache as it was.
    environ.update(CLAIMS_TODAY=TODAY, COLUMNS="80", NO_COLOR="1", CLAIMS_CACHE_DIR=str(cache))
    return environ


Results = dict[tuple[str, tuple[str, ...]], list[measure.Sample]]


def measure_all(
    comparisons: list[tuple[str, Comparison]], runs: int, env: dict[str, str], results: Results
) -> None:
    """Run every distinct command ``runs`` times, rotating the order each round.

    Samples go into ``results`` as they come, so an interrupted run still
    reports what it measured.
    """
    commands: dict[tuple[str, tuple[str, ...]], Command] = {}
    for size, comparison in comparisons:
        for command in (comparison.subject, comparison.peer):
            commands.setdefault((size, command.key), command)
    order = list(commands)
    for key in order:
        results.setdefault(key, [])
        command = commands[key]
        if command.warm and not results[key]:
            if command.prepare:
                command.prepare()
            measure.run(command.argv, env=env, cwd=REPO)
    for round_number in range(runs):
        shift = round_number % len(order)
        for key in order[shift:] + order[:shift]:
            command = commands[key]
            if command.prepare:
                command.prepare()
            sample = measure.run(command.argv, env=env, cwd=REPO)
            if sample.exit_code not in command.expect:
                # Output is thrown away while measuring: run it once more to show it.
                again = subprocess.run(command.argv, env=env, cwd=REPO, capture_output=True)
                shown = (again.stdout + again.stderr).decode("utf-8", "replace")[-2000:]
                sys.exit(f"bench: {' '.join(command.argv)} exited {sample.exit_code}:\n{shown}")
            results[key].append(sample)
            print(
                f"  [{key[0]:>7}] {command.label}: {sample.seconds:.2f} s, "
                f"{sample.cpu_seconds:.2f} s cpu, {sample.peak_bytes / 2**20:.0f} MiB",
                file=sys.stderr,
                flush=True,
            )


def prepare_ledgers(size: int, folder: Path, files: int, seed: int) -> Ledgers:
    """The ledgers of ``size`` claims, generated in a process of their own.

    Linux carries a process's peak resident set into the children it starts,
    so generating 100,000 claims here would make every later measurement
    report at least the generator's peak. A spawned process keeps it apart.
    """
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(max_workers=1, mp_context=context) as pool:
        return pool.submit(_generate_ledgers, size, folder, files, seed).result()


def _generate_ledgers(size: int, folder: Path, files: int, seed: int) -> Ledgers:
    started = time.perf_counter()
    data = generate.generate(size, seed=seed)
    file = generate.write(data, folder / f"ledger-{size}.yaml")[0]
    json_file = generate.write_json(data, folder / f"ledger-{size}.json")
    directory = folder / f"ledger-{size}"
    generate.write(data, directory, files=files)
    misspelt = generate.write(generate.misspelt(data), folder / f"misspelt-{size}.yaml")[0]
    ledgers = Ledgers(size, file, json_file, directory, misspelt, generate.picks(data))
    print(
        f"bench: {size:,} claims, {file.stat().st_size / 2**20:.1f} MiB, "
        f"generated in {time.perf_counter() - started:.1f} s; {ledgers.picks}",
        file=sys.stderr,
        flush=True,
    )
    return ledgers


# --- Reporting --------------------------------------------------------------------


def _median(samples: list[measure.Sample]) -> float:
    return statistics.median(sample.seconds for sample in samples)


def _cpu(samples: list[measure.Sample]) -> float:
    return statistics.median(sample.cpu_seconds for sample in samples)


def _peak(samples: list[measure.Sample]) -> int:
    return max(sample.peak_bytes for sample in samples)


def _table(header: list[str], rows: list[list[str]]) -> list[str]:
    widths = [max(len(row[i]) for row in [header, *rows]) for i in range(len(header))]

    def line(cells: list[str]) -> str:
        padded = (cell.ljust(width) for cell, width in zip(cells, widths, strict=True))
        return "| " + " | ".join(padded) + " |"

    rule = "| " + " | ".join("-" * width for width in widths) + " |"
    return [line(header), rule, *(line(row) for row in rows)]


def report(comparisons: list[tuple[str, Comparison]], results: Results) -> str:
    """The Markdown tables: one row per comparison, then linear growth."""
    rows = []
    for size, comparison in comparisons:
        ours = results[(size, comparison.subject.key)]
        theirs = results[(size, comparison.peer.key)]
        ratio = _median(ours) / _median(theirs)
        memory = _peak(ours) / _peak(theirs)
        verdict = "—"
        if comparison.target is not None:
            verdict = "met" if ratio <= comparison.target else "missed"
            if comparison.memory_target is not None and memory > comparison.memory_target:
                verdict = "missed"
        target = "—" if comparison.target is None else f"≤ {comparison.target:g}×"
        if comparison.memory_target is not None:
            target += f", mem ≤ {comparison.memory_target:g}×"
        rows.append(
            [
                comparison.scenario,
                f"{int(size):,}" if size.isdigit() else size,
                comparison.subject.label,
                str(len(ours)),
                f"{_median(ours):.2f}",
                f"{_cpu(ours):.2f}",
                f"{_peak(ours) / 2**20:.0f}",
                comparison.peer.label,
                f"{_median(theirs):.2f}",
                f"{_cpu(theirs):.2f}",
                f"{_peak(theirs) / 2**20:.0f}",
                f"{ratio:.2f}×",
                f"{_cpu(ours) / _cpu(theirs):.2f}×",
                f"{memory:.2f}×",
                target,
                verdict,
            ]
        )
    header = [
        "scenario",
        "N",
        "command",
        "runs",
        "wall s",
        "cpu s",
        "peak MiB",
        "peer",
        "peer wall s",
        "peer cpu s",
        "peer MiB",
        "wall ratio",
        "cpu ratio",
        "mem ratio",
        "target",
        "verdict",
    ]
    lines = [
        "Medians of wall and CPU (user + system) seconds; ratios are command / peer;",
        "memory is the peak resident set. Verdicts judge the wall ratio, as the targets do.",
        "",
    ]
    lines += _table(header, rows)
    growth = _growth(comparisons, results)
    if growth:
        lines += ["", "Linear growth (target 5): time(N) / time(N/10) at most 11×.", ""]
        header = [
            "command",
            "from N",
            "to N",
            "wall s",
            "wall s",
            "growth",
            "cpu",
            "target",
            "verdict",
        ]
        lines += _table(header, growth)
    return "\n".join(lines)


def _growth(comparisons: list[tuple[str, Comparison]], results: Results) -> list[list[str]]:
    times: dict[str, dict[int, tuple[float, float]]] = {}
    for size, comparison in comparisons:
        if size.isdigit():
            label = comparison.subject.label
            samples = results[(size, comparison.subject.key)]
            times.setdefault(label, {})[int(size)] = (_median(samples), _cpu(samples))
    rows = []
    for label, by_size in times.items():
        for small in sorted(by_size):
            big = small * 10
            if big in by_size:
                growth = by_size[big][0] / by_size[small][0]
                cpu_growth = by_size[big][1] / by_size[small][1]
                rows.append(
                    [
                        label,
                        f"{small:,}",
                        f"{big:,}",
                        f"{by_size[small][0]:.2f}",
                        f"{by_size[big][0]:.2f}",
                        f"{growth:.1f}×",
                        f"{cpu_growth:.1f}×",
                        "≤ 11×",
                        "met" if growth <= 11 else "missed",
                    ]
                )
    return rows


def machine() -> str:
    """One paragraph on what the numbers were measured on."""
    try:
        import yaml

        libyaml = "with libyaml" if yaml.__with_libyaml__ else "without libyaml"
    except ImportError:  # pragma: no cover - PyYAML is a dependency
        libyaml = "no PyYAML"
    memory = "?"
    meminfo = Path("/proc/meminfo")
    if meminfo.exists():
        kib = int(meminfo.read_text().split("MemTotal:")[1].split()[0])
        memory = f"{kib / 2**20:.0f} GiB"
    load = " ".join(f"{value:.1f}" for value in os.getloadavg())
    return (
        f"{os.cpu_count()} cores, {memory} memory, {platform.system()} {platform.machine()}, "
        f"Python {platform.python_version()}, PyYAML {libyaml}; load average {load}"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m bench", description=__doc__.splitlines()[0] if __doc__ else None
    )
    parser.add_argument(
        "-n", "--claims", type=int, action="append", help="ledger size (repeatable)"
    )
    parser.add_argument(
        "-s",
        "--scenario",
        action="append",
        choices=[*SCENARIOS, *STARTUP, "all"],
        help=f"scenario (repeatable; default: {', '.join(DEFAULT)}; 'all' adds "
        f"{', '.join(sorted(OPTIONAL))})",
    )
    parser.add_argument(
        "--runs", type=int, help="runs of each command (default 3, and 1 from 100,000 claims)"
    )
    parser.add_argument("--files", type=int, default=10, help="files of the split ledger")
    parser.add_argument("--seed", type=int, default=0, help="generator seed")
    parser.add_argument("--quick", action="store_true", help="N = 1,000 and one run")
    parser.add_argument("--json", type=Path, help="also write every sample to this file")
    parser.add_argument("--keep", type=Path, help="generate the ledgers here and keep them")
    args = parser.parse_args(argv)
    sizes = args.claims or ([1_000] if args.quick else list(SIZES))
    runs = args.runs or (1 if args.quick else 3)

    def runs_at(size: int) -> int:
        # One round at 100,000 claims already takes a quarter of an hour.
        return args.runs or (1 if size >= 100_000 else runs)

    names = args.scenario or DEFAULT
    if "all" in names:
        names = [*SCENARIOS, *STARTUP]
    tools = Tools()
    signal.signal(signal.SIGTERM, signal.default_int_handler)
    print(f"bench: {machine()}", file=sys.stderr)
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="claims-bench-") as scratch:
        folder = args.keep or Path(scratch)
        folder.mkdir(parents=True, exist_ok=True)
        env = environment(Path(scratch) / "cache")
        comparisons: list[tuple[str, Comparison]] = []
        results: Results = {}
        unsized = [name for name in names if name in STARTUP]
        sized = [name for name in names if name in SCENARIOS]
        if unsized:
            # Start-up is fast and noisy: more runs cost little.
            batch = [("sample", c) for name in unsized for c in STARTUP[name](tools)]
            comparisons += batch
            measure_all(batch, max(runs, 10), env, results)
        try:
            for size in sorted(sizes) if sized else []:
                ledgers = prepare_ledgers(size, folder, args.files, args.seed)
                batch = [(str(size), c) for name in sized for c in SCENARIOS[name](tools, ledgers)]
                comparisons += batch
                measure_all(batch, runs_at(size), env, results)
        except KeyboardInterrupt:
            # Ctrl-C (or SIGTERM) stops measuring; what was measured is reported.
            print("bench: interrupted; reporting what was measured", file=sys.stderr)
        comparisons = [
            (size, c)
            for size, c in comparisons
            if results.get((size, c.subject.key)) and results.get((size, c.peer.key))
        ]
        if not comparisons:
            sys.exit("bench: nothing to run (is check-jsonschema installed?)")
    took = time.perf_counter() - started
    print(f"Machine: {machine()}.")
    print(f"Command: python -m bench {' '.join(argv if argv is not None else sys.argv[1:])}")
    print(f"Took {took / 60:.1f} minutes.\n")
    print(report(comparisons, results))
    if args.json:
        args.json.write_text(
            json.dumps(
                [
                    {
                        "size": size,
                        "command": list(key),
                        "samples": [sample.__dict__ for sample in samples],
                    }
                    for (size, key), samples in results.items()
                ],
                indent=1,
            ),
            encoding="utf-8",
        )
    return 0
