"""A certificate through its form: validity dates in order, scope chosen from searchable
lists of products, plots and members."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from coop_desktop.domain.models import Certification
from coop_desktop.gui.context import AppContext
from coop_desktop.gui.forms.certifications import CertificationForm
from tests.services.builders import days_ago, grow, make_product


def test_certificate_with_its_scope(qtbot: QtBot, manager: AppContext) -> None:
    db = manager.database
    melon = make_product(db)
    make_product(db, "BERRY", "枸杞")
    crop = grow(db, melon, member="M001", plot="P001", batch="B001")
    grow(db, melon, member="M002", plot="P002", batch="B002")
    dialog = CertificationForm(manager)
    qtbot.addWidget(dialog)
    dialog.scheme.set_value("green_food")
    qtbot.keyClicks(dialog.number, "LB-18-24010612345")
    dialog.certifier.setText("中国绿色食品发展中心")
    dialog.valid_from.set_value(days_ago(10))
    dialog.valid_until.set_value(days_ago(20))
    assert dialog.checker.error_of("valid_until") == (
        f"The certificate's valid-until date {days_ago(20)} is before its valid-from date "
        f"{days_ago(10)}.")
    assert not dialog.save_button.isEnabled()
    dialog.valid_until.set_value(days_ago(-355))
    assert dialog.products.tick("MELON")
    qtbot.keyClicks(dialog.plots.search, "P001")
    dialog.plots.search_now()
    assert dialog.plots.list.count() == 1
    assert dialog.plots.tick("P001")
    dialog.plots.search.clear()
    dialog.plots.search_now()
    assert dialog.plots.list.item(0).text().startswith("P001")  # ticked ones stay on top
    assert dialog.members.tick("M001")
    assert dialog.scope.tabText(1) == "Plots (1)"
    assert dialog.save()
    with db.read() as session:
        certificate = session.get(Certification, dialog.saved_id)
        assert certificate is not None
        assert ([product.code for product in certificate.products],
                [plot.id for plot in certificate.plots],
                [member.id for member in certificate.members]) == (
            ["MELON"], [crop.plot_id], [crop.member_id])
        assert (certificate.scheme.value, certificate.valid_until) == ("green_food",
                                                                       days_ago(-355))


def test_duplicate_number_is_shown_under_it(qtbot: QtBot, manager: AppContext) -> None:
    from coop_desktop.services.certifications import record_certification
    from coop_desktop.services.permissions import SYSTEM

    record_certification(manager.database, SYSTEM, scheme="organic", number="OR-1",
                         certifier="CQC", valid_from=days_ago(1), valid_until=days_ago(-300))
    dialog = CertificationForm(manager)
    qtbot.addWidget(dialog)
    qtbot.keyClicks(dialog.number, "OR-1")
    qtbot.keyClicks(dialog.certifier, "CQC")
    assert not dialog.save()
    assert dialog.checker.error_of("number") == (
        "certificate with Certificate no. 'OR-1' already exists.")
