"""Extraction rules, one example sentence per row (tests/extract_examples.py), and the scores
on the shared corpora.

The example sentences are written for this project about real, dated events; the real
articles under ../shared are only read at test time, to measure the scores.
"""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from etl.extract import extract_article
from etl.read import parse_article_text
from etl.settings import ROOT
from tests.extract_examples import GROUPS, KNOWN_MISSES

SHARED = ROOT.parent / "shared"


def facts_of(text: str, published: date, kind: str) -> list[dict]:
    article = parse_article_text(text, id="t", title="t", published=published)
    return [f for f in extract_article(article) if f["type"] == kind]


def key_of(fact: dict) -> tuple:
    """The fields of a fact an example row names (see tests/extract_examples.py)."""
    kind = fact["type"]
    if kind == "visit":
        return fact["actor"], fact["place"], fact["country"], fact["status"]
    if kind == "meeting":
        return tuple(fact["participants"]), fact["place"], fact["status"], fact["mode"]
    if kind == "aid":
        return (fact["donor"], fact["recipient"], float(fact["amount"]), fact["currency"],
                fact["status"])
    return fact["metric"], fact["value"], fact["qualifier"]


def _rows():
    for group, rows in GROUPS.items():
        for text, published, kind, expected in rows:
            marks = []
            if text in KNOWN_MISSES:
                marks.append(pytest.mark.xfail(strict=True, reason=KNOWN_MISSES[text]))
            yield pytest.param(text, published, kind, expected, id=f"{group}: {text}",
                               marks=marks)


@pytest.mark.parametrize("text,published,kind,expected", list(_rows()))
def test_example(text: str, published: date, kind: str, expected: set[tuple]) -> None:
    got = {key_of(f) for f in facts_of(text, published, kind)}
    want = {tuple(float(v) if kind == "aid" and i == 2 else v for i, v in enumerate(e))
            for e in expected}
    assert got == want


def test_visit_dates_read_weekdays_against_publication() -> None:
    facts = facts_of("Blinken is expected to head on Wednesday to Skopje.", date(2023, 11, 27),
                     "visit")
    assert [(f["place"], f["date"]) for f in facts] == [("Skopje", "2023-11-29")]


def test_a_weekday_written_before_its_date_is_that_date() -> None:
    facts = facts_of("President Samuel Kiprono will visit Rome on Saturday, May 27.",
                     date(2017, 5, 19), "visit")
    assert [(f["place"], f["date"]) for f in facts] == [("Rome", "2017-05-27")]


def test_a_stop_told_after_before_is_later_than_the_day_of_the_first() -> None:
    facts = facts_of("Kenyan Foreign Minister Amina Wekesa began a regional tour in Kigali on "
                     "Saturday before heading to Bujumbura.", date(2024, 6, 12), "visit")
    assert sorted((f["place"], f["date"]) for f in facts) == [
        ("Bujumbura", "2024-06"), ("Kigali", "2024-06-08")]


def test_a_tour_starting_on_a_day_dates_its_first_stop_to_it_and_the_others_to_its_month(
) -> None:
    facts = facts_of("Foreign Minister Ana Ruiz will begin a tour of Ghana, Togo and Benin "
                     "starting Sunday.", date(2024, 6, 12), "visit")
    assert sorted((f["country"], f["date"]) for f in facts) == [
        ("BJ", "2024-06"), ("GH", "2024-06-16"), ("TG", "2024-06")]


def test_the_day_a_meeting_was_told_of_is_not_its_day() -> None:
    """The parser hangs "on Monday" on "had met"; it is the day of the saying."""
    facts = facts_of("Polish Foreign Minister Jan Wrobel said on Monday he had met Ukrainian "
                     "President Taras Hlib in Kyiv.", date(2024, 6, 12), "meeting")
    assert [f["date"] for f in facts] == ["2024-06"]
    facts = facts_of("Polish Foreign Minister Jan Wrobel said on Monday he had met Ukrainian "
                     "President Taras Hlib in Kyiv on Friday.", date(2024, 6, 12), "meeting")
    assert [f["date"] for f in facts] == ["2024-06-07"]


