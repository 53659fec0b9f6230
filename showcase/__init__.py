"""showcase: a static site generator for regional products showcases."""

__version__ = "0.1.0"
