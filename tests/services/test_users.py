"""Users: argon2 hashes, login failures counted and locking after five, audited."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select, update

from coop_desktop.domain.errors import PermissionDenied, ValidationError
from coop_desktop.domain.models import AuditEntry, Role, User
from coop_desktop.domain.models.types import utc_now
from coop_desktop.services.permissions import SYSTEM
from coop_desktop.services.users import add_user, authenticate, has_users
from coop_desktop.storage.database import Database
from tests.conftest import actor_for
from tests.services.builders import audit_ok, counts, load, nothing_new

PASSWORD = "gua-2025-secure"


def test_add_user_stores_an_argon2_hash(coop: Database) -> None:
    assert not has_users(coop)
    user_id = add_user(coop, SYSTEM, username="wang", role="packer", password=PASSWORD,
                       display_name="王芳")
    user = load(coop, User, user_id)
    assert user.password_hash.startswith("$argon2")
    assert PASSWORD not in user.password_hash
    assert (user.role, user.active, user.failed_logins, user.locked_until) == (
        Role.PACKER, True, 0, None)
    assert has_users(coop)
    actor = authenticate(coop, "wang", PASSWORD)
    assert (actor.username, actor.role, actor.user_id) == ("wang", Role.PACKER, user_id)
    with coop.read() as session:
        logged = session.execute(select(AuditEntry.after).where(AuditEntry.entity == "users")
                                 ).scalars().all()
    assert all(PASSWORD not in str(after) for after in logged)
    assert audit_ok(coop)


def test_short_password_and_duplicate_name_are_refused(coop: Database) -> None:
    before = counts(coop, User, AuditEntry)
    with pytest.raises(ValidationError) as caught:
        add_user(coop, SYSTEM, username="wang", role="clerk", password="1234567")
    assert (caught.value.code, caught.value.field) == ("password.too_short", "password")
    assert "8" in str(caught.value)
    nothing_new(coop, before)
    add_user(coop, SYSTEM, username="wang", role="clerk", password="12345678")
    with pytest.raises(ValidationError) as caught:
        add_user(coop, SYSTEM, username="wang", role="clerk", password=PASSWORD)
    assert (caught.value.code, caught.value.field) == ("duplicate", "username")
    with pytest.raises(ValidationError) as caught:
        add_user(coop, SYSTEM, username="li", role="boss", password=PASSWORD)
    assert caught.value.code == "value.bad_choice"
    assert counts(coop, User)[User] == 1


def test_wrong_password_and_unknown_user_fail_alike(coop: Database) -> None:
    user_id = add_user(coop, SYSTEM, username="wang", role="clerk", password=PASSWORD)
    with pytest.raises(PermissionDenied) as wrong:
        authenticate(coop, "wang", PASSWORD + "x")
    with pytest.raises(PermissionDenied) as unknown:
        authenticate(coop, "nobody", PASSWORD)
    assert wrong.value.code == unknown.value.code == "login.failed"
    assert str(wrong.value) == str(unknown.value) == "Wrong user name or password."
    assert load(coop, User, user_id).failed_logins == 1
    with coop.read() as session:
        actions = session.execute(select(AuditEntry.action).order_by(AuditEntry.id)
                                  ).scalars().all()
    assert actions[-1] == "login_failed"
    # A right password resets the count (and that is audited too).
    authenticate(coop, "wang", PASSWORD)
    assert load(coop, User, user_id).failed_logins == 0
    assert audit_ok(coop)


def test_five_failures_lock_even_the_right_password(coop: Database) -> None:
    user_id = add_user(coop, SYSTEM, username="wang", role="clerk", password=PASSWORD)
    for attempt in range(5):
        with pytest.raises(PermissionDenied) as caught:
            authenticate(coop, "wang", f"guess-{attempt}")
        assert caught.value.code == "login.failed"
    user = load(coop, User, user_id)
    assert user.locked_until is not None
    assert user.locked_until > utc_now() + dt.timedelta(minutes=14)
    with pytest.raises(PermissionDenied) as caught:
        authenticate(coop, "wang", PASSWORD)
    assert caught.value.code == "login.locked"
    assert "wang" in str(caught.value)
    assert "锁定" in caught.value.message("zh")
    assert audit_ok(coop)


def test_lock_ends_after_its_time(coop: Database) -> None:
    user_id = add_user(coop, SYSTEM, username="wang", role="clerk", password=PASSWORD)
    for attempt in range(5):
        with pytest.raises(PermissionDenied):
            authenticate(coop, "wang", f"guess-{attempt}")
    # Fifteen minutes pass: move the lock into the past.
    with coop.write() as session:
        session.execute(update(User).where(User.id == user_id)
                        .values(locked_until=utc_now() - dt.timedelta(seconds=1)))
    actor = authenticate(coop, "wang", PASSWORD)
    assert actor.user_id == user_id
    assert load(coop, User, user_id).locked_until is None


@pytest.mark.parametrize("role", [Role.MANAGER, Role.CLERK, Role.AUDITOR])
def test_only_an_admin_adds_users(coop: Database, role: Role) -> None:
    with pytest.raises(PermissionDenied) as caught:
        add_user(coop, actor_for(role), username="li", role="admin", password=PASSWORD)
    assert caught.value.code == "permission.denied"
    assert counts(coop, User)[User] == 0
