"""W307's question: is a claim's amount among the figures its quote states?

The figures are read by the one reader, :mod:`claims_cli.text.figures`, so
``$121 million``, ``121m``, ``US$121 mn`` and ``۱۲۱ میلیون`` all state
121000000 (and 121).
"""

from __future__ import annotations

from claims_cli.text.figures import figure_in_text, figures_in

__all__ = ["figure_in_text", "figures_in"]
