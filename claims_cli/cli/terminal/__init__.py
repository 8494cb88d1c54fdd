"""Rich renderings for the terminal: tables, the claim panel, charts."""
