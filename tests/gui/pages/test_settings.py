"""The Settings page: the language chosen is stored in QSettings and applies at the next start,
which a note says."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from coop_desktop.gui import translation
from coop_desktop.gui.context import AppContext
from coop_desktop.gui.pages.settings import SettingsPage
from coop_desktop.services.permissions import SYSTEM
from coop_desktop.storage.database import Database


@pytest.fixture
def settings(tmp_path: Path) -> QSettings:
    return QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)


def settings_page(qtbot: QtBot, settings: QSettings, context: AppContext | None = None
                  ) -> SettingsPage:
    page = SettingsPage(context, settings=settings)
    qtbot.addWidget(page)
    page.show()
    return page


def test_choosing_a_language_stores_it(qtbot: QtBot, settings: QSettings) -> None:
    page = settings_page(qtbot, settings)
    assert page.language.currentData() == ""  # nothing stored: as the system
    assert page.note.isHidden()
    with qtbot.waitSignal(page.language_chosen) as chosen:
        page.language.setCurrentIndex(page.language.findData("zh_CN"))
    assert chosen.args == ["zh_CN"]
    assert settings.value(translation.LANGUAGE_KEY) == "zh_CN"
    assert QSettings(settings.fileName(), QSettings.Format.IniFormat).value("language") \
        == "zh_CN"  # written through to the file
    assert translation.choose_language(None, settings) == "zh_CN"
    assert page.note.isVisible()
    assert "简体中文" in page.note.text() and "next time" in page.note.text()


def test_going_back_to_the_running_language_hides_the_note(qtbot: QtBot,
                                                           settings: QSettings) -> None:
    page = settings_page(qtbot, settings)
    page.language.setCurrentIndex(page.language.findData("zh_CN"))
    page.language.setCurrentIndex(page.language.findData("en"))
    assert settings.value(translation.LANGUAGE_KEY) == "en"
    assert page.chosen_language() == translation.current_language() == "en"
    assert page.note.isHidden()


def test_as_the_system_removes_the_choice(qtbot: QtBot, settings: QSettings) -> None:
    translation.store_language("zh_CN", settings)
    page = settings_page(qtbot, settings)
    assert page.language.currentData() == "zh_CN"  # the stored choice is shown
    page.language.setCurrentIndex(page.language.findData(""))
    assert not settings.contains(translation.LANGUAGE_KEY)
    assert translation.stored_language(settings) is None


def test_every_shipped_language_is_offered_by_its_own_name(qtbot: QtBot,
                                                           settings: QSettings) -> None:
    page = settings_page(qtbot, settings)
    offered = {page.language.itemData(index): page.language.itemText(index)
               for index in range(page.language.count())}
    assert offered["zh_CN"] == "简体中文"
    assert offered["en"] == "English"
    assert offered[""].startswith("As the system")


def test_the_page_takes_the_context_like_every_page(qtbot: QtBot, coop: Database,
                                                    settings: QSettings) -> None:
    page = settings_page(qtbot, settings, AppContext(coop, SYSTEM))
    assert page.context is not None and page.context.actor is SYSTEM


def test_the_choice_is_applied_at_the_next_start(qtbot: QtBot, qapp: QApplication,
                                                settings: QSettings) -> None:
    page = settings_page(qtbot, settings)
    page.language.setCurrentIndex(page.language.findData("zh_CN"))
    try:  # the next start: application() installs what is stored
        assert translation.install_translations(qapp, settings=settings) == "zh_CN"
        again = settings_page(qtbot, settings)
        assert again.note.isHidden()
        assert again.language.itemText(0).startswith("跟随系统")
    finally:
        translation.remove_translations(qapp)
