"""Checking the audit trail, as a use case any reader may run (the auditor above all)."""

from __future__ import annotations

from coop_desktop.services.audit import AuditReport, verify_audit
from coop_desktop.services.permissions import Actor
from coop_desktop.services.work import reading
from coop_desktop.storage.database import Database


def check_audit_trail(db: Database, actor: Actor) -> AuditReport:
    """Walk the hash chain and compare every audited record with its last audited state."""
    with reading(db, actor) as session:
        return verify_audit(session)
