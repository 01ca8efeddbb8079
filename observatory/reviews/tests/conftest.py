"""A small review process built for the tests (synthetic: one process, three items, three rounds)."""

from __future__ import annotations

import pytest
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from observatory.reviews.models import ReviewItem, ReviewProcess, ReviewRound


@pytest.fixture
def process(db):
    process = ReviewProcess.objects.create(
        code="test-process", title_en="Test process", title_ru="Тестовый процесс", short_title_en="Test",
        short_title_ru="Тест", sources=[{"title": "Test document", "url": "https://example.org/doc"}])
    for n in (1, 2, 3):
        ReviewItem.objects.create(process=process, code=f"item-{n}", number=f"1.{n}", title_en=f"Item {n}",
                                  title_ru=f"Пункт {n}", group_en="Chapter 1", group_ru="Глава 1", position=n)
    return process


@pytest.fixture
def items(process):
    return {i.code: i for i in process.items.all()}


@pytest.fixture
def rounds(process):
    """2022 published and closed; 2023 published and still open; 2024 unpublished and open."""
    return {
        "published": ReviewRound.objects.create(process=process, year=2022, published=True, is_open=False),
        "published_open": ReviewRound.objects.create(process=process, year=2023, published=True, is_open=True),
        "unpublished": ReviewRound.objects.create(process=process, year=2024, published=False, is_open=True),
    }


def verified_login(client, user):
    """Sign ``user`` in with a confirmed second factor, as after a real sign-in with a TOTP code."""
    device = TOTPDevice.objects.create(user=user, name="test", confirmed=True)
    client.force_login(user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    return client
