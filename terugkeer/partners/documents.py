"""Documents on a trajectory: what may be uploaded, decided by the content, never the name.

``sniff`` reads the first bytes and recognises PDF, PNG, JPEG and Word (DOCX: a zip holding
``word/document.xml``). Anything else (a script, an HTML page, an executable, a zip of
something else) is refused, whatever its extension or the content type the browser sent. The
stored name is random with the extension of the recognised type, in private storage
(``storage.py``); the original name is kept for the download only.
"""

from __future__ import annotations

import datetime
import io
import secrets
import zipfile
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from terugkeer.accounts.models import User
from terugkeer.cases.choices import TrajectoryStatus
from terugkeer.cases.models import Trajectory
from terugkeer.partners.models import Document


@dataclass(frozen=True)
class FileType:
    extension: str
    content_type: str
    label: str


PDF = FileType("pdf", "application/pdf", "PDF")
PNG = FileType("png", "image/png", "PNG-afbeelding")
JPEG = FileType("jpg", "image/jpeg", "JPEG-afbeelding")
DOCX = FileType(
    "docx",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "Word-document (.docx)",
)
ALLOWED = (PDF, PNG, JPEG, DOCX)
HEADER_BYTES = 16


def allowed_labels() -> str:
    return ", ".join(t.label for t in ALLOWED)


def _is_docx(content: bytes) -> bool:
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            names = set(archive.namelist())
    except (zipfile.BadZipFile, ValueError):
        return False
    return "[Content_Types].xml" in names and "word/document.xml" in names


def sniff(content: bytes) -> FileType | None:
    """The type the bytes are, or None: magic numbers first, the extension never."""
    head = content[:HEADER_BYTES]
    if head.startswith(b"%PDF-"):
        return PDF
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return PNG
    if head.startswith(b"\xff\xd8\xff"):
        return JPEG
    if head.startswith(b"PK\x03\x04") and _is_docx(content):
        return DOCX
    return None


def read_upload(upload) -> bytes:
    """The uploaded bytes, refused above the size limit before reading more than it."""
    limit = settings.DOCUMENT_MAX_BYTES
    if upload.size is not None and upload.size > limit:
        raise _too_large(limit)
    content = upload.read(limit + 1)
    if len(content) > limit:
        raise _too_large(limit)
    if not content:
        raise ValidationError({"file": _("Het bestand is leeg.")}, code="empty")
    return content


def _too_large(limit: int) -> ValidationError:
    return ValidationError(
        {"file": _("Het bestand is te groot: hooguit %(mb)s MB.") % {"mb": max_megabytes()}},
        code="too_large",
    )


@transaction.atomic
def document_upload(
    *,
    trajectory: Trajectory,
    user: User,
    doc_type: str,
    title: str,
    received_on: datetime.date,
    filename: str,
    content: bytes,
) -> Document:
    """Store a document on the trajectory after checking what it really is."""
    if trajectory.status == TrajectoryStatus.CLOSED:
        raise ValidationError(_("Dit traject is afgesloten; documenten toevoegen kan niet meer."))
    if len(content) > settings.DOCUMENT_MAX_BYTES:
        raise _too_large(settings.DOCUMENT_MAX_BYTES)
    kind = sniff(content)
    if kind is None:
        raise ValidationError(
            {
                "file": _(
                    "Dit bestand is geen toegestaan document (de inhoud telt, niet de naam). "
                    "Toegestaan: %(types)s."
                )
                % {"types": allowed_labels()}
            },
            code="type",
        )
    if received_on > timezone.localdate():
        raise ValidationError({"received_on": _("De datum ligt in de toekomst.")})
    document = Document(
        organisation_id=trajectory.organisation_id,
        trajectory=trajectory,
        doc_type=doc_type,
        title=title.strip() or filename[:200],
        received_on=received_on,
        original_name=filename[:255],
        content_type=kind.content_type,
        size=len(content),
        uploaded_by=user,
    )
    document.file.save(
        f"{secrets.token_hex(16)}.{kind.extension}", ContentFile(content), save=False
    )
    try:
        document.full_clean()
        document.save()
    except Exception:
        document.file.storage.delete(document.file.name)
        raise
    return document


REMOVAL_REASON_MIN = 5


@transaction.atomic
def document_remove(*, document: Document, user: User, reason: str) -> Document:
    """Remove a document: the file leaves the storage once the transaction commits; the row
    stays with who removed it, when and why. Refused on a closed trajectory, without a reason,
    or when it is already removed (a second click of the same button)."""
    locked = Document.objects.select_for_update().select_related("trajectory").get(pk=document.pk)
    if locked.removed_at is not None:
        raise ValidationError(_("Dit document is al verwijderd."), code="removed")
    if locked.trajectory.status == TrajectoryStatus.CLOSED:
        raise ValidationError(_("Dit traject is afgesloten; documenten verwijderen kan niet meer."))
    reason = reason.strip()
    if len(reason) < REMOVAL_REASON_MIN:
        raise ValidationError(
            {"reason": _("Geef een reden (ten minste %(n)s tekens).") % {"n": REMOVAL_REASON_MIN}}
        )
    stored, storage = locked.file.name, locked.file.storage
    locked.file = ""
    locked.removed_at = timezone.now()
    locked.removed_by = user
    locked.removal_reason = reason[:300]
    locked.save(update_fields=["file", "removed_at", "removed_by", "removal_reason", "updated_at"])
    if stored:
        transaction.on_commit(lambda: storage.delete(stored))
    return locked


def download_name(document: Document) -> str:
    """The name the browser gets: the original stem with the extension of the sniffed type."""
    stem = document.original_name.rsplit(".", 1)[0] or "document"
    extension = next(
        (t.extension for t in ALLOWED if t.content_type == document.content_type), "bin"
    )
    return f"{stem}.{extension}"


def max_megabytes() -> str:
    limit = settings.DOCUMENT_MAX_BYTES
    return f"{limit / (1024 * 1024):.1f}".replace(".", ",").replace(",0", "")
