"""Rendering without a terminal: wording, machine formats, reports, Markdown, ClaimReview."""
