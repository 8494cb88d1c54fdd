"""An index of claim files, so that a look-up does not parse a ledger it has seen.

The index lives in one SQLite file in the user's cache directory (never in the
repository). Each claim file's entry is keyed by a digest of its name and its
exact bytes, so an entry can only ever describe the bytes it was made from;
the ledger's entry is keyed by the digests of all its files, in order. An
entry holds one row per claim and, per file, which claims carry each tag,
source, status...: a look-up loads only the claims that may pass its filter
and lets the filter engine decide (:mod:`claims_cli.index.view`). A look-up
asks :func:`claims_cli.index.ledger.open_indexed` for the ledger and, when the
index cannot answer (a file with errors, a cache that is missing, corrupt,
locked or unwritable), reads the files as it always did.
"""
