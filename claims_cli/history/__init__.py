"""A ledger through its git history: what changed between revisions, and when."""
