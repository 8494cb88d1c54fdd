"""``claims export``: Markdown, JSON, JSONL, CSV and ClaimReview."""

from __future__ import annotations