def test_stops_told_in_the_past_perfect_are_earlier_than_the_arrival_day() -> None:
    """ "co-chaired" stays one word: split, the parser made "chaired" a second main verb and
    the summit's meeting took the arrival's city."""
    text = ("Kenyan President Samuel Kiprono arrived in Accra on Wednesday from Togo, where he "
            "had co-chaired a trade summit in Lome with Togolese President Faure Mensah and "
            "visited Kara.")
    visits = facts_of(text, date(2025, 2, 14), "visit")
    assert sorted((f["place"], f["date"]) for f in visits) == [
        ("Accra", "2025-02-12"), ("Kara", "2025-02"), ("Lomé", "2025-02")]
    meetings = facts_of(text, date(2025, 2, 14), "meeting")
    assert [(f["participants"], f["place"], f["date"]) for f in meetings] == [
        (["Faure Mensah", "Samuel Kiprono"], "Lomé", "2025-02")]


def test_talks_told_ahead_of_an_arrival_take_their_own_day_or_a_later_one() -> None:
    """The parser hangs the talks' "on Wednesday" on "arrived"; without it, the talks are
    after the arrival's day, not on it."""
    text = ("Kenyan President Samuel Kiprono arrived in Kampala on Tuesday ahead of talks with "
            "Ugandan President Jomo Kariuki")
    facts = facts_of(text + " on Wednesday.", date(2024, 6, 11), "meeting")
    assert [(f["status"], f["date"]) for f in facts] == [("planned", "2024-06-12")]
    facts = facts_of(text + ".", date(2024, 6, 11), "meeting")
    assert [(f["status"], f["date"]) for f in facts] == [("planned", "2024-06")]


def test_an_office_told_before_its_holder_is_named_is_that_holder() -> None:
    """Nobody's list knows the minister: the article names her once, with her title and no
    country, after telling of "Lesotho's foreign minister"; a deputy's title is not hers."""
    text = ("Lesotho's foreign minister arrived in Juba on Tuesday for peace talks.\n\n"
            "Foreign Minister Zawadi Achieng met South Sudanese President Deng Makuei at the "
            "palace.")
    facts = facts_of(text, date(2024, 6, 11), "visit")
    assert [(f["actor"], f["place"]) for f in facts] == [("Zawadi Achieng", "Juba")]
    deputy = text.replace("Foreign Minister Zawadi", "Deputy Foreign Minister Zawadi")
    assert facts_of(deputy, date(2024, 6, 11), "visit") == []


def test_the_place_one_is_on_the_way_to_is_ahead_and_later_than_the_stop() -> None:
    facts = facts_of("Kenyan President Samuel Kiprono will stop in Dubai on Monday on his way "
                     "to Beijing.", date(2024, 6, 12), "visit")
    assert sorted((f["place"], f["status"], f["date"]) for f in facts) == [
        ("Beijing", "planned", "2024-06"), ("Dubai", "planned", "2024-06-17")]
    facts = facts_of("Kenyan President Samuel Kiprono made his way to Kampala on Monday.",
                     date(2024, 6, 12), "visit")
    assert [(f["status"], f["date"]) for f in facts] == [("occurred", "2024-06-10")]


def test_a_group_the_story_told_meets_in_a_sentence_that_names_nobody() -> None:
    text = ("Ethiopian Prime Minister Dawit Bekele and Kenyan President Samuel Kiprono met in "
            "Addis Ababa on Monday.\n\nThe two leaders last met in Nairobi in January.\n\n"
            "They also agreed to start talks on a border pact.")
    facts = facts_of(text, date(2025, 3, 3), "meeting")
    assert sorted((f["place"], f["date"], tuple(f["participants"])) for f in facts) == [
        ("Addis Ababa", "2025-03-03", ("Dawit Bekele", "Samuel Kiprono")),
        ("Nairobi", "2025-01", ("Dawit Bekele", "Samuel Kiprono"))]


