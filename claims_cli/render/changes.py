"""How a ledger's changes read: ``claims diff``, ``claims log`` and ``claims queue``.

Each comes as plain text for a terminal (every piece of ledger text through
:func:`claims_cli.render.escape.one_line`), as JSON (the same data, for
programs), and ``claims diff`` also as Markdown for a pull-request comment,
every piece of ledger text through :mod:`claims_cli.render.gfm` as in the
Markdown report, so a comment is as safe to post as the report is to publish.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from claims_cli.history.compare import ClaimChange, FieldChange, LedgerDiff
from claims_cli.history.log import Entry
from claims_cli.query.queue import QueueItem
from claims_cli.render import gfm
from claims_cli.render.data import dumps
from claims_cli.render.escape import one_line
from claims_cli.render.wording import choice_words, count_of

#: Claims longer than this are shortened in one-line views.
SHORT = 72
#: Words for the reasons a claim is in the queue.
REASON_WORDS = {
    "contradicted": "verdict contradicted by its evidence",
    "no-evidence": "verdict without evidence",
    "unverified": "not checked yet",
    "stale": "checked long ago",
}


def _short(text: str, limit: int = SHORT) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def value_words(value: Any) -> str:
    """A field's value in a few words: evidence as ``source:stance``, lists joined."""
    if value is None:
        return "(none)"
    if isinstance(value, dict):
        if "stance" in value and "source" in value:
            return f"{value['source']}:{value['stance']}"
        return ", ".join(f"{k} {value_words(v)}" for k, v in value.items())
    if isinstance(value, list):
        return ", ".join(value_words(v) for v in value) or "(none)"
    if isinstance(value, str) and value in {"partly-supported", "very-low", "very-high"}:
        return choice_words(value)
    return str(value)


def change_words(change: FieldChange) -> str:
    """``status: unverified → refuted``, ``evidence added: wire:supports``."""
    if change.added or change.removed:
        parts = []
        if change.added:
            parts.append(f"{change.field} added: {value_words(list(change.added))}")
        if change.removed:
            parts.append(f"{change.field} removed: {value_words(list(change.removed))}")
        return "; ".join(parts)
    return f"{change.field}: {value_words(change.old)} → {value_words(change.new)}"


def _claim_lines(change: ClaimChange) -> list[str]:
    lines = []
    if change.supersedes:
        lines.append(f"supersedes {change.supersedes}")
    if change.moved:
        lines.append(f"moved from {change.moved[0]} to {change.moved[1]}")
    lines += [change_words(f) for f in change.fields]
    return lines


def _summary(diff: LedgerDiff) -> str:
    counts = diff.counts
    parts = [
        f"{counts.get('added', 0)} added",
        f"{counts.get('changed', 0)} changed",
        f"{counts.get('removed', 0)} removed",
    ]
    if counts.get("superseded"):
        parts.append(f"{counts['superseded']} superseded")
    verdicts = counts.get("verdicts", 0)
    return f"Claims: {', '.join(parts)}; {count_of(verdicts, 'verdict')} changed."


# --- claims diff ---------------------------------------------------------------


def diff_text(diff: LedgerDiff, base: str, head: str) -> str:
    """The terminal view: a summary line, then each changed claim and source."""
    if diff.empty:
        return f"No changes to the ledger between {one_line(base)} and {one_line(head)}.\n"
    lines = [f"Changes from {one_line(base)} to {one_line(head)}", _summary(diff), ""]
    for was, now in diff.renamed:
        lines.append(f"renamed {one_line(was)} → {one_line(now)}")
    for change in diff.claims:
        lines.append(f"{change.kind:<8} {one_line(change.id)}  {one_line(_short(change.claim))}")
        lines += [f"         {one_line(line)}" for line in _claim_lines(change)]
    for source in diff.sources:
        lines.append(f"{source.kind:<8} source {one_line(source.id)}  {one_line(source.title)}")
        lines += [f"         {one_line(change_words(f))}" for f in source.fields]
    return "\n".join(lines) + "\n"


def diff_markdown(diff: LedgerDiff, base: str, head: str) -> str:
    """A pull-request comment: a summary table, then a section per changed claim."""
    title = f"### Claims ledger: changes from {gfm.text(base)} to {gfm.text(head)}"
    if diff.empty:
        return f"{title}\n\nNo changes to the ledger.\n"
    lines = [title, "", gfm.text(_summary(diff)), ""]
    rows = []
    for change in diff.claims:
        status = choice_words(change.status)
        verdict = next((f for f in change.fields if f.field == "status"), None)
        if verdict is not None:
            status = f"{value_words(verdict.old)} → {value_words(verdict.new)}"
        rows.append(
            [
                gfm.text(change.id),
                gfm.text(change.kind),
                gfm.text(_short(change.claim)),
                gfm.text(status),
            ]
        )
    lines += gfm.table(["Claim", "Change", "Text", "Status"], rows)
    lines.append("")
    for change in diff.claims:
        details = _claim_lines(change)
        if change.kind == "changed" or details:
            lines += [f"#### {gfm.text(change.id, breaks=False)} ({change.kind})", ""]
            lines += [f"> {gfm.text(change.claim)}", ""]
            lines += [f"- {gfm.text(line)}" for line in details]
            lines.append("")
    if diff.renamed or diff.sources:
        lines += ["#### Files and sources", ""]
        lines += [f"- renamed {gfm.text(a)} → {gfm.text(b)}" for a, b in diff.renamed]
        for source in diff.sources:
            words = "; ".join(change_words(f) for f in source.fields)
            tail = f": {gfm.text(words)}" if words else ""
            lines.append(f"- source {gfm.text(source.id)} {source.kind}{tail}")
        lines.append("")
    return "\n".join(lines).rstrip("\n") + "\n"


