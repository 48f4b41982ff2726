"""The public site in headless Chromium, as a phone opens it: a lot page renders (a screenshot
at a phone's size), and a label's address with its serial reaches the lot's page through the
site's 404 page on a real HTTP server. Chromium is installed by ``.ci/run``; in CI a missing
browser fails the test instead of skipping it."""

from __future__ import annotations

import functools
import http.server
import shutil
import subprocess
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from PIL import Image

from coop_desktop.reports.public_site import write_site
from coop_desktop.services.permissions import SYSTEM
from coop_desktop.services.publishing import gather_site
from coop_desktop.storage.database import Database
from tests.services.builders import harvested_lot, make_product, passing_test
from tests.support.postgres import require_in_ci

GTIN = "06901234567892"


def _chromium() -> str:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        found = shutil.which(name)
        if found:
            return found
    if require_in_ci():
        pytest.fail("CI must run the browser tests, but no Chromium is installed")
    pytest.skip("no Chromium here (Debian: apt install chromium)")


def _run(browser: str, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([browser, "--headless", "--no-sandbox", "--disable-gpu",
                           "--hide-scrollbars", *args], capture_output=True, text=True,
                          timeout=120, check=True)


@pytest.fixture
def site(sqlite_coop: Database, tmp_path: Path) -> Path:
    product_id = make_product(sqlite_coop, gtin=GTIN)
    _, lot_id = harvested_lot(sqlite_coop, "26120401", product_id=product_id)
    passing_test(sqlite_coop, lot_id, "Q-1")
    out = tmp_path / "www"
    write_site(gather_site(sqlite_coop, SYSTEM), out)
    return out


class _Site(http.server.SimpleHTTPRequestHandler):
    def send_error(self, code: int, message: str | None = None,
                   explain: str | None = None) -> None:
        if code != 404:
            super().send_error(code, message, explain)
            return
        body = (Path(str(self.directory)) / "404.html").read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture
def server(site: Path) -> Iterator[str]:
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0),
                                            functools.partial(_Site, directory=str(site)))
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def test_a_lot_page_renders_at_a_phone_size(site: Path, tmp_path: Path) -> None:
    browser = _chromium()
    shot = tmp_path / "lot.png"
    _run(browser, "--window-size=390,844", f"--screenshot={shot}",
         (site / "l" / "26120401" / "index.html").as_uri())
    image = Image.open(shot).convert("RGB")
    assert image.size == (390, 844)
    assert image.getpixel((5, 5)) == (0x2E, 0x7D, 0x32)  # the green header is drawn
    colours = image.getcolors(maxcolors=1_000_000)
    assert colours is not None and len(colours) > 50  # text was drawn, not a blank page


@pytest.mark.parametrize("path", ["/l/26120401/615", f"/01/{GTIN}/10/26120401/21/615"])
def test_a_label_address_with_its_serial_opens_the_lot_page(server: str, path: str) -> None:
    browser = _chromium()
    shown = _run(browser, "--virtual-time-budget=5000", "--dump-dom", server + path).stdout
    assert "26120401" in shown and "Quality tests" in shown
