"""A certificate's documents: attached (audited, by SHA-256), refused when too large or by a role
that may not, carried by the dossier's bundle, and attached from the Certifications list."""

from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from coop_desktop.domain.errors import PermissionDenied, ValidationError
from coop_desktop.domain.models import Attachment, Role
from coop_desktop.gui.context import AppContext
from coop_desktop.gui.forms.certification_documents import DocumentForm
from coop_desktop.services.certifications import (
    MAX_DOCUMENT_BYTES,
    attach_document,
    record_certification,
)
from coop_desktop.services.dossier import build_dossier
from coop_desktop.services.permissions import SYSTEM, Actor
from coop_desktop.services.quality import AttachmentInput
from coop_desktop.storage.database import Database
from tests.conftest import actor_for
from tests.services.builders import audit_ok, last_audit, make_product

SCAN = b"%PDF-1.4\n% a certificate scan\n"


def _certificate(db: Database) -> int:
    return record_certification(db, SYSTEM, scheme="organic", number="124OP26000001",
                                certifier="中绿华夏有机食品认证中心", valid_from="2026-01-01",
                                valid_until="2026-12-31", product_ids=[make_product(db)])


def test_a_scan_is_kept_by_its_hash_audited_and_in_the_dossier(coop: Database) -> None:
    certification = _certificate(coop)
    officer = actor_for(Role.QUALITY_OFFICER)
    attach_document(coop, officer, certification,
                    AttachmentInput("证书.pdf", SCAN, "application/pdf", "证书扫描件"))
    with coop.read() as session:
        row = session.execute(select(Attachment.certification_id, Attachment.sha256,
                                     Attachment.size)).one()
    assert tuple(row) == (certification, hashlib.sha256(SCAN).hexdigest(), len(SCAN))
    entry = last_audit(coop)
    assert entry.action == "attach_document" and "证书.pdf" in str(entry.after)
    assert audit_ok(coop)
    dossier = build_dossier(coop, SYSTEM, start=dt.date(2026, 1, 1), end=dt.date(2026, 12, 31),
                            certificate="124OP26000001")
    assert [(d.folder, d.content) for d in dossier.documents] == [("certificates", SCAN)]
    assert not any("scan" in gap.en for gap in dossier.gaps)


def test_too_large_empty_or_by_a_packer_is_refused(coop: Database) -> None:
    certification = _certificate(coop)
    with pytest.raises(ValidationError) as large:
        attach_document(coop, SYSTEM, certification,
                        AttachmentInput("big.tif", b"0" * (MAX_DOCUMENT_BYTES + 1)))
    assert "200 dpi" in large.value.message("en")
    with pytest.raises(ValidationError):
        attach_document(coop, SYSTEM, certification, AttachmentInput("empty.pdf", b""))
    with pytest.raises(PermissionDenied):
        attach_document(coop, actor_for(Role.PACKER), certification,
                        AttachmentInput("a.pdf", SCAN))
    with coop.read() as session:
        assert session.execute(select(Attachment)).first() is None


def test_the_certifications_list_attaches_a_file(coop: Database, qtbot: QtBot,
                                                 tmp_path: Path) -> None:
    certification = _certificate(coop)
    file = tmp_path / "证书扫描件.pdf"
    file.write_bytes(SCAN)
    form = DocumentForm(AppContext(coop, Actor("manager", Role.MANAGER)), certification,
                        "124OP26000001")
    qtbot.addWidget(form)
    assert not form.save_button.isEnabled()
    form.file.setText(str(tmp_path / "missing.pdf"))
    assert not form.save_button.isEnabled()
    form.file.setText(str(file))
    assert form.save() is True
    with coop.read() as session:
        row = session.execute(select(Attachment.filename, Attachment.media_type,
                                     Attachment.content)).one()
    assert tuple(row) == (file.name, "application/pdf", SCAN)
