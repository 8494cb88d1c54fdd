"""Edits keep every byte outside the edited claim, on ledgers hypothesis writes as text.

The ledgers are written as text, not dumped from data, so that they hold what
people write by hand: comments at the end of lines and on lines of their own,
blank lines between claims or none, plain, single- and double-quoted and
folded scalars, flow and block mappings for small records (and for whole
claims), flow and block lists, keys in any order, lists indented or not.
After ``claims set``, ``rm`` or ``add``, the text before and after the edited
claim's lines (found with the loader's marks) must be byte-identical, and the
file must read back as the old data with exactly that change.
"""

from __future__ import annotations

import copy
import json
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from conftest import invoke_claims
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from claims_cli.model import Claim, shape_of
from claims_cli.read.yaml_events import parse_text

TYPES = [str(c) for c in shape_of(Claim)["type"].choices]
CONFIDENCES = [str(c) for c in shape_of(Claim)["confidence"].choices]
STATUSES = [str(c) for c in shape_of(Claim)["status"].choices]
WORDS = ["trade", "grew", "plant", "drones", "sold", "Tehran's", "exports", "fell", "rose",
         "report", "says", "over", "million", "#7", "a:b", "50%", "Dushanbe"]  # fmt: skip
#: Tags YAML 1.1 would read as something else unless they are quoted.
TAGS = ["new", "NO", "2022", "on", "1e3", "null"]
SOURCES = ("src-a", "src-b")

texts = st.lists(st.sampled_from(WORDS), min_size=1, max_size=6).map(" ".join)


@dataclass
class Ledger:
    text: str
    data: dict[str, Any]


def _reads_as(rendered: str, text: str) -> bool:
    try:
        loaded = yaml.safe_load(f"k: {rendered}\n")
    except yaml.YAMLError:
        return False
    return isinstance(loaded, dict) and loaded.get("k") == text


@st.composite
def scalar(draw: st.DrawFn, text: str, *, folded_at: int | None = None) -> str:
    """``text`` in a style hypothesis picks, falling back to double quotes where it must."""
    style = draw(st.sampled_from(["plain", "single", "double", "folded"]))
    if style == "folded" and folded_at is not None and " " in text:
        words = text.split(" ")
        cut = draw(st.integers(1, len(words) - 1)) if len(words) > 1 else 1
        pad = " " * folded_at
        return f">-\n{pad}{' '.join(words[:cut])}\n{pad}{' '.join(words[cut:])}"
    if style == "plain" and _reads_as(text, text) and "#" not in text:
        return text
    if style == "single":
        return "'" + text.replace("'", "''") + "'"
    return json.dumps(text)


def comment(draw: st.DrawFn) -> str:
    return draw(st.sampled_from(["", "", "", "  # checked", "   # why: see #2"]))


@st.composite
def claim_text(draw: st.DrawFn, record: dict[str, Any], indent: int) -> str:
    """One claim as a ``- ...`` item, at ``indent``, in a style hypothesis picks."""
    pad = " " * (indent + 2)
    attribution = record["attribution"]
    if draw(st.integers(0, 5)) == 0:  # the whole claim in flow style, on one line
        inner = ", ".join(
            f"{k}: {json.dumps(v) if isinstance(v, str) else _flow(v)}" for k, v in record.items()
        )
        return f"{' ' * indent}- {{{inner}}}{comment(draw)}\n"
    lines: list[str] = []
    keys = draw(st.permutations(list(record)))
    if keys[0] != "id" and draw(st.booleans()):
        keys = ["id", *[k for k in keys if k != "id"]]
    for key in keys:
        value = record[key]
        if draw(st.integers(0, 6)) == 0:
            lines.append(f"{pad}# about {key}")
        if key == "attribution":
            if draw(st.booleans()):
                pairs = ", ".join(f"{k}: {json.dumps(v)}" for k, v in attribution.items())
                lines.append(f"{pad}attribution: {{{pairs}}}{comment(draw)}")
            else:
                lines.append(f"{pad}attribution:{comment(draw)}")
                for k, v in attribution.items():
                    lines.append(f"{pad}  {k}: {draw(scalar(v))}{comment(draw)}")
        elif key == "tags":
            if draw(st.booleans()):
                lines.append(f"{pad}tags: [{', '.join(value)}]{comment(draw)}")
            else:
                lines.append(f"{pad}tags:")
                dash = pad if draw(st.booleans()) else pad + "  "
                lines.extend(f"{dash}- {tag}" for tag in value)
        elif key == "notes":
            rendered = draw(scalar(value, folded_at=len(pad) + 2))
            lines.append(f"{pad}notes: {rendered}" + ("" if "\n" in rendered else comment(draw)))
        else:
            lines.append(f"{pad}{key}: {draw(scalar(value))}{comment(draw)}")
    first, *rest = lines
    while first.lstrip().startswith("#"):  # a comment cannot stand on the dash's line
        rest.append(first)
        first, *rest = rest
    return f"{' ' * indent}- {first.lstrip()}\n" + "".join(line + "\n" for line in rest)


