# SPDX-License-Identifier: MPL-2.0
"""The one upload service: a size limit enforced while the request streams, the
type read from the content, private storage under the record's code, and an
audited download. The owning app checks access; this module does the rest.

    @login_required
    @require_POST
    @upload_limit("document")           # installs the streaming limit (and CSRF check)
    def hand_in(request, code):
        if refusal := upload_refusal(request):
            messages.error(request, refusal)
        ... stored = upload_store(actor=request.user, kind="document", upload=f)
        ... return serve_upload(request, stored, filename=...)
"""

from __future__ import annotations

import gzip
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from functools import wraps
from pathlib import PurePath
from typing import IO, TYPE_CHECKING, Any

import filetype
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.core.files.uploadhandler import FileUploadHandler, StopUpload
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.csrf import csrf_exempt, csrf_protect

from procesvaerk.core.audit import audit_record
from procesvaerk.core.models import Municipality, StoredFile

if TYPE_CHECKING:
    from procesvaerk.accounts.models import User

SNIFF_BYTES = 4096

CONTENT_TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "bpmn": "application/xml",
    "xes": "application/xml",
    "xes.gz": "application/gzip",
    "csv": "text/csv",
    "parquet": "application/vnd.apache.parquet",
}
# What a file name's ending claims; a claim that the content contradicts is refused.
_CLAIMED = {
    ".pdf": "pdf",
    ".docx": "docx",
    ".bpmn": "bpmn",
    ".xml": "bpmn",
    ".xes": "xes",
    ".gz": "xes.gz",
    ".csv": "csv",
    ".txt": "csv",
    ".parquet": "parquet",
}


@dataclass(frozen=True)
class UploadKind:
    name: str
    file_types: frozenset[str]
    wrong_type: str | Promise  # the Danish refusal when the content is none of them

    @property
    def max_bytes(self) -> int:
        # Read on each use: UPLOAD_MAX_BYTES comes from the environment (and tests).
        return int(settings.UPLOAD_MAX_BYTES[self.name])


UPLOAD_KINDS = {
    "document": UploadKind(
        "document",
        frozenset({"pdf", "docx"}),
        gettext_lazy("The file must be a PDF or a Word document (DOCX)."),
    ),
    "bpmn": UploadKind(
        "bpmn", frozenset({"bpmn"}), gettext_lazy("The file must be a BPMN 2.0 model (XML).")
    ),
    "event_log": UploadKind(
        "event_log",
        frozenset({"xes", "xes.gz", "csv", "parquet"}),
        gettext_lazy("The file must be an event log: XES, gzipped XES, CSV or Parquet."),
    ),
}


def size_label(size: int) -> str:
    for unit, factor in (("GB", 1024**3), ("MB", 1024**2), ("KB", 1024)):
        if size >= factor and size % factor == 0:
            return f"{size // factor} {unit}"
    return f"{size} B"


def too_big_message(kind: str) -> str:
    return _("The file is larger than %(limit)s.") % {
        "limit": size_label(UPLOAD_KINDS[kind].max_bytes)
    }


# -- the streaming limit -------------------------------------------------------


class StreamingLimitHandler(FileUploadHandler):
    """Counts the bytes of each file as they arrive and stops the upload as soon as
    one passes the kind's limit, before the rest is spooled. Sits first in
    ``request.upload_handlers`` and passes every chunk on to Django's handlers."""

    def __init__(self, request: HttpRequest, *, kind: str) -> None:
        super().__init__(request)
        self.kind = kind
        self.max_bytes = UPLOAD_KINDS[kind].max_bytes
        self.received = 0

    def new_file(self, *args: Any, **kwargs: Any) -> None:
        super().new_file(*args, **kwargs)
        self.received = 0

    def receive_data_chunk(self, raw_data: bytes, start: int) -> bytes:
        self.received += len(raw_data)
        if self.received > self.max_bytes:
            self.request.upload_refusal = too_big_message(self.kind)  # type: ignore[union-attr]
            # connection_reset=False: Django discards the rest (stores nothing) and
            # the user gets the page with the message instead of a broken connection.
            raise StopUpload(connection_reset=False)
        return raw_data

    def file_complete(self, file_size: int) -> None:
        return None


# Room for the form's other fields and the multipart boundaries around the file.
FORM_ALLOWANCE = 1024 * 1024


def announced_too_big(request: HttpRequest, kind: str) -> bool:
    """The body announces more than the file's limit plus the form around it."""
    try:
        length = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return False
    return length > UPLOAD_KINDS[kind].max_bytes + FORM_ALLOWANCE


