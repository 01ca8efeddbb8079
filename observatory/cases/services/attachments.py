"""Evidence files: type checked by content, images re-encoded without metadata, then encrypted at rest."""

from __future__ import annotations

import io

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from observatory.access import require
from observatory.audit.services import audit_record
from observatory.cases import crypto, limits
from observatory.cases.models import Attachment, Case
from observatory.cases.policies import CaseAction
from observatory.cases.services import keys

# Sniffed type -> Pillow format to re-encode with (None: stored as sent).
ALLOWED_TYPES = {"image/jpeg": "JPEG", "image/png": "PNG", "image/webp": "WEBP", "application/pdf": None}
EXTENSIONS = {"image/jpeg": "jpg", "image/png": "png", "image/webp": "webp", "application/pdf": "pdf"}
MAX_PIXELS = 50_000_000


def max_attachment_bytes() -> int:
    return int(getattr(settings, "CASES_ATTACHMENT_MAX_BYTES", 5 * 1024 * 1024))


def strip_image_metadata(content: bytes, image_format: str) -> bytes:
    """Re-encode an image from its pixels only: EXIF (GPS, camera, time), XMP, comments and text chunks are dropped.

    The EXIF orientation is applied to the pixels first, so the picture stays upright.
    """
    # Pillow and filetype are imported where a file is checked: every command loads this module at start-up.
    from PIL import Image, ImageOps, UnidentifiedImageError

    try:
        with Image.open(io.BytesIO(content)) as image:
            if image.width * image.height > MAX_PIXELS:
                raise ValidationError({"file": _("The image is too large (more than 50 megapixels).")})
            image.load()
            upright = ImageOps.exif_transpose(image)
            clean = upright.copy()
    except (UnidentifiedImageError, OSError, Image.DecompressionBombError, SyntaxError):
        raise ValidationError({"file": _("The image could not be read; it may be damaged.")}) from None
    transparency = clean.info.get("transparency")
    clean.info = {"transparency": transparency} if transparency is not None and image_format == "PNG" else {}
    if image_format == "JPEG" and clean.mode not in ("RGB", "L", "CMYK"):
        clean = clean.convert("RGB")
    output = io.BytesIO()
    options = {"quality": 90} if image_format in ("JPEG", "WEBP") else {}
    clean.save(output, format=image_format, **options)
    return output.getvalue()


@transaction.atomic
def attachment_add(*, actor, case: Case, filename: str, content: bytes) -> Attachment:
    """Check, clean and encrypt one file for ``case``.

    The type is decided by the file's content, never by its name or the
    browser's claim; only JPEG, PNG, WebP and PDF are kept. Images are re-encoded
    without metadata. PDF files are stored as sent (their metadata is not
    removed: say so to documenters).
    """
    attachment = Attachment(case=case, uploaded_by=actor if getattr(actor, "is_authenticated", False) else None)
    require(actor, CaseAction.CREATE, attachment)
    if Attachment.objects.filter(case=case).count() >= limits.ATTACHMENTS:
        raise ValidationError({"file": _("This case already has %(limit)d files, the most one case can hold.")
                                       % {"limit": limits.ATTACHMENTS}})
    limit = max_attachment_bytes()
    if not content:
        raise ValidationError({"file": _("The file is empty.")})
    if len(content) > limit:
        raise ValidationError({"file": _("The file is larger than %(mb)s MB.") % {"mb": limit // (1024 * 1024)}})
    import filetype

    kind = filetype.guess(content)
    mime = kind.mime if kind else ""
    if mime not in ALLOWED_TYPES:
        raise ValidationError({"file": _("Only photos (JPEG, PNG, WebP) and PDF documents can be attached.")})
    image_format = ALLOWED_TYPES[mime]
    if image_format:
        content = strip_image_metadata(content, image_format)
    key = keys.data_key_for(organisation=case.organisation) if case.organisation_id else \
        keys.data_key_for(country=case.country)
    attachment.content_type = mime
    attachment.size = len(content)
    crypto.seal_bytes(attachment, "content", content, key=key)
    crypto.seal(attachment, "filename", (filename or "")[:200], key=key)
    attachment.save()
    audit_record(actor=actor, action="case.attachment_add", obj=case,
                 details={"attachment": str(attachment.uuid), "content_type": mime, "size": attachment.size})
    return attachment
