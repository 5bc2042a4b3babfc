"""Persons and terms across volumes: a register, and links from plain text.

* :func:`load_authority` reads the Office's cross-volume people data
  (hsa-people) and chiefs-of-mission data (pocom) when they are there;
* :func:`build_register` merges the volumes' persons lists into canonical
  persons, each merge with its confidence and reason;
* :func:`link_mentions` (or a prepared :class:`PersonLinker` /
  :class:`TermLinker`) finds persons and terms in text the editors did not
  tag and links them to the register, leaving what it cannot decide
  ambiguous.

A pure library: nothing here reads or writes the store.  See
``docs/entities.md``.
"""

from frus.entities.authority import Authority, load_authority
from frus.entities.flatten import FlatText, flatten_blocks, flatten_document
from frus.entities.linker import AMBIGUOUS, LINKED, UNRESOLVED, LinkedMention, PersonLinker, link_mentions
from frus.entities.offices import Office, parse_identification
from frus.entities.overrides import Overrides, load_overrides, parse_overrides
from frus.entities.register import CanonicalPerson, MergeDecision, Register, SourceLink, build_register
from frus.entities.terms import TermLinker

__all__ = [
    "AMBIGUOUS",
    "Authority",
    "CanonicalPerson",
    "FlatText",
    "LINKED",
    "LinkedMention",
    "MergeDecision",
    "Office",
    "Overrides",
    "PersonLinker",
    "Register",
    "SourceLink",
    "TermLinker",
    "UNRESOLVED",
    "build_register",
    "flatten_blocks",
    "flatten_document",
    "link_mentions",
    "load_authority",
    "load_overrides",
    "parse_identification",
    "parse_overrides",
]
