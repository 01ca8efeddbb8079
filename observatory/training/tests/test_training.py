"""Training: loading curricula and tests from a data file, tests before and after taken through the private
link, the organisers' results with the group's mean change and its confidence interval, feedback, and the
toolkit library's search.

The curriculum, tests, participants and answers here are test data, made up; the shipped toolkit is real.
"""

from __future__ import annotations

import datetime as dt

import pytest
import yaml

from observatory import access
from observatory.analysis.paired import paired_change
from observatory.cases.tests.conftest import verified_session
from observatory.meetings.services.meetings import MeetingData, meeting_save
from observatory.meetings.services.registrations import RegistrationData, registration_submit
from observatory.training.models import Attempt, Curriculum, Feedback, Module, Quiz, ToolkitDocument
from observatory.training.services import TrainingDataError, toolkit_load, training_load

pytestmark = pytest.mark.django_db

QUESTIONS = [
    {"id": "q1", "text_en": "Test question one?", "text_ru": "Тестовый вопрос один?", "options_en": ["A", "B", "C"],
     "options_ru": ["А", "Б", "В"], "answer": 1},
    {"id": "q2", "text_en": "Test question two?", "text_ru": "Тестовый вопрос два?", "options_en": ["Yes", "No"],
     "options_ru": ["Да", "Нет"], "answer": 0},
]


@pytest.fixture
def meeting(countries):
    return meeting_save(actor=access.SYSTEM, data=MeetingData(
        slug="bishkek-2027-training", kind="training", title_en="Documenting violations (test)",
        title_ru="Документирование нарушений (тест)", starts_on=dt.date.today() + dt.timedelta(days=3),
        city="Bishkek", country=countries["KGZ"], published=True, registration_open=True))


@pytest.fixture
def data_file(tmp_path, meeting):
    def write(**changes):
        content = {
            "curricula": [{"slug": "documentation-course", "title_en": "Documenting violations (test course)",
                           "title_ru": "Документирование нарушений (тестовый курс)", "published": True,
                           "modules": [{"title_en": "Module one (test)", "title_ru": "Модуль один (тест)",
                                        "trainers": "Test Trainer", "meetings": [meeting.slug],
                                        "documents": ["ehra-human-rights-violations-matrix-2022"]}]}],
            "tests": [{"slug": "knowledge", "meeting": meeting.slug, "title_en": "Knowledge test (test)",
                       "title_ru": "Тест знаний (тест)", "questions": QUESTIONS}],
            **changes}
        path = tmp_path / "course.yaml"
        path.write_text(yaml.safe_dump(content, allow_unicode=True), "utf-8")
        return path

    toolkit_load(actor=access.SYSTEM)
    return write


def _registrations(meeting, n: int):
    tokens = []
    for i in range(n):
        _registration, _created, token = registration_submit(
            actor=access.VISITOR, meeting=meeting, language="ru",
            data=RegistrationData(name=f"Participant {i} (test)", email=f"p{i}@example.org",
                                  sector="civil_society", consent=True))
        tokens.append(token)
    return tokens


def test_a_course_file_loads_all_or_nothing_and_once(data_file, meeting):
    first = training_load(actor=access.SYSTEM, path=data_file())
    assert (first["curricula created"], first["modules created"], first["tests created"]) == (1, 1, 1)
    again = training_load(actor=access.SYSTEM, path=data_file())
    assert not any(v for k, v in again.items() if k != "unchanged")
    module = Module.objects.get()
    assert list(module.meetings.all()) == [meeting] and module.documents.count() == 1
    wrong = {**QUESTIONS[1], "answer": 2}
    with pytest.raises(TrainingDataError, match=r"course.yaml test 1 \(other\) question 1: answer must be the index"):
        training_load(actor=access.SYSTEM, path=data_file(tests=[{
            "slug": "other", "meeting": meeting.slug, "title_en": "T", "title_ru": "Т", "questions": [wrong]}]))
    assert Quiz.objects.count() == 1 and Curriculum.objects.count() == 1


def test_tests_before_and_after_through_the_private_link(client, data_file, meeting):
    training_load(actor=access.SYSTEM, path=data_file())
    token = _registrations(meeting, 1)[0]
    page = client.get(f"/ru/meetings/registration/{token}/").content.decode()
    assert "Тест до тренинга: Тест знаний (тест)" in page and "Отзыв о тренинге" in page
    url = f"/ru/training/r/{token}/test/knowledge/pre/"
    form = client.get(url).content.decode()
    assert "Тестовый вопрос один?" in form and '"answer"' not in form  # the right answers are never in the page
    missing = client.post(url, {"q_q1": "1"})
    assert missing.status_code == 400 and "Выберите один ответ." in missing.content.decode()
    assert client.post(url, {"q_q1": "0", "q_q2": "0"}).status_code == 302
    assert client.post(url, {"q_q1": "1", "q_q2": "0"}).status_code == 200  # taken once: the first stays
    attempt = Attempt.objects.get()
    assert (attempt.phase, attempt.correct, attempt.total) == ("pre", 1, 2)
    client.post(f"/ru/training/r/{token}/test/knowledge/post/", {"q_q1": "1", "q_q2": "0"})
    done = client.get(f"/ru/training/r/{token}/test/knowledge/post/").content.decode()
    assert "Вы правильно ответили на 2 из 2 вопросов." in done and "До тренинга: 1 из 2; после: 2 из 2." in done
    assert client.get("/ru/training/r/not-a-token/test/knowledge/pre/").status_code == 404


