"""Lists of records as plain dicts: searchable, bounded, and complete for office users."""

from __future__ import annotations

import pytest

from coop_desktop.domain.errors import ValidationError
from coop_desktop.domain.models import Role
from coop_desktop.services.labels import print_labels
from coop_desktop.services.listing import count_records, list_records
from coop_desktop.storage.database import Database
from tests.conftest import actor_for
from tests.services.builders import harvested_lot, make_member, passing_test

CLERK = actor_for(Role.CLERK)

VILLAGES = ["新村", "沙河村", "新村", "红柳村", "新村"]


def members(db: Database) -> None:
    for number, village in enumerate(VILLAGES, start=1):
        make_member(db, f"M{number:03d}", name=f"户主{number}", village=village,
                    phone=f"1380000000{number}")


def test_members_come_as_dicts_with_phone_and_id_number(coop: Database) -> None:
    make_member(coop, "M001", name="张建国", phone="13800000001",
                id_number="11010519491231002X")
    [row] = list_records(coop, CLERK, "members")
    assert isinstance(row, dict)
    assert {"phone", "id_number", "code", "name", "village", "poverty_status"} <= set(row)
    assert (row["code"], row["name"], row["phone"], row["id_number"]) == (
        "M001", "张建国", "13800000001", "11010519491231002X")
    assert row["poverty_status"] == "none"
    assert "version" not in row


def test_search_filters_and_counts(coop: Database) -> None:
    members(coop)
    found = list_records(coop, CLERK, "members", search="新村")
    assert [row["code"] for row in found] == ["M001", "M003", "M005"]
    assert count_records(coop, CLERK, "members", search="新村") == 3
    assert [row["code"] for row in list_records(coop, CLERK, "members", search="m002")] == [
        "M002"]
    assert [row["code"] for row in list_records(coop, CLERK, "members",
                                                search="13800000004")] == ["M004"]
    assert list_records(coop, CLERK, "members", search="没有这个") == []
    assert count_records(coop, CLERK, "members") == 5


def test_limit_and_offset(coop: Database) -> None:
    members(coop)
    assert [row["code"] for row in list_records(coop, CLERK, "members", limit=2)] == [
        "M001", "M002"]
    assert [row["code"] for row in list_records(coop, CLERK, "members", limit=2,
                                                offset=2)] == ["M003", "M004"]
    assert [row["code"] for row in list_records(coop, CLERK, "members", limit=2,
                                                offset=4)] == ["M005"]
    for limit in (0, 10_001):
        with pytest.raises(ValidationError) as caught:
            list_records(coop, CLERK, "members", limit=limit)
        assert caught.value.field == "limit"


def test_lots_and_labels_carry_the_codes_people_know(coop: Database) -> None:
    _, lot_id = harvested_lot(coop)
    passing_test(coop, lot_id, "Q-1")
    print_labels(coop, actor_for(Role.PACKER), lot_id=lot_id, count=2)
    [lot] = list_records(coop, CLERK, "lots")
    assert (lot["code"], lot["product"], lot["quantity"], lot["status"]) == (
        "L001", "MELON", "100", "open")
    labels = list_records(coop, CLERK, "labels")
    assert [(row["serial"], row["lot"]) for row in labels] == [(1, "L001"), (2, "L001")]
    [batch] = list_records(coop, CLERK, "batches")
    assert (batch["code"], batch["product"]) == ("B001", "MELON")


def test_unknown_kind_is_refused(coop: Database) -> None:
    with pytest.raises(ValidationError) as caught:
        list_records(coop, CLERK, "passwords")
    assert caught.value.code == "value.bad_choice"
    assert "members" in str(caught.value)
