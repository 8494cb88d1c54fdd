"""The garbage collector paused while a ledger is read, built, checked or decoded."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def collector_paused() -> Iterator[None]:
    """No cyclic garbage collection inside the block.

    Reading allocates millions of objects that all live on, and each of
    Python's collections walks every one of them again: a third of the time
    on a large ledger. What is built is frozen (kept out of later
    collections, as it lives until the command ends); what is cyclic garbage
    by then is left for the next collection. Nested blocks are free.
    """
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        gc.enable()