def upload_limit(kind: str) -> Callable[[Callable[..., HttpResponse]], Callable[..., HttpResponse]]:
    """View decorator: installs the streaming limit for ``kind``. The handler must be
    in place before anything reads ``request.POST``, so the CSRF check moves inside."""
    UPLOAD_KINDS[kind]  # an unknown kind fails at import, not on the first upload

    def decorator(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        protected = csrf_protect(view)

        @wraps(view)
        def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if announced_too_big(request, kind):
                # Refused before a byte of the body is read (Django would otherwise read
                # and discard all of it after StopUpload); nothing is stored.
                return render(
                    request,
                    "core/upload_too_large.html",
                    {"message": too_big_message(kind)},
                    status=413,
                )
            handler = StreamingLimitHandler(request, kind=kind)
            request.upload_handlers.insert(0, handler)  # type: ignore[union-attr]
            return protected(request, *args, **kwargs)

        return csrf_exempt(wrapper)

    return decorator


def upload_refusal(request: HttpRequest) -> str | None:
    """The Danish message when the streaming limit stopped this request's upload."""
    request.POST  # noqa: B018  (parse the body, so the handler has run)
    return getattr(request, "upload_refusal", None)


# -- the type, from the content --------------------------------------------------


def _sniff_text(head: bytes) -> str | None:
    if b"\x00" in head:
        return None
    text = head.decode("utf-8", errors="ignore").lstrip("\ufeff \t\r\n")
    if text.startswith("<"):
        lowered = text.lower()
        if "<log" in lowered:
            return "xes"
        if "definitions" in lowered and "bpmn" in lowered:
            return "bpmn"
        return None
    first_line = text.splitlines()[0] if text else ""
    if first_line and any(sep in first_line for sep in (",", ";", "\t")):
        return "csv"
    return None


def detect_file_type(file: IO[bytes]) -> str | None:
    """'pdf', 'docx', 'bpmn', 'xes', 'xes.gz', 'csv' or 'parquet', read from the
    bytes, or None. The file position is left at the start."""
    file.seek(0)
    head = file.read(SNIFF_BYTES)
    file.seek(0)
    found: str | None = None
    guess = filetype.guess(head)
    if head.startswith(b"PAR1"):
        found = "parquet"
    elif guess is not None and guess.extension == "pdf":
        found = "pdf"
    elif guess is not None and guess.extension == "gz":
        try:
            with gzip.open(file) as unzipped:
                found = "xes.gz" if _sniff_text(unzipped.read(SNIFF_BYTES)) == "xes" else None
        except (OSError, EOFError):
            found = None
    elif head.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(file) as archive:
                found = "docx" if "word/document.xml" in archive.namelist() else None
        except zipfile.BadZipFile:
            found = None
    elif guess is None:
        found = _sniff_text(head)
    file.seek(0)
    return found


# -- writes ----------------------------------------------------------------------


def upload_store(*, actor: User, kind: str, upload: UploadedFile) -> StoredFile:
    """Check and store one uploaded file. Refuses (ValidationError in Danish,
    nothing stored) a file that is too big, empty or of the wrong type."""
    spec = UPLOAD_KINDS[kind]
    if upload.size is None or upload.size > spec.max_bytes:
        raise ValidationError(too_big_message(kind))
    if upload.size == 0:
        raise ValidationError(_("The file is empty."))
    file_type = detect_file_type(upload)
    suffixes = PurePath((upload.name or "").lower()).suffixes
    claimed = _CLAIMED.get(suffixes[-1]) if suffixes else None
    if file_type == "xes.gz" and suffixes[-2:] != [".xes", ".gz"] and claimed is not None:
        claimed = "xes.gz"  # "log.gz" is fine; the content said XES inside gzip
    if file_type not in spec.file_types or (claimed is not None and claimed != file_type):
        raise ValidationError(str(spec.wrong_type))
    stored = StoredFile(
        kind=kind,
        original_name=PurePath(upload.name or "fil").name[:255],
        file_type=file_type,
        content_type=CONTENT_TYPES[file_type],
        size=upload.size,
        uploaded_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    # A temporary upload is copied from disk in chunks, never read whole into memory.
    stored.file.save("upload", upload, save=False)
    try:
        stored.save()
    except BaseException:
        stored.file.delete(save=False)
        raise
    return stored


def upload_delete(*, upload: StoredFile) -> None:
    """Delete the record; its file goes once the deletion is committed."""
    upload.delete()


def serve_upload(
    request: HttpRequest,
    upload: StoredFile,
    *,
    filename: str | None = None,
    subject: Any = None,
    municipality: Municipality | None = None,
    action: str = "upload.download",
) -> FileResponse:
    """Send a stored file as a download and audit it, once, as ``action`` (an app may name
    the read in its own words, e.g. ``exam.read``). The caller has checked access."""
    audit_record(
        actor=request.user,
        action=action,
        target=upload,
        subject=subject,
        municipality=municipality,
        detail={"kind": upload.kind, "name": upload.original_name},
    )
    return FileResponse(
        upload.file.open("rb"),
        as_attachment=True,
        filename=filename or upload.original_name,
        content_type=upload.content_type,
    )
