"""Senders and recipients from real FRUS titles (frus.extract.parties)."""

from __future__ import annotations

import json

import pytest

from frus.extract.parties import clean_title, parse_party, parse_title, party_matches, title_date_clause
from frus.model import Party


@pytest.fixture(scope="module")
def title_samples(data_dir):
    return json.loads((data_dir / "extract" / "samples.json").read_text(encoding="utf-8"))["titles"]


@pytest.mark.parametrize(
    "title, senders, recipients",
    [
        (
            "33. Memorandum From the President’s Deputy Assistant for National Security Affairs (Haig) to the "
            "President’s Assistant for National Security Affairs (Kissinger)",
            [Party("President's Deputy Assistant for National Security Affairs", "Haig")],
            [Party("President's Assistant for National Security Affairs", "Kissinger")],
        ),
        (
            "Telegram From the Embassy in the Soviet Union to the Department of State",
            [Party("Embassy in the Soviet Union")],
            [Party("Department of State")],
        ),
        ("Mr. Seward to Mr. Adams.", [Party(name="Seward")], [Party(name="Adams")]),
        (
            "The Ambassador in France ( Caffery ) to the Acting Secretary of State",
            [Party("Ambassador in France", "Caffery")],
            [Party("Acting Secretary of State")],
        ),
        (
            "132. Memorandum From President Truman to Secretary of State Acheson and Secretary of Defense Lovett",
            [Party("President", "Truman")],
            [Party("Secretary of State", "Acheson"), Party("Secretary of Defense", "Lovett")],
        ),
        (
            "Letter From Soviet General Secretary Brezhnev to President Nixon",
            [Party("Soviet General Secretary", "Brezhnev")],
            [Party("President", "Nixon")],
        ),
        (
            "31. Memorandum From Secretary of Defense McNamara to the Secretary of the Navy (Nitze), the Secretary of "
            "the Air Force (Zuckert), and the Chairman of the Joint Chiefs of Staff (Taylor)",
            [Party("Secretary of Defense", "McNamara")],
            [
                Party("Secretary of the Navy", "Nitze"),
                Party("Secretary of the Air Force", "Zuckert"),
                Party("Chairman of the Joint Chiefs of Staff", "Taylor"),
            ],
        ),
        (
            "The Secretary of State to the Ministers in Norway, Denmark, the Netherlands, and Sweden",
            [Party("Secretary of State")],
            [Party("Ministers in Norway, Denmark, the Netherlands, and Sweden")],
        ),
        (
            "The Ambassador in Japan (Morris), temporarily at Vladivostok, to the Secretary of State",
            [Party("Ambassador in Japan", "Morris")],
            [Party("Secretary of State")],
        ),
        ("Mr. Brice to Mr. Knox, Secretary of War.", [Party(name="Brice")], [Party("Secretary of War", "Knox")]),
        (
            "Telegram From the Mission to the North Atlantic Treaty Organization to the Department of State",
            [Party("Mission to the North Atlantic Treaty Organization")],
            [Party("Department of State")],
        ),
        (
            "The Commission to Negotiate Peace to the Acting Secretary of State",
            [Party("Commission to Negotiate Peace")],
            [Party("Acting Secretary of State")],
        ),
        (
            "Memorandum of Conversation, by the Under Secretary of State (Welles)",
            [Party("Under Secretary of State", "Welles")],
            [],
        ),
        (
            "Memorandum to the National Security Council by the Executive Secretary (Lay)",
            [Party("Executive Secretary", "Lay")],
            [Party("National Security Council")],
        ),
        ("No. 22.Mr. West to Earl Granville.", [Party(name="West")], [Party(name="Earl Granville")]),
        ("Mr. Geofroy to Mr. Seward.—Received September 2, 1864", [Party(name="Geofroy")], [Party(name="Seward")]),
        ("40. Memorandum of Conversation, Washington, November 1, 1975, 1 p.m.", [], []),
        ("Memorandum for the Record", [], []),
    ],
)
def test_real_titles(title, senders, recipients):
    parts = parse_title(title)
    assert list(parts.senders) == senders
    assert list(parts.recipients) == recipients