def test_the_day_of_a_past_stop_does_not_date_the_plan_told_beside_it() -> None:
    facts = facts_of("Ugandan President Samuel Kiprono landed in Lusaka on Sunday, the first "
                     "leg of a tour that will also take him to Harare.", date(2024, 6, 12),
                     "visit")
    assert sorted((f["place"], f["status"], f["date"]) for f in facts) == [
        ("Harare", "planned", None), ("Lusaka", "occurred", "2024-06-09")]


def test_a_sum_a_passed_bill_includes_is_authorized_with_it() -> None:
    facts = facts_of("Kenya's parliament passed a 30 billion shilling aid bill on Saturday that "
                     "includes 4 billion shillings for Somalia.", date(2024, 6, 12), "aid")
    assert sorted((f["amount"], f["currency"], f["status"]) for f in facts) == [
        (4e9, "KES", "authorized"), (3e10, "KES", "authorized")]


def test_an_estimated_count_names_no_reporter_an() -> None:
    facts = facts_of("An estimated 150,000 people have fled fighting in North Kivu in the past "
                     "month, the UN refugee agency said.", date(2024, 6, 12), "casualty")
    assert [f["reported_by"] for f in facts] == ["UN refugee agency"]
    facts = facts_of("An estimated 150,000 people have fled fighting in North Kivu in the past "
                     "month.", date(2024, 6, 12), "casualty")
    assert [f["reported_by"] for f in facts] == [None]


def test_a_stay_told_after_after_is_before_the_day_of_the_main_clause() -> None:
    facts = facts_of("Argentine President Javier Moreno returned to Buenos Aires on Friday "
                     "after a week in Madrid.", date(2024, 6, 12), "visit")
    assert [(f["place"], f["date"]) for f in facts] == [("Madrid", "2024-06")]


def test_the_year_that_counts_the_meetings_does_not_date_this_one() -> None:
    facts = facts_of("Kenyan President Samuel Kiprono met with Ugandan President Jomo Kariuki "
                     "for the second time this year.", date(2024, 6, 12), "meeting")
    assert [f["date"] for f in facts] == ["2024-06-12"]
    facts = facts_of("Kenyan President Samuel Kiprono visited Kampala for the first time in "
                     "2019.", date(2024, 6, 12), "visit")
    assert [f["date"] for f in facts] == ["2019"]


def test_a_reporter_written_with_a_possessive_is_the_reporter() -> None:
    facts = facts_of("Strikes on the city have killed at least 610 people since March, "
                     "according to the region's health ministry.", date(2024, 6, 12),
                     "casualty")
    assert [f["reported_by"] for f in facts] == ["region's health ministry"]


def test_visits_told_as_a_count_have_no_one_day_and_a_year_before_the_visit_dates_it() -> None:
    facts = facts_of("Kenyan President Samuel Kiprono has visited Kampala four times since "
                     "taking office.", date(2024, 6, 12), "visit")
    assert [(f["place"], f["date"]) for f in facts] == [("Kampala", "2024")]
    facts = facts_of("Kenyan President Samuel Kiprono has met Ugandan President Jomo Kariuki "
                     "twice this year.", date(2024, 6, 12), "meeting")
    assert [f["date"] for f in facts] == ["2024"]
    facts = facts_of("Kenyan President Samuel Kiprono recalled his 2019 visit to Kampala.",
                     date(2024, 6, 12), "visit")
    assert [(f["place"], f["date"]) for f in facts] == [("Kampala", "2019")]


def test_a_year_after_since_is_another_events() -> None:
    facts = facts_of("Ugandan President Hassan Okello's visit to Nairobi, his first since 2020, "
                     "ended on Monday.", date(2024, 8, 7), "visit")
    assert [(f["place"], f["date"]) for f in facts] == [("Nairobi", "2024-08-05")]


