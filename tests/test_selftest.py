"""``coop-desktop selftest`` run in-process from the checkout (the frozen build runs the same
code in CI): every check passes on a working program, a broken one fails naming its check with
exit 1, and ``--keep`` keeps the files it made."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pypdf
import pytest
import zxingcpp
from PIL import Image
from PySide6.QtWidgets import QApplication

from coop_desktop import paths, selftest
from coop_desktop.cli import main
from coop_desktop.gui.translation import remove_translations

CHECK_NAMES = [name for name, _ in selftest.CHECKS]


@pytest.fixture
def qt_app(qapp: QApplication) -> Iterator[QApplication]:
    """The suite's QApplication, left in English as the other tests expect."""
    yield qapp
    remove_translations(qapp)


@pytest.mark.slow
def test_every_check_passes_and_keep_keeps_the_files(
        qt_app: QApplication, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    keep = tmp_path / "kept"
    assert main(["--lang", "en", "--data-dir", str(tmp_path / "data"), "selftest",
                 "--keep", str(keep)]) == 0
    lines = capsys.readouterr().out.splitlines()
    checks = [line.split()[:2] for line in lines if line.startswith(("ok ", "FAIL "))]
    assert checks == [["ok", name] for name in CHECK_NAMES]
    assert lines[-1].startswith(f"selftest passed: {len(CHECK_NAMES)} checks in ")
    # what the checks claim is in the files they kept
    label_line = next(line for line in lines if line.startswith("ok   label"))
    address = label_line.rsplit("QR ", 1)[1]
    with Image.open(keep / "label.png") as image:
        assert image.info["dpi"] == pytest.approx((203, 203), abs=0.01)
        assert [result.text for result in zxingcpp.read_barcodes(image)
                if result.format == zxingcpp.BarcodeFormat.QRCode] == [address]
    reader = pypdf.PdfReader(keep / "dossier.pdf")
    assert len(reader.pages) > 1 and "认证审核资料" in reader.pages[0].extract_text()
    assert (keep / "dossier.zip").is_file() and (keep / "selftest.sqlite").is_file()
    report = (keep / selftest.REPORT_FILE).read_text(encoding="utf-8")
    assert report.splitlines()[-1] == lines[-1]
    # the log of the program (here in the --data-dir folder) holds the report too
    log = (tmp_path / "data" / "logs" / "coop-desktop.log").read_text(encoding="utf-8")
    assert "selftest passed" in log
    log_line = next(line for line in lines if line.startswith("ok   log"))
    assert log_line.endswith(str(tmp_path / "data" / "logs" / "coop-desktop.log"))


def test_a_failing_check_is_named_and_exits_1(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    """A label without a demo to print it from: the real label check fails, and the checks
    after it do not run."""
    monkeypatch.setattr(selftest, "CHECKS", (
        ("database", selftest.check_database),
        ("label", selftest.check_label),
        ("trace", selftest.check_trace),
    ))
    assert main(["--lang", "en", "selftest", "--keep", str(tmp_path / "kept")]) == 1
    lines = capsys.readouterr().out.splitlines()
    assert lines[1].startswith("ok   database")
    assert lines[2].startswith("FAIL label")
    assert lines[-1].startswith("selftest FAILED at check 'label' after ")
    assert not any(line.startswith(("ok   trace", "FAIL trace")) for line in lines)
    report = (tmp_path / "kept" / selftest.REPORT_FILE).read_text(encoding="utf-8")
    assert "Traceback" in report  # the detail for whoever reads the kept folder


def test_the_bundle_check_fails_when_a_data_folder_is_missing(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """As in a build whose spec forgot a folder: the frozen root has only some of them."""
    frozen = tmp_path / "frozen"
    for name in ("ui", "resources", "db"):
        (frozen / name).mkdir(parents=True)
    monkeypatch.setattr(paths, "_PACKAGE_DIR", tmp_path / "nowhere" / "coop_desktop")
    monkeypatch.setattr("sys._MEIPASS", str(frozen), raising=False)
    lines: list[str] = []
    report = selftest.run_selftest(checks=(("bundle", selftest.check_bundle),),
                                   out=lines.append)
    assert not report.ok
    assert report.failed is not None and report.failed.name == "bundle"
    assert "env.py is missing" in lines[1]


def test_keep_must_be_an_empty_folder(tmp_path: Path,
                                      capsys: pytest.CaptureFixture[str]) -> None:
    keep = tmp_path / "used"
    keep.mkdir()
    (keep / "notes.txt").write_text("mine", encoding="utf-8")
    assert main(["--lang", "en", "selftest", "--keep", str(keep)]) == 2
    assert "--keep needs an empty folder" in capsys.readouterr().err
    assert [path.name for path in keep.iterdir()] == ["notes.txt"]


def test_without_keep_nothing_is_left_behind(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TMPDIR", str(tmp_path))
    monkeypatch.setattr("tempfile.tempdir", None)
    report = selftest.run_selftest(checks=(("database", selftest.check_database),),
                                   out=lambda line: None)
    assert report.ok
    assert not report.folder.exists()
    assert list(tmp_path.iterdir()) == []


def test_the_window_check_picks_a_platform_that_exists_here(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """Offscreen without a display (CI, a server), the system's own plugin where a user's
    window would open, and whatever QT_QPA_PLATFORM asks for."""
    for name in ("DISPLAY", "WAYLAND_DISPLAY"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("QT_QPA_PLATFORM", "")
    assert selftest._qt_platform() == "offscreen"
    monkeypatch.setenv("DISPLAY", ":0")
    assert selftest._qt_platform() == "xcb"
    monkeypatch.setenv("QT_QPA_PLATFORM", "minimal:fontengine=freetype")
    assert selftest._qt_platform() == "minimal"
    monkeypatch.delenv("QT_QPA_PLATFORM")
    monkeypatch.setattr("sys.platform", "win32")
    assert selftest._qt_platform() == "windows"