def test_the_results_give_the_mean_change_with_its_interval_and_name_no_one(client, data_file, meeting, personas):
    training_load(actor=access.SYSTEM, path=data_file())
    tokens = _registrations(meeting, 4)
    answers = [({"q_q1": "0", "q_q2": "1"}, {"q_q1": "1", "q_q2": "0"}),   # 0 -> 1
               ({"q_q1": "1", "q_q2": "1"}, {"q_q1": "1", "q_q2": "0"}),   # 0.5 -> 1
               ({"q_q1": "0", "q_q2": "0"}, {"q_q1": "0", "q_q2": "0"}),   # 0.5 -> 0.5
               ({"q_q1": "0", "q_q2": "1"}, None)]                         # 0 -> (no test after)
    for token, (pre, post) in zip(tokens, answers):
        client.post(f"/en/training/r/{token}/test/knowledge/pre/", pre)
        if post:
            client.post(f"/en/training/r/{token}/test/knowledge/post/", post)
    expected = paired_change([0, 0.5, 0.5], [1, 1, 0.5])
    verified_session(client, personas["coordinator_kgz"])
    page = client.get(f"/en/training/results/{meeting.slug}/").content.decode()
    assert (f"Mean change in the share of right answers: {expected.mean_change:.2f} (95% confidence interval "
            f"{expected.ci_low:.2f} to {expected.ci_high:.2f}), from 3 participants who took both tests.") in page
    assert "1 took only the test before" in page
    assert "Participant 0 (test)" not in page and "p0@example.org" not in page
    for name in ("coordinator_ukr", "documenter_kgz"):
        verified_session(client, personas[name])
        assert client.get(f"/en/training/results/{meeting.slug}/").status_code == 404, name


def test_feedback_is_given_once(client, data_file, meeting):
    token = _registrations(meeting, 1)[0]
    url = f"/ru/training/r/{token}/feedback/"
    incomplete = client.post(url, {"useful": "5"})
    assert incomplete.status_code == 400 and not Feedback.objects.exists()
    ratings = {"useful": "5", "content": "4", "trainers": "5", "organisation": "3", "comment": "Полезно (тест)."}
    assert client.post(url, ratings).status_code == 302
    assert client.post(url, {**ratings, "useful": "1"}).status_code == 200
    assert Feedback.objects.get().ratings["useful"] == 5
    assert "ваш отзыв записан" in client.get(url).content.decode()


def test_the_shipped_toolkit_is_searchable(client, countries):
    toolkit_load(actor=access.SYSTEM)
    assert ToolkitDocument.objects.count() >= 3
    assert all(d.url.startswith("https://") and d.summary_en for d in ToolkitDocument.objects.all())
    found = client.get("/en/training/toolkit/?q=treaty+bodies").content.decode()
    assert "Matrix for analysing trends" in found and "Criminalization costs pocket guide" not in found
    themed = client.get("/ru/training/toolkit/?theme=eu_strategy_review").content.decode()
    assert "Response to EU Drugs Strategy" in themed and "Matrix for analysing" not in themed
    assert "Matrix for analysing trends" in client.get("/en/search/?q=REAct").content.decode()


def test_organisers_load_a_course_file_on_the_page_all_or_nothing(client, data_file, meeting, personas):
    from django.core.files.uploadedfile import SimpleUploadedFile

    path = data_file()
    content = yaml.safe_load(path.read_text("utf-8"))
    tests_only = yaml.safe_dump({"tests": content["tests"]}, allow_unicode=True).encode()
    verified_session(client, personas["coordinator_kgz"])
    # A coordinator may load the tests of the meetings it organises, not curricula (the secretariat's).
    refused = client.post("/ru/training/manage/", {"file": SimpleUploadedFile("course.yaml", path.read_bytes())})
    assert refused.status_code == 400 and "Ничего не загружено" in refused.content.decode()
    assert not Quiz.objects.exists() and not Curriculum.objects.exists()
    broken = client.post("/ru/training/manage/", {"file": SimpleUploadedFile("course.yaml", b"tests: [\n  - {")})
    assert broken.status_code == 400 and "строка" in broken.content.decode()
    loaded = client.post("/ru/training/manage/", {"file": SimpleUploadedFile("tests.yaml", tests_only)})
    assert loaded.status_code == 200 and "Загружено." in loaded.content.decode()
    assert Quiz.objects.get().meeting == meeting
    verified_session(client, personas["documenter_kgz"])
    assert client.get("/ru/training/manage/").status_code == 404