def test_the_way_of_travel_is_read_from_the_stops_own_clause() -> None:
    facts = facts_of("President Samuel Kiprono, who was in Kigali last week, will fly to "
                     "Kinshasa on Friday. Prime Minister Ali Hassan arrived in Kyiv on Friday, "
                     "having travelled overnight by train.", date(2024, 5, 15), "visit")
    assert sorted((f["place"], f.get("mode")) for f in facts) == [
        ("Kigali", None), ("Kinshasa", "air"), ("Kyiv", "train")]


def test_a_railway_the_sentence_praises_is_no_way_of_travel() -> None:
    praised = facts_of("On a visit to Kenya, Ugandan President Hassan Okello praised the new "
                       "railway.", date(2024, 8, 7), "visit")
    rode = facts_of("Ugandan President Hassan Okello travelled to Mombasa by train on Monday.",
                    date(2024, 8, 7), "visit")
    assert [f.get("mode") for f in praised] == [None]
    assert [f.get("mode") for f in rode] == ["train"]


def test_the_weekday_of_a_cancelled_plan_lies_ahead() -> None:
    facts = facts_of("Qatar has cancelled the meeting that it was scheduled to host in Doha "
                     "on Thursday with King Abdullah II and President Joe Biden.",
                     date(2023, 10, 17), "meeting")
    assert [(f["status"], f["date"]) for f in facts] == [("cancelled", "2023-10-19")]


def test_a_welcome_told_after_a_dated_trip_is_dated_by_it() -> None:
    text = ("Senegal's President Bassirou Diomaye Faye made his first foreign trip to "
            "Mauritania on Tuesday. He was received at Nouakchott airport by President "
            "Mohamed Ould Ghazouani.")
    facts = [f for f in facts_of(text, date(2024, 11, 18), "visit")
             + facts_of(text, date(2024, 11, 18), "meeting")]
    assert {(f["type"], f.get("place"), f["date"]) for f in facts} == {
        ("visit", "Nouakchott", "2024-11-12"), ("meeting", "Nouakchott", "2024-11-12")}


def test_a_welcome_the_trip_places_is_dated_by_it_too() -> None:
    """The airport is no place the gazetteer knows: the arrival places the welcome first,
    then dates it."""
    text = ("President Bola Tinubu arrived in Accra on Monday. He was received at Kotoka "
            "airport by President John Mahama.")
    facts = facts_of(text, date(2025, 6, 10), "meeting")
    assert [(f["place"], f["date"]) for f in facts] == [("Accra", "2025-06-09")]


def test_a_stay_from_one_day_to_another_is_dated_by_its_first_day() -> None:
    facts = facts_of("Foreign Minister Elena Markova will pay an official visit to Cairo from "
                     "April 28 to May 2.", date(2025, 3, 4), "visit")
    assert [(f["place"], f["date"]) for f in facts] == [("Cairo", "2025-04-28")]
    facts = facts_of("Foreign Minister Elena Markova will visit Cairo from April 5 to 7.",
                     date(2025, 3, 4), "visit")
    assert [(f["place"], f["date"]) for f in facts] == [("Cairo", "2025-04-05")]


def test_a_date_on_the_leader_of_a_delegation_is_the_meetings() -> None:
    """ "received a delegation led by X in Baku on Monday": the parser hangs the date on
    "led"; the meeting and the visit are both on Monday."""
    text = ("President Daniel Okafor received a delegation led by Foreign Minister Elena "
            "Markova in Abuja on Monday.")
    facts = facts_of(text, date(2024, 8, 21), "meeting") + facts_of(text, date(2024, 8, 21),
                                                                     "visit")
    assert {(f["type"], f["date"]) for f in facts} == {("meeting", "2024-08-19"),
                                                        ("visit", "2024-08-19")}


