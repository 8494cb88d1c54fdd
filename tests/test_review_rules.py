"""What a verdict needs before it is published: W601, W602, W603 at their lines."""

from __future__ import annotations

from conftest import Cli, Write

LEDGER = """\
version: 1
sources:
  - id: minutes
    title: Council minutes
    url: https://council.example.org/minutes
  - id: wire
    title: Wire story
  - id: blog
    title: A blog post
claims:
  - id: explained
    claim: The bridge cost $40 million.
    type: statistic
    attribution: {source: wire, claimant: Mayor}
    confidence: high
    status: supported
    evidence: [{source: minutes, stance: supports}]
    explanation: The minutes record the contract at $40 million.
  - id: unexplained
    claim: The bridge opened in May.
    type: event
    attribution: {source: wire}
    confidence: medium
    status: refuted
    evidence:
      - {source: minutes, stance: context}
      - {source: minutes, stance: supports}
  - id: long-one
    claim: >-
      The new harbour bridge, which the council approved last spring, cost more
      than any bridge before it.
    type: statistic
    attribution: {source: wire}
    confidence: low
    status: disputed
    evidence: [{source: minutes, stance: refutes}]
    explanation: Figures differ.
  - id: long-but-unverified
    claim: >-
      The new harbour bridge, which the council approved last spring, cost more
      than any bridge before it did.
    type: statistic
    attribution: {source: wire}
    confidence: low
    appearances: [blog, minutes]
  - id: open
    claim: Nobody has looked at this yet.
    type: event
    attribution: {source: wire}
    confidence: low
    status: unverifiable
  - id: supported-but-refuted
    claim: The toll is two dollars.
    type: statistic
    attribution: {source: wire}
    confidence: low
    status: supported
    evidence: [{source: blog, stance: refutes}]
    explanation: See the blog.
    appearances: [nowhere]
"""


def test_publishing_warnings_point_at_the_line(cli: Cli, write: Write) -> None:
    path = write("claims.yaml", LEDGER)
    run = cli("validate", str(path))
    assert run.exit_code == 1  # the unknown appearance is an error
    assert run.stdout.splitlines() == [
        f"{path}:24:13: W601 claims[1].status: verdict 'refuted' has no explanation; "
        "say why in 'explanation', which the report and ClaimReview publish",
        f"{path}:24:13: W603 claims[1].status: verdict 'refuted', but its only evidence "
        "supports the claim; check the verdict or each evidence stance",
        f"{path}:29:12: W602 claims[2].claim: 100 characters; ClaimReview's claimReviewed "
        "should be at most 75 (Google's guideline): shorten the claim",
        f"{path}:57:13: W603 claims[5].status: verdict 'supported', but its only evidence "
        "refutes the claim; check the verdict or each evidence stance",
        f"{path}:60:19: E302 claims[5].appearances[0]: no source 'nowhere'",
        "Found 1 error and 4 warnings in 1 file, 6 claims, 3 sources.",
    ]


def test_a_source_named_only_as_an_appearance_is_cited(cli: Cli, write: Write) -> None:
    # 'blog' is cited by evidence and appearances; a ledger citing it only as an
    # appearance still cites it (no W304).
    text = LEDGER.replace("evidence: [{source: blog, stance: refutes}]", "evidence: []")
    text = text.replace("appearances: [nowhere]", "appearances: []")
    path = write("claims.yaml", text)
    run = cli("validate", str(path))
    assert "W304" not in run.stdout
    assert "E302" not in run.stdout
