"""``claims list``, ``show``, ``sources`` and ``stats``: terminal look-ups."""

from __future__ import annotations
