"""A shipment through its form: lines picked from released lots or added by scanning a label,
never more of a lot than is left."""

from __future__ import annotations

from decimal import Decimal

from pytestqt.qtbot import QtBot

from coop_desktop.domain.models import LotStatus, Shipment, ShipmentLine
from coop_desktop.gui.context import AppContext
from coop_desktop.gui.forms.customers import CustomerForm
from coop_desktop.gui.forms.shipments import ShipmentForm
from coop_desktop.services.choices import lot_stock
from coop_desktop.services.labels import print_labels
from coop_desktop.services.lots import release_lot
from coop_desktop.services.permissions import SYSTEM
from coop_desktop.services.sales import register_customer
from coop_desktop.storage.database import Database
from tests.gui.forms.pickers import pick
from tests.services.builders import harvested_lot, passing_test, rows


def released_lot(db: Database, code: str = "LA1", quantity: str = "100") -> int:
    _, lot_id = harvested_lot(db, code, quantity)
    passing_test(db, lot_id, f"QC-{code}")
    release_lot(db, SYSTEM, lot_id)
    return lot_id


def test_shipment_of_a_picked_lot_and_a_scanned_label(qtbot: QtBot, clerk: AppContext) -> None:
    db = clerk.database
    lot_id = released_lot(db)
    serial = print_labels(db, SYSTEM, lot_id=lot_id, count=1, net_weights=["9.8"])[0]
    register_customer(db, SYSTEM, code="C-DQS", name="兰州大青山批发市场", kind="wholesale")
    dialog = ShipmentForm(clerk)
    qtbot.addWidget(dialog)
    assert dialog.checker.error_of("lines") == "Lines is required."
    pick(qtbot, dialog.customer, "C-DQS")
    qtbot.keyClicks(dialog.vehicle, "GAH12345")
    lines = dialog.lines
    qtbot.keyClicks(lines.scan, str(serial))
    qtbot.keyClick(lines.scan, "\r")
    assert lines.table.rowCount() == 1
    assert lines.scan_note.text() == "Added 9.8 kg of lot LA1."
    qtbot.keyClicks(lines.scan, str(serial))
    qtbot.keyClick(lines.scan, "\r")
    assert lines.scan_note.text() == f"Label {serial} is already on this shipment."
    pick(qtbot, lines.lot, "LA1")
    assert lines.quantity.text() == "90.2"  # what the scanned label left of the lot
    lines.quantity.setText("95")
    lines.add_picked()
    assert dialog.checker.error_of("lines") == (
        "LA1 has only 100 kg left; 104.8 kg were asked for.")
    assert not dialog.save_button.isEnabled()
    lines.table.item(1, 3).setText("90.2")
    lines.table.item(1, 4).setText("6.5")
    assert dialog.checker.error_of("lines") is None
    assert dialog.save()
    with db.read() as session:
        shipment = session.get(Shipment, dialog.saved_id)
        assert shipment is not None
        assert shipment.vehicle == "GAH12345"
        assert [(line.quantity, line.package_id is not None, line.unit_price)
                for line in shipment.lines] == [(Decimal("9.8"), True, None),
                                                 (Decimal("90.2"), False, Decimal("6.5"))]
    assert lot_stock(db, SYSTEM, lot_id).status == LotStatus.SHIPPED


def test_a_lot_not_released_cannot_be_scanned_in(qtbot: QtBot, clerk: AppContext) -> None:
    harvested_lot(clerk.database, "LB1", "50")
    dialog = ShipmentForm(clerk)
    qtbot.addWidget(dialog)
    qtbot.keyClicks(dialog.lines.scan, "lb1")
    qtbot.keyClick(dialog.lines.scan, "\r")
    assert dialog.lines.scan_note.text() == (
        "Lot LB1 is open; only released lots can be shipped.")
    qtbot.keyClicks(dialog.lines.scan, "NOPE")
    qtbot.keyClick(dialog.lines.scan, "\r")
    assert dialog.lines.scan_note.text() == "No lot or label has the code NOPE."
    assert dialog.lines.table.rowCount() == 0
    assert rows(clerk.database, ShipmentLine) == 0


def test_new_customer(qtbot: QtBot, clerk: AppContext) -> None:
    dialog = CustomerForm(clerk)
    qtbot.addWidget(dialog)
    qtbot.keyClicks(dialog.code, "C WEB")
    assert dialog.checker.error_of("code") == (
        "Code 'C WEB' may use letters, digits and . _ / -, at most 40 characters.")
    dialog.code.setText("C-WEB")
    dialog.name.setText("丰源凉州优品网店")
    dialog.kind.set_value("online_shop")
    assert dialog.save()
    shipment = ShipmentForm(clerk)
    qtbot.addWidget(shipment)
    shipment.customer.set_record(dialog.saved_id)
    assert shipment.customer.text() == "C-WEB — 丰源凉州优品网店"
