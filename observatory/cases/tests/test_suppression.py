"""Small-cell suppression: "<5" cells, and a total that cannot be used to recover them.

Pure tests (no database). The attacker tests enumerate every table consistent
with what was published and re-run the rule, as someone who knows the rule
would, then check what they could learn about each "<5" cell.
"""

from __future__ import annotations

import itertools

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from observatory.cases.suppression import SECONDARY, SMALL, protected, suppress

pytestmark = pytest.mark.filterwarnings("ignore")


def _candidates(published, keys, total):
    """Every table of positive counts that matches the published labels and total."""
    ranges = []
    for key in keys:
        value = published.cells[key]
        ranges.append(range(1, 5) if value == SMALL else range(5, total + 1) if value == SECONDARY else [value])
    for combo in itertools.product(*ranges):
        if sum(combo) == total:
            yield dict(zip(keys, combo, strict=True))


def test_small_cells_are_labelled_and_the_rest_shown():
    table = suppress({"beating": 30, "extortion": 12, "planted": 3}, 45)
    assert table.cells["planted"] == SMALL
    assert table.total == 45
    assert sum(1 for v in table.cells.values() if v == SECONDARY) >= 1


def test_the_total_minus_visible_cells_attack_fails():
    """Naively, 45 - 30 - 12 = 3 would give the hidden cell. After suppression it cannot."""
    counts = {"beating": 30, "extortion": 12, "planted": 3}
    table = suppress(counts, 45)
    visible = sum(v for v in table.cells.values() if isinstance(v, int))
    hidden = [k for k, v in table.cells.items() if not isinstance(v, int)]
    assert len(hidden) >= 2  # the remainder is shared with another hidden cell
    values = {c["planted"] for c in _candidates(table, list(counts), 45)}
    assert values == {1, 2, 3, 4}
    assert 45 - visible != counts["planted"]


def test_no_small_cells_no_suppression():
    assert suppress({"a": 10, "b": 5}, 15).cells == {"a": 10, "b": 5}


def test_a_tiny_total_is_itself_suppressed():
    assert suppress({"a": 3}, 3).cells == {"a": SMALL} and suppress({"a": 3}, 3).total == SMALL
    withheld = suppress({"a": 1, "b": 2}, 3)
    assert withheld.withheld and withheld.cells == {} and withheld.total == SMALL


def test_a_table_that_cannot_be_protected_is_withheld():
    table = suppress({"a": 2, "b": 5}, 7)  # even with b hidden, a = 7 - b and b >= 5 would give a <= 2
    assert table.withheld and table.total == 7 and table.cells == {}


def test_the_order_of_secondary_suppression_is_the_callers_not_the_counts():
    counts = {"a": 50, "b": 7, "c": 2}
    assert suppress(counts, 59, order=["a", "b", "c"]).cells["a"] == SECONDARY
    assert suppress(counts, 59, order=["b", "a", "c"]).cells["a"] == 50


@pytest.mark.parametrize("categories,largest", [(1, 16), (2, 16), (3, 14), (4, 9)])
def test_no_small_cell_can_be_pinned_even_by_someone_who_reruns_the_rule(categories, largest):
    """Every table up to the given size: a "<5" cell keeps at least two possible values for a rule-aware reader,
    and all four (1-4) for a reader who only knows what the labels mean."""
    keys = [f"c{i}" for i in range(categories)]
    for values in itertools.product(range(1, largest + 1), repeat=categories):
        counts = dict(zip(keys, values, strict=True))
        total = sum(values)
        published = suppress(counts, total)
        small = [k for k, v in published.cells.items() if v == SMALL]
        if published.withheld or not small or total < 5:
            continue
        label_reader = {k: set() for k in small}
        rule_reader = {k: set() for k in small}
        for candidate in _candidates(published, keys, total):
            for key in small:
                label_reader[key].add(candidate[key])
            if suppress(candidate, total) == published:
                for key in small:
                    rule_reader[key].add(candidate[key])
        for key in small:
            assert label_reader[key] == {1, 2, 3, 4}, (counts, published)
            assert len(rule_reader[key]) >= 2, (counts, published, rule_reader)


@settings(max_examples=300, deadline=None)
@given(st.dictionaries(st.sampled_from([f"k{i}" for i in range(12)]), st.integers(1, 400), min_size=1))
def test_published_tables_are_consistent(counts):
    total = sum(counts.values())
    table = suppress(counts, total)
    if table.withheld:
        assert table.cells == {}
        return
    for key, value in table.cells.items():
        true = counts[key]
        if value == SMALL:
            assert 1 <= true <= 4
        elif value == SECONDARY:
            assert true >= 5
        else:
            assert value == true and true >= 5
    small = sum(1 for v in table.cells.values() if v == SMALL)
    secondary = sum(1 for v in table.cells.values() if v == SECONDARY)
    visible = sum(v for v in table.cells.values() if isinstance(v, int))
    if total >= 5:
        assert protected(total - visible, small, secondary)


@settings(max_examples=200, deadline=None)
@given(st.dictionaries(st.sampled_from([f"k{i}" for i in range(8)]), st.integers(1, 60), min_size=2),
       st.integers(0, 30))
def test_overlapping_categories_are_still_protected(counts, overlap):
    """When a case counts in several categories the cells add up to more than the total; still protected."""
    total = max(sum(counts.values()) - overlap, max(counts.values()))
    table = suppress(counts, total)
    if not table.withheld and total >= 5:
        small = sum(1 for v in table.cells.values() if v == SMALL)
        secondary = sum(1 for v in table.cells.values() if v == SECONDARY)
        visible = sum(v for v in table.cells.values() if isinstance(v, int))
        assert protected(total - visible, small, secondary)
