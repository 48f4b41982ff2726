#!/usr/bin/env python3
"""Draw the program's icon: a green rounded square with a white 合 (合作社, cooperative).

    python scripts/make_icon.py     # writes resources/icons/coop-desktop.png and .ico

The glyph comes from the bundled WenQuanYi Micro Hei font, so the icon is ours to ship. The .ico
holds every size Windows asks for (16 to 256 pixels); build.spec gives it to the executables.
"""

from __future__ import annotations

from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

ROOT = Path(__file__).resolve().parent.parent
FONT = ROOT / "resources" / "fonts" / "wqy-microhei.ttc"
OUT = ROOT / "resources" / "icons"
SIZE = 1024  # drawn large, then scaled down for each size
GREEN = (46, 125, 50, 255)  # a leaf green that reads on light and dark task bars
ICO_SIZES = [(16, 16), (24, 24), (32, 32), (48, 48), (64, 64), (128, 128), (256, 256)]


def draw(size: int = SIZE) -> Image.Image:
    image = Image.new("RGBA", (size, size), (0, 0, 0, 0))
    canvas = ImageDraw.Draw(image)
    margin = size // 16
    canvas.rounded_rectangle((margin, margin, size - margin, size - margin),
                             radius=size // 5, fill=GREEN)
    face = ImageFont.truetype(str(FONT), int(size * 0.62))
    left, top, right, bottom = canvas.textbbox((0, 0), "合", font=face)
    x = (size - (right - left)) / 2 - left
    y = (size - (bottom - top)) / 2 - top
    canvas.text((x, y), "合", font=face, fill=(255, 255, 255, 255))
    return image


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    image = draw()
    image.resize((256, 256), Image.Resampling.LANCZOS).save(OUT / "coop-desktop.png")
    image.save(OUT / "coop-desktop.ico", sizes=ICO_SIZES)
    print(f"wrote {OUT / 'coop-desktop.png'} and {OUT / 'coop-desktop.ico'}")


if __name__ == "__main__":
    main()
