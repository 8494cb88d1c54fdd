"""The JSON Schema: one source of truth, valid draft 2020-12, and agreed with by others."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import REPO, Run

from claims_cli import model
from claims_cli.check.schema import schema, schema_text

FIXTURES = REPO / "tests" / "fixtures" / "schema"
VALID = sorted((FIXTURES / "valid").glob("*.yaml"))
INVALID = sorted((FIXTURES / "invalid").glob("*.yaml"))


def test_top_level_schema_is_the_packaged_schema() -> None:
    assert (REPO / "schema.json").read_bytes() == (REPO / "claims_cli" / "schema.json").read_bytes()
    assert (REPO / "schema.json").read_text("utf-8") == schema_text()


def test_schema_passes_the_metaschema_check() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "check_jsonschema", "--check-metaschema", str(REPO / "schema.json")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_schema_choices_match_the_model() -> None:
    props = schema()["$defs"]
    claim = props["claim"]["properties"]
    assert tuple(claim["type"]["enum"]) == model.CLAIM_TYPES
    assert tuple(claim["confidence"]["enum"]) == model.CONFIDENCE_LEVELS
    assert tuple(claim["status"]["enum"]) == model.STATUSES
    assert tuple(claim["credibility"]["enum"]) == model.CREDIBILITIES
    assert tuple(props["value"]["properties"]["comparator"]["enum"]) == model.COMPARATORS
    assert tuple(props["attribution"]["properties"]["claimant_type"]["enum"]) == (
        model.CLAIMANT_TYPES
    )
    assert tuple(props["evidence"]["properties"]["stance"]["enum"]) == model.STANCES
    assert tuple(props["source"]["properties"]["kind"]["enum"]) == model.SOURCE_KINDS
    assert tuple(props["source"]["properties"]["reliability"]["enum"]) == model.RELIABILITIES
    assert set(claim) == set(model.CLAIM_FIELDS)
    assert set(props["source"]["properties"]) == set(model.SOURCE_FIELDS)


def schema_codes(cli: Callable[..., Run], path: Path) -> set[str]:
    report = json.loads(cli("validate", "-F", "json", str(path)).stdout)
    return {d["code"] for d in report["diagnostics"] if d["code"].startswith("E2")}


def test_fixtures_cover_both_sides() -> None:
    assert len(VALID) >= 3 and len(INVALID) >= 15


def test_check_jsonschema_agrees_on_every_fixture(cli: Callable[..., Run]) -> None:
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
def test_valid_fixtures_have_no_errors(cli: Callable[..., Run], path: Path) -> None:
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

    built = build_ledger([read_document(str(path))])
    assert built.diagnostics == []
    assert built.ledger.claims or built.ledger.sources or path.name == "empty-lists.yaml"
