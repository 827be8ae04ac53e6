"""Tests for generator/annotate/sources.py: wire agencies and media an article cites."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.core.models import Block, Outlet, SeedFile
from generator.annotate.sources import find_sources

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
FIXTURES = Path(__file__).resolve().parent / "fixtures" / "sources"

# Our own outlet list, so these tests do not depend on the packaged data/outlets.yml.
OUTLETS = (
    Outlet("reuters", "Reuters", aliases=("Reuters", "reuters.com"), agency=True),
    Outlet("afp", "AFP", aliases=("AFP", "Agence France-Presse"), agency=True),
    Outlet("ap", "Associated Press", aliases=("AP", "The Associated Press"), agency=True),
    Outlet("tass", "TASS", aliases=("TASS", "tass.com"), agency=True),
    Outlet("antara", "Antara", aliases=("Antara", "ANTARA", "antaranews.com"), agency=True),
    Outlet("epoch-times", "Epoch Times", aliases=("Epoch Times", "epochtimes.com")),
    Outlet("cnn", "CNN", aliases=("CNN", "cnn.com")),
    Outlet("cnn-indonesia", "CNN Indonesia", aliases=("CNN Indonesia", "cnnindonesia.com")),
    Outlet("kompas", "Kompas", aliases=("Kompas", "Kompas.com")),
    Outlet("guardian", "The Guardian", aliases=("Guardian", "theguardian.com")),
    Outlet("etindonesia", "ETIndonesia", aliases=("ETIndonesia",)),
)


def blocks_of(text: str) -> tuple[Block, ...]:
    """Split a text into paragraph blocks by non-empty lines, keeping seed line numbers."""
    lines = [(number, line.strip()) for number, line in enumerate(text.split("\n"), 1) if line.strip()]
    return tuple(Block("paragraph", line, number, f"p{i}") for i, (number, line) in enumerate(lines, 1))


def sample(prefix: str) -> tuple[tuple[Block, ...], list[str]]:
    """Blocks and removed source lines of a sample: from the real ingest once it exists."""
    path = next(SEEDS.glob(f"{prefix}_*.txt"))
    try:
        from generator.ingest.article import ingest
    except ImportError:
        return blocks_of(path.read_text(encoding="utf-8")), []
    article = ingest(SeedFile(name=path.name, data=path.read_bytes()), OUTLETS)
    return article.blocks, [line.text for line in article.removed if line.reason in source_line_reasons()]


def source_line_reasons() -> tuple[str, ...]:
    """The removal reasons whose lines the pipeline passes to find_sources as extra lines."""
    try:
        from generator.annotate.article import SOURCE_LINE_REASONS
    except ImportError:
        return ("source line",)
    return SOURCE_LINE_REASONS


@pytest.mark.parametrize("prefix, own, expected", [
    ("000", "ETIndonesia", ("Reuters", "TASS", "Epoch Times")),
    ("001", None, ()),
    ("002", "detikNews", ("AFP",)),
    ("003", "Koran Jakarta", ("Antara",)),
    ("004", None, ()),
], ids=["000", "001", "002", "003", "004"])
def test_samples(prefix, own, expected):
    blocks, extra = sample(prefix)
    assert find_sources(blocks, OUTLETS, own=own, extra_lines=extra) == expected


def test_source_line_given_apart_from_the_blocks():
    blocks = blocks_of("Menurut laporan Reuters, Peskov berkata.")
    sources = find_sources(blocks, OUTLETS, extra_lines=["Sumber : Epochtimes.com"])
    assert sources == ("Reuters", "Epoch Times")


@pytest.mark.parametrize("text, expected", [
    # English wire copy
    ("WASHINGTON (Reuters) - President Donald Trump said on Wednesday.", ("Reuters",)),
    ("MOSCOW, Feb 13 (Reuters/AFP) - The Kremlin said.", ("Reuters", "AFP")),
    ("Putin told Reuters in an interview that talks were possible.", ("Reuters",)),
    ("according to The Associated Press, the call lasted 90 minutes.", ("Associated Press",)),
    ("CNN reported that the meeting could take place in Riyadh.", ("CNN",)),
    ("the Kremlin said in a statement to TASS.", ("TASS",)),
    # Indonesian outlets
    ("Menurut laporan TASS, kantor berita resmi Rusia, percakapan itu membahas Timur Tengah.", ("TASS",)),
    ("Dilansir kantor berita AFP, Kamis (13/2/2025), Trump mengatakan.", ("AFP",)),
    ("Dilansir dari CNN, Trump berencana bertemu Putin.", ("CNN",)),
    ("Seperti dikutip dari Antara, Trump mengatakan.", ("Antara",)),
    ("Seperti dilansir kantor berita Rusia TASS, Senin (10/2).", ("TASS",)),
    ("menurut laporan media AS, CNN, Selasa (11/2).", ("CNN",)),
    ("\"Kami belum membicarakan tanggal,\" kata Peskov kepada TASS.", ("TASS",)),
    ("TASS, kantor berita resmi Rusia, melaporkan pertemuan itu.", ("TASS",)),
    ("Jakarta (ANTARA) - Presiden Prabowo Subianto menerima kunjungan.", ("Antara",)),
    ("Reuters melaporkan bahwa kedua pihak sepakat.", ("Reuters",)),
    ("seperti dikutip dari CNN Indonesia.", ("CNN Indonesia",)),
    ("dilansir www.theguardian.com, Rabu.", ("The Guardian",)),
    ("Sumber: Reuters, AFP", ("Reuters", "AFP")),
    ("Sumber : Epochtimes.com", ("Epoch Times",)),
    ("Saat konferensi pers (AFP/ita)", ("AFP",)),
    # media missing from the outlet list, after cues that only ever introduce media
    ("Dilansir Al Mayadeen, Senin (12/2), pejabat itu membantah.", ("Al Mayadeen",)),
    ("Seperti dilansir laman Meduza, Kremlin menolak berkomentar.", ("Meduza",)),
    # not citations
    ("Donald Trump dan Vladimir Putin (Foto: AFP)", ()),
    ("Reuters dan AFP adalah kantor berita.", ()),
    ("hubungan antara kedua negara membaik.", ()),
    ("Antara lain dibahas soal energi.", ()),
    ("kantor berita resmi Rusia mengatakan hal itu.", ()),
    ("Dilansir Kamis (13/2), pejabat itu membantah.", ()),
    ("Dilansir dari laman resmi Kremlin, Putin menyambut.", ()),
    ("Menurut Peskov, pembicaraan berlangsung lama.", ()),
], ids=["wire-dateline", "two-wires-in-dateline", "told", "according-to", "reported-after",
        "statement-to", "menurut-laporan", "dilansir-kantor-berita", "dilansir-dari", "dikutip-dari",
        "country-before-agency", "media-country-comma", "kepada", "apposition-after", "antara-dateline",
        "melaporkan-after", "two-word-outlet", "subdomain", "credit-line", "credit-line-domain",
        "editor-initials", "unknown-after-dilansir", "unknown-after-laman", "photo-credit",
        "mention-without-cue", "lowercase-antara", "antara-lain", "agency-without-name",
        "day-after-cue", "government-site", "person-after-menurut"])
def test_sentences(text, expected):
    assert find_sources(blocks_of(text), OUTLETS) == expected


@pytest.mark.parametrize("own", ["Kompas", "kompas", "Kompas.com"], ids=["name", "id", "alias"])
def test_own_outlet_is_left_out(own):
    text = "JAKARTA, KOMPAS.com - Hal itu disampaikan kepada Kompas.com. Dilansir Reuters, Putin setuju."
    assert find_sources(blocks_of(text), OUTLETS, own=own) == ("Reuters",)


def test_first_mention_order_without_repeats():
    text = "Menurut laporan TASS, Putin setuju.\nDilansir AFP, Trump setuju.\nMenurut TASS, keduanya sepakat."
    assert find_sources(blocks_of(text), OUTLETS) == ("TASS", "AFP")


def test_fixture_kompas_article_citing_wires():
    blocks = blocks_of((FIXTURES / "kompas_cites_wires.txt").read_text(encoding="utf-8"))
    assert find_sources(blocks, OUTLETS, own="Kompas") == ("Reuters", "Al Jazeera", "TASS")


def test_blank_outlet_aliases_are_ignored():
    outlets = (Outlet("reuters", "Reuters", aliases=("", " ")),)
    assert find_sources(blocks_of("Menurut laporan Reuters, Putin setuju."), outlets) == ("Reuters",)


def test_no_outlets_known():
    assert find_sources(blocks_of("Menurut laporan Reuters, Putin setuju."), ()) == ()


def test_packaged_outlets_on_the_samples():
    from generator.core.knowledge import load_outlets

    outlets = load_outlets()
    if not {"Reuters", "TASS", "AFP", "Antara", "Epoch Times"} <= {o.name for o in outlets}:
        pytest.skip("data/outlets.yml does not list the samples' agencies yet")
    blocks = blocks_of(next(SEEDS.glob("000_*.txt")).read_text(encoding="utf-8"))
    assert find_sources(blocks, outlets, own="ETIndonesia") == ("Reuters", "TASS", "Epoch Times")


@settings(max_examples=200, deadline=None)
@given(text=st.text(max_size=300), extra=st.lists(st.text(max_size=60), max_size=2))
def test_random_text_never_raises(text, extra):
    sources = find_sources(blocks_of(text), OUTLETS, own="Kompas", extra_lines=extra)
    assert all(isinstance(name, str) and name for name in sources)
