"""Record linkage, checked on the FEBRL benchmark files and on SYNTHETIC mixed-script records.

FEBRL (Christen, Freely Extensible Biomedical Record Linkage; data/SOURCES.md)
publishes its ground truth in the record ids: ``rec-1070-org`` and
``rec-1070-dup-0`` are one person. Dataset 3 holds 5,000 records of 2,000
people (2,000 originals, 3,000 duplicates); dataset 4 is 5,000 originals
(4a) and one duplicate of each (4b), so 5,000 true links. FEBRL's records are
themselves generated, not real people.
"""

from __future__ import annotations

import argparse
import json

import numpy as np
import pandas as pd
import pytest

from observatory.analysis import InvalidInput, cli
from observatory.analysis.linkage import infer_kind, link_records, parse_date
from observatory.analysis.names import name_key
from observatory.analysis.tests.conftest import DATA

REC = r"rec-(\d+)"


def febrl(name: str) -> pd.DataFrame:
    return pd.read_csv(DATA / f"{name}.csv", skipinitialspace=True, dtype=str, keep_default_na=False)


@pytest.mark.parametrize(("a", "b"), [
    ("Евгений", "Yevgeniy"), ("Евгений", "Evgenii"), ("Наталья", "Natalya"), ("Александр", "Alexandr"),
    ("Щукин", "SHCHUKIN"), ("Петрова-Иванова", "Petrova Ivanova"), ("Қайрат", "Kairat"), ("Юрий", "Yuriy"),
])
def test_cyrillic_and_latin_spellings_meet(a, b):
    assert name_key(a) == name_key(b)


def test_different_names_stay_different():
    assert name_key("Иван") != name_key("Ivanna")
    assert name_key("") is None and name_key(None) is None and name_key(" - ") is None


@pytest.mark.parametrize(("text", "iso"), [
    ("1984-03-07", "1984-03-07"), ("19840307", "1984-03-07"), ("07.03.1984", "1984-03-07"),
    ("1984-03", "1984-03-15"), ("1984", "1984-07-02"), ("1984-02-30", None), ("0832", None), ("", None),
    ("yesterday", None),
])
def test_partial_dates_stand_for_their_middle(text, iso):
    assert parse_date(text) == iso


def test_kinds_are_inferred_from_the_values():
    people = febrl("febrl4a")
    assert infer_kind(people["given_name"]) == "name"
    assert infer_kind(people["date_of_birth"]) == "date"
    assert infer_kind(people["postcode"]) == "code"  # four digits, but not plausible years
    assert infer_kind(people["state"]) == "exact"


@pytest.mark.slow
def test_febrl4_links_the_published_5000_pairs():
    result = link_records([febrl("febrl4a"), febrl("febrl4b")], id_column="rec_id", entity_regex=REC)
    assert result["mode"] == "link" and result["n_records"] == 10_000
    assert result["true_pairs"] == 5000
    assert result["precision"] >= 0.99 and result["recall"] >= 0.99
    assert all(p["source_l"] != p["source_r"] for p in result["predicted_pairs"])
    json.dumps(result, allow_nan=False)


@pytest.mark.slow
def test_febrl3_deduplicates_to_about_2000_people():
    people = febrl("febrl3")
    assert people["rec_id"].str.extract(REC)[0].nunique() == 2000  # the published number of originals
    result = link_records([people], id_column="rec_id", entity_regex=REC)
    assert result["mode"] == "dedupe"
    assert result["precision"] >= 0.99 and result["recall"] >= 0.99
    assert result["n_entities"] == pytest.approx(2000, rel=0.01)
    assert max(len(c) for c in result["clusters"]) <= 6  # an original and at most 5 duplicates


SURNAMES = ["Кузнецов", "Смирнова", "Иванов", "Попова", "Соколов", "Лебедева", "Козлов", "Новикова", "Морозов",
            "Петрова", "Волков", "Соловьёва", "Васильев", "Зайцева", "Павлов", "Семёнова", "Голубев", "Виноградова",
            "Богданов", "Воробьёва", "Фёдоров", "Михайлова", "Беляев", "Тарасова", "Белов", "Комарова", "Орлов",
            "Киселёва", "Макаров", "Андреева", "Бондаренко", "Шевчук", "Ткаченко", "Кравчук", "Жумабаев",
            "Исмаилова", "Абдуллаев", "Нурланова", "Сулейменов", "Ахметова"]
GIVEN = ["Евгений", "Наталья", "Юрий", "Юлия", "Александр", "Ольга", "Сергей", "Татьяна", "Дмитрий", "Елена",
         "Андрей", "Ирина", "Алексей", "Светлана", "Максим", "Анастасия", "Игорь", "Мария", "Айгуль", "Қайрат",
         "Нурлан", "Гульнара", "Тимур", "Жанна", "Руслан", "Оксана", "Виктор", "Людмила", "Олег", "Яна"]
