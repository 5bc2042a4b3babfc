"""Renderings of documents for reading and quoting outside frus."""

from frus.export.text import render_text

__all__ = ["render_text"]
