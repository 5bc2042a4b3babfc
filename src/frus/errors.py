"""One error hierarchy for every face of frus.

The CLI prints ``str(err)`` as a single line, the REST API turns an error
into one JSON problem shape, the web renders one error page.  Nothing
outside this module needs to know how an error is worded.
"""

from __future__ import annotations


class FrusError(Exception):
    """Base class: anything frus reports to a person instead of crashing."""


class NotFound(FrusError):
    """A volume, document, person or term id that is not in the store."""


class QuerySyntaxError(FrusError):
    """A search query that cannot be parsed.

    ``position`` is the 0-based character offset where parsing failed;
    ``hint`` says what was expected there.
    """

    def __init__(self, message: str, position: int | None = None, hint: str | None = None):
        self.position = position
        self.hint = hint
        text = message
        if position is not None:
            text += f" (at character {position + 1})"
        if hint:
            text += f"; {hint}"
        super().__init__(text)


class IngestError(FrusError):
    """An input file that cannot be read as a FRUS volume or document.

    Rendered as ``path:line:column: reason`` so editors and terminals can
    jump to the place.
    """

    def __init__(self, path: str, reason: str, line: int | None = None, column: int | None = None):
        self.path = str(path)
        self.reason = reason
        self.line = line
        self.column = column
        where = self.path
        if line:
            where += f":{line}"
            if column:
                where += f":{column}"
        super().__init__(f"{where}: {reason}")


class StoreError(FrusError):
    """The store or index is missing, locked or unreadable."""
