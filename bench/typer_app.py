"""The start-up floor: a minimal Typer app with two commands that prints a rich table.

``claims list`` and ``claims validate`` on the sample ledger are measured
against ``python bench/typer_app.py table``: whatever they take beyond it is
the cost of ``claims`` itself (imports, reading, checking), not of Python,
Typer or rich.
"""

from __future__ import annotations

import typer
from rich.console import Console
from rich.table import Table

app = typer.Typer(add_completion=False)


@app.command()
def table(rows: int = typer.Option(3, help="How many rows.")) -> None:
    """Print a small table."""
    grid = Table("id", "claim", "confidence")
    for number in range(rows):
        grid.add_row(f"claim-{number}", f"Claim number {number}.", "medium")
    Console().print(grid)


@app.command()
def hello(name: str = "world") -> None:
    """Greet someone (a second command, so Typer dispatches as it does for claims)."""
    print(f"hello {name}")


if __name__ == "__main__":
    app()
