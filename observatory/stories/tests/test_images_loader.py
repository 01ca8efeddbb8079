"""Images lose their metadata on upload and become public only with a published story; the shipped stories
load all or nothing and never undo an editor's work. The images and texts here are made up for the tests."""

from __future__ import annotations

import io

import pytest
from django.core.exceptions import ValidationError
from PIL import Image

from observatory.access import SYSTEM
from observatory.cases.tests.conftest import verified_session
from observatory.stories import services
from observatory.stories.loader import StoryDataError, stories_load
from observatory.stories.models import Story, StoryImage

pytestmark = pytest.mark.django_db


def jpeg_with_gps() -> bytes:
    image = Image.new("RGB", (40, 30), (200, 30, 30))
    exif = Image.Exif()
    exif[0x010F] = "TestCam"  # camera make
    exif[0x8825] = {2: (50.0, 26.0, 0.0), 1: "N"}  # GPS: a place
    out = io.BytesIO()
    image.save(out, format="JPEG", exif=exif)
    return out.getvalue()


def upload(user, data):
    return services.image_upload(actor=user, data=data, alt_text="A red test square", alt_text_ru="Красный квадрат",
                                 credit="Test", licence="CC0")


def test_an_uploaded_image_has_no_metadata_and_is_kept_once(client, editors, settings, tmp_path):
    settings.STORAGES = {**settings.STORAGES, "default": {
        "BACKEND": "django.core.files.storage.FileSystemStorage", "OPTIONS": {"location": tmp_path}}}
    original = jpeg_with_gps()
    assert Image.open(io.BytesIO(original)).getexif()  # the test file does carry metadata
    image, created = upload(editors["ed1"], original)
    assert created
    kept = image.file.open("rb").read()
    assert not Image.open(io.BytesIO(kept)).getexif() and b"TestCam" not in kept
    assert upload(editors["ed1"], original) == (image, False)
    # Not public until a published story shows it.
    assert client.get(f"/en/stories/images/{image.pk}/").status_code == 404
    story = services.story_create(actor=editors["ed1"], language="en", slug="pictured", title="Pictured",
                                  body=f"Text.\n\n::: image {image.pk}\n")
    services.story_submit(actor=editors["ed1"], story=story)
    services.story_publish(actor=editors["ed2"], story=story)
    response = client.get(f"/en/stories/images/{image.pk}/")
    assert response.status_code == 200 and response["Content-Type"] == "image/jpeg"
    assert 'alt="A red test square"' in client.get("/en/stories/pictured/").content.decode()
    assert 'alt="Красный квадрат"' not in client.get("/en/stories/pictured/").content.decode()


def test_a_file_that_is_not_an_image_is_refused_with_a_reason(client, editors):
    with pytest.raises(ValidationError) as error:
        upload(editors["ed1"], b"%PDF-1.4 not an image")
    assert "JPEG, PNG or WebP" in str(error.value)
    verified_session(client, editors["ed1"])
    from django.core.files.uploadedfile import SimpleUploadedFile

    page = client.post("/en/stories/manage/images/", {"file": SimpleUploadedFile("x.jpg", b"nope"), "alt_text": "x",
                                                      "alt_text_ru": "x", "credit": "x", "licence": "x"})
    assert page.status_code == 200 and "not an image that can be read" in page.content.decode()
    assert not StoryImage.objects.exists()


def test_who_sees_which_images(editors, settings, tmp_path):
    from observatory import access

    settings.STORAGES = {**settings.STORAGES, "default": {
        "BACKEND": "django.core.files.storage.FileSystemStorage", "OPTIONS": {"location": tmp_path}}}
    mine, _ = upload(editors["coordinator_ukr"], jpeg_with_gps())
    other_data = io.BytesIO()
    Image.new("RGB", (20, 20), (0, 90, 200)).save(other_data, format="PNG")
    theirs, _ = upload(editors["ed1"], other_data.getvalue())
    assert set(access.scope(editors["coordinator_ukr"], "view", StoryImage)) == {mine}
    assert set(access.scope(editors["coordinator_ukr"], "change", StoryImage)) == {mine}
    assert set(access.scope(editors["ed1"], "change", StoryImage)) == {mine, theirs}
    for reader in (editors["analyst"], editors["documenter_ukr"], access.VISITOR):
        assert not access.scope(reader, "view", StoryImage).exists()
    StoryImage.objects.filter(pk=theirs.pk).update(published=True)
    for reader in (editors["analyst"], editors["coordinator_ukr"], access.VISITOR):
        assert theirs in access.scope(reader, "view", StoryImage)


