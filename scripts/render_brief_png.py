"""Render an HTML brief to a PNG screenshot with headless Chromium, to look at it.

Usage: python scripts/render_brief_png.py BRIEF.html [OUT.png] [--height 3000]

Needs /usr/bin/chromium (or chromium / chromium-browser / google-chrome on PATH). The
browser runs with a throwaway profile, no sandbox, no GPU and no background networking;
the brief is self-contained (charts are inline), so nothing is fetched.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

_CANDIDATES = ("/usr/bin/chromium", "chromium", "chromium-browser", "google-chrome")


def find_chromium() -> str | None:
    """The first Chromium binary found, or None."""
    for name in _CANDIDATES:
        found = name if Path(name).is_file() else shutil.which(name)
        if found:
            return found
    return None


def render(html: Path, png: Path, *, width: int = 1200, height: int = 3000) -> Path:
    """Screenshot ``html`` into ``png`` at ``width`` x ``height`` pixels."""
    browser = find_chromium()
    if browser is None:
        raise SystemExit("no Chromium found; install it (apt-get install -y chromium)")
    with tempfile.TemporaryDirectory(prefix="capexlens-chromium-") as profile:
        cmd = [
            browser, "--headless", "--no-sandbox", "--disable-gpu",
            "--disable-background-networking", "--disable-component-update", "--disable-sync",
            "--no-first-run", f"--user-data-dir={profile}", f"--screenshot={png.resolve()}",
            f"--window-size={width},{height}", html.resolve().as_uri(),
        ]  # fmt: skip
        done = subprocess.run(cmd, capture_output=True, text=True, timeout=120, check=False)
    if done.returncode != 0 or not png.exists():
        raise SystemExit(f"chromium failed ({done.returncode}): {done.stderr.strip()[-500:]}")
    return png


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("html", type=Path)
    parser.add_argument("png", type=Path, nargs="?")
    parser.add_argument("--width", type=int, default=1200)
    parser.add_argument("--height", type=int, default=3000)
    args = parser.parse_args(argv)
    out = args.png or args.html.with_suffix(".png")
    print(render(args.html, out, width=args.width, height=args.height))
    return 0


if __name__ == "__main__":
    sys.exit(main())
