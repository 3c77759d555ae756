# SPDX-License-Identifier: MPL-2.0
"""The upload service: streaming limit, type by content, private storage, deletion."""

from __future__ import annotations

import gzip
import io
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import RequestFactory

from procesvaerk.core.models import StoredFile
from procesvaerk.core.storage import private_storage
from procesvaerk.core.uploads import (
    StreamingLimitHandler,
    detect_file_type,
    upload_delete,
    upload_refusal,
    upload_store,
)

XES = b'<?xml version="1.0" encoding="UTF-8"?>\n<log xes.version="1.0"><trace/></log>\n'
BPMN = (
    b'<?xml version="1.0"?>\n<bpmn:definitions '
    b'xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"><bpmn:process/></bpmn:definitions>'
)
CSV = b"case_id;activity;timestamp\n1;Modtag;2026-01-01T10:00\n"
PDF = b"%PDF-1.7\n%%EOF\n"


def docx() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("word/document.xml", "<w:document/>")
    return buffer.getvalue()


def parquet() -> bytes:
    import polars as pl

    buffer = io.BytesIO()
    pl.DataFrame({"case": ["1"], "activity": ["a"]}).write_parquet(buffer)
    return buffer.getvalue()


@pytest.fixture
def private(settings, tmp_path):
    settings.PRIVATE_STORAGE_ROOT = tmp_path / "private"
    return tmp_path / "private"


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (PDF, "pdf"),
        (docx(), "docx"),
        (XES, "xes"),
        (gzip.compress(XES), "xes.gz"),
        (CSV, "csv"),
        (parquet(), "parquet"),
        (BPMN, "bpmn"),
        (gzip.compress(b"not xes at all"), None),
        (b"MZ\x90\x00\x03", None),
        (b"\x89PNG\r\n\x1a\n" + b"\x00" * 20, None),
        (b"<html><body>hi</body></html>", None),
    ],
)
def test_type_is_read_from_the_content(content, expected):
    assert detect_file_type(io.BytesIO(content)) == expected


@pytest.mark.parametrize(
    ("kind", "name", "content"),
    [
        ("event_log", "log.xes", XES),
        ("event_log", "log.xes.gz", gzip.compress(XES)),
        ("event_log", "log.csv", CSV),
        ("event_log", "log.parquet", parquet()),
        ("event_log", "export", CSV),  # no ending: the content decides
        ("bpmn", "kort.bpmn", BPMN),
        ("document", "opgave.pdf", PDF),
    ],
)
def test_each_kind_accepts_its_types_into_private_storage(db, private, kind, name, content):
    stored = upload_store(actor=None, kind=kind, upload=SimpleUploadedFile(name, content))
    assert stored.kind == kind and stored.original_name == name and stored.size == len(content)
    assert stored.file.name.startswith(f"{kind}/{stored.code}.")
    assert stored.file.path.startswith(str(private))
    assert stored.file.read() == content
    with pytest.raises(ValueError, match="no URL"):
        private_storage().url(stored.file.name)


@pytest.mark.parametrize(
    ("kind", "name", "content", "message"),
    [
        ("bpmn", "kort.bpmn", PDF, "BPMN 2.0-model"),
        ("event_log", "log.csv", PDF, "hændelseslog"),
        ("event_log", "log.xes", CSV, "hændelseslog"),  # the name claims XES, the bytes say CSV
        ("document", "opgave.pdf", b"", "tom"),
    ],
)
def test_wrong_type_is_refused_in_danish_and_nothing_is_stored(
    db, private, kind, name, content, message
):
    with pytest.raises(ValidationError, match=message):
        upload_store(actor=None, kind=kind, upload=SimpleUploadedFile(name, content))
    assert not StoredFile.objects.exists()
    assert not private.exists() or not any(private.rglob("*.*"))


def test_the_limit_stops_the_upload_while_it_streams(settings):
    settings.UPLOAD_MAX_BYTES = {**settings.UPLOAD_MAX_BYTES, "bpmn": 100 * 1024}
    big = SimpleUploadedFile("kort.bpmn", BPMN + b" " * (5 * 1024 * 1024))
    request = RequestFactory().post("/", {"file": big, "note": "x"})
    handler = StreamingLimitHandler(request, kind="bpmn")
    request.upload_handlers.insert(0, handler)
    assert upload_refusal(request) == "Filen er større end 100 KB."
    assert "file" not in request.FILES
    # Stopped within one chunk of the limit: the other 4.9 MB were never spooled.
    assert handler.received <= 100 * 1024 + handler.chunk_size


def test_a_file_within_the_limit_passes_through_to_djangos_handlers(settings):
    request = RequestFactory().post("/", {"file": SimpleUploadedFile("kort.bpmn", BPMN)})
    request.upload_handlers.insert(0, StreamingLimitHandler(request, kind="bpmn"))
    assert upload_refusal(request) is None
    assert request.FILES["file"].read() == BPMN


def test_the_file_is_deleted_with_its_record_once_committed(
    db, private, django_capture_on_commit_callbacks
):
    stored = upload_store(actor=None, kind="bpmn", upload=SimpleUploadedFile("k.bpmn", BPMN))
    path = stored.file.path
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        upload_delete(upload=stored)
    assert (private / stored.file.name).exists()  # not before the commit
    for callback in callbacks:
        callback()
    assert not (private / path).exists()


def test_a_body_announced_far_over_the_limit_is_refused_before_it_is_read(settings, client, world):
    """A 2 GB exam hand-in is answered 413 in Danish from its Content-Length alone."""
    from procesvaerk.core.uploads import FORM_ALLOWANCE, announced_too_big

    request = RequestFactory().post("/", {"note": "x"})
    request.META["CONTENT_LENGTH"] = str(20 * 1024 * 1024 + FORM_ALLOWANCE + 1)
    assert announced_too_big(request, "document")
    request.META["CONTENT_LENGTH"] = str(20 * 1024 * 1024)
    assert not announced_too_big(request, "document")
    request.META["CONTENT_LENGTH"] = "not a number"
    assert not announced_too_big(request, "document")
