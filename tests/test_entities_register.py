"""The cross-volume register, built from real persons lists and the real
authority data."""

from __future__ import annotations

import random
import tarfile
from pathlib import Path

import pytest

from frus.entities.authority import load_authority
from frus.entities.overrides import load_overrides, parse_overrides
from frus.entities.register import build_register
from frus.errors import IngestError
from frus.ingest import read_path
from frus.model import Volume

KISSINGER_VOLUMES = ("frus1969-76v01", "frus1969-76v12", "frus1969-76v19p1", "frus1969-76ve15p1")
VOLUMES = KISSINGER_VOLUMES + ("frus1964-68v10", "frus1952-54v02p1", "frus1950-55Intel", "frus1977-80v21")


@pytest.fixture(scope="module")
def volumes(corpus_dir) -> list[Volume]:
    return [read_path(corpus_dir / "frus" / f"{v}.xml").volume for v in VOLUMES]


@pytest.fixture(scope="module")
def authority(corpus_dir):
    found = load_authority(corpus_dir / "aux")
    assert found is not None and len(found.records) == 16312
    return found


@pytest.fixture(scope="module")
def register(volumes, authority):
    return build_register(volumes, authority)


def test_kissinger_is_one_person_across_volumes(register):
    ids = {register.canonical_id(v, "p_KHA1") for v in KISSINGER_VOLUMES}
    assert ids == {"hsa-107252"}
    kissinger = register.person("hsa-107252")
    assert kissinger.preferred_name == "Kissinger, Henry A."
    assert kissinger.birth_year == 1923 and kissinger.pocom_id == "kissinger-henry-a"
    assert all(s.confidence == 1.0 and "persons#p_KHA1" in s.reason for s in kissinger.sources)
    # his time as Secretary of State, with dates (pocom and the lists agree)
    assert any(o.title == "Secretary of State" and o.start == "1973-09-22" and o.end == "1977-01-20"
               for o in kissinger.offices)
    assert ("frus1969-76v12", kissinger.identifications[1][1]) in kissinger.identifications


def test_kissinger_merges_on_names_alone_with_lower_confidence(volumes):
    register = build_register(volumes, None)
    ids = {register.canonical_id(v, "p_KHA1") for v in KISSINGER_VOLUMES}
    assert len(ids) == 1
    person = register.person(ids.pop())
    assert person.id.startswith("p-kissinger-henry-")
    assert 0.7 <= min(s.confidence for s in person.sources) < 1.0
    assert "Kissinger" in person.sources[1].reason


def test_namesakes_stay_apart(register, volumes):
    lbj = register.canonical_id("frus1964-68v10", "p_JLB1")
    uaj = register.canonical_id("frus1964-68v10", "p_JUA1")
    general = register.canonical_id("frus1964-68v10", "p_JGHK1")
    assert len({lbj, uaj, general}) == 3
    assert uaj == register.canonical_id("frus1969-76v12", "p_JUA1")
    # the authority cites both Charles E. Wilsons of frus1952-54v02p1 under one
    # record; the volume lists two persons and only the one fitting the
    # record's name (Charles Erwin, Secretary of Defense) keeps it
    erwin = register.canonical_id("frus1952-54v02p1", "p_WILSONCE2")
    edward = register.canonical_id("frus1952-54v02p1", "p_WILSONCE1")
    assert erwin == "hsa-114659" and edward != erwin
    names_only = build_register(volumes, None)
    assert names_only.canonical_id("frus1964-68v10", "p_JLB1") != names_only.canonical_id("frus1964-68v10", "p_JUA1")
    apart = [d for d in names_only.decisions if d.kind == "apart" and "Lyndon" in d.reason and "Alexis" in d.reason]
    assert apart and all(not d.applied for d in apart)


def test_a_person_listed_twice_in_one_volume_is_one(register):
    # frus1977-80v21 lists Karamanlis under K and again as "Caramanlis"
    assert register.canonical_id("frus1977-80v21", "p_KK_1") == register.canonical_id("frus1977-80v21", "p_CC_1")


