"""Renderings of documents for reading, quoting and scripting outside frus."""

from frus.export.record import document_record
from frus.export.text import render_text

__all__ = ["document_record", "render_text"]
