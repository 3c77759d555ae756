# SPDX-License-Identifier: MPL-2.0
from __future__ import annotations

import io
import os
import zipfile

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from procesvaerk.accounts.roles import Role
from procesvaerk.core.models import AuditEntry, StoredFile
from procesvaerk.programmes import exam_services
from procesvaerk.programmes.models import Submission
from tests.conftest import make_user
from tests.programmes.conftest import exam_held

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def docx_bytes() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
    return buffer.getvalue()


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PRIVATE_STORAGE_ROOT = tmp_path / "private"


def upload(cw, name, content, who=None):
    participant = who or cw.anna
    return exam_services.submission_upload(
        actor=participant.user,
        participant=participant,
        upload=SimpleUploadedFile(name, content),
        links="https://example.test/kort",
    )


def test_pdf_and_docx_are_accepted(cw, media, settings):
    assert upload(cw, "opgave.pdf", PDF).original_name == "opgave.pdf"
    docx = upload(cw, "opgave.docx", docx_bytes(), who=cw.bo).upload
    assert (docx.kind, docx.file_type, docx.size) == ("document", "docx", len(docx_bytes()))
    # Stored privately under its code, never under MEDIA_ROOT.
    assert docx.file.path.startswith(str(settings.PRIVATE_STORAGE_ROOT))
    assert str(docx.code) in docx.file.name and "opgave" not in docx.file.name
    assert not (settings.MEDIA_ROOT).exists()


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("opgave.exe", b"MZ\x90\x00"),
        ("opgave.pdf", b"<html>not a pdf</html>"),
        ("opgave.docx", b"PK\x03\x04broken zip"),
        ("opgave.docx", PDF),
    ],
)
def test_wrong_file_types_are_refused_in_danish_and_nothing_is_stored(cw, media, name, content):
    with pytest.raises(ValidationError, match="PDF eller et Word-dokument"):
        upload(cw, name, content)
    assert not Submission.objects.exists()


def test_oversized_upload_is_refused(cw, media, settings):
    settings.UPLOAD_MAX_BYTES = {**settings.UPLOAD_MAX_BYTES, "document": 16}
    with pytest.raises(ValidationError, match="større end 16 B"):
        upload(cw, "opgave.pdf", PDF)
    assert not Submission.objects.exists()


def test_a_hand_in_announced_at_2_gb_is_refused_unread(client, cw, media):
    client.force_login(cw.anna.user)
    response = client.post(
        reverse("programmes:submission_upload", args=[cw.cohort.code]),
        {"file": SimpleUploadedFile("opgave.pdf", PDF)},
        CONTENT_LENGTH=str(2 * 1024**3),  # what the browser announces; the body is never read
    )
    assert response.status_code == 413
    assert "Filen er større end 20 MB. Intet blev gemt." in response.content.decode()
    assert not Submission.objects.exists()


def test_oversized_upload_in_the_browser_form_gets_a_danish_message(client, cw, media, settings):
    settings.LANGUAGE_CODE = "da"
    client.force_login(cw.anna.user)
    big = SimpleUploadedFile("opgave.pdf", PDF + b"0" * (20 * 1024 * 1024))
    response = client.post(
        reverse("programmes:submission_upload", args=[cw.cohort.code]),
        {"file": big},
        follow=True,
    )
    assert "Filen er større end 20 MB." in response.content.decode()
    assert not Submission.objects.exists()


def test_censor_sees_and_grades_only_assigned_submissions(cw, media, client):
    first = upload(cw, "a.pdf", PDF)
    second = upload(cw, "b.pdf", PDF, who=cw.bo)
    censor = cw.world.censor
    exam_services.submission_assign(
        actor=cw.world.helsingor_coordinator,
        submission=first,
        examiner=cw.instructor,
        censor=censor,
    )
    exam_held(cw)
    client.force_login(censor)
    page = client.get(reverse("programmes:exam", args=[cw.cohort.code])).content.decode()
    assert "Anna Andersen" in page and "Bo Berg" not in page
    file_url = reverse("programmes:submission_file", args=[cw.cohort.code, second.code])
    assert client.get(file_url).status_code == 404
    with pytest.raises(PermissionDenied):
        exam_services.submission_grade(actor=censor, submission=second, grade=12)
    exam_services.submission_grade(actor=censor, submission=first, grade=10)
    first.refresh_from_db()
    assert first.grade == 10 and first.passed
    assert AuditEntry.objects.filter(action="exam.grade", subject=cw.anna.user).exists()


def test_grade_off_the_scale_is_refused_and_changes_nothing(cw, media, client):
    sub = upload(cw, "a.pdf", PDF)
    exam_services.submission_assign(
        actor=cw.world.helsingor_coordinator, submission=sub, examiner=None, censor=cw.world.censor
    )
    exam_held(cw)
    with pytest.raises(ValidationError, match="ikke en karakter"):
        exam_services.submission_grade(actor=cw.world.censor, submission=sub, grade=5)
    client.force_login(cw.world.censor)
    response = client.post(
        reverse("programmes:submission_grade", args=[cw.cohort.code, sub.code]),
        {f"{sub.code}-grade": "11"},
        follow=True,
    )
    assert "11 er ikke en karakter på 7-trinsskalaen." in response.content.decode()
    sub.refresh_from_db()
    assert sub.grade is None


def test_only_censor_role_can_be_censor(cw, media):
    sub = upload(cw, "a.pdf", PDF)
    with pytest.raises(ValidationError):
        exam_services.submission_assign(
            actor=cw.world.helsingor_coordinator,
            submission=sub,
            examiner=None,
            censor=cw.instructor,
        )
    other = make_user("c2@x.test", "C To", (cw.world.hillerod, Role.CENSOR))
    exam_services.submission_assign(
        actor=cw.world.helsingor_coordinator, submission=sub, examiner=None, censor=other
    )


def test_download_is_audited_and_replacing_or_deleting_removes_the_file(
    cw, media, client, django_capture_on_commit_callbacks
):
    first = upload(cw, "a.pdf", PDF)
    old_path = first.upload.file.path
    with django_capture_on_commit_callbacks(execute=True):
        second = upload(cw, "b.pdf", PDF + b"%% v2\n")
    assert second.pk == first.pk and second.original_name == "b.pdf"
    assert not os.path.exists(old_path)
    assert StoredFile.objects.count() == 1

    client.force_login(cw.world.helsingor_coordinator)
    url = reverse("programmes:submission_file", args=[cw.cohort.code, second.code])
    response = client.get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF + b"%% v2\n"
    assert 'filename="b.pdf"' in response["Content-Disposition"]
    # One entry for one download, in the exam's own words (another person's assignment).
    entry = AuditEntry.objects.get(action__in=["exam.read", "upload.download"])
    assert entry.action == "exam.read"
    assert entry.subject == cw.anna.user and entry.object_code == str(second.upload.code)

    path = second.upload.file.path
    with django_capture_on_commit_callbacks(execute=True):
        cw.anna.delete()
    assert not StoredFile.objects.exists() and not os.path.exists(path)
