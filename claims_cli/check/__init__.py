"""Checking a ledger: diagnostics, the JSON Schema, semantic rules, the open pipeline."""
