"""Hypothesis strategies shared by the export tests."""

from __future__ import annotations

from hypothesis import strategies as st

# Text as ledgers hold it: anything but surrogates and the C0/C1 controls that
# YAML refuses, with Markdown's own punctuation and line breaks made likely.
_MARKUP = [
    *"\\`*_[]()<>&|~$#!+-=.:/@'\"\t\n\r ",
    "://",
    "www.",
    "a@b.co",
    "http://x.org",
    "<script>",
    "&amp;",
    "1.",
    "---",
    "```",
    "<!--",
    "[x](y)",
]
texts = st.lists(
    st.one_of(
        st.sampled_from(_MARKUP),
        st.text(st.characters(exclude_categories=("Cs", "Cc")), max_size=8),
    ),
    max_size=20,
).map("".join)
