"""The link stage on volumes of the shared corpus ($FRUS_CORPUS), with the
full authority data: a volume ingested later resolves the references other
volumes make to it, without relinking them."""

from __future__ import annotations

import pytest

from frus.corpus import Corpus

CITING, CITED = "frus1969-76v38p1", "frus1969-76v01"
#: "Foreign Relations, 1969–1976, volume I, Foundations of Foreign Policy, 1969–1972, Document 29"
SOURCE, TARGET = f"{CITING}/d9", f"{CITED}/d29"


@pytest.fixture(scope="module")
def corpus(corpus_dir, tmp_path_factory):
    db = tmp_path_factory.mktemp("links-corpus") / "frus.db"
    with Corpus.open(db) as corpus:
        yield corpus


def _to_target(corpus):
    return [r for r in corpus.references(SOURCE).outgoing if r.target_volume == CITED]


def test_a_volume_ingested_later_resolves_the_references_to_it(corpus, corpus_dir):
    aux = corpus_dir / "aux"
    assert not corpus.ingest([corpus_dir / "frus" / f"{CITING}.xml"], workers=0).failed
    first = corpus.link(aux=aux, overrides=False, workers=0)
    assert first.relinked == (CITING,)
    before = _to_target(corpus)
    assert before and all(not r.resolved and r.scope == "external" for r in before)
    assert any(r.source_doc == SOURCE and r.target_volume == CITED for r in corpus.check_refs())
    assert not any(r.target_volume == CITED for r in corpus.check_refs(external=False))

    assert not corpus.ingest([corpus_dir / "frus" / f"{CITED}.xml"], workers=0).failed
    assert corpus.link_status().behind == (CITED,)
    second = corpus.link(aux=aux, overrides=False, workers=0)
    # the citing volume is not read again (its person links may be redone:
    # the register gained the new volume's persons list)
    assert second.relinked == (CITED,) and CITING not in second.relinked
    after = _to_target(corpus)
    assert [r.id for r in after] == [r.id for r in before]
    resolved = next(r for r in after if r.target == f"{CITED}#d29")
    assert resolved.resolved and resolved.target_doc == TARGET
    assert SOURCE in [c.id for c in corpus.references(TARGET).incoming]
    assert not any(r.source_doc == SOURCE and r.target_doc == TARGET for r in corpus.check_refs())


def test_people_of_both_volumes_are_one_register(corpus):
    # after the test above: both volumes list Kissinger, as one canonical person
    pid = corpus.person_for(CITING, "p_KHA_1") or corpus.person_for(CITING, "p_KHA1")
    assert pid == "hsa-107252"
    record = corpus.person(pid)
    held = {s.volume_id for s in record.sources}
    assert {CITING, CITED} <= held
    mentioning = {d.volume_id for d in record.documents_mentioning}
    assert {CITING, CITED} <= mentioning
    assert record.documents_from or record.documents_to
