"""The files ``claims init`` writes: a starter ledger, its schema, and CI set-ups."""

from __future__ import annotations

from datetime import date

#: The starter ledger: the first line points editors (yaml-language-server) at the schema.
LEDGER = """\
# yaml-language-server: $schema=schema.json
# A ledger of sourced claims. Check it with: claims validate
version: 1

meta:
  title: My claims ledger

sources:
  - id: example-source
    title: An example source (replace it with the document your claims come from)
    url: https://example.org/article
    accessed: "{today}"
    kind: news

claims:
  - id: example-claim
    claim: An example claim, in your own words.
    type: statement
    attribution:
      source: example-source
      claimant: The article's author
      claimant_type: author
      locator: para 1
    confidence: medium
"""

#: ``--ci github``: validate with annotations on the pull request, and upload SARIF.
GITHUB_WORKFLOW = """\
name: claims
on:
  push:
  pull_request:
permissions:
  contents: read
  security-events: write
jobs:
  validate:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - uses: actions/setup-python@v5
        with:
          python-version: "3.12"
      - name: Install claims
        run: pip install "{requirement}"
      - name: SARIF report for code scanning
        run: claims validate --format sarif > claims.sarif || true
      - uses: github/codeql-action/upload-sarif@v3
        with:
          sarif_file: claims.sarif
      - name: Validate (annotations on the pull request's lines)
        run: claims validate --strict
"""

#: ``--ci pre-commit``: a local hook running the installed ``claims``.
PRE_COMMIT_HOOK = {
    "repo": "local",
    "hooks": [
        {
            "id": "claims-validate",
            "name": "validate claim files",
            "entry": "claims validate",
            "language": "system",
            "files": r"\.ya?ml$",
            "pass_filenames": False,
        }
    ],
}


def pre_commit_text(existing: str | None) -> str:
    """``.pre-commit-config.yaml`` with the claims hook: ``existing`` extended, or a new file.

    A file that holds nothing yet (no text, or comments only) gets a
    ``repos:`` list after what it holds; a mapping without ``repos:`` gets
    one at its end. Raises :class:`~claims_cli.write.edits.EditError` for a
    file that is not a mapping, or whose ``repos`` cannot be extended safely.
    """
    import yaml

    from claims_cli.write import emit
    from claims_cli.write.edits import EditError, Editor

    lines = ["repos:", *("  " + line for line in emit.item_lines(PRE_COMMIT_HOOK))]
    new = "\n".join(lines) + "\n"
    if existing is None:
        return new
    try:
        data = yaml.safe_load(existing)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise EditError(
            "the file is not YAML that can be edited safely", line=mark.line + 1 if mark else None
        ) from None
    if data is None:
        lead = "" if not existing or existing.endswith("\n") else "\n"
        return existing + lead + new
    if not isinstance(data, dict):
        raise EditError("the file is not a mapping with a repos: list; add the hook by hand")
    editor = Editor(existing, ".pre-commit-config.yaml")
    editor.append("repos", PRE_COMMIT_HOOK)
    return editor.result()


def ledger_text(today: date) -> str:
    """The starter ``claims.yaml``, its source accessed ``today``."""
    return LEDGER.replace("{today}", today.isoformat())


def workflow_text(requirement: str) -> str:
    """The GitHub Actions workflow, installing ``claims`` as ``requirement`` says."""
    return GITHUB_WORKFLOW.replace("{requirement}", requirement)
