"""What an aid amount is in its sentence (etl/aid_roles.py): a table of sentences written for
this project, one example per row, the sentence as the test id."""

from __future__ import annotations

import pytest

from etl.aid_roles import Amount, classify

A = Amount

# (sentence, the facts' amounts, the roles expected in that order, containers expected:
# for each part the index of the amount that holds it, or None)
ROWS = [
    # a package and its delivered instalment
    ("Brussels paid out EUR 2 billion to Moldova, the first instalment of a support package "
     "of up to EUR 9 billion agreed last month.",
     [A(2e9, "EUR", "delivered"), A(9e9, "EUR", "pledged")], ["part", "commitment"], [1, None]),
    ("The fund's board signed off a three-year facility worth about $6.2 billion for Egypt, "
     "opening the way for an immediate disbursement of about $1.1 billion.",
     [A(1.1e9, "USD", "authorized"), A(6.2e9, "USD", "authorized")], ["part", "commitment"],
     [1, None]),
    ("The Commission sent Kyiv another tranche of budget support in the amount of EUR 1.2 "
     "billion.", [A(1.2e9, "EUR", "delivered")], ["part"], [None]),
    ("The bank approved the release of $900 million of the programme on Friday.",
     [A(9e8, "USD", "authorized")], ["part"], [None]),
    ("Member states pledged 4 billion euros in May; parliaments have ratified 3 billion euros "
     "out of that sum, and so far Chad has received 1 billion euros.",
     [A(1e9, "EUR", "delivered"), A(3e9, "EUR", "authorized"), A(4e9, "EUR", "pledged")],
     ["part", "part", "commitment"], [1, 2, None]),
    # a package broken down: the pieces are inside it
    ("Canada unveiled a package worth C$500 million, including C$120 million in new funds.",
     [A(120e6, "CAD", "announced"), A(500e6, "CAD", "announced")], ["part", "commitment"],
     [1, None]),
    ("Congress voted $14 billion for Israel, including about $4 billion for missile defence.",
     [A(4e9, "USD", "proposed", "Israel"), A(14e9, "USD", "proposed", "Israel")],
     ["part", "commitment"], [1, None]),
    ("The bill holds about $5 billion in relief, some of which may reach Sudan, and about $3 "
     "billion for border security.", [A(3e9, "USD", "proposed"), A(5e9, "USD", "proposed")],
     ["commitment", "commitment"], [None, None]),
    # a figure wider than the recipient: it is the total, the piece is the package
    ("The Senate approved about $48 billion for Ukraine, part of a $80 billion bill for "
     "several allies.", [A(48e9, "USD", "authorized", "Ukraine"),
                         A(80e9, "USD", "authorized", "Ukraine")], ["commitment", "total"],
     [None, None]),
    ("Lawmakers cleared $80 billion in foreign aid on Tuesday, including $48 billion set aside "
     "for Ukraine.", [A(48e9, "USD", "authorized", "Ukraine"),
                      A(80e9, "USD", "authorized", "Ukraine")], ["commitment", "total"],
     [None, None]),
    ("The minister announced over $500 million in new aid: $200 million to rebuild Ukraine's "
     "ports and $310 million for demining.",
     [A(200e6, "USD", "announced", "Ukraine"), A(310e6, "USD", "announced", "Ukraine"),
      A(500e6, "USD", "announced", "Ukraine")], ["commitment", "commitment", "total"],
     [None, None, None]),
    # running totals
    ("Tokyo's fresh pledge brings its total aid for Ankara to 40 billion yen.",
     [A(40e9, "JPY", "pledged")], ["total"], [None]),
    ("Seoul said it would raise its support for Kyiv from $200 million to $400 million.",
     [A(200e6, "USD", "pledged"), A(400e6, "USD", "pledged")], ["total", "total"],
     [None, None]),
    ("Norway has given about $3 billion to Ukraine since the start of the invasion.",
     [A(3e9, "USD", "delivered")], ["total"], [None]),
    ("Donors have now announced more than $900 million in total for the appeal.",
     [A(9e8, "USD", "announced")], ["total"], [None]),
    ("The loan is the core of an international package estimated at about $25 billion.",
     [A(25e9, "USD", "pledged")], ["total"], [None]),
    ("Payments under the arrangement reached around $2 billion this week.",
     [A(2e9, "USD", "delivered")], ["total"], [None]),
    ("This is the third tranche of the loan, the total amount of which is EUR 5 billion.",
     [A(5e9, "EUR", "pledged")], ["total"], [None]),
    # rates: a flow, not an amount
    ("Berlin will keep providing EUR 4 billion a year in military help.",
     [A(4e9, "EUR", "pledged")], ["rate"], [None]),
    ("Further transfers of EUR 1 billion a month are planned from April.",
     [A(1e9, "EUR", "pledged")], ["rate"], [None]),
    # plain commitments
    ("Japan pledged 10 billion yen in emergency aid for Turkey on Monday.",
     [A(10e9, "JPY", "pledged")], ["commitment"], [None]),
    ("It provides $20.5 billion, much of which is to refill stocks of munitions.",
     [A(20.5e9, "USD", "announced")], ["commitment"], [None]),
    ("This is the largest package since 2019, worth $2 billion.",
     [A(2e9, "USD", "announced")], ["commitment"], [None]),
]


@pytest.mark.parametrize(("text", "amounts", "roles", "containers"), ROWS,
                         ids=[r[0] for r in ROWS])
def test_role(text, amounts, roles, containers):
    got = classify(text, amounts)
    assert [r.role for r in got] == roles
    assert [r.container for r in got] == containers


def test_an_amount_not_in_the_sentence_is_a_commitment_unless_it_says_total():
    assert classify("Aid for the island.", [A(5e6, "USD")])[0].role == "commitment"
    assert classify("Aid for the island so far.", [A(5e6, "USD")])[0].role == "total"