def _flow(value: Any) -> str:
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k}: {json.dumps(v)}" for k, v in value.items()) + "}"
    return "[" + ", ".join(json.dumps(v) for v in value) + "]"


@st.composite
def claims_records(draw: st.DrawFn) -> list[dict[str, Any]]:
    records: list[dict[str, Any]] = []
    for n in range(draw(st.integers(2, 5))):
        attribution: dict[str, Any] = {"source": draw(st.sampled_from(SOURCES))}
        if draw(st.booleans()):
            attribution["locator"] = draw(texts)
        record: dict[str, Any] = {
            "id": f"c{n}",
            "claim": draw(texts),
            "type": draw(st.sampled_from(TYPES)),
            "attribution": attribution,
            "confidence": draw(st.sampled_from(CONFIDENCES)),
        }
        if draw(st.booleans()):
            record["notes"] = draw(texts)
        if draw(st.booleans()):
            record["tags"] = draw(st.lists(st.sampled_from(["trade", "drones", "economy"]),
                                           min_size=1, max_size=3, unique=True))  # fmt: skip
        records.append(record)
    return records


@st.composite
def ledgers(draw: st.DrawFn) -> Ledger:
    records = draw(claims_records())
    indent = draw(st.sampled_from([0, 2]))
    parts = ["# A ledger written by hand\n" if draw(st.booleans()) else "", "version: 1\n"]
    parts.append("sources:\n")
    for source in SOURCES:
        parts.append(
            f'  - id: {source}\n    title: "Source {source}"\n    accessed: "2022-07-01"\n'
        )
    parts.append("\nclaims:" + comment(draw) + "\n")
    for n, record in enumerate(records):
        if n and draw(st.booleans()):
            parts.append("\n")
        if n and draw(st.integers(0, 3)) == 0:
            parts.append(f"{' ' * indent}# --- a section of claims ---\n")
        parts.append(draw(claim_text(record, indent)))
    if draw(st.booleans()):
        parts.append("# the end\n")
    text = "".join(parts)
    data = {
        "version": 1,
        "sources": [{"id": s, "title": f"Source {s}", "accessed": "2022-07-01"} for s in SOURCES],
        "claims": records,
    }
    assert parse_text(text, "claims.yaml").data == data, text  # the generator itself is right
    return Ledger(text, data)


# --- where a claim's lines are ----------------------------------------------------------


def claim_node(text: str, index: int) -> Any:
    """The node of claim ``index``, with its marks."""
    root = yaml.compose(text, Loader=yaml.SafeLoader)
    assert isinstance(root, yaml.MappingNode)
    claims = next(value for key, value in root.value if key.value == "claims")
    return claims.value[index]