def write(directory, name, text):
    (directory / name).write_text(text, encoding="utf-8")


def test_the_loader_is_idempotent_keeps_editors_work_and_fails_whole(deaths, editors, tmp_path):
    write(tmp_path, "a.en.md", "---\nslug: a\nlanguage: en\ntitle: A test\ncountry: LVA\n---\nText A.\n")
    write(tmp_path, "a.ru.md", "---\nslug: a\nlanguage: ru\ntitle: Тест А\n---\nТекст А.\n")
    assert stories_load(actor=SYSTEM, directory=tmp_path)["stories created"] == 2
    assert stories_load(actor=SYSTEM, directory=tmp_path)["unchanged"] == 2
    assert Story.objects.get(language="ru").is_original is False
    english = Story.objects.get(language="en")
    services.story_update(actor=editors["ed1"], story=english, based_on=None, body="Text A, improved on the site.\n")
    write(tmp_path, "a.en.md", "---\nslug: a\nlanguage: en\ntitle: A test\n---\nText A, changed in the file.\n")
    assert stories_load(actor=SYSTEM, directory=tmp_path)["kept (edited on the site)"] == 1
    english.refresh_from_db()
    assert english.body == "Text A, improved on the site.\n"
    write(tmp_path, "b.en.md", "---\nslug: b\nlanguage: en\ntitle: B\n---\n::: card no_such_indicator LVA\n")
    with pytest.raises(StoryDataError, match="b.en.md: Line 1"):
        stories_load(actor=SYSTEM, directory=tmp_path)
    assert not Story.objects.filter(slug="b").exists()


def test_the_command_checks_files_and_loads_a_folder(deaths, tmp_path, capsys):
    from django.core.management import CommandError, call_command

    write(tmp_path, "c.en.md", "---\nslug: c\nlanguage: en\ntitle: C test\n---\n::: timeline LVX\n")
    with pytest.raises(CommandError, match="1 problem"):
        call_command("stories", "check", str(tmp_path / "c.en.md"))
    assert "Line 1" in capsys.readouterr().err
    write(tmp_path, "c.en.md", "---\nslug: c\nlanguage: en\ntitle: C test\n---\n::: timeline LVA\n")
    call_command("stories", "load", str(tmp_path))
    assert "stories created 1" in capsys.readouterr().out
    assert Story.objects.get(slug="c").is_live


def test_the_shipped_baltic_stories_load_and_each_has_live_charts_and_sources(client, deaths):
    from observatory.events.services import events_load
    from observatory.laws.services import laws_load
    from observatory.stories import markup

    laws_load(actor=SYSTEM)
    events_load(actor=SYSTEM)
    counts = stories_load(actor=SYSTEM)
    assert counts["stories created"] == 6
    for slug in ("baltic-trip-latvia", "baltic-trip-lithuania", "baltic-trip-estonia"):
        for language in ("en", "ru"):
            story = Story.objects.get(slug=slug, language=language)
            assert story.country.iso3 == {"latvia": "LVA", "lithuania": "LTU", "estonia": "EST"}[slug.split("-")[-1]]
            page = markup.render(story.live_revision.body)
            assert len({url for _label, url in page.sources if url}) >= 3, (slug, language)
            assert page.has_live_chart
    listing = client.get("/ru/stories/").content.decode()
    assert all(f"/ru/stories/baltic-trip-{c}/" in listing for c in ("latvia", "lithuania", "estonia"))
