"""Table-level analysis for the notebooks: summaries computed from the kit's tables (never from
spaCy objects). One module per concern: ``corpus``, ``quotes``, ``figures``."""