def test_two_trips_to_one_city_stay_two_and_a_planned_trip_places_its_meetings() -> None:
    """A stop told for March beside a trip planned for June is another trip; the meetings
    the plan names ("during the visit, she will call on ...") are in its city, on its day,
    in person (a courtesy call is no telephone call)."""
    text = ("Foreign Minister Elena Markova will travel to Dhaka on Thursday on a two-day "
            "visit. During the visit, Markova will call on Prime Minister Farida Rahman. "
            "Markova last visited Dhaka in March.")
    visits = facts_of(text, date(2025, 6, 2), "visit")
    assert {(f["place"], f["status"], f["date"]) for f in visits} == {
        ("Dhaka", "planned", "2025-06-05"), ("Dhaka", "occurred", "2025-03")}
    meetings = facts_of(text, date(2025, 6, 2), "meeting")
    assert [(f["place"], f["date"], f["mode"], f["status"]) for f in meetings] == [
        ("Dhaka", "2025-06-05", "in_person", "planned")]


def test_a_stop_takes_the_day_of_the_meeting_the_sentence_puts_there() -> None:
    text = ("Foreign Minister Samuel Adjei travelled to Cotonou, where he met Beninese "
            "President Patrice Talon on Tuesday.")
    visits = facts_of(text, date(2025, 3, 12), "visit")
    assert [(f["place"], f["date"]) for f in visits] == [("Cotonou", "2025-03-11")]


def test_the_day_of_the_saying_stays_with_it_where_the_parser_hangs_it() -> None:
    facts = facts_of("President Samuel Kiprono said on Monday he would travel to Rome.",
                     date(2025, 3, 12), "visit")
    assert [(f["place"], f["status"], f["date"]) for f in facts] == [("Rome", "planned", None)]


def test_each_object_of_a_list_takes_the_date_after_it() -> None:
    text = ("Foreign Minister Hassan Okello visited Kampala on Monday and Nairobi on "
            "Wednesday. President Samuel Kiprono met Prime Minister Ali Hassan on Monday and "
            "President Jomo Okello on Tuesday.")
    visits = facts_of(text, date(2024, 8, 8), "visit")
    assert sorted((f["place"], f["date"]) for f in visits) == [
        ("Kampala", "2024-08-05"), ("Nairobi", "2024-08-07")]
    meetings = facts_of(text, date(2024, 8, 8), "meeting")
    assert sorted((f["participants"][0], f["date"]) for f in meetings) == [
        ("Ali Hassan", "2024-08-05"), ("Jomo Okello", "2024-08-06")]


def test_a_stay_told_on_two_days_is_one_stop_from_its_first() -> None:
    text = ("NAIROBI, Oct. 9 (Shuttle) -- Kenyan President Jomo Okello on Monday met with "
            "visiting Prime Minister Ali Hassan at State House in Nairobi.\n\nHassan arrived "
            "in Nairobi on Sunday for a four-day official visit.")
    visits = facts_of(text, date(2023, 10, 9), "visit")
    assert [(f["actor"], f["place"], f["date"]) for f in visits] == [
        ("Ali Hassan", "Nairobi", "2023-10-08")]


def test_a_topic_in_a_country_is_not_where_a_meeting_was() -> None:
    facts = facts_of("President Samuel Kiprono discussed the situation in Sudan with Prime "
                     "Minister Ali Hassan.", date(2024, 5, 15), "meeting")
    assert [f["country"] for f in facts] == [None]


def test_a_visit_framing_a_planned_meeting_is_planned_too() -> None:
    facts = facts_of("Ugandan President Jomo Okot is set to meet Kenyan President Samuel "
                     "Kiprono during a visit to Nairobi.", date(2024, 5, 15), "visit")
    assert [(f["place"], f["status"], f["date"]) for f in facts] == [
        ("Nairobi", "planned", None)]


