"""The product form checks the GTIN's check digit as it is typed."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from coop_desktop.gui.context import AppContext
from coop_desktop.gui.forms.products import ProductForm
from coop_desktop.services.choices import record_fields
from tests.services.builders import make_product


def test_new_product_with_a_gtin(qtbot: QtBot, clerk: AppContext) -> None:
    dialog = ProductForm(clerk, None)
    qtbot.addWidget(dialog)
    qtbot.keyClicks(dialog.code, "GSG")
    dialog.name_zh.setText("人参果")
    qtbot.keyClicks(dialog.gtin, "6901234567891")
    assert dialog.checker.error_of("gtin") == (
        "GTIN 6901234567891 has a wrong check digit (the last digit should be 2); "
        "check for a typing error.")
    assert not dialog.save_button.isEnabled()
    dialog.gtin.setText("6901234567892")
    qtbot.keyClicks(dialog.shelf_life.line, "1.5")
    assert dialog.checker.error_of("shelf_life_days") == (
        "Shelf life must be a number (got '1.5').")
    dialog.shelf_life.setText("21")
    dialog.grades.setText("特级，一级, 二级")
    assert dialog.save()
    product = record_fields(clerk.database, clerk.actor, "products", dialog.saved_id or 0)
    assert (product["gtin"], product["shelf_life_days"], product["grades"]) == (
        "06901234567892", 21, ["特级", "一级", "二级"])


def test_edit_product_changes_only_what_changed(qtbot: QtBot, clerk: AppContext) -> None:
    product_id = make_product(clerk.database, grades=["一级"])
    dialog = ProductForm(clerk, product_id)
    qtbot.addWidget(dialog)
    assert dialog.save()  # nothing changed: nothing written
    assert record_fields(clerk.database, clerk.actor, "products", product_id)["version"] == 1
    dialog = ProductForm(clerk, product_id)
    qtbot.addWidget(dialog)
    dialog.variety.setText("黄河蜜")
    assert dialog.save()
    product = record_fields(clerk.database, clerk.actor, "products", product_id)
    assert (product["variety"], product["version"], product["grades"]) == ("黄河蜜", 2, ["一级"])
