"""Build the MkDocs site for tests: ``mkdocs build --strict`` into a temporary folder."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
MKDOCS = Path(sys.executable).parent / "mkdocs"


def write_config(work: Path, seeds: Path, plugin_options: str = "") -> Path:
    """Write a copy of mkdocs.yml whose paths are absolute and whose generated pages go to ``work``."""
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    replacements = {
        "custom_dir: generator/render/theme": f"custom_dir: {ROOT / 'generator' / 'render' / 'theme'}",
        "seeds_dir: seeds": f"seeds_dir: {seeds}\n      out_dir: {work / 'generated'}{plugin_options}",
    }
    for old, new in replacements.items():
        if old not in text:
            raise AssertionError(f"mkdocs.yml no longer contains {old!r}: update tests/browser/sitebuild.py")
        text = text.replace(old, new)
    config = work / "mkdocs.yml"
    config.write_text(text + f"\ndocs_dir: {ROOT / 'docs'}\n", encoding="utf-8")
    return config


def build_site(work: Path, seeds: Path = ROOT / "seeds", plugin_options: str = "") -> Path:
    """Build the site of ``seeds`` with --strict into ``work/site``; fail with MkDocs' output.

    ``plugin_options`` are more lines for the digest plugin ("\n      page_rows: 2").
    """
    config = write_config(work, seeds, plugin_options)
    site = work / "site"
    result = subprocess.run([str(MKDOCS), "build", "--strict", "-f", str(config), "-d", str(site)],
                            capture_output=True, text=True, cwd=ROOT)
    if result.returncode != 0:
        raise AssertionError(f"mkdocs build --strict failed:\n{result.stderr}")
    return site


def site_settings(work: Path) -> dict:
    """Return site_url, repo_url and edit_uri as MkDocs resolved them (with !ENV values)."""
    from mkdocs.config import load_config

    config = load_config(str(work / "mkdocs.yml"))
    return {"site_url": config.site_url, "repo_url": config.repo_url, "edit_uri": config.edit_uri,
            "seeds_edit_uri": config.extra.get("seeds_edit_uri")}


# An article whose editor sidecar holds markup in every text field: none of it may become markup.
HOSTILE_TITLE = "<img src=x onerror=alert(1)>"
HOSTILE_SUMMARY = '"><script>alert(1)</script>'
HOSTILE_AUTHOR = "</script><script>alert(2)</script>"
HOSTILE_SIDECAR = {
    "title": HOSTILE_TITLE, "summary": HOSTILE_SUMMARY, "author": HOSTILE_AUTHOR, "outlet": "Kompas",
    "section": '"><b>x</b>', "tags": ["<i>t</i>"], "language": "id",
    "published": "2025-02-13T17:57:00+07:00", "story_date": "2025-02-12",
}
HOSTILE_TEXT = """\
Kremlin: Putin Undang Trump ke Moskow

Jakarta - Juru bicara Kremlin Dmitry Peskov mengatakan pada Rabu (12/2/2025) bahwa Presiden Rusia
Vladimir Putin mengundang Presiden Amerika Serikat Donald Trump ke Moskow.

"Presiden Rusia mengundang Presiden AS untuk mengunjungi Moskow," kata Peskov kepada wartawan.

Kedua pemimpin juga sepakat untuk bertemu di masa mendatang, menurut pernyataan Kremlin.
"""


def write_hostile_seeds(folder: Path) -> Path:
    """Write a seeds folder holding the hostile article and its sidecar; return the folder."""
    import yaml

    folder.mkdir(parents=True, exist_ok=True)
    (folder / "001_hostile.txt").write_text(HOSTILE_TEXT, encoding="utf-8")
    (folder / "001_hostile.yml").write_text(yaml.safe_dump(HOSTILE_SIDECAR, allow_unicode=True),
                                           encoding="utf-8")
    return folder
