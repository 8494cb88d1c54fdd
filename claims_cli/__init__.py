"""claims: a ledger of sourced claims kept in YAML, validated and exported.

The package is a library core (loading, model, validation, queries, exports)
with a thin command-line layer in :mod:`claims_cli.cli`.
"""

__version__ = "0.1.0"