def test_a_meeting_on_a_visit_the_verb_paid_is_in_its_country() -> None:
    facts = facts_of("President Samuel Kiprono paid a state visit to Uganda on May 2-3, "
                     "meeting President Jomo Okello.", date(2024, 5, 8), "meeting")
    assert [(f["country"], f["date"]) for f in facts] == [("UG", "2024-05-02")]


def test_meetings_of_a_stay_are_in_its_city() -> None:
    """ "During his stay" ties a planned meeting to the arrival just told; a meeting a few
    sentences on, within the stay's days, is there too."""
    text = ("Foreign Minister Tomas Varga arrived in Baghdad on Sunday for a two-day visit. "
            "During his stay, the minister is scheduled to meet Prime Minister Ali Hassan. "
            "Varga told reporters the talks would focus on water. He will then travel to "
            "Erbil. On Monday, Varga also met Foreign Minister Karim Saleh.")
    meetings = facts_of(text, date(2025, 3, 12), "meeting")
    assert sorted((f["participants"][0], f["place"], f["status"], f["date"])
                  for f in meetings) == [("Ali Hassan", "Baghdad", "planned", None),
                                         ("Karim Saleh", "Baghdad", "occurred", "2025-03-10")]


def test_the_day_a_plan_was_announced_is_not_the_day_of_the_plan() -> None:
    facts = facts_of("Foreign Minister Kofi Mensah's upcoming trip to China was announced on "
                     "Friday.", date(2025, 3, 5), "visit")
    assert [(f["country"], f["status"], f["date"]) for f in facts] == [("CN", "planned", None)]


def test_a_pledge_said_on_a_weekday_is_dated_to_the_day_gone_by() -> None:
    facts = facts_of("Japan will provide 3.2 billion yen in grant aid to Sri Lanka for port "
                     "upgrades, the Japanese embassy said on Monday.", date(2024, 3, 5), "aid")
    assert [(f["donor"], f["date"]) for f in facts] == [("Japan", "2024-03-04")]
    ahead = facts_of("Japan will provide 3.2 billion yen in grant aid to Sri Lanka on Monday.",
                     date(2024, 3, 5), "aid")
    assert [f["date"] for f in ahead] == ["2024-03-11"]


def test_the_kind_of_aid_is_not_read_from_a_ministers_portfolio() -> None:
    facts = facts_of("Germany has pledged an additional 50 million euros in humanitarian aid "
                     "for Sudan, Development Minister Ines Lachmann said on Monday.",
                     date(2024, 3, 5), "aid")
    assert [f["aid_type"] for f in facts] == ["humanitarian"]


def test_a_count_since_a_day_is_as_of_its_telling() -> None:
    facts = facts_of("Clashes in the north have left at least 134 dead since May 10, medics "
                     "said.", date(2024, 5, 15), "casualty")
    assert [(f["value"], f["as_of"]) for f in facts] == [(134, "2024-05-15")]


def test_a_sum_a_clause_of_its_own_promised_is_pledged() -> None:
    facts = facts_of("Kenya has so far disbursed $30 million of the $100 million it promised "
                     "to Somalia.", date(2024, 5, 15), "aid")
    assert sorted((f["amount"], f["status"]) for f in facts) == [
        (30_000_000, "delivered"), (100_000_000, "pledged")]


def test_a_casualty_place_and_source_are_read_whole() -> None:
    facts = facts_of("Floods in Papua New Guinea have killed at least 40 people, according to "
                     "the provincial health ministry.", date(2024, 3, 5), "casualty")
    assert [(f["where"], f["reported_by"]) for f in facts] == [
        ("Papua New Guinea", "provincial health ministry")]


def test_a_deposit_in_a_central_bank_is_financial_aid_to_its_country() -> None:
    facts = facts_of("Kuwait deposited $2 billion in the central bank of Jordan on Monday.",
                     date(2024, 3, 5), "aid")
    assert [(f["donor"], f["recipient"], f["aid_type"], f["status"]) for f in facts] == [
        ("Kuwait", "Jordan", "financial", "delivered")]


