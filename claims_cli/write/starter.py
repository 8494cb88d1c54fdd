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


def ledger_text(today: date) -> str:
    """The starter ``claims.yaml``, its source accessed ``today``."""
    return LEDGER.replace("{today}", today.isoformat())


def workflow_text(requirement: str) -> str:
    """The GitHub Actions workflow, installing ``claims`` as ``requirement`` says."""
    return GITHUB_WORKFLOW.replace("{requirement}", requirement)
