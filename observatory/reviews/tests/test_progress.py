"""Change across rounds: the pure rules, then one country and the region on a built example."""

from __future__ import annotations

from decimal import Decimal

from observatory.access import SYSTEM, VISITOR
from observatory.reviews import progress, selectors
from observatory.reviews.progress import Change
from observatory.reviews.services import assessment_save, country_report_save


def test_change_follows_the_order_from_regressed_to_achieved():
    assert progress.change("not_started", "in_progress") == Change.IMPROVED
    assert progress.change("in_progress", "achieved") == Change.IMPROVED
    assert progress.change("achieved", "regressed") == Change.REGRESSED
    assert progress.change("in_progress", "not_started") == Change.REGRESSED
    assert progress.change("achieved", "achieved") == Change.SAME
    assert progress.change(None, "achieved") == Change.FIRST
    assert progress.change("achieved", None) == Change.NONE


def test_a_round_without_a_status_is_skipped_when_comparing():
    assert progress.changes_across(["not_started", None, "achieved", "achieved", "regressed"]) == [
        ("not_started", Change.FIRST), (None, Change.NONE), ("achieved", Change.IMPROVED),
        ("achieved", Change.SAME), ("regressed", Change.REGRESSED)]


def test_status_counts_list_every_status():
    assert progress.status_counts(["achieved", "achieved", "regressed"]) == {
        "not_started": 0, "in_progress": 0, "achieved": 2, "regressed": 1}


def _record(rounds, items, country, statuses_by_round):
    """Record statuses as an operator would (``actor=SYSTEM``), round by round."""
    for round_key, statuses in statuses_by_round.items():
        for code, status in statuses.items():
            assessment_save(actor=SYSTEM, review_round=rounds[round_key], item=items[code], country=country,
                            status=status)


def test_country_progress_on_a_built_example(personas, countries, rounds, items):
    ukr = countries["UKR"]
    _record(rounds, items, ukr, {
        "published": {"item-1": "not_started", "item-2": "in_progress", "item-3": "achieved"},
        "published_open": {"item-1": "in_progress", "item-2": "in_progress", "item-3": "regressed"},
        "unpublished": {"item-1": "achieved"},
    })
    for round_key, amount in (("published", "1000000"), ("published_open", "1500000"), ("unpublished", "2000000")):
        country_report_save(actor=SYSTEM, review_round=rounds[round_key], country=ukr, funding_amount=amount,
                            funding_currency="UAH", funding_year=rounds[round_key].year,
                            funding_source_url="https://example.org/budget", funding_source_title="Budget")

    public = selectors.country_progress(user=personas["analyst"], process=rounds["published"].process, country=ukr)
    assert [r.year for r in public.rounds] == [2022, 2023]  # the unpublished round is not shown
    table = {row["item"].code: [(c["status"], c["change"]) for c in row["cells"]] for row in public.rows}
    assert table == {
        "item-1": [("not_started", Change.FIRST), ("in_progress", Change.IMPROVED)],
        "item-2": [("in_progress", Change.FIRST), ("in_progress", Change.SAME)],
        "item-3": [("achieved", Change.FIRST), ("regressed", Change.REGRESSED)],
    }
    assert public.last_change == {Change.IMPROVED: 1, Change.REGRESSED: 1, Change.SAME: 1}
    assert [p.report.funding_amount for p in public.funding] == [Decimal("1000000.00"), Decimal("1500000.00")]
    assert [round(p.bar, 1) for p in public.funding] == [66.7, 100.0]

    own = selectors.country_progress(user=personas["coordinator_ukr"], process=rounds["published"].process,
                                     country=ukr)
    assert [r.year for r in own.rounds] == [2022, 2023, 2024]  # the coordinator also sees the draft round
    item_1 = next(row for row in own.rows if row["item"].code == "item-1")
    assert [c["change"] for c in item_1["cells"]] == [Change.FIRST, Change.IMPROVED, Change.IMPROVED]
    item_2 = next(row for row in own.rows if row["item"].code == "item-2")
    assert [c["change"] for c in item_2["cells"]] == [Change.FIRST, Change.SAME, Change.NONE]

    other = selectors.country_progress(user=personas["coordinator_kgz"], process=rounds["published"].process,
                                       country=ukr)
    assert [r.year for r in other.rounds] == [2022, 2023]


def test_region_counts_and_the_round_table(personas, countries, rounds, items):
    _record(rounds, items, countries["UKR"], {"published": {"item-1": "achieved", "item-2": "in_progress"},
                                              "unpublished": {"item-1": "achieved"}})
    _record(rounds, items, countries["KGZ"], {"published": {"item-1": "regressed", "item-3": "achieved"}})
    ordered = [rounds["published"], rounds["published_open"], rounds["unpublished"]]
    public = selectors.region_status_counts(user=VISITOR, rounds=[r for r in ordered if r.published])
    assert public[0]["counts"] == {"not_started": 0, "in_progress": 1, "achieved": 2, "regressed": 1}
    assert public[0]["countries"] == 2 and public[0]["total"] == 4
    assert public[1]["total"] == 0
    admin = selectors.region_status_counts(user=personas["admin"], rounds=ordered)
    assert admin[2]["counts"]["achieved"] == 1 and admin[2]["countries"] == 1

    table = selectors.round_table(user=VISITOR, review_round=rounds["published"])
    assert [row["country"].iso3 for row in table.rows] == sorted(["KGZ", "UKR"], key=lambda iso3: countries[
        iso3].name)
    by_country = {row["country"].iso3: [c.status if c else None for c in row["cells"]] for row in table.rows}
    assert by_country == {"UKR": ["achieved", "in_progress", None], "KGZ": ["regressed", None, "achieved"]}