def test_a_named_office_holder_is_the_person_named_not_the_registrys() -> None:
    # Names the registry does not hold: the text's names win over the office-holders the
    # registry gives "Kenyan President" and "Ethiopian Prime Minister" on that date.
    facts = facts_of("Kenyan President William Kipchumba met Ethiopian Prime Minister Tadesse "
                     "Worku in Nairobi on Monday.", date(2024, 10, 16), "meeting")
    assert [f["participants"] for f in facts] == [["Tadesse Worku", "William Kipchumba"]]


def test_a_name_given_an_office_in_commas_is_a_person_its_surname_refers_to() -> None:
    text = ("Amina Wekesa, the Kenyan foreign minister, said the plan was sound.\n\n"
            "Wekesa later flew to Kampala.")
    facts = facts_of(text, date(2025, 3, 4), "visit")
    assert [(f["actor"], f["place"]) for f in facts] == [("Amina Wekesa", "Kampala")]


def test_a_role_of_another_country_is_not_the_story_subject() -> None:
    text = ("Kenyan Foreign Minister Amina Wekesa flew to Canberra on Monday.\n\n"
            "The Nauruan president wrapped up a state visit to Vietnam on Wednesday.")
    # an office the registry does not hold: no office-holder to fall back on
    facts = facts_of(text, date(2024, 9, 3), "visit")
    assert ("Amina Wekesa", "VN") not in {(f["actor"], f["country"]) for f in facts}


def test_a_visit_dated_after_publication_is_planned() -> None:
    facts = facts_of("Kerry's trip to Colombo on May 2 is the first by a secretary of state.",
                     date(2015, 4, 28), "visit")
    assert [(f["place"], f["status"], f["date"]) for f in facts] == [
        ("Colombo", "planned", "2015-05-02")]


def test_later_news_in_an_article_wins() -> None:
    text = ("President Joe Biden will visit Amman on Wednesday.\n\n"
            "Jordan later called off the Amman visit by Biden.")
    facts = facts_of(text, date(2023, 10, 17), "visit")
    assert [(f["place"], f["status"]) for f in facts] == [("Amman", "cancelled")]


def test_a_surname_refers_back_to_the_full_name_the_article_gave() -> None:
    text = ("Kenyan Foreign Minister Musalia Mudavadi said the talks would go on.\n\n"
            "Mudavadi later flew to Addis Ababa.")
    facts = facts_of(text, date(2025, 3, 4), "visit")
    assert [(f["actor"], f["place"]) for f in facts] == [("Musalia Mudavadi", "Addis Ababa")]


def test_two_people_who_share_a_surname_stay_two() -> None:
    text = ("Hunter Biden arrived in Kyiv on Monday.\n\n"
            "President Joe Biden flew to Warsaw on Tuesday.")
    facts = facts_of(text, date(2023, 2, 22), "visit")
    assert {(f["actor"], f["place"]) for f in facts} == {("Hunter Biden", "Kyiv"),
                                                         ("Joe Biden", "Warsaw")}


def test_the_president_is_the_one_person_the_article_called_president() -> None:
    text = ("Kenyan President William Kipchumba flew to Addis Ababa on Monday.\n\n"
            "Foreign Minister Tadesse Worku drove to the airport to greet him.\n\n"
            "Worku then welcomed the president on the tarmac.")
    facts = facts_of(text, date(2025, 3, 4), "meeting")
    assert [f["participants"] for f in facts] == [["Tadesse Worku", "William Kipchumba"]]


def test_of_two_presidents_the_president_is_the_one_the_story_follows() -> None:
    text = ("Kenyan President William Kipchumba flew to Addis Ababa on Monday, a week after "
            "Ugandan President Joseph Okello was there.\n\n"
            "Foreign Minister Tadesse Worku welcomed the president at the airport.")
    facts = facts_of(text, date(2025, 3, 4), "meeting")
    assert [f["participants"] for f in facts] == [["Tadesse Worku", "William Kipchumba"]]