def test_telephone_conversation_puts_first_participant_in_senders():
    parts = parse_title(
        "Transcript of a Telephone Conversation Between President Nixon and the President’s Assistant for "
        "National Security Affairs (Kissinger)"
    )
    assert parts.between
    assert parts.kind == "Transcript of a Telephone Conversation"
    assert parts.senders == (Party("President", "Nixon"),)
    assert parts.recipients == (Party("President's Assistant for National Security Affairs", "Kissinger"),)


def test_straight_and_typographic_apostrophes_give_one_role():
    curly = parse_title("Memorandum From the President’s Special Assistant (Rostow) to President Johnson")
    plain = parse_title("Memorandum From the President's Special Assistant (Rostow) to President Johnson")
    assert curly == plain


def test_clean_title_strips_number_date_and_markers():
    assert clean_title("No. 118.Mr. Lowell to. Mr. Frelinghuysen.") == "Mr. Lowell to. Mr. Frelinghuysen"
    assert clean_title("Mr. Bancroft to Viscount Palmerston.1") == "Mr. Bancroft to Viscount Palmerston"
    assert clean_title("[Untitled][8]") == ""
    assert parse_title("No. 118.Mr. Lowell to. Mr. Frelinghuysen.").recipients == (Party(name="Frelinghuysen"),)


def test_title_date_clause():
    assert title_date_clause("40. Memorandum of Conversation, Washington, November 1, 1975, 1 p.m.") == (
        "Washington, November 1, 1975, 1 p.m."
    )
    # a microfiche entry: the description after the date is not the date
    assert title_date_clause("Memorandum from Col. Smith to Gen. Taylor, May 31. Evaluation of NIE. Top Secret.") == "May 31"
    # the receipt is not the document's date
    assert title_date_clause("Mr. Geofroy to Mr. Seward.—Received August 27, 1864") == ""


@pytest.mark.parametrize(
    "printed, party",
    [
        ("Robert W. Komer of the National Security Council Staff", Party("National Security Council Staff", "Robert W. Komer")),
        ("Mr. Charles S. Reed of the Division of Southeast Asian Affairs", Party("Division of Southeast Asian Affairs", "Charles S. Reed")),
        ("General Tasker H. Bliss", Party("General", "Tasker H. Bliss")),
        # nobility and knighthood are how the person is named (tests/gold/README.md)
        ("Sir Edward Thornton", Party(name="Sir Edward Thornton")),
        ("Acting Director of Central Intelligence Carter", Party("Acting Director of Central Intelligence", "Carter")),
        ("Central Intelligence Agency", Party("Central Intelligence Agency")),
        ("Gen. Taylor", Party("Gen.", "Taylor")),
        ("Mr. Miroslav Soukup (Interpreter)", Party("Interpreter", "Miroslav Soukup")),
    ],
)
def test_parse_party(printed, party):
    assert parse_party(printed) == party


def test_party_matches_encoder_tags():
    haig = Party("President's Deputy Assistant for National Security Affairs", "Haig")
    assert party_matches(haig, "Haig")
    assert party_matches(Party("President", "Nixon"), "President Nixon")
    assert party_matches(Party("Secretary of State"), "the Secretary of State")
    assert party_matches(Party(name="Dayton"), "Mr. Dayton")
    assert not party_matches(haig, "Kissinger")


def test_agreement_with_encoder_tags_on_sampled_titles(title_samples):
    """The encoders' from/to tags in heads, sampled from all volumes (tests/data/extract)."""
    agree = 0
    for s in title_samples:
        parts = parse_title(s["head"])
        ok = all(any(party_matches(p, g) for p in parts.senders) for g in s["from"]) and all(
            any(party_matches(p, g) for p in parts.recipients) for g in s["to"]
        )
        agree += ok
    assert len(title_samples) > 200
    # measured on the whole corpus: 98.5 % (the rest are mostly tagging slips)
    assert agree / len(title_samples) >= 0.95
