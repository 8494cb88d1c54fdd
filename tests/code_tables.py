"""The diagnostic-code tables of docs/format.md and the README, as the code table gives them."""

from __future__ import annotations

import re
from pathlib import Path

from claims_cli.check.codes import CODES

BEGIN = "<!-- diagnostic codes: begin -->"
END = "<!-- diagnostic codes: end -->"


def format_table() -> str:
    """Every code, each with its anchor (``#e301``), for docs/format.md."""
    lines = ["| Code | Severity | Title | What it means |", "| --- | --- | --- | --- |"]
    for entry in CODES.values():
        code = f'<a id="{entry.anchor}"></a>`{entry.code}`'
        lines.append(f"| {code} | {entry.severity.value} | {entry.title} | {entry.help} |")
    return "\n".join(lines)


def readme_table() -> str:
    """The ledger rules (``E3xx``, ``W3xx``), each linked to its entry in docs/format.md."""
    lines = ["| code | severity | what |", "| --- | --- | --- |"]
    for entry in CODES.values():
        if entry.code[1] == "3":
            link = f"[{entry.code}](docs/format.md#{entry.anchor})"
            lines.append(f"| {link} | {entry.severity.value} | {entry.help} |")
    return "\n".join(lines)


def between_markers(text: str) -> str:
    found = re.search(re.escape(BEGIN) + r"\n(.*?)\n" + re.escape(END), text, flags=re.S)
    assert found, f"no {BEGIN} … {END} block"
    return found[1]


def rewrite(path: Path, table: str) -> None:
    """Put ``table`` between the markers of ``path`` (to refresh the docs by hand)."""
    text = path.read_text("utf-8")
    old = between_markers(text)
    path.write_text(text.replace(f"{BEGIN}\n{old}\n{END}", f"{BEGIN}\n{table}\n{END}"), "utf-8")


if __name__ == "__main__":
    from conftest import REPO

    rewrite(REPO / "docs" / "format.md", format_table())
    rewrite(REPO / "README.md", readme_table())