def claim_span(text: str, index: int) -> tuple[int, int]:
    """From the start of claim ``index``'s first line to the end of its last line."""
    item = claim_node(text, index)
    start = text.rfind("\n", 0, item.start_mark.index) + 1
    end = _last_content(item, text)
    newline = text.find("\n", end)
    return start, len(text) if newline < 0 else newline + 1


def _last_content(node: yaml.Node, text: str) -> int:
    if isinstance(node, yaml.ScalarNode):
        if node.style in ("|", ">"):
            return len(text[: node.end_mark.index].rstrip())
        return int(node.end_mark.index)
    if getattr(node, "flow_style", False) or not node.value:
        return int(node.end_mark.index)
    last = node.value[-1]
    return _last_content(last[1] if isinstance(last, tuple) else last, text)


# --- running claims -------------------------------------------------------------------


def run(*args: str) -> tuple[int, str]:
    result = invoke_claims(*args)
    return result.exit_code, result.stderr


SETTINGS = settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)


def _edit_keeps_the_rest(ledger: Ledger, index: int, args: list[str]) -> tuple[str, str]:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "claims.yaml"
        path.write_text(ledger.text, encoding="utf-8")
        code, stderr = run(*args, "-f", str(path))
        after = path.read_text("utf-8")
    assert code == 0, stderr + ledger.text
    assert "Traceback" not in stderr
    return ledger.text, after


@SETTINGS
@given(
    ledger=ledgers(),
    pick=st.integers(0, 4),
    change=st.sampled_from(["status", "confidence", "note", "unset-notes", "locator", "tags"]),
    words=texts,
    tag=st.sampled_from(TAGS),
)
def test_set_changes_nothing_outside_the_claim(
    ledger: Ledger, pick: int, change: str, words: str, tag: str
) -> None:
    index = pick % len(ledger.data["claims"])
    claim_id = ledger.data["claims"][index]["id"]
    expected = copy.deepcopy(ledger.data)
    record = expected["claims"][index]
    if change == "status":
        args, record["status"] = ["--status", "disputed"], "disputed"
    elif change == "confidence":
        args, record["confidence"] = ["--confidence", "very-high"], "very-high"
    elif change == "note":
        args, record["notes"] = ["--note", words], words
    elif change == "unset-notes":
        args = ["--unset", "notes"]
        record.pop("notes", None)
    elif change == "locator":
        args, record["attribution"]["locator"] = ["--locator", words], words
    else:
        args, record["tags"] = ["--tag", "trade", "--tag", tag], ["trade", tag]
    before, after = _edit_keeps_the_rest(ledger, index, ["set", claim_id, *args])
    start, end = claim_span(before, index)
    # A claim written in flow style stays in flow style, on as many lines as before.
    if claim_node(before, index).flow_style:
        assert claim_node(after, index).flow_style, after
        assert after.count("\n") == before.count("\n")
    assert after[:start] == before[:start]
    assert after.endswith(before[end:])
    assert len(after) - len(before[end:]) >= start
    assert parse_text(after, "claims.yaml").data == expected


@SETTINGS
@given(ledger=ledgers(), pick=st.integers(0, 4))
def test_rm_takes_only_the_claims_lines(ledger: Ledger, pick: int) -> None:
    index = pick % len(ledger.data["claims"])
    claim_id = ledger.data["claims"][index]["id"]
    expected = copy.deepcopy(ledger.data)
    del expected["claims"][index]
    before, after = _edit_keeps_the_rest(ledger, index, ["rm", claim_id])
    start, end = claim_span(before, index)
    # The blank lines after the claim may go with it, and nothing else.
    while end < len(before) and before[end] == "\n":
        end += 1
    assert after[:start] == before[:start]
    assert after[start:] == before[end:] or after[start:] == before[end - 1 :]
    assert parse_text(after, "claims.yaml").data == expected


