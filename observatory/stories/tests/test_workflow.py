"""Draft → review → publish, by the access policy: who writes, who publishes, what readers see and when.

The stories here are test texts, made up.
"""

from __future__ import annotations

import datetime
import re

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from observatory import access
from observatory.audit.models import AuditEntry
from observatory.cases.tests.conftest import verified_session
from observatory.stories import services
from observatory.stories.models import Story, StoryRevision, StoryStatus

pytestmark = pytest.mark.django_db

BODY = "A test text about Latvia (made up).\n\nSecond paragraph.\n"


def draft(user, **extra):
    fields = {"language": "en", "slug": "test-latvia", "title": "Test story: Latvia", "summary": "Made up.",
              "body": BODY} | extra
    return services.story_create(actor=user, **fields)


def test_an_editor_writes_another_publishes_and_readers_see_only_the_published_text(client, editors):
    story = draft(editors["ed1"])
    assert client.get("/en/stories/test-latvia/").status_code == 404  # a draft is not public
    services.story_submit(actor=editors["ed1"], story=story)
    with pytest.raises(PermissionDenied):  # no one publishes what they sent for review themselves
        services.story_publish(actor=editors["ed1"], story=story)
    services.story_publish(actor=editors["ed2"], story=story)
    page = client.get("/en/stories/test-latvia/")
    assert page.status_code == 200 and "Second paragraph." in page.content.decode()

    # A later change waits for the next review: readers still see the published text.
    story.refresh_from_db()
    services.story_update(actor=editors["ed1"], story=story, based_on=None, body=BODY + "\nA new unreviewed line.\n")
    story.refresh_from_db()
    assert story.status == StoryStatus.DRAFT and story.is_live
    assert "unreviewed" not in client.get("/en/stories/test-latvia/").content.decode()
    services.story_submit(actor=editors["ed1"], story=story)
    services.story_publish(actor=editors["ed2"], story=story)
    assert "unreviewed" in client.get("/en/stories/test-latvia/").content.decode()
    actions = list(StoryRevision.objects.filter(story=story).order_by("number").values_list("action", flat=True))
    assert actions == ["saved", "submitted", "published", "saved", "submitted", "published"]
    assert AuditEntry.objects.filter(action="story.publish", object_id=str(story.pk)).count() == 2


def test_who_may_do_what(editors, countries):
    with pytest.raises(PermissionDenied):  # a documenter does not write stories
        draft(editors["documenter_ukr"])
    with pytest.raises(PermissionDenied):  # a coordinator writes about their own countries only
        draft(editors["coordinator_ukr"], country=countries["KGZ"])
    story = draft(editors["coordinator_ukr"], country=countries["UKR"], slug="ukraine-test")
    services.story_submit(actor=editors["coordinator_ukr"], story=story)
    with pytest.raises(PermissionDenied):  # coordinators do not publish
        services.story_publish(actor=editors["coordinator_ukr"], story=story)
    with pytest.raises(PermissionDenied):
        services.story_publish(actor=editors["analyst"], story=story)
    services.story_publish(actor=editors["ed1"], story=story)
    # The analyst, the documenter and visitors see it once published, never the drafts.
    other = draft(editors["ed2"], slug="draft-only")
    for reader in (editors["analyst"], editors["documenter_ukr"], access.VISITOR):
        visible = set(access.scope(reader, "view", Story).values_list("slug", flat=True))
        assert visible == {"ukraine-test"}, reader
    assert access.user_can(editors["ed1"], "change", other)
    assert not access.user_can(editors["coordinator_kgz"], "change", story)
    # The coordinator sees its story's drafts and history, not another's; the others see no history.
    assert set(access.scope(editors["coordinator_ukr"], "view", Story).values_list("slug", flat=True)) == {
        "ukraine-test"}
    assert {r.story_id for r in access.scope(editors["coordinator_ukr"], "view", StoryRevision)} == {story.pk}
    assert {r.story_id for r in access.scope(editors["ed1"], "view", StoryRevision)} == {story.pk, other.pk}
    for reader in (editors["analyst"], editors["documenter_ukr"], editors["coordinator_kgz"]):
        assert not access.scope(reader, "view", StoryRevision).exists()


def test_returning_a_story_needs_a_comment_and_the_author_sees_it(client, editors):
    story = draft(editors["ed1"])
    services.story_submit(actor=editors["ed1"], story=story)
    with pytest.raises(ValidationError):
        services.story_reject(actor=editors["ed2"], story=story, comment=" ")
    services.story_reject(actor=editors["ed2"], story=story, comment="Cite the source of the 2016 figure.")
    verified_session(client, editors["ed1"])
    page = client.get(f"/en/stories/manage/{story.pk}/").content.decode()
    assert "Cite the source of the 2016 figure." in page


