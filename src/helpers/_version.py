"""The kit's version, in a module of its own so that modules low in the import order (the
cache, the pipeline) can read it without importing the package facade that imports them."""

__version__ = "0.1.0"