@SETTINGS
@given(ledger=ledgers(), words=texts)
def test_add_inserts_after_the_last_claim_and_keeps_every_byte(ledger: Ledger, words: str) -> None:
    args = ["add", "--id", "added", "--claim", words, "--type", "event", "--source", "src-b",
            "--confidence", "low"]  # fmt: skip
    last = len(ledger.data["claims"]) - 1
    before, after = _edit_keeps_the_rest(ledger, last, args)
    _, end = claim_span(before, last)
    # A pure insertion at one point, at or after the end of the last claim's lines.
    assert len(after) > len(before)
    at = end
    while not (after[:at] == before[:at] and after.endswith(before[at:])):
        at += 1
        assert at <= len(before), f"not an insertion after the last claim:\n{after}"
    expected = copy.deepcopy(ledger.data)
    added = {"id": "added", "claim": words, "type": "event", "attribution": {"source": "src-b"}}
    expected["claims"].append({**added, "confidence": "low"})
    assert parse_text(after, "claims.yaml").data == expected


# --- a nested block mapping: only what changes is spliced ------------------------------

BLOCK = """\
version: 1
sources:
  - id: courier
    title: Council approves harbour bridge
    kind: news
  - id: desk
    title: Our own reporting
    kind: other
claims:
  - id: blk
    claim: The bridge will cost about $40 million.
    type: statistic
    quote: "a new bridge costing around $40 million"
    attribution:
      # who said it, and where
      source: courier   # no locator here
      claimant: Mayor   # on the record
    confidence: medium   # one paper
"""


def _edited(tmp_path: Path, *args: str) -> str:
    path = tmp_path / "claims.yaml"
    path.write_text(BLOCK, encoding="utf-8")
    code, stderr = run("set", "-f", str(path), "blk", *args)
    assert (code, stderr.splitlines()[-1]) == (0, "claims: blk: changed"), stderr
    return path.read_text("utf-8")


def test_a_new_key_of_a_block_mapping_keeps_its_comments(tmp_path: Path) -> None:
    assert _edited(tmp_path, "attribution.locator=para 5") == BLOCK.replace(
        "      claimant: Mayor   # on the record\n",
        "      claimant: Mayor   # on the record\n      locator: para 5\n",
    )


def test_a_changed_key_of_a_block_mapping_keeps_its_comments(tmp_path: Path) -> None:
    assert _edited(tmp_path, "attribution.source=desk", "attribution.claimant=The Mayor") == (
        BLOCK.replace("source: courier   #", "source: desk   #").replace(
            "claimant: Mayor   #", "claimant: The Mayor   #"
        )
    )


def test_a_removed_key_of_a_block_mapping_takes_only_its_line(tmp_path: Path) -> None:
    assert _edited(tmp_path, "--unset", "attribution.claimant") == BLOCK.replace(
        "      claimant: Mayor   # on the record\n", ""
    )


def test_locate_write_keeps_the_comments_of_the_attribution(tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()
    path = tmp_path / "claims.yaml"
    path.write_text(BLOCK, encoding="utf-8")
    page = Path(__file__).resolve().parent.parent / "docs" / "examples" / "harbour-bridge.txt"
    pwd = {"PWD": str(tmp_path)}
    archived = invoke_claims("source", "archive", "-f", path, "courier", page, env=pwd)
    assert archived.exit_code == 0, archived.stderr
    before = path.read_text("utf-8")
    result = invoke_claims("locate", "-f", path, "blk", "--write", env=pwd)
    assert result.exit_code == 0, result.stderr
    assert result.stderr.splitlines()[-1] == "claims: blk: locator 'para 1' and anchor recorded"
    assert path.read_text("utf-8") == before.replace(
        "      claimant: Mayor   # on the record\n",
        "      claimant: Mayor   # on the record\n"
        "      locator: para 1\n"
        "      anchor:\n"
        "        exact: a new bridge costing around $40 million\n"
        "        prefix: 'cil voted on Wednesday to build '\n"
        "        suffix: ' across the harbour, ending a de'\n"
        "        start: 78\n"
        "        end: 117\n",
    )
