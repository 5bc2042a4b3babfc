"""How well the words alone name the volume the editors point to.

Where an encoder wrapped a printed citation in ``<ref target="…">``, the
target is a second opinion on what the words say.  Reading the note's
plain text with :func:`~frus.references.citations.scan` and comparing the
volume it derives with the target's volume measures the text reader on
the very shapes it must handle alone in text copies and older volumes.
"Ibid." and "Supra" citations are left out (their volume comes from
context, not from their words).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterable

from frus.model import Document
from frus.references.citations import scan
from frus.references.passages import note_passages
from frus.references.volumes import split_target


@dataclass
class Agreement:
    #: ref targets whose volume the words name the same way
    agree: int = 0
    #: ref targets whose volume the words name differently
    disagree: int = 0
    #: ref targets the words do not cover at all
    missed: int = 0
    examples: list[tuple[str, str, str | None, str]] = field(default_factory=list)

    @property
    def rate(self) -> float:
        judged = self.agree + self.disagree
        return self.agree / judged if judged else 0.0


def compare_with_editors(docs: Iterable[Document], *, keep: int = 20) -> Agreement:
    """Count agreement of text-derived volumes with ``ref/@target`` volumes in footnotes."""
    out = Agreement()
    for doc in docs:
        for passage in note_passages(doc):
            if not passage.refs:
                continue
            cites = scan(passage.text, doc.volume_id)
            for ref in passage.refs:
                split = split_target(ref.target, doc.volume_id)
                if split is None or (ref.target.startswith("#in") and split[0] == doc.volume_id):
                    continue  # index anchors have no words to compare
                over = [c for c in cites if c.start < max(ref.end, ref.start + 1) and c.end > ref.start]
                if not over:
                    out.missed += 1
                    continue
                cit = over[0]
                if cit.basis in ("ibid", "ibid-volume", "prev", "next"):
                    continue
                if cit.volume == split[0]:
                    out.agree += 1
                else:
                    out.disagree += 1
                    if len(out.examples) < keep:
                        out.examples.append((doc.id, cit.text, cit.volume, ref.target))
    return out
