"""Users of the program: argon2 password hashes, roles, lockout after repeated failures."""

from __future__ import annotations

import datetime as dt

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import select

from coop_desktop.domain.errors import PermissionDenied, ValidationError
from coop_desktop.domain.models import Role, User
from coop_desktop.domain.models.types import utc_now
from coop_desktop.services.audit import audit_record, snapshot
from coop_desktop.services.permissions import Actor, Permission
from coop_desktop.services.work import choice, ensure_unique, required_text, unit_of_work
from coop_desktop.storage.database import Database

MIN_PASSWORD_LENGTH = 8
MAX_FAILED_LOGINS = 5
LOCKOUT = dt.timedelta(minutes=15)
_hasher = PasswordHasher()


def add_user(db: Database, actor: Actor, *, username: str, role: Role | str, password: str,
             display_name: str = "") -> int:
    with unit_of_work(db, actor, Permission.MANAGE_USERS) as work:
        if len(password) < MIN_PASSWORD_LENGTH:
            raise ValidationError("password.too_short", field="password",
                                  minimum=MIN_PASSWORD_LENGTH)
        user = User(username=required_text(username, "username"),
                    role=choice(Role, "role")(role), password_hash=_hasher.hash(password),
                    display_name=display_name, active=True, failed_logins=0)
        ensure_unique(work.session, User, "username", user.username, "user")
        work.session.add(user)
        work.audit("create", user)
        return user.id


def authenticate(db: Database, username: str, password: str) -> Actor:
    """The user as an actor, or a refusal; failures count towards a lockout (audited)."""
    with db.write() as session:
        user = session.execute(select(User).where(User.username == username)
                               .with_for_update()).scalar_one_or_none()
        now = utc_now()
        if user is None or not user.active:
            raise PermissionDenied("login.failed")
        if user.locked_until is not None and user.locked_until > now:
            raise PermissionDenied("login.locked", user=username,
                                   until=user.locked_until.astimezone().strftime("%H:%M"))
        try:
            _hasher.verify(user.password_hash, password)
        except (VerificationError, InvalidHashError):
            failed = True
        else:
            failed = False
        before = snapshot(user)
        system = Actor(username=username, role=user.role, user_id=user.id)
        if failed:
            user.failed_logins += 1
            if user.failed_logins >= MAX_FAILED_LOGINS:
                user.locked_until = now + LOCKOUT
                user.failed_logins = 0
            audit_record(session, system, "login_failed", user, before)
    if failed:
        raise PermissionDenied("login.failed")
    with db.write() as session:
        user = session.get(User, user.id)
        assert user is not None
        if user.failed_logins or user.locked_until:
            before = snapshot(user)
            user.failed_logins = 0
            user.locked_until = None
            audit_record(session, Actor(username=username, role=user.role, user_id=user.id),
                         "login", user, before)
        return Actor(username=user.username, role=user.role, user_id=user.id)


def has_users(db: Database) -> bool:
    with db.read() as session:
        return session.execute(select(User.id).limit(1)).first() is not None
