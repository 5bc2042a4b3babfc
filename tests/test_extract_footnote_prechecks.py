"""The footnote rules' keyword pre-checks never skip a rule that would fire.

``frus.extract.footnotes`` runs a rule's regex only when the note holds
one of the words every match of that regex contains.  These tests run the
regexes in full over real footnotes and hand-made edge cases and check
that whenever a regex matches, its pre-check let it run — so a rule edited
without its word list fails here, not silently in the corpus.
"""

from __future__ import annotations

import pytest
from _corpus_fixtures import parsed_small, small_paths  # noqa: F401
from test_extract_footnotes import REAL

from frus.extract import footnotes as fn
from frus.model import Footnote

#: (regex, its words, case-blind?)
RULES = [
    (fn._EXCISION, fn._EXCISION_WORDS, True),
    (fn._NOT_PRINTED, fn._NOT_PRINTED_WORDS, True),
    (fn._ANNOTATION, fn._ANNOTATION_WORDS, True),
    (fn._CROSSREF_ANY, fn._CROSSREF_ANY_WORDS, True),
    (fn._ARCHIVE_PAREN, fn._ARCHIVE_PAREN_WORDS, False),
]

EDGE = [
    "[1 paragraph (4 lines) not declassified]",
    "The remainder WAS NOT DECLASSIFIED.",
    "[text omitted]",
    "No copy of the memorandum has been found.",
    "Neither has been located.",
    "Kissinger Initialled the memorandum.",
    "The President Indicated Approval of the third option.",
    "Crossed out by hand in the margin.",
    "Eisenhower signed, the letter.",
    "See Documents 12 and 13.",
    "Foreign Relations, 1947, vol. i, p. 572.",
    "Foreign Relations, 1947, vol. i.",
    "printed page 44",
    "Ante, p. 284.",
    "The letter is filed in the Central Files.",
    "The memorandum is attached to the Lot file of the Library.",
    "(Ibid.)",
    "The text is in the National Archives.",
    "[excised]",
    # one word of the annotation rule each
    "The Secretary checked it.",
    "The phrase is underlined.",
    "Highlighted.",
    "The figure is circled.",
    "The word is struck.",
    "Two words are crossed out.",
    "Added by hand.",
    "Stamped.",
    "Marginal comment.",
    "Annotated copy.",
]


def _texts(parsed_small) -> list[str]:  # noqa: F811
    notes = [n.text for p in parsed_small.values() for d in p.documents for n in d.footnotes]
    assert len(notes) > 400
    texts = notes + [t for t, _ in REAL] + EDGE
    # upper case: the case-blind rules must still be let through
    return [" ".join(t.split()) for t in texts + [t.upper() for t in texts]]


@pytest.mark.parametrize("rule", range(len(RULES)))
def test_a_rule_that_matches_is_never_skipped(rule, parsed_small):  # noqa: F811
    pattern, words, case_blind = RULES[rule]
    fired = 0
    for text in _texts(parsed_small):
        if pattern.search(text):
            fired += 1
            assert fn._may(fn._lowered(text), words) if case_blind else any(w in text for w in words), text
    assert fired > 0  # the rule was exercised


@pytest.mark.parametrize(
    "text, kind",
    [
        # letters a case-blind regex folds onto ASCII that str.lower does not:
        # the pre-checks stand aside and the rules decide as always
        ("[1 paragraph not declaſſified]", "excision"),  # long s
        ("The President initıaled the memorandum.", "annotation"),  # dotless i
        ("The President INİTIALED the memorandum.", "annotation"),  # dotted capital I
    ],
)
def test_letters_that_fold_to_ascii_only_in_regexes(text, kind):
    assert fn._lowered(text) is None
    assert fn.footnote_kind(Footnote(id="d1fn1", n="1", text=text)) == kind
