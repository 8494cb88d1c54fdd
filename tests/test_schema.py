"""The JSON Schema: one source of truth, valid draft 2020-12, and agreed with by others."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any, get_args

import pytest
from conftest import REPO, Cli

from claims_cli import model
from claims_cli.check import schema_gen
from claims_cli.check.schema import schema, schema_text
from claims_cli.check.schema_gen import render
from claims_cli.environment import DEFAULT_MAX_FILE_BYTES

FIXTURES = REPO / "tests" / "fixtures" / "schema"
VALID = sorted((FIXTURES / "valid").glob("*.yaml"))
INVALID = sorted((FIXTURES / "invalid").glob("*.yaml"))


def test_the_committed_schemas_are_what_the_model_generates() -> None:
    generated = render().encode("utf-8")
    assert (REPO / "schema.json").read_bytes() == generated
    assert (REPO / "claims_cli" / "schema.json").read_bytes() == generated
    assert schema_text() == render()
    assert schema_gen.main(["--check"]) == 0


def test_the_generator_says_which_file_is_stale(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    stale = tmp_path / "schema.json"
    stale.write_text("{}\n", encoding="utf-8")
    monkeypatch.setattr(schema_gen, "targets", lambda: [stale])
    assert schema_gen.main(["--check"]) == 1
    assert capsys.readouterr().out == (
        f"{stale} is not what the model generates; run python -m claims_cli.check.schema_gen\n"
    )
    assert schema_gen.main([]) == 0
    assert stale.read_text("utf-8") == render()


def test_schema_passes_the_metaschema_check() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "check_jsonschema", "--check-metaschema", str(REPO / "schema.json")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


JSON_TYPES = {"text": "string", "number": "number", "texts": "array", "records": "array"}


def _resolve(node: dict[str, Any], defs: dict[str, Any]) -> dict[str, Any]:
    while "$ref" in node:
        node = defs[node["$ref"].removeprefix("#/$defs/")]
    return node


def _records() -> list[type]:
    """Every model class the format holds, found by walking from the top level."""
    found: list[type] = [model.LedgerFile]
    for record in found:
        for shape in model.shape_of(record).values():
            if shape.record is not None and shape.record not in found:
                found.append(shape.record)
    return found


@pytest.mark.parametrize("copy", ["schema.json", "claims_cli/schema.json"])
def test_each_schema_copy_and_the_model_agree_on_every_key(copy: str) -> None:
    """Keys, JSON types, choices and required keys, read from the file, not the generator."""
    root = json.loads((REPO / copy).read_text("utf-8"))
    defs = root["$defs"]
    records = _records()
    assert len(records) == 10
    for record in records:
        body = root if record is model.LedgerFile else defs[record.__name__.lower()]
        shapes = model.shape_of(record)
        assert body["type"] == "object" and body["additionalProperties"] is False
        assert list(body["properties"]) == list(shapes), record
        required = [name for name, shape in shapes.items() if shape.required]
        assert body.get("required", []) == required, record
        for name, shape in shapes.items():
            prop = _resolve(body["properties"][name], defs)
            where = f"{record.__name__}.{name}"
            if shape.kind == "choice":
                listed = prop["enum"] if "enum" in prop else [prop["const"]]
                assert tuple(listed) == shape.choices, where
                assert prop.get("default") == shape.default, where
            elif shape.kind == "record":
                assert shape.record is not None
                assert prop is defs[shape.record.__name__.lower()], where
            else:
                assert prop["type"] == JSON_TYPES[shape.kind], where
            if shape.kind == "texts":
                assert _resolve(prop["items"], defs)["type"] == "string", where
            if shape.kind == "records":
                assert shape.record is not None
                assert _resolve(prop["items"], defs) is defs[shape.record.__name__.lower()]


def test_enum_tuples_are_the_literals() -> None:
    assert get_args(model.ClaimType) == model.CLAIM_TYPES
    assert get_args(model.Status) == model.STATUSES
    assert model.CONFIDENCE_LEVELS == ("very-low", "low", "medium", "high", "very-high")
    assert model.CREDIBILITIES == (1, 2, 3, 4, 5, 6)
    assert model.shape_of(model.Claim)["status"].choices == model.STATUSES
    assert list(model.shape_of(model.Claim)) == list(model.CLAIM_FIELDS)
    assert list(model.shape_of(model.Source)) == list(model.SOURCE_FIELDS)


def test_required_keys_are_the_fields_without_defaults() -> None:
    defs = schema()["$defs"]
    assert defs["claim"]["required"] == ["id", "claim", "type", "attribution", "confidence"]
    assert defs["source"]["required"] == ["id", "title"]
    assert defs["value"]["required"] == ["amount", "unit"]
    assert defs["evidence"]["required"] == ["source", "stance"]
    assert "required" not in defs["meta"]
    assert schema()["required"] == ["version"]
    assert schema()["properties"]["version"] == {
        "const": 1,
        "description": "The file format version. Always 1.",
    }


def schema_codes(cli: Cli, path: Path) -> set[str]:
    report = json.loads(cli("validate", "-F", "json", str(path)).stdout)
    return {d["code"] for d in report["diagnostics"] if d["code"].startswith("E2")}


def test_fixtures_cover_both_sides() -> None:
    assert len(VALID) >= 3 and len(INVALID) >= 15


def test_check_jsonschema_agrees_on_every_fixture(cli: Cli) -> None:
    """A third-party validator given schema.json accepts and rejects the same files.

    (Files that differ only by YAML 1.1 booleans such as ``NO`` are not in the
    fixtures: check-jsonschema reads YAML 1.2, where ``NO`` is text; claims
    reads YAML 1.1 like PyYAML and asks for the quotes.)
    """
    files = [str(p) for p in VALID + INVALID]
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "check_jsonschema",
            "--schemafile",
            str(REPO / "schema.json"),
            "-o",
            "json",
            *files,
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    report = json.loads(result.stdout)
    assert report["parse_errors"] == []
    rejected_by_them = {Path(e["filename"]).name for e in report["errors"]}
    rejected_by_us = {p.name for p in VALID + INVALID if schema_codes(cli, p)}
    assert rejected_by_us == {p.name for p in INVALID}
    assert rejected_by_them == rejected_by_us


@pytest.mark.parametrize("path", VALID, ids=lambda p: p.name)
def test_valid_fixtures_have_no_errors(cli: Cli, path: Path) -> None:
    run = cli("validate", str(path))
    assert run.exit_code == 0, run.stdout


def test_the_claims_file_points_editors_at_the_schema() -> None:
    first = (REPO / "claims.yaml").read_text("utf-8").splitlines()[0]
    assert first == "# yaml-language-server: $schema=schema.json"


@pytest.mark.parametrize("path", VALID, ids=lambda p: p.name)
def test_the_builder_accepts_whatever_the_schema_accepts(path: Path) -> None:
    """Look-ups build without the schema; they must not reject a schema-valid file."""
    from claims_cli.read.build import build_ledger
    from claims_cli.read.yaml_events import read_document

    built = build_ledger([read_document(str(path), max_bytes=DEFAULT_MAX_FILE_BYTES)])
    assert built.diagnostics == []
    assert built.ledger.claims or built.ledger.sources or path.name == "empty-lists.yaml"


DOCUMENTED = {
    "Top level": model.LedgerFile,
    "`meta`": model.Meta,
    "`sources`": model.Source,
    "`claims`": model.Claim,
    "`value`": model.Value,
    "`attribution`": model.Attribution,
    "`anchor`": model.Anchor,
    "`evidence`": model.Evidence,
}


def _first_table(heading: str) -> list[list[str]]:
    text = (REPO / "docs" / "format.md").read_text("utf-8")
    section = text.split(f"\n## {heading}\n", 1)[1].split("\n## ", 1)[0]
    rows: list[list[str]] = []
    for line in section.splitlines():
        if line.startswith("|"):
            rows.append([cell.strip() for cell in line.strip("|").split("|")])
        elif rows:
            break
    return rows


@pytest.mark.parametrize("heading", DOCUMENTED)
def test_the_field_reference_lists_every_key_and_whether_it_is_required(heading: str) -> None:
    header, _, *rows = _first_table(heading)
    shapes = model.shape_of(DOCUMENTED[heading])
    # In the order that reads best, which need not be the model's.
    assert sorted(row[0].strip("`") for row in rows) == sorted(shapes)
    if "Required" in header:
        column = header.index("Required")
        required = {row[0].strip("`"): row[column] == "yes" for row in rows}
        assert required == {name: shape.required for name, shape in shapes.items()}
    else:
        assert not any(shape.required for shape in shapes.values())


def test_the_nested_mappings_are_described_with_their_keys() -> None:
    meta = {row[0]: row[-1] for row in _first_table("`meta`")[2:]}
    assert "a mapping with `name` and `url`" in meta["`publisher`"]
    assert list(model.shape_of(model.Publisher)) == ["name", "url"]
    claims = {row[0]: row[-1] for row in _first_table("`claims`")[2:]}
    assert "a mapping with `by` (text) and `on` (a date)" in claims["`checked`"]
    assert list(model.shape_of(model.Checked)) == ["by", "on"]
