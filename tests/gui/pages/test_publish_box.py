"""The Settings page's button that writes the public traceability site."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from coop_desktop.storage.database import Database


def test_the_publish_button_writes_the_site_into_the_reports_folder(
        coop: Database, qtbot: QtBot, data_dir: Path) -> None:
    from coop_desktop.domain.models import Role
    from coop_desktop.gui.context import AppContext
    from coop_desktop.gui.pages.publish_box import PublishBox
    from coop_desktop.services.permissions import Actor
    from tests.services.builders import harvested_lot, make_product

    harvested_lot(coop, "L001", product_id=make_product(coop))
    box = PublishBox(AppContext(coop, Actor("manager", Role.MANAGER)))
    qtbot.addWidget(box)
    box.button.click()
    assert (data_dir / "reports" / "site" / "l" / "L001" / "index.html").is_file()
    assert "1 lots" in box.status.text()