def test_authority_match_checked_against_the_printed_name(register):
    # frus1950-55Intel here is an older edition: its p_BAH2 is Alan Belmont,
    # the authority's frus1950-55Intel#p_BAH2 is Andrew Berding
    assert register.canonical_id("frus1950-55Intel", "p_BAH2") != "hsa-101204"
    refusal = [d for d in register.decisions if d.a == ("frus1950-55Intel", "p_BAH2")]
    assert refusal and "ids moved" in refusal[0].reason


def test_same_input_same_register_in_any_order(volumes, authority):
    first = build_register(volumes, authority)
    shuffled = []
    rng = random.Random(5)
    for v in reversed(volumes):
        persons = list(v.persons)
        rng.shuffle(persons)
        shuffled.append((v.id, persons))
    second = build_register(shuffled, authority)
    assert first.by_key == second.by_key
    assert first.to_dict() == second.to_dict()


def test_overrides_force_and_forbid(volumes, data_dir):
    overrides = load_overrides(data_dir / "entities" / "overrides.csv")
    register = build_register(volumes, None, overrides)
    assert register.canonical_id("frus1969-76v19p1", "p_KHA1") == register.canonical_id("frus1969-76v12", "p_KHA1")
    forced = [d for d in register.decisions if d.kind == "force"]
    assert forced and forced[0].applied and "overrides.csv" in forced[0].reason
    # forbid beats the authority's own evidence too
    forbid = parse_overrides(
        "action,volume,local_id,other_volume,other_local_id\n"
        "forbid,frus1969-76v12,p_KHA1,frus1969-76v01,p_KHA1\n"
    )
    apart = build_register(volumes, load_authority(data_dir / "entities" / "aux"), forbid)
    assert apart.canonical_id("frus1969-76v12", "p_KHA1") != apart.canonical_id("frus1969-76v01", "p_KHA1")


@pytest.mark.parametrize(
    "text, line, reason",
    [
        ("volume,local\n", 1, "header"),
        ("action,volume,local_id,other_volume,other_local_id\nmerge,a,b,c,d\n", 2, "force or forbid"),
        ("action,volume,local_id,other_volume,other_local_id\n\nforce,a,b,c\n", 3, "5 fields"),
        ("action,volume,local_id,other_volume,other_local_id\nforce,a,b,a,b\n", 2, "itself"),
    ],
)
def test_bad_override_rows_name_file_and_line(text, line, reason):
    with pytest.raises(IngestError) as err:
        parse_overrides(text, "my-overrides.csv")
    assert err.value.line == line and reason in err.value.reason
    assert str(err.value).startswith(f"my-overrides.csv:{line}:")


def test_missing_overrides_file_is_one_clear_error(tmp_path):
    with pytest.raises(IngestError, match="overrides file not found"):
        load_overrides(tmp_path / "nope.csv")


def test_small_real_authority_sample(data_dir):
    authority = load_authority(data_dir / "entities" / "aux")
    assert len(authority.records) == 14
    uaj = authority.record_for("frus1964-68v10", "p_JUA1")
    assert uaj.preferred == "Johnson, Ural Alexis" and uaj.birth_year == 1908
    assert {o.title for o in authority.offices(uaj)} >= {"Ambassador to Japan", "Under Secretary of State for Political Affairs"}
    v13 = {e.id: e for e in authority.volume_entries("frus1969-76v13")}
    assert v13["p_II1"].name == "Ivanov, Igor" and "espionage" in v13["p_II1"].description


def test_no_authority_files_means_none(tmp_path):
    assert load_authority(tmp_path) is None


def test_damaged_archive_is_an_ingest_error(tmp_path, data_dir):
    folder = tmp_path / "hsa-people"
    folder.mkdir()
    good = (data_dir / "entities" / "aux" / "hsa-people" / "people-data.tar.gz").read_bytes()
    (folder / "people-data.tar.gz").write_bytes(good[: len(good) // 2])
    with pytest.raises(IngestError) as err:
        load_authority(tmp_path)
    assert "people-data.tar.gz" in str(err.value)


def test_not_xml_member_is_an_ingest_error(tmp_path):
    folder = tmp_path / "hsa-people"
    folder.mkdir()
    bad = tmp_path / "bad.xml"
    bad.write_text("<person><id>1</id>")
    with tarfile.open(folder / "people-data.tar.gz", "w:gz") as tar:
        tar.add(bad, arcname="data/1.xml")
    with pytest.raises(IngestError, match="not well-formed"):
        load_authority(Path(tmp_path))