def _field_data(change: FieldChange) -> dict[str, Any]:
    data: dict[str, Any] = {"field": change.field, "old": change.old, "new": change.new}
    if change.added or change.removed:
        data |= {"added": list(change.added), "removed": list(change.removed)}
    return data


def diff_json(diff: LedgerDiff, base: str, head: str) -> str:
    """The diff as one JSON object: the revisions, counts, claims, sources and renames."""
    data = {
        "base": base,
        "head": head,
        "counts": dict(diff.counts),
        "claims": [
            {
                "id": c.id,
                "change": c.kind,
                "claim": c.claim,
                "status": c.status,
                "fields": [_field_data(f) for f in c.fields],
                "moved": list(c.moved) if c.moved else None,
                "supersedes": c.supersedes,
            }
            for c in diff.claims
        ],
        "sources": [
            {
                "id": s.id,
                "change": s.kind,
                "title": s.title,
                "fields": [_field_data(f) for f in s.fields],
            }
            for s in diff.sources
        ],
        "renamed": [{"from": a, "to": b} for a, b in diff.renamed],
    }
    return dumps(data, indent=2) + "\n"


# --- claims log ------------------------------------------------------------------


def _entry_lines(entry: Entry) -> list[str]:
    if entry.kind == "superseded-by":
        return [f"superseded by {entry.other}"]
    lines = []
    if entry.kind == "removed":
        lines.append(f"removed from {entry.file}")
    elif entry.kind == "added":
        lines.append(f"added in {entry.file}")
    elif entry.kind == "present":
        lines.append(f"present at the shallow boundary, in {entry.file}")
    if entry.moved:
        lines.append(f"moved from {entry.moved[0]} to {entry.moved[1]}")
    shown = entry.fields
    if entry.kind in ("added", "present"):  # what it started as, not every field
        shown = tuple(f for f in entry.fields if f.field in ("status", "confidence"))
        return lines + [f"{f.field}: {value_words(f.new)}" for f in shown]
    return lines + [change_words(f) for f in shown]


def log_text(claim_id: str, entries: Sequence[Entry]) -> str:
    """Newest first: ``hash date author subject``, then what changed, indented."""
    if not entries:
        return f"No commit changed '{one_line(claim_id)}'.\n"
    lines = []
    shown = None
    for entry in entries:
        commit = entry.commit
        if commit != shown:  # one heading per commit
            head = f"{commit.short} {commit.date[:10]} {one_line(commit.author)}"
            lines.append(f"{head}  {one_line(commit.subject)}")
            shown = commit
        prefix = "" if entry.claim_id == claim_id else f"{one_line(entry.claim_id)}: "
        lines += [f"    {prefix}{one_line(line)}" for line in _entry_lines(entry)]
    return "\n".join(lines) + "\n"


def log_json(claim_id: str, entries: Sequence[Entry]) -> str:
    """The history as a JSON array, newest first."""
    data = [
        {
            "commit": e.commit.hash,
            "date": e.commit.date,
            "author": e.commit.author,
            "subject": e.commit.subject,
            "claim": e.claim_id,
            "change": e.kind,
            "file": e.file,
            "fields": [_field_data(f) for f in e.fields],
            "moved": list(e.moved) if e.moved else None,
            "superseded_by": e.other,
        }
        for e in entries
    ]
    return dumps(data, indent=2) + "\n"


# --- claims queue -----------------------------------------------------------------


def queue_text(items: Sequence[QueueItem]) -> str:
    """One claim per line, most pressing first: the reason, who and how soon, the claim."""
    if not items:
        return "Nothing in the queue.\n"
    lines = []
    for n, item in enumerate(items, start=1):
        claim = item.claim
        who = " · ".join(
            part for part in (claim.priority, claim.assignee and f"@{claim.assignee}") if part
        )
        reasons = ", ".join(REASON_WORDS[r] for r in item.reasons)
        lines.append(
            f"{n:>3}. {one_line(claim.id)}  [{reasons}]" + (f"  {one_line(who)}" if who else "")
        )
        lines.append(f"     {one_line(_short(claim.claim))}")
    return "\n".join(lines) + "\n"


def queue_json(items: Sequence[QueueItem]) -> str:
    """The queue as a JSON array, in order."""
    data = [
        {
            "id": item.claim.id,
            "reasons": list(item.reasons),
            "worthiness": item.worthiness,
            "status": item.claim.status,
            "priority": item.claim.priority,
            "assignee": item.claim.assignee,
            "claim": item.claim.claim,
        }
        for item in items
    ]
    return dumps(data, indent=2) + "\n"
