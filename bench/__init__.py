"""Benchmarks of ``claims`` at scale: generated ledgers, real processes, ratios to peers.

Not part of the installed package and never run by the tests' timing; see
``docs/performance.md``.
"""
