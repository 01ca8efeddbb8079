"""Attachments: type checked by content, size limit, EXIF/GPS stripped, encrypted at rest, audited download."""

from __future__ import annotations

import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import ExifTags, Image

from observatory.audit.models import AuditEntry
from observatory.cases.models import Attachment
from observatory.cases.services import attachment_add
from observatory.cases.tests.conftest import verified_session

GPS = ExifTags.IFD.GPSInfo


def jpeg_with_gps() -> bytes:
    """A photo as a phone takes it: camera make, a GPS position in Kyiv, rotated by the EXIF orientation."""
    image = Image.new("RGB", (80, 40), (200, 30, 30))
    exif = Image.Exif()
    exif[ExifTags.Base.Make] = "TestPhoneMaker"
    exif[ExifTags.Base.Orientation] = 6  # rotate 90° when shown
    gps = exif.get_ifd(GPS)
    gps[ExifTags.GPS.GPSLatitudeRef] = "N"
    gps[ExifTags.GPS.GPSLatitude] = (50.0, 27.0, 3.0)
    gps[ExifTags.GPS.GPSLongitudeRef] = "E"
    gps[ExifTags.GPS.GPSLongitude] = (30.0, 31.0, 24.0)
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", exif=exif, comment=b"taken at Sadova street")
    return buffer.getvalue()


def test_the_fixture_photo_really_has_gps():
    with Image.open(io.BytesIO(jpeg_with_gps())) as image:
        assert image.getexif().get_ifd(GPS)[ExifTags.GPS.GPSLatitude]


def test_exif_and_gps_are_removed_and_the_photo_stays_upright(make_case, personas):
    from observatory.cases.selectors import attachment_content

    case = make_case()
    attachment = attachment_add(actor=personas["documenter_ukr"], case=case, filename="IMG_0001.jpg",
                                content=jpeg_with_gps())
    content = attachment_content(user=personas["documenter_ukr"], attachment=attachment)
    with Image.open(io.BytesIO(content)) as image:
        assert image.format == "JPEG"
        exif = image.getexif()
        assert not exif.get_ifd(GPS) and ExifTags.Base.Make not in exif
        assert "comment" not in image.info
        assert image.size == (40, 80)  # the orientation was applied to the pixels
    assert b"TestPhoneMaker" not in content and b"Sadova" not in content
    assert attachment.content_type == "image/jpeg"
    stored = bytes(Attachment.objects.get(pk=attachment.pk).content_enc)
    assert b"JFIF" not in stored and b"Exif" not in stored  # encrypted at rest


def test_png_text_chunks_are_removed(make_case, personas):
    from PIL.PngImagePlugin import PngInfo

    from observatory.cases.selectors import attachment_content

    info = PngInfo()
    info.add_text("Location", "Kyiv, Sadova 5")
    buffer = io.BytesIO()
    Image.new("RGBA", (10, 10)).save(buffer, "PNG", pnginfo=info)
    attachment = attachment_add(actor=personas["documenter_ukr"], case=make_case(), filename="x.png",
                                content=buffer.getvalue())
    content = attachment_content(user=personas["documenter_ukr"], attachment=attachment)
    assert b"Sadova" not in content and Image.open(io.BytesIO(content)).format == "PNG"


@pytest.mark.parametrize("content,name", [
    (b"<html><script>alert(1)</script></html>", "photo.jpg"),
    (b"MZ\x90\x00" + b"\x00" * 100, "scan.pdf"),
    (b"", "empty.jpg"),
])
def test_the_type_is_decided_by_content_not_by_name(make_case, personas, content, name):
    with pytest.raises(ValidationError):
        attachment_add(actor=personas["documenter_ukr"], case=make_case(), filename=name, content=content)
    assert not Attachment.objects.exists()


def test_the_size_limit(make_case, personas, settings):
    settings.CASES_ATTACHMENT_MAX_BYTES = 1000
    with pytest.raises(ValidationError, match="larger"):
        attachment_add(actor=personas["documenter_ukr"], case=make_case(), filename="big.pdf",
                       content=b"%PDF-1.4\n" + b"0" * 2000)


def test_upload_and_audited_download_through_the_pages(client, personas, make_case):
    case = make_case()
    verified_session(client, personas["documenter_ukr"])
    upload = SimpleUploadedFile("IMG_0001.jpg", jpeg_with_gps(), content_type="image/jpeg")
    response = client.post(f"/en/cases/{case.uuid}/attachments/", {"file": upload})
    assert response.status_code == 302
    attachment = Attachment.objects.get()
    download = client.get(f"/en/cases/{case.uuid}/attachments/{attachment.uuid}/")
    assert download.status_code == 200 and download["Content-Type"] == "image/jpeg"
    assert "attachment;" in download["Content-Disposition"] and "IMG_0001" not in download["Content-Disposition"]
    assert "no-store" in download["Cache-Control"] and "sandbox" in download["Content-Security-Policy"]
    assert b"TestPhoneMaker" not in download.content
    assert AuditEntry.objects.filter(action="case.attachment_view", actor_username="documenter_ukr").exists()
    other = verified_session(type(client)(), personas["documenter_kgz"])
    assert other.get(f"/en/cases/{case.uuid}/attachments/{attachment.uuid}/").status_code == 404


def test_an_upload_larger_than_the_limit_is_refused_unread(client, personas, make_case, settings):
    settings.CASES_ATTACHMENT_MAX_BYTES = 1000
    case = make_case()
    verified_session(client, personas["documenter_ukr"])
    upload = SimpleUploadedFile("big.pdf", b"%PDF-1.4\n" + b"0" * 200_000, content_type="application/pdf")
    response = client.post(f"/en/cases/{case.uuid}/attachments/", {"file": upload})
    assert response.status_code == 302 and not Attachment.objects.exists()
