"""Reading articles: readable text from a saved page, quotes compared after normalising,
sentences and paragraphs with character offsets, and the check-worthy parts of a sentence.

Nothing here imports Typer or rich, or reads the environment; HTML extraction
(:mod:`claims_cli.text.article`) imports its extractor only when it reads HTML.
"""
