"""A member delivery through its form: the batch picker offers only the member's batches of
the product, grades come from the product, the number is suggested."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtWidgets import QLabel, QWidget
from pytestqt.qtbot import QtBot

from coop_desktop.domain.models import MemberDelivery, Weighing
from coop_desktop.gui.context import AppContext
from coop_desktop.gui.forms import FORMS, load_all
from coop_desktop.gui.forms.deliveries import DeliveryForm
from coop_desktop.gui.forms.record_summary import RecordSummary
from coop_desktop.services.deliveries import record_delivery
from coop_desktop.services.listing import list_records
from coop_desktop.services.permissions import SYSTEM
from coop_desktop.services.weighings import WeighingInput
from tests.gui.forms.pickers import pick
from tests.services.builders import TODAY, days_ago, grow, load, make_product


def test_delivery_from_the_members_own_batch(qtbot: QtBot, clerk: AppContext) -> None:
    db = clerk.database
    melon = make_product(db, grades=["特级", "一级"])
    mine = grow(db, melon, member="M001", plot="P001", batch="B001")
    grow(db, melon, member="M002", plot="P002", batch="B002")
    dialog = DeliveryForm(clerk)
    qtbot.addWidget(dialog)
    assert dialog.code.text() == f"JS{TODAY:%y%m%d}-01"
    assert dialog.batch.search_now() == []  # no member chosen yet
    pick(qtbot, dialog.member, "M001")
    pick(qtbot, dialog.product, "MELON")
    assert [choice.code for choice in dialog.batch.search_now()] == ["B001"]
    qtbot.keyClicks(dialog.batch, "B002")
    assert dialog.batch.search_now() == []
    dialog.batch.clear()
    pick(qtbot, dialog.batch, "B001")
    assert [dialog.grade.itemText(index) for index in range(dialog.grade.count())] == [
        "", "特级", "一级"]
    dialog.grade.setCurrentIndex(1)
    qtbot.keyClicks(dialog.quantity.line, "-3")
    assert dialog.checker.error_of("quantity") == "Quantity must be greater than zero (got -3)."
    dialog.quantity.setText("356.5")
    qtbot.keyClicks(dialog.unit_price.line, "3.20")
    dialog.delivered_on.set_value(days_ago(1))
    assert dialog.code.text() == f"JS{days_ago(1):%y%m%d}-01"
    assert dialog.save()
    delivery = load(db, MemberDelivery, dialog.saved_id or 0)
    assert (delivery.member_id, delivery.batch_id, delivery.quantity, delivery.grade,
            delivery.unit_price, delivery.delivered_on) == (
        mine.member_id, mine.batch_id, Decimal("356.5"), "特级", Decimal("3.2"), days_ago(1))


def test_a_recorded_delivery_opens_read_only(qtbot: QtBot, clerk: AppContext) -> None:
    db = clerk.database
    crop = grow(db, make_product(db))
    record_delivery(db, SYSTEM, code="JS1", member_id=crop.member_id,
                    product_id=crop.product_id, delivered_on=days_ago(1), quantity="12")
    load_all()
    parent = QWidget()
    qtbot.addWidget(parent)
    dialog = FORMS["deliveries"](clerk, list_records(db, clerk.actor, "deliveries")[0], parent)
    assert isinstance(dialog, RecordSummary)
    quantity = dialog.findChild(QLabel, "quantity")
    assert quantity is not None
    assert quantity.text() == "12"


def test_a_delivery_weighed_on_the_scale(qtbot: QtBot, clerk: AppContext) -> None:
    db = clerk.database
    crop = grow(db, make_product(db))
    dialog = DeliveryForm(clerk)
    qtbot.addWidget(dialog)
    pick(qtbot, dialog.member, "M001")
    pick(qtbot, dialog.product, "MELON")
    dialog.scale.captured.emit(WeighingInput(gross=Decimal("48.06"), device="yaohua@COM3",
                                             raw_frame=b"\x02+004806 21\x03"))
    assert dialog.quantity.text() == "48.06"
    assert dialog.save()
    delivery = load(db, MemberDelivery, dialog.saved_id or 0)
    assert (delivery.member_id, delivery.quantity) == (crop.member_id, Decimal("48.06"))
    weighing = load(db, Weighing, delivery.weighing_id)
    assert (weighing.raw_frame, weighing.device) == (b"\x02+004806 21\x03", "yaohua@COM3")


def test_an_unstable_weight_is_refused_in_the_dialog(qtbot: QtBot, clerk: AppContext) -> None:
    db = clerk.database
    grow(db, make_product(db))
    dialog = DeliveryForm(clerk)
    qtbot.addWidget(dialog)
    pick(qtbot, dialog.member, "M001")
    pick(qtbot, dialog.product, "MELON")
    dialog.scale.captured.emit(WeighingInput(gross=Decimal("48.06"), stable=False,
                                             device="yaohua@COM3", raw_frame=b"moving"))
    assert not dialog.save()
    assert "still moving" in dialog.message.text()
    assert list_records(db, clerk.actor, "deliveries") == []
