"""Dates from datelines, TEI dates completed, undated documents bounded (frus.extract.dates)."""

from __future__ import annotations

import json

import pytest

from frus.extract.dates import complete, infer_date, parse_date_text, volume_years
from frus.model import DocDate


@pytest.fixture(scope="module")
def dateline_samples(data_dir):
    return json.loads((data_dir / "extract" / "samples.json").read_text(encoding="utf-8"))["datelines"]


@pytest.mark.parametrize(
    "text, lo, hi, precision, time, tz",
    [
        ("October 28, 1970", "1970-10-28", "1970-10-28", "day", None, None),
        ("Washington, January 2, 1969, 1:30 p.m.", "1969-01-02T13:30:00", "1969-01-02T13:30:00", "minute", "1:30 p.m.", None),
        ("Moscow, October 28, 1970, 0533Z", "1970-10-28T05:33:00Z", "1970-10-28T05:33:00Z", "minute", "0533Z", "UTC"),
        ("[Washington,] March 1970", "1970-03-01", "1970-03-31", "month", None, None),
        ("Legation of the United States, London, May 4, 1861.", "1861-05-04", "1861-05-04", "day", None, None),
        ("Paris , December 8, 1949—6 p. m.", "1949-12-08T18:00:00", "1949-12-08T18:00:00", "minute", "6 p. m.", None),
        ("Cairo, July 8, 1936—noon.[Received 1:50 p.m.]", "1936-07-08T12:00:00", "1936-07-08T12:00:00", "minute", "noon", None),
        ("Paris, 16 November, 1918.", "1918-11-16", "1918-11-16", "day", None, None),
        ("Taipei, October 23–24, 1964.", "1964-10-23", "1964-10-24", "range", None, None),
        ("Copenhagen, December 25 [and 26], 1917, 4 p.m.", "1917-12-25", "1917-12-26", "range", "4 p.m.", None),
        ("Washington, April 12, 1974, 11:05 a.m.–12:55 p.m.", "1974-04-12T11:05:00", "1974-04-12T12:55:00", "minute", "11:05 a.m.–12:55 p.m.", None),
        ("Washington, March 8, 1973, 10:10–11:30 a.m.", "1973-03-08T10:10:00", "1973-03-08T11:30:00", "minute", "10:10–11:30 a.m.", None),
        ("Commonwealth of Massachusetts, Executive Department, Boston, Nov, 14, 1864.", "1864-11-14", "1864-11-14", "day", None, None),
        ("[London, July 10(?), 1955.]", "1955-07-10", "1955-07-10", "day", None, None),
        ("Washington, June 1955.", "1955-06-01", "1955-06-30", "month", None, None),
        ("Paris, June —, 1861.", "1861-06-01", "1861-06-30", "month", None, None),
        # Russian dual dating: the Gregorian day is the second one
        ("Russian Imperial Legation,Washington, March 27 (April 8), 1898.", "1898-04-08", "1898-04-08", "day", None, None),
        ("Petrograd, May 2/15, 1917.[Received July 2.]", "1917-05-15", "1917-05-15", "day", None, None),
        # … but a fortnight's range from New Jersey is a range
        ("Cape May, August 4–17, 1900.", "1900-08-04", "1900-08-17", "range", None, None),
    ],
)
def test_real_datelines(text, lo, hi, precision, time, tz):
    d = parse_date_text(text)
    assert (d.min, d.max, d.precision, d.time, d.timezone, d.basis) == (lo, hi, precision, time, tz, "dateline")
    assert d.text == " ".join(text.split())


@pytest.mark.parametrize("text", ["Washington, undated.", "[Undated.]", "Not dated", "[place not declassified], undated."])
def test_undated(text):
    d = parse_date_text(text)
    assert d.precision == "undated" and d.min is None and d.max is None


def test_no_date_at_all_is_not_guessed():
    assert parse_date_text("Captaincy of the Port of Havana.") is None
    d = complete(DocDate(), "Captaincy of the Port of Havana.")
    assert (d.min, d.precision, d.text) == (None, "unknown", "Captaincy of the Port of Havana.")


def test_tei_range_is_kept_and_time_filled_from_text():
    tei = DocDate(min="1970-10-28T05:33:00Z", max="1970-10-28T05:33:00Z", text="October 28, 1970, 0533Z", basis="tei", precision="minute")
    d = complete(tei, "Moscow, October 28, 1970, 0533Z.")
    assert (d.min, d.max, d.basis) == (tei.min, tei.max, "tei")
    assert (d.time, d.timezone, d.precision) == ("0533Z", "UTC", "minute")


def test_tei_whole_day_instants_are_day_precision():
    tei = DocDate(min="1970-10-28T00:00:00-05:00", max="1970-10-28T23:59:59-05:00", basis="tei")
    assert complete(tei, "Washington, October 28, 1970.").precision == "day"


def test_agreement_with_tei_when_on_sampled_datelines(dateline_samples):
    agree = 0
    for s in dateline_samples:
        d = parse_date_text(s["dateline"])
        when = s["when"][:10]
        agree += bool(d and d.min and d.min[: len(when)] == when)
    assert len(dateline_samples) > 300
    # whole corpus: 99.8 %; the rest are Julian dates we convert and encoding slips
    assert agree / len(dateline_samples) >= 0.99


def test_volume_years():
    assert volume_years("frus1969-76v13") == (1969, 1976)
    assert volume_years("frus1917-72PubDip") == (1917, 1972)
    assert volume_years("frus1882") == (1881, 1883)
    assert volume_years("frus1969-76v33", "Foreign Relations, 1969–1976, Volume XXXIII, SALT II, 1972–1980") == (1969, 1980)
    assert volume_years("not-a-volume") is None


SEED_SOURCE = (
    "Source: National Archives, Nixon Presidential Materials, NSC Files, Box 490, President’s Trip Files, "
    "Dobrynin/Kissinger, 1970, Vol. 3. Secret; Sensitive. According to another copy, Haig drafted the memorandum. (Ibid.)"
)


def test_seed_memo_without_dateline_is_bounded_by_its_folder_year():
    notes = [
        ("2", "In a memorandum forwarding the status report to Haig on October 28, Sonnenfeldt argued: “…” (Ibid.)"),
        ("3", "In a note to Kissinger on October 29, Haig noted “a little clarification …” Kissinger initialed the note. (Ibid.)"),
    ]
    d = infer_date("frus1969-76v13", SEED_SOURCE, notes)
    assert (d.min, d.max, d.precision, d.basis) == ("1970-01-01", "1970-12-31", "year", "inferred")
    assert d.text == "inferred from the source note (1970); footnotes 2, 3 mention October 28–29, 1970"


def test_month_and_day_without_year_take_the_year_from_the_evidence():
    d = infer_date("frus1901China", "", [], dateline="Peking, December 20.")
    assert (d.min, d.max, d.precision, d.basis) == ("1900-12-20", "1902-12-20", "range", "inferred")
    d = infer_date(
        "frus1961-63v07-09mSupp",
        "Kennedy Library, National Security Files, Kaysen Series, Disarmament, 3/62",
        [],
        title="Memorandum for the File, March 9. Decisions on key issues for 18-Nation Disarmament Conference.",
    )
    assert (d.min, d.max, d.precision) == ("1962-03-09", "1962-03-09", "day")


def test_no_evidence_no_range():
    assert infer_date("seed-copy", "", []) is None
