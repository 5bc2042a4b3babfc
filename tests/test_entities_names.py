"""Names as persons lists print them: parsing, folding, comparing."""

from __future__ import annotations

import pytest

from frus.entities.names import (
    fold,
    given_compatible,
    is_initial,
    parse_list_name,
    translit_key,
    words_in,
)
from frus.entities.offices import parse_date, parse_identification, volume_span


@pytest.mark.parametrize(
    "raw, surname, given, suffix, titles",
    [
        # printed exactly so in the corpus's persons lists
        ("Kissinger, Henry A.", "Kissinger", ("Henry", "A."), None, ()),
        ("Haig, Brigadier General Alexander M., Jr.", "Haig", ("Alexander", "M."), "Jr.", ("Brigadier General",)),
        ("Johnson, U. Alexis", "Johnson", ("U.", "Alexis"), None, ()),
        ("Thant, U", "Thant", ("U",), None, ()),
        ("Irwin, John N. II", "Irwin", ("John", "N."), "II", ()),
        ("Nolting, Frederick E., Jr.", "Nolting", ("Frederick", "E."), "Jr.", ()),
        ("Sadat, Anwar al-", "al-Sadat", ("Anwar",), None, ()),
        ("Wright, Admiral Jerauld (Ret.)", "Wright", ("Jerauld",), None, ("Admiral",)),
        ("Jackson C. D.", "Jackson", ("C.", "D."), None, ()),  # the comma lost in frus1952-54v02p1
    ],
)
def test_parse_list_name(raw, surname, given, suffix, titles):
    name = parse_list_name(raw)
    assert (name.surname, name.given, name.suffix, name.titles) == (surname, given, suffix, titles)


def test_nicknames_alternates_and_surname_first_names():
    hal = parse_list_name("Sonnenfeldt, Helmut “Hal”")
    assert hal.given == ("Helmut",) and hal.nicknames == ("Hal",)
    mao = parse_list_name("Mao Tse-tung (Mao Zedong)")
    assert mao.surname_first and mao.alternates == ("Mao Zedong",)
    assert "Mao" in mao.short_forms() and "Zhou" in parse_list_name("Chou En-lai (Zhou Enlai)").short_forms()
    assert parse_list_name("al-Assad, Hafiz").short_forms() == ("al-Assad", "Assad")
    assert parse_list_name("Toriello Garrido, Guillermo").short_forms() == ("Toriello Garrido", "Toriello")
    assert parse_list_name("Haig, Alexander M., Jr.").display == "Alexander M. Haig, Jr."


def test_fold_and_transliteration_keys():
    assert fold("Hammarskjöld") == "hammarskjold"
    assert fold("Mićunović") == fold("Micunovic")
    assert translit_key("Ivanoff") == translit_key("Ivanov")
    assert translit_key("Tcherniakov") == translit_key("Chernyakov")
    assert translit_key("Sergeyevich") == translit_key("Sergeevich")
    assert translit_key("Konstantine") == translit_key("Constantine")
    assert translit_key("Ivanov") != translit_key("Ivanovsky")


def test_given_names_compatibility():
    assert given_compatible(("Lyndon", "B."), ("U.", "Alexis")) is False
    assert given_compatible(("Henry",), ("henry", "a")) is True
    assert given_compatible(("H.", "A."), ("Henry", "A.")) is True
    assert given_compatible(("Bob",), ("Robert", "J.")) is True  # nickname
    assert given_compatible((), ("Henry",)) is None


def test_words_keep_initials_but_not_sentence_dots():
    words = [w for w, _, _ in words_in("Drafted by Merchant. Mr. C.D. Jackson, Kissinger’s aide")]
    assert words == ["Drafted", "by", "Merchant", "Mr", "C.", "D.", "Jackson", "Kissinger’s", "aide"]
    assert is_initial("A.") and is_initial("S") and not is_initial("Al")


def test_identification_offices_and_dates():
    # frus1964-68v10, U. Alexis Johnson
    offices = parse_identification(
        "Deputy Under Secretary of State for Political Affairs until July 12, 1964; Deputy Ambassador to "
        "Vietnam, July 1964–September 1965; Deputy Under Secretary of State for Political Affairs, "
        "November 1, 1965–October 9, 1966; Ambassador to Japan from November 8, 1966",
        "frus1964-68v10",
    )
    assert [(o.title, o.start, o.end) for o in offices] == [
        ("Deputy Under Secretary of State for Political Affairs", None, "1964-07-12"),
        ("Deputy Ambassador to Vietnam", "1964-07-01", "1965-09-30"),
        ("Deputy Under Secretary of State for Political Affairs", "1965-11-01", "1966-10-09"),
        ("Ambassador to Japan", "1966-11-08", None),
    ]
    assert offices[2].covers("1966-02-17") is True and offices[3].covers("1966-02-17") is False
    # "thereafter" starts where the office before it ended
    later = parse_identification("Attorney General until February 15, 1972; thereafter campaign director")
    assert later[1].start == "1972-02-15"
    undated = parse_identification("President of the United States", "frus1964-68v10")[0]
    assert undated.covers("1966-01-01") is None
    assert undated.covers("1966-01-01", volume_span("frus1964-68v10")) is True


def test_dates_and_volume_spans():
    assert parse_date("March 1970", last=True) == "1970-03-31"
    assert parse_date("February 30, 1970") is None
    assert volume_span("frus1969-76v12") == ("1969-01-01", "1976-12-31")
    assert volume_span("frus1917-72PubDip") == ("1917-01-01", "1972-12-31")
    assert volume_span("frus1948v01p1") == ("1948-01-01", "1948-12-31")
    assert volume_span("not-a-volume") is None