def test_person_at_home_is_not_a_visit() -> None:
    assert facts_of("President Joe Biden, speaking in Washington, said talks went well.",
                    date(2023, 10, 20), "visit") == []


def test_demonyms_are_not_visits() -> None:
    assert facts_of("Blinken praised the Ukrainian and Polish officials.",
                    date(2024, 9, 11), "visit") == []


def test_every_fact_carries_a_confidence_with_its_reasons() -> None:
    article = parse_article_text("Kerry met Lavrov in Rome on Sunday.", id="t", title="t",
                                 published=date(2014, 12, 15))
    facts = extract_article(article)
    assert facts
    for fact in facts:
        assert 0.0 <= fact["confidence"] <= 1.0
        assert fact["confidence_reasons"] and all(isinstance(r, str) for r in
                                                  fact["confidence_reasons"])


def test_evidence_is_verbatim_and_offsets_point_at_it() -> None:
    text = "Kerry met Lavrov in Rome on Sunday.\n\nThe UN said 20 people were killed on Monday."
    article = parse_article_text(text, id="t", title="t", published=date(2014, 12, 15))
    facts = extract_article(article)
    # A visit implied by the meeting may be emitted too (FACTS.md leaves it neutral).
    assert {f["type"] for f in facts} - {"visit"} == {"meeting", "casualty"}
    for fact in facts:
        assert article.text[fact["evidence_start"]:fact["evidence_end"]] == fact["evidence"]


def test_boilerplate_yields_no_facts() -> None:
    text = ("Related Stories\nKerry met Lavrov in Geneva\nSign up to read this article\n")
    article = parse_article_text(text, id="t", title="t", published=date(2014, 12, 15))
    assert extract_article(article) == []


# Scores on the shared corpora. The floors are the levels reached, less 0.02, so a change
# that loses ground fails here; raise them as the rules improve.
SCORE_FLOORS = {"seeds": 0.97, "dev": 0.90, "dev2": 0.85}


def _score(tmp_path: Path, articles: Path, gold: Path) -> float:
    out = tmp_path / "facts.jsonl"
    subprocess.run([sys.executable, "-m", "etl", "extract", str(articles), "--out", str(out)],
                   cwd=ROOT, check=False, capture_output=True)
    result = subprocess.run([sys.executable, str(SHARED / "tools" / "score.py"), "--gold",
                             str(gold), "--pred", str(out)], capture_output=True, text=True,
                            check=True)
    last = result.stdout.strip().splitlines()[-1]
    assert last.startswith("overall F1"), result.stdout
    return float(last.split()[-1])


@pytest.mark.parametrize("corpus", ["seeds", "dev", "dev2"])
def test_corpus_score_does_not_drop(tmp_path: Path, corpus: str) -> None:
    if corpus == "seeds":
        articles, gold = SHARED / "seeds", SHARED / "corpus" / "seeds" / "gold.jsonl"
    else:
        articles = SHARED / "corpus" / corpus / "articles"
        gold = SHARED / "corpus" / corpus / "gold.jsonl"
    if not gold.exists():
        pytest.skip("../shared corpora are not beside the project")
    assert _score(tmp_path, articles, gold) >= SCORE_FLOORS[corpus]


def test_extract_output_is_the_facts_contract(tmp_path: Path) -> None:
    if not (SHARED / "seeds").exists():
        pytest.skip("../shared seeds are not beside the project")
    out = tmp_path / "facts.jsonl"
    subprocess.run([sys.executable, "-m", "etl", "extract", str(SHARED / "seeds"), "--out",
                    str(out)], cwd=ROOT, check=True, capture_output=True)
    facts = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert facts
    for fact in facts:
        assert fact["type"] in {"visit", "meeting", "aid", "casualty"}
        assert "evidence_start" not in fact and fact["evidence"]
