"""Querying a ledger: filters, counts, source usage, id resolution."""
