"""Member households and plots: codes and ID numbers unique and valid, edits never lost."""

from __future__ import annotations

from decimal import Decimal

import pytest
from sqlalchemy import select

from coop_desktop.domain.errors import ConflictError, ValidationError
from coop_desktop.domain.models import AuditEntry, Member, Plot, PovertyStatus
from coop_desktop.services.members import edit_member, edit_plot, register_member, register_plot
from coop_desktop.services.permissions import SYSTEM
from coop_desktop.storage.database import Database
from tests.services.builders import (
    audit_ok,
    counts,
    days_ago,
    last_audit,
    load,
    make_member,
    nothing_new,
)

ID_A = "11010519491231002X"
ID_B = "440524188001010014"


def member(db: Database, code: str = "M001", **fields: object) -> int:
    fields.setdefault("name", "张建国")
    return register_member(db, SYSTEM, code=code, joined_on=days_ago(500), **fields)


def test_register_member_keeps_what_was_typed(coop: Database) -> None:
    member_id = member(coop, id_number=ID_A.lower(), phone="13800000001", village="新村",
                       township="黄羊镇", household_size=4, poverty_status="registered",
                       poverty_since_year="2016")
    record = load(coop, Member, member_id)
    assert (record.code, record.name, record.id_number, record.phone) == (
        "M001", "张建国", ID_A, "13800000001")
    assert (record.household_size, record.poverty_status, record.poverty_since_year) == (
        4, PovertyStatus.REGISTERED, 2016)
    assert record.joined_on == days_ago(500)
    entry = last_audit(coop)
    assert (entry.action, entry.entity, entry.entity_code) == ("create", "members", "M001")
    assert entry.after is not None
    assert entry.after["id_number"] == ID_A
    assert audit_ok(coop)


def test_duplicate_member_code_is_refused_and_nothing_written(coop: Database) -> None:
    member(coop, "M001", id_number=ID_A)
    before = counts(coop, Member, AuditEntry)
    with pytest.raises(ValidationError) as caught:
        member(coop, " M001 ", name="李四", id_number=ID_B)
    error = caught.value
    assert (error.code, error.field) == ("duplicate", "code")
    assert str(error) == "member with code 'M001' already exists."
    nothing_new(coop, before)


def test_duplicate_id_number_is_refused_and_nothing_written(coop: Database) -> None:
    member(coop, "M001", id_number=ID_A)
    before = counts(coop, Member, AuditEntry)
    with pytest.raises(ValidationError) as caught:
        member(coop, "M002", name="李四", id_number=ID_A.lower())
    error = caught.value
    assert (error.code, error.field) == ("duplicate", "id_number")
    assert ID_A in str(error)
    nothing_new(coop, before)


def test_members_without_id_number_do_not_clash(coop: Database) -> None:
    member(coop, "M001")
    member(coop, "M002", id_number="  ")
    assert counts(coop, Member)[Member] == 2
    assert load(coop, Member, 2).id_number is None


@pytest.mark.parametrize(("id_number", "code"), [
    ("110105194912310021", "id_number.check_digit"),
    ("110105194902300021", "id_number.birth_date"),
    ("1101051949123100", "id_number.format"),
])
def test_bad_id_number_is_refused(coop: Database, id_number: str, code: str) -> None:
    before = counts(coop, Member, AuditEntry)
    with pytest.raises(ValidationError) as caught:
        member(coop, id_number=id_number)
    assert (caught.value.code, caught.value.field) == (code, "id_number")
    nothing_new(coop, before)


@pytest.mark.parametrize(("fields", "code", "field"), [
    ({"name": "  "}, "value.required", "name"),
    ({"household_size": 0}, "value.not_positive", "household_size"),
    ({"household_size": 51}, "value.too_large", "household_size"),
    ({"household_size": "四"}, "value.not_number", "household_size"),
    ({"poverty_status": "poor"}, "value.bad_choice", "poverty_status"),
    ({"joined_on": days_ago(-3)}, "date.future", "joined_on"),
])
def test_bad_member_fields(coop: Database, fields: dict[str, object], code: str,
                           field: str) -> None:
    values: dict[str, object] = {"name": "张建国", "joined_on": days_ago(500), **fields}
    with pytest.raises(ValidationError) as caught:
        register_member(coop, SYSTEM, code="M001", **values)  # type: ignore[arg-type]
    assert (caught.value.code, caught.value.field) == (code, field)
    assert counts(coop, Member)[Member] == 0


