"""Certificates, their scope and their documents, and whether one covers a lot on a given day."""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session

from coop_desktop.domain.errors import ValidationError
from coop_desktop.domain.models import (
    Attachment,
    Certification,
    Member,
    Plot,
    Product,
    Scheme,
)
from coop_desktop.services.audit import record_audit
from coop_desktop.services.permissions import Actor, Permission
from coop_desktop.services.quality import AttachmentInput
from coop_desktop.services.work import (
    choice,
    ensure_unique,
    required_text,
    to_date,
    unit_of_work,
)
from coop_desktop.storage.database import Database


def record_certification(db: Database, actor: Actor, *, scheme: Scheme | str, number: str,
                         certifier: str, valid_from: dt.date | str, valid_until: dt.date | str,
                         product_ids: Sequence[int] = (), plot_ids: Sequence[int] = (),
                         member_ids: Sequence[int] = (), notes: str = "") -> int:
    with unit_of_work(db, actor, Permission.MANAGE_CERTIFICATIONS) as work:
        session = work.session
        start = to_date(valid_from, "valid_from")
        end = to_date(valid_until, "valid_until")
        if end < start:
            raise ValidationError("certificate.dates", field="valid_until",
                                  until=end.isoformat(), since=start.isoformat())
        certification = Certification(
            cooperative_id=work.cooperative().id, scheme=choice(Scheme, "scheme")(scheme),
            number=required_text(number, "number"), certifier=required_text(certifier,
                                                                            "certifier"),
            valid_from=start, valid_until=end, notes=notes)
        ensure_unique(session, Certification, "number", certification.number, "certificate")
        certification.products = _load(session, Product, product_ids, "product_ids")
        certification.plots = _load(session, Plot, plot_ids, "plot_ids")
        certification.members = _load(session, Member, member_ids, "member_ids")
        session.add(certification)
        session.flush()
        work.audit("create", certification, reason=(
            f"scope: {len(product_ids)} products, {len(plot_ids)} plots, "
            f"{len(member_ids)} members"))
        return certification.id


def _load(session: Session, model: type[Product] | type[Plot] | type[Member],
          ids: Sequence[int], field: str) -> list:  # type: ignore[type-arg]
    if not ids:
        return []
    rows = list(session.execute(select(model).where(model.id.in_(ids))).scalars())
    missing = set(ids) - {row.id for row in rows}
    if missing:
        raise ValidationError("not_found", field=field, entity=model.__tablename__,
                              value=sorted(missing)[0])
    return rows


def certificate_covers(certification: Certification, product_id: int, plot_ids: set[int],
                       on: dt.date) -> bool:
    """Valid on the day, covering the product and every origin plot (the label rule)."""
    if not certification.valid_from <= on <= certification.valid_until:
        return False
    if product_id not in {product.id for product in certification.products}:
        return False
    covered = {plot.id for plot in certification.plots}
    return bool(plot_ids) and plot_ids <= covered


MAX_DOCUMENT_BYTES = 25 * 1024 * 1024


def attach_document(db: Database, actor: Actor, certification_id: int,
                    document: AttachmentInput) -> int:
    """Keep a certificate's scan (or the certifier's letter) with it, identified by its
    SHA-256; the dossier bundle carries it. Audited; the content itself is not in the audit."""
    if not document.content:
        raise ValidationError("value.required", field="document")
    if len(document.content) > MAX_DOCUMENT_BYTES:
        raise ValidationError("document.too_large", field="document",
                              size=f"{len(document.content) / 1048576:.1f} MB",
                              maximum=f"{MAX_DOCUMENT_BYTES // 1048576} MB")
    with unit_of_work(db, actor, Permission.MANAGE_CERTIFICATIONS) as work:
        certification = work.session.get(Certification, certification_id)
        if certification is None:
            raise ValidationError("not_found", field="certification_id", entity="certificate",
                                  value=certification_id)
        digest = hashlib.sha256(document.content).hexdigest()
        row = Attachment(certification_id=certification.id, filename=document.filename[:255],
                         media_type=document.media_type, size=len(document.content),
                         sha256=digest, content=document.content,
                         description=document.description)
        work.session.add(row)
        work.session.flush()
        record_audit(work.session, actor, "attach_document", entity="attachments",
                     entity_id=row.id, entity_code=certification.number,
                     after={"certificate": certification.number, "filename": row.filename,
                            "sha256": digest, "size": row.size})
        return row.id