def test_a_scheduled_story_appears_at_its_time_without_any_job(client, editors, monkeypatch):
    story = draft(editors["ed1"])
    services.story_submit(actor=editors["ed1"], story=story)
    at = timezone.now() + datetime.timedelta(hours=2)
    services.story_publish(actor=editors["ed2"], story=story, at=at)
    assert client.get("/en/stories/test-latvia/").status_code == 404
    assert "test-latvia" not in client.get("/en/stories/feed/").content.decode()
    later = at + datetime.timedelta(minutes=1)
    monkeypatch.setattr(timezone, "now", lambda: later)
    assert client.get("/en/stories/test-latvia/").status_code == 200
    with pytest.raises(ValidationError):  # a time in the past is a mistake, not "now"
        services.story_publish(actor=editors["admin"], story=story, at=later - datetime.timedelta(days=1))


def test_saving_the_same_form_twice_makes_one_revision_and_a_stale_form_is_refused(client, editors):
    story = draft(editors["ed1"])
    verified_session(client, editors["ed1"])
    form = {"kind": "story", "country": "", "title": "Test story: Latvia", "summary": "Made up.",
            "body": BODY + "\nMore.\n", "based_on": "1"}
    assert client.post(f"/en/stories/manage/{story.pk}/", form).status_code == 302
    assert client.post(f"/en/stories/manage/{story.pk}/", form).status_code == 302  # the double click
    assert story.revisions.count() == 2
    stale = client.post(f"/en/stories/manage/{story.pk}/", form | {"body": "Someone else's text."})
    assert stale.status_code == 200
    assert "Someone saved this story after you opened it" in stale.content.decode()
    story.refresh_from_db()
    assert "Someone else's text." not in story.body


def test_a_wrong_block_is_named_by_its_line_and_nothing_is_saved(client, editors, catalogue):
    verified_session(client, editors["ed1"])
    form = {"language": "ru", "slug": "oshibka", "is_original": "on", "kind": "story", "country": "",
            "title": "Проверка", "summary": "", "body": "Текст.\n\n::: chart /ru/indicators/no_such_thing/\n"}
    page = client.post("/ru/stories/manage/new/", form)
    assert page.status_code == 200
    text = page.content.decode()
    assert "Строка 3" in text and "no_such_thing" in text
    assert not Story.objects.exists()


def test_staff_pages_are_not_for_others(client, editors):
    story = draft(editors["ed1"])
    verified_session(client, editors["documenter_ukr"])
    assert client.get("/en/stories/manage/").status_code == 404
    assert client.get(f"/en/stories/manage/{story.pk}/").status_code == 404
    assert client.get(f"/en/stories/manage/{story.pk}/preview/").status_code == 404
    assert client.post(f"/en/stories/manage/{story.pk}/publish/").status_code == 404
    client.logout()
    assert client.get(f"/en/stories/manage/{story.pk}/preview/").status_code == 302  # to sign in


def test_a_coordinator_is_offered_only_its_own_countries(client, editors):
    verified_session(client, editors["coordinator_ukr"])
    page = client.get("/en/stories/manage/new/").content.decode()
    options = re.findall(r'<option value="([A-Z]*)"', page[page.index('name="country"'):page.index("</select>",
                                                                                             page.index('name="country"'))])
    assert options == ["UKR"]
    client.logout()
    verified_session(client, editors["ed1"])
    page = client.get("/en/stories/manage/new/").content.decode()
    assert re.search(r'<option value=""[^>]*>\(none\)</option>', page)


def test_a_translation_starts_from_the_original_and_is_linked_to_it(client, editors):
    story = draft(editors["ed1"])
    verified_session(client, editors["ed2"])
    page = client.get(f"/ru/stories/manage/{story.pk}/").content.decode()
    assert f"/ru/stories/manage/new/?translate={story.pk}" in page
    form = client.get(f"/ru/stories/manage/new/?translate={story.pk}").content.decode()
    assert 'value="test-latvia"' in form and "Second paragraph." in form
    assert re.search(r'<option value="ru" selected>', form)
    response = client.post(f"/ru/stories/manage/new/?translate={story.pk}", {
        "language": "ru", "slug": "test-latvia", "kind": "story", "country": "", "title": "Тест: Латвия",
        "summary": "", "body": "Перевод (тест).\n"})
    assert response.status_code == 302
    translation = Story.objects.get(language="ru")
    assert translation.slug == story.slug and not translation.is_original
    assert "Translate into" not in client.get(f"/en/stories/manage/{story.pk}/").content.decode()