def test_edit_with_current_version_is_audited(coop: Database) -> None:
    member_id = member(coop, phone="13800000001")
    version = load(coop, Member, member_id).version
    edit_member(coop, SYSTEM, member_id, version, phone="13900000002", village="沙河村")
    record = load(coop, Member, member_id)
    assert (record.phone, record.village, record.version) == (
        "13900000002", "沙河村", version + 1)
    entry = last_audit(coop)
    assert entry.action == "edit"
    assert entry.before is not None
    assert entry.after is not None
    assert (entry.before["phone"], entry.after["phone"]) == ("13800000001", "13900000002")
    assert audit_ok(coop)


def test_edit_with_a_stale_version_is_refused_and_the_row_unchanged(coop: Database) -> None:
    member_id = member(coop, phone="13800000001")
    opened = load(coop, Member, member_id).version
    edit_member(coop, SYSTEM, member_id, opened, phone="13900000002")  # someone else saves
    before = counts(coop, AuditEntry)
    with pytest.raises(ConflictError) as caught:
        edit_member(coop, SYSTEM, member_id, opened, phone="13700000003", name="王五")
    error = caught.value
    assert error.code == "conflict.version"
    assert "M001" in str(error)
    assert "Nothing was overwritten" in str(error)
    record = load(coop, Member, member_id)
    assert (record.phone, record.name, record.version) == ("13900000002", "张建国", opened + 1)
    nothing_new(coop, before)


def test_edit_to_another_members_id_number_is_refused(coop: Database) -> None:
    member(coop, "M001", id_number=ID_A)
    second = member(coop, "M002", id_number=ID_B)
    with pytest.raises(ValidationError) as caught:
        edit_member(coop, SYSTEM, second, None, id_number=ID_A)
    assert (caught.value.code, caught.value.field) == ("duplicate", "id_number")
    assert load(coop, Member, second).id_number == ID_B


def test_plots(coop: Database) -> None:
    member_id = member(coop, village="新村")
    plot_id = register_plot(coop, SYSTEM, member_id=member_id, code="P001", area_mu="12.35",
                            land_type="irrigated", latitude=37.93, longitude=102.64)
    plot = load(coop, Plot, plot_id)
    assert (plot.area_mu, plot.village, plot.member_id) == (Decimal("12.35"), "新村", member_id)
    before = counts(coop, Plot, AuditEntry)
    for area, code in (("0", "value.not_positive"), ("-1", "value.not_positive"),
                       ("100001", "value.too_large")):
        with pytest.raises(ValidationError) as caught:
            register_plot(coop, SYSTEM, member_id=member_id, code="P002", area_mu=area,
                          land_type="dryland")
        assert (caught.value.code, caught.value.field) == (code, "area_mu")
    with pytest.raises(ValidationError) as caught:
        register_plot(coop, SYSTEM, member_id=member_id, code="P001", area_mu="1",
                      land_type="dryland")
    assert (caught.value.code, caught.value.field) == ("duplicate", "code")
    with pytest.raises(ValidationError) as caught:
        register_plot(coop, SYSTEM, member_id=member_id, code="P002", area_mu="1",
                      land_type="swamp")
    assert caught.value.code == "value.bad_choice"
    nothing_new(coop, before)
    with pytest.raises(ConflictError):
        edit_plot(coop, SYSTEM, plot_id, plot.version + 1, area_mu="3")
    edit_plot(coop, SYSTEM, plot_id, plot.version, area_mu="3")
    assert load(coop, Plot, plot_id).area_mu == Decimal(3)
    assert audit_ok(coop)


def test_plot_area_rounded_as_stored_keeps_the_audit_true(coop: Database) -> None:
    member = make_member(coop, "M777")
    register_plot(coop, SYSTEM, member_id=member, code="P777", area_mu="5.555",
                  land_type="irrigated", in_gi_area="否", latitude="37.93", longitude="102.64")
    with coop.read() as session:
        plot = session.execute(select(Plot).where(Plot.code == "P777")).scalar_one()
        assert plot.area_mu == Decimal("5.56") and plot.in_gi_area is False
    assert audit_ok(coop)


@pytest.mark.parametrize(("fields", "code"), [
    ({"in_gi_area": "maybe"}, "value.bad_choice"),
    ({"latitude": "95"}, "value.out_of_range"),
    ({"longitude": "东经"}, "value.not_number"),
    ({"name": "大" * 101}, "value.too_long"),
])
def test_plot_fields_refused_with_a_sentence(coop: Database, fields: dict[str, str],
                                             code: str) -> None:
    member = make_member(coop, "M778")
    with pytest.raises(ValidationError) as caught:
        register_plot(coop, SYSTEM, member_id=member, code="P778", area_mu="2",
                      land_type="dryland", **fields)
    assert caught.value.code == code