# A Latin spelling as another organisation might write it (BGN/PCGN-like), SYNTHETIC test variants.
LATIN = str.maketrans({"е": "ye", "ё": "yo", "ю": "yu", "я": "ya", "й": "y", "ы": "y", "ь": "", "ъ": "",
                       "ж": "zh", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh", "щ": "shch", "қ": "q"})
LATIN_BASE = str.maketrans("абвгдзиклмнопрстуфэ", "abvgdziklmnoprstufe")


def to_latin(name: str) -> str:
    return name.lower().translate(LATIN).translate(LATIN_BASE).title()


def mixed_script_records(n: int = 300, seed: int = 5) -> tuple[pd.DataFrame, pd.DataFrame]:
    """SYNTHETIC people: list A writes names in Cyrillic; list B in Latin letters, some with a typo,
    some with the birth date known only to the month."""
    rng = np.random.default_rng(seed)
    a, b = [], []
    for i in range(n):
        given, surname = GIVEN[rng.integers(len(GIVEN))], SURNAMES[rng.integers(len(SURNAMES))]
        born = pd.Timestamp("1970-01-01") + pd.Timedelta(days=int(rng.integers(0, 12000)))
        sex = "f" if surname.endswith(("а", "я")) else "m"
        a.append({"id": f"A{i}", "given": given, "surname": surname, "born": born.strftime("%Y-%m-%d"), "sex": sex})
        latin_surname = to_latin(surname)
        if rng.random() < 0.2:
            k = int(rng.integers(1, len(latin_surname) - 1))
            latin_surname = latin_surname[:k] + latin_surname[k + 1:]
        when = born.strftime("%Y-%m") if rng.random() < 0.2 else born.strftime("%d.%m.%Y")
        b.append({"id": f"B{i}", "given": to_latin(given), "surname": latin_surname, "born": when, "sex": sex})
    return pd.DataFrame(a), pd.DataFrame(b).sample(frac=1, random_state=seed)


def test_cyrillic_list_links_to_latin_list():
    a, b = mixed_script_records()
    result = link_records([a, b], id_column="id", columns=["given:name", "surname:name", "born:date", "sex:exact"],
                          entity_regex=r"[AB](\d+)")
    assert result["true_pairs"] == 300
    assert result["recall"] >= 0.9 and result["precision"] >= 0.95


class TestErrors:
    def test_each_names_what_to_fix(self):
        a, b = mixed_script_records(30)
        with pytest.raises(InvalidInput, match="id column 'key' not found"):
            link_records([a], id_column="key")
        doubled = pd.concat([a, a.head(1)])
        with pytest.raises(InvalidInput, match="id 'A0' appears more than once"):
            link_records([doubled], id_column="id")
        blank = a.copy()
        blank.loc[3, "id"] = ""
        with pytest.raises(InvalidInput, match="row 5 has no id"):
            link_records([blank], id_column="id")
        with pytest.raises(InvalidInput, match="kind 'fuzzy' is not one of"):
            link_records([a], id_column="id", columns=["given:fuzzy"])
        with pytest.raises(InvalidInput, match="column 'age' not found"):
            link_records([a], id_column="id", columns=["age"])
        with pytest.raises(InvalidInput, match="needs a group"):
            link_records([a, b], id_column="id", entity_regex=r"A\d+")
        with pytest.raises(InvalidInput, match="not a valid regular expression"):
            link_records([a, b], id_column="id", entity_regex=r"([")
        with pytest.raises(InvalidInput, match="does not match the id"):
            link_records([a, b], id_column="id", entity_regex=r"A(\d+)", columns=["given", "surname"])
        with pytest.raises(InvalidInput, match="threshold must be between 0 and 1"):
            link_records([a], id_column="id", threshold=1.5)


class TestCommandLine:
    @pytest.fixture
    def parser(self):
        parser = argparse.ArgumentParser(prog="observatory analyze")
        cli.add_arguments(parser.add_subparsers(dest="command", required=True))
        return parser

    def test_two_files_link(self, parser, tmp_path):
        a, b = mixed_script_records(120)
        a.to_csv(tmp_path / "a.csv", index=False)
        b.to_csv(tmp_path / "b.csv", index=False, sep=";")
        options = parser.parse_args(["link", str(tmp_path / "a.csv"), str(tmp_path / "b.csv"), "--id", "id",
                                     "--columns", "given:name", "surname:name", "born:date", "sex",
                                     "--entity-regex", r"[AB](\d+)", "--threshold", "0.8", "--json"])
        result = cli.run(options)
        for key in ("predicted_pairs", "clusters", "threshold", "true_pairs", "precision", "recall"):
            assert key in result
        assert result["threshold"] == 0.8 and result["true_pairs"] == 120

    def test_three_files_are_refused(self, parser, tmp_path):
        options = parser.parse_args(["link", "a.csv", "b.csv", "c.csv", "--id", "id"])
        with pytest.raises(InvalidInput, match="one file to deduplicate or two to link"):
            cli.run(options)
