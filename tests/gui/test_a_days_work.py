"""A clerk's and a quality officer's day, driven through the real window offscreen: log in,
register a member, a plot and a batch, record a spray, be refused a harvest inside its
pre-harvest interval, harvest after it, make a lot, test and release it, print labels, scan
one and land on its lot.

Modal dialogs are driven by patching ``FormDialog.exec``: the list's buttons and action menus
open the real forms, and a driver per form fills its widgets and presses Save.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from PySide6.QtWidgets import QDialog, QWidget
from pytestqt.qtbot import QtBot

from coop_desktop.domain.models import Harvest, Role
from coop_desktop.gui.context import AppContext
from coop_desktop.gui.forms.base import FormDialog
from coop_desktop.gui.forms.batches import BatchForm
from coop_desktop.gui.forms.field_activity import FieldActivityForm
from coop_desktop.gui.forms.harvest import HarvestForm
from coop_desktop.gui.forms.lot_new import NewLotForm
from coop_desktop.gui.forms.lot_status import ReleaseForm
from coop_desktop.gui.forms.members import MemberForm
from coop_desktop.gui.forms.plots import PlotForm
from coop_desktop.gui.forms.quality_result import QualityResultForm
from coop_desktop.gui.login import LoginDialog
from coop_desktop.gui.main_window import MainWindow
from coop_desktop.gui.pages.list_page import ListPage
from coop_desktop.gui.widgets.record_picker import RecordPicker
from coop_desktop.services.labels import print_labels
from coop_desktop.services.permissions import SYSTEM, Actor
from coop_desktop.services.products import register_product
from coop_desktop.services.users import add_user
from coop_desktop.storage.database import Database
from tests.gui.keyboard import Keyboard
from tests.services.builders import days_ago, rows

Driver = Callable[[Any], None]


def typed(qtbot: QtBot, widget: QWidget, text: str) -> None:
    """Type as a person does, 90 ms a key: the window's scanner detector lets it through
    (keys 4 ms apart would be taken for a scan, as the last step of the day shows)."""
    widget.setFocus()
    Keyboard(widget).type(text, every_ms=90)
    qtbot.wait(120)


def pick(qtbot: QtBot, picker: RecordPicker, code: str) -> None:
    typed(qtbot, picker, code)
    picker.search_now()
    assert picker.choice() is not None, picker.results()


class Desk:
    """The window of a logged-in user, with drivers for the dialogs it opens."""

    def __init__(self, qtbot: QtBot, db: Database, username: str, password: str,
                 monkeypatch: pytest.MonkeyPatch) -> None:
        login = LoginDialog(db)
        qtbot.addWidget(login)
        qtbot.keyClicks(login.username, username)
        qtbot.keyClicks(login.password, password)
        login.try_login()
        assert login.actor is not None, login.error.text()
        self.actor: Actor = login.actor
        self.window = MainWindow(AppContext(db, self.actor))
        qtbot.addWidget(self.window)
        self.window.show()
        self.drivers: dict[type, Driver] = {}
        self.refusals: list[str] = []

        def drive(dialog: FormDialog) -> int:
            self.drivers[type(dialog)](dialog)
            if dialog.result() != QDialog.DialogCode.Accepted:
                self.refusals.append(dialog.message.text() or " ".join(
                    dialog.checker.errors().values()))
            return int(dialog.result())

        monkeypatch.setattr(FormDialog, "exec", drive)

    def page(self, key: str) -> ListPage:
        page = self.window.show_page(key)
        assert isinstance(page, ListPage)
        return page

    def new(self, key: str, driver: Driver, form: type) -> bool:
        self.drivers[form] = driver
        page = self.page(key)
        assert page.new_button.isEnabled()
        return page.open_form(None)

    def act(self, key: str, title: str, driver: Driver, form: type, code: str | None) -> bool:
        self.drivers[form] = driver
        page = self.page(key)
        if code is not None:
            assert page.select_code("code", code), f"{code} is not on the {key} page"
        entry = page.record_actions[title]
        assert entry.isEnabled(), f"{self.actor.role} may not {title}"
        before = page.model.rowCount()
        entry.trigger()
        return page.model.rowCount() >= before


def test_a_days_work(qtbot: QtBot, coop: Database, monkeypatch: pytest.MonkeyPatch) -> None:
    add_user(coop, SYSTEM, username="wenyuan", role=Role.CLERK, password="clerk-pass-1")
    add_user(coop, SYSTEM, username="neijian", role=Role.QUALITY_OFFICER,
             password="quality-pass-1")
    register_product(coop, SYSTEM, code="HM", name_zh="白兰瓜", kind="crop", unit="kg",
                     grades=["一级"], shelf_life_days=20)

    clerk = Desk(qtbot, coop, "wenyuan", "clerk-pass-1", monkeypatch)

    def member(form: MemberForm) -> None:
        typed(qtbot, form.code, "M0101")
        form.name.setText("王建国")
        form.village.insert("黄羊镇新村")
        form.joined_on.set_value(days_ago(400))
        form.save()

    assert clerk.new("members", member, MemberForm), clerk.refusals
    assert clerk.page("members").model.row_at(0)["name"] == "王建国"

    def plot(form: PlotForm) -> None:
        pick(qtbot, form.member, "M0101")
        typed(qtbot, form.code, "P-0101")
        form.area.setText("6")
        form.land_type.set_value("sunlight_greenhouse")
        form.save()

    assert clerk.new("plots", plot, PlotForm)

    def batch(form: BatchForm) -> None:
        typed(qtbot, form.code, "HM26-101")
        pick(qtbot, form.plot, "P-0101")
        pick(qtbot, form.product, "HM")
        form.planted_on.set_value(days_ago(110))
        form.save()

    assert clerk.new("batches", batch, BatchForm)

    def spray(form: FieldActivityForm) -> None:
        form.kind.set_value("plant_protection")
        form.performed_on.set_value(days_ago(10))
        form.input_name.setText("10%吡虫啉可湿性粉剂")
        typed(qtbot, form.input_lot, "YL-240301")
        typed(qtbot, form.phi_days, "7")
        form.save()

    clerk.act("batches", "Record field activity", spray, FieldActivityForm, "HM26-101")

    def too_early(form: HarvestForm) -> None:
        typed(qtbot, form.quantity.line, "1200")
        form.harvested_on.set_value(days_ago(5))
        form.save()

    clerk.act("batches", "Record harvest", too_early, HarvestForm, "HM26-101")
    assert clerk.refusals == [
        f"Harvest refused: 10%吡虫啉可湿性粉剂 was applied on {days_ago(10)} with a pre-harvest "
        f"interval of 7 days; the first allowed harvest date is {days_ago(3)}."]
    assert rows(coop, Harvest) == 0

    def in_time(form: HarvestForm) -> None:
        typed(qtbot, form.quantity.line, "1200")
        form.harvested_on.set_value(days_ago(1))
        form.save()

    clerk.act("batches", "Record harvest", in_time, HarvestForm, "HM26-101")
    assert rows(coop, Harvest) == 1

    made: list[str] = []

    def new_lot(form: NewLotForm) -> None:
        pick(qtbot, form.product, "HM")
        form.sources.take(0, "1200")
        made.append(form.code.text())
        form.save()

    clerk.act("lots", "New lot from harvests/deliveries", new_lot, NewLotForm, None)
    lot_code = made[0]
    lots_page = clerk.page("lots")
    lots_page.refresh()
    assert [lots_page.model.row_at(0)["code"], lots_page.model.row_at(0)["status"]] == [
        lot_code, "open"]
    # The clerk may not release; the menu says so before the service would.
    assert not lots_page.record_actions["Release"].isEnabled()
    clerk.window.close()

    officer = Desk(qtbot, coop, "neijian", "quality-pass-1", monkeypatch)

    def test_result(form: QualityResultForm) -> None:
        form.parameters.set_cell(0, 0, "有机磷和氨基甲酸酯类抑制率")
        form.parameters.set_cell(0, 1, "12.5")
        form.parameters.set_cell(0, 2, "50")
        form.parameters.set_cell(0, 3, "%")
        form.save()

    officer.act("lots", "Record quality result", test_result, QualityResultForm, lot_code)
    officer.act("lots", "Release", lambda form: form.save(), ReleaseForm, lot_code)
    released = officer.page("lots")
    released.refresh()
    assert released.model.row_at(0)["status"] == "released"

    serial = print_labels(coop, SYSTEM, lot_id=released.model.row_at(0)["id"], count=2,
                          net_weights=["12.5", "12.4"])[0]
    officer.page("members").search.setFocus()
    Keyboard(officer.page("members").search).type(
        f"https://trace.example-coop.cn/l/{lot_code}/{serial}\n", every_ms=4)
    qtbot.waitUntil(lambda: officer.window.current_page_key() == "lots", timeout=3000)
    lots_page = officer.page("lots")
    selected = lots_page.selected_row()
    assert selected is not None, (lots_page.search.text(), lots_page.model.rowCount(),
                                  officer.window.statusBar().currentMessage())
    assert selected["code"] == lot_code
    assert officer.refusals == []
