"""Benchmark: synthesise a realistic corpus of N raw articles, then time every stage of the build.

The corpus recombines the sentences of the sample seeds with synthetic outlets' layouts (headers,
bylines, datelines, ads, "baca juga" lines, footers), people, roles, places, dates and quotes, so that
cleaning, metadata, entities, quotes, dates, linking and rendering all have real work. Article ``i`` is
the same whatever N is, and its story date is ``i // ARTICLES_PER_DAY`` days after ``START_DATE``:
a larger digest is a story followed for longer, at the same density, so per-article costs compare.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Sequence

import yaml

from .config import _TolerantLoader as TolerantLoader
from .core.knowledge import load_outlets
from .ingest.article import ingest
from .ingest.seeds import read_seed_folder
from .pipeline import Cache, Options, Stopwatch, errors_of, generate
from .write import write_pages

DEFAULT_SIZES = (250, 1000, 5000)
ROOT = Path(__file__).resolve().parent.parent
START_DATE = dt.date(2025, 1, 6)
ARTICLES_PER_DAY = 8  # about eight outlets follow the story every day
STAGES = ("read", "ingest", "annotate", "link", "render", "write")
CORPUS_PAGES = ("index.md", "timeline.md", "quotes.md", "entities/index.md", "glossary.md", "report.md")
ABBREVIATION_LINE = re.compile(r"^\*\[[^\]\n]+\]: .*\n", re.MULTILINE)
LARGEST = 8  # corpus-wide pages listed by size in the report
EDIT_ROUNDS = 3  # edits of one seed, each undone: six preview rebuilds timed

# ---------------------------------------------------------------- vocabulary of the synthetic corpus

MONTHS_ID = ("Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September",
             "Oktober", "November", "Desember")
MONTHS_ID_SHORT = ("Jan", "Feb", "Mar", "Apr", "Mei", "Jun", "Jul", "Agu", "Sep", "Okt", "Nov", "Des")
MONTHS_EN = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
             "October", "November", "December")
WEEKDAYS_ID = ("Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu")
WEEKDAYS_EN = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")

FIRST_NAMES = ("Andi", "Budi", "Citra", "Dewi", "Eko", "Fajar", "Gita", "Hendra", "Indah", "Joko",
               "Kartika", "Lukman", "Maya", "Nadia", "Oki", "Putri", "Rizky", "Sari", "Teguh", "Wulan",
               "Anna", "Boris", "Elena", "Igor", "James", "Laura", "Mark", "Olga", "Pierre", "Sergei")
LAST_NAMES = ("Pratama", "Santoso", "Wibowo", "Hutapea", "Siregar", "Nugroho", "Halim", "Kusuma",
              "Lubis", "Saputra", "Ivanov", "Petrova", "Miller", "Dubois", "Schmidt", "Kowalski",
              "Novak", "Rossi", "Larsen", "Tanaka", "Hartono", "Gunawan", "Sembiring", "Tambunan")
ROLES_ID = ("juru bicara Kementerian Luar Negeri", "Menteri Pertahanan", "Duta Besar",
            "pengamat hubungan internasional", "anggota Komisi I DPR", "Wakil Menteri Luar Negeri",
            "penasihat keamanan nasional", "Sekretaris Jenderal", "analis politik", "Perdana Menteri")
ROLES_EN = ("spokesperson", "defence minister", "ambassador", "foreign policy analyst",
            "deputy foreign minister", "national security adviser", "senior official")
PLACES = ("Jenewa", "Istanbul", "Riyadh", "Helsinki", "Wina", "Ankara", "Doha", "Brussel", "Warsawa",
          "Budapest", "Abu Dhabi", "Minsk")
ORGANISATIONS = (("Dewan Keamanan PBB", "DK PBB"), ("Uni Eropa", "UE"), ("Organisasi Kerja Sama Islam",
                 "OKI"), ("Dana Moneter Internasional", "IMF"), ("Kementerian Luar Negeri", "Kemlu"),
                 ("Palang Merah Internasional", "ICRC"), ("Badan Energi Atom Internasional", "IAEA"),
                 ("Perhimpunan Bangsa-Bangsa Asia Tenggara", "ASEAN"))
GLOSSARY = (("PBB", "Perserikatan Bangsa-Bangsa"), ("UE", "Uni Eropa"), ("IMF", "Dana Moneter Internasional"),
            ("ASEAN", "Perhimpunan Bangsa-Bangsa Asia Tenggara"), ("OKI", "Organisasi Kerja Sama Islam"),
            ("ICRC", "Komite Internasional Palang Merah"), ("IAEA", "Badan Energi Atom Internasional"),
            ("G20", "Kelompok 20 ekonomi utama"), ("KTT", "Konferensi tingkat tinggi"),
            ("DPR", "Dewan Perwakilan Rakyat"), ("Kemlu", "Kementerian Luar Negeri"))
AGENCIES = ("AFP", "Reuters", "AP", "Antara", "Xinhua", "Anadolu")
TOPICS_ID = ("Gencatan Senjata", "Pertukaran Tahanan", "Sanksi Baru", "Jalur Gandum", "Perundingan Damai",
             "Bantuan Kemanusiaan", "Harga Energi", "Pertemuan Puncak", "Zona Penyangga",
             "Pengawasan Nuklir", "Rekonstruksi", "Jaminan Keamanan")
TITLE_PATTERNS_ID = ("{person} Sebut {topic} Dibahas di {place} Pekan Depan",
                     "{org} dan {person} Tanggapi Rencana {topic} di {place}",
                     "{topic}: {person} Minta Semua Pihak Menahan Diri di {place}",
                     "Delegasi Tiba di {place}, {person}: {topic} Jadi Agenda {weekday}",
                     "{person} di {place}: {topic} Tak Bisa Ditunda",
                     "Pertemuan di {place} Bahas {topic}, {person} Optimistis",
                     "Hari Ke-{n} Perundingan di {place}: {topic} Masih Buntu",
                     "{person} Bertemu Delegasi di {place} pada {d} {month}")
TITLE_PATTERNS_EN = ("{person} says {topic} talks to open in {place}",
                     "{person} meets envoys in {place} on {topic}",
                     "{topic} on the table as {person} arrives in {place}")
TOPICS_EN = ("ceasefire", "prisoner exchange", "new sanctions", "grain corridor", "peace talks",
             "energy prices", "summit", "nuclear monitoring", "security guarantees")
VERBS_ID = ("kata", "ujar", "tegas", "ungkap", "jelas")
QUOTE_PARAGRAPHS_ID = (
    '"{quote}," {verb} {role} {person} kepada wartawan di {place}, {weekday} ({d}/{m}).',
    '{person}, {role}, mengatakan pertemuan di {place} dijadwalkan pada {d} {month} {yyyy}. '
    '"{quote}," ujarnya.',
    '{role_cap} {person} menilai langkah tersebut penting bagi {abbr}. “{quote},” {verb} {person_short}.',
)
NARRATIVE_PARAGRAPHS_ID = (
    "Menurut {role} {person}, {org} akan membahas hasil pembicaraan itu dalam sidang pekan depan.",
    "Dilansir kantor berita {agency}, {org} ({abbr}) menyatakan dukungan terhadap perundingan yang digelar "
    "di {place} pada {weekday} ({d}/{m}/{yyyy}).",
    "Delegasi kedua negara dijadwalkan kembali bertemu di {place} pada {d2} {month2} {yyyy2}, "
    "sementara tim teknis bekerja menyiapkan rancangan kesepakatan tentang {topic_lower}.",
)
QUOTE_PARAGRAPH_EN = '"{quote_en}," {role_en} {speaker} told reporters in {place} on {weekday_en}.'
PARAGRAPHS_EN = (
    "Talks on {topic} are expected to resume in {place} on {month_en} {d2}, according to {agency}.",
    "{person}, a {role_en}, said the {org_en} would review the outcome of the talks next week.",
    "Officials said the delegations met for more than three hours on {month_en} {d}, {yyyy} and agreed "
    "to keep working on {topic}.",
    "The {org_en} has called for restraint, and diplomats in {place} said a framework could be ready "
    "within weeks.",
)
QUOTES_EN = ("We are ready to continue the dialogue", "Nothing is agreed until everything is agreed",
             "The next round will be decisive for both sides", "We want a lasting solution, not a pause",
             "Our position has not changed and we expect the same seriousness from the other side")
ORGANISATIONS_EN = ("United Nations", "European Union", "International Monetary Fund", "Red Cross")
HEADING_PATTERNS = ("Agenda {topic}", "Reaksi dari {place}", "Langkah Berikutnya")
LIST_INTRO = "Berikut beberapa poin penting dari pertemuan tersebut:"


@dataclass(frozen=True)
class Layout:
    """How one outlet wraps an article: header, first-paragraph prefix, ads between paragraphs, footer."""

    outlet: str
    language: str
    header: str
    lead: str
    ads: tuple[str, ...]
    footer: str
    weight: int = 10  # how often the outlet appears in the corpus
    separator: str = "\n\n"  # between paragraphs: a blank line, or a bare line break


LAYOUTS = (
    Layout("detikNews", "id",
           "{title}\n\n{title}\n\n{author} - detikNews\n{weekday}, {d} {mon} {yyyy} {hh}:{mi} WIB\n"
           "{caption_name}\n{caption_name} (Foto: {agency})\n{City} -\n\n", "",
           ("ADVERTISEMENT", "SCROLL TO CONTINUE WITH CONTENT"),
           "\n\n({code}/{code})\nBaca juga: {related}\nHide Ads"),
    Layout("Kompas.com", "id",
           "{title}\nKompas.com - {dd}/{mm}/{yyyy}, {hh}:{mi} WIB\nPenulis {author} | Editor {editor}\n\n",
           "{CITY}, KOMPAS.com - ", ("Baca juga: {related}",),
           "\n\nSimak breaking news dan berita pilihan kami langsung di ponselmu. Pilih saluran andalanmu "
           "akses berita Kompas.com WhatsApp Channel : "
           "https://www.whatsapp.com/channel/0029VaFPbedBPzjZrk13HO3D. "
           "Pastikan kamu sudah install aplikasi WhatsApp ya."),
    Layout("CNN Indonesia", "id",
           "{title}\nCNN Indonesia\n{weekday}, {dd}/{mm}/{yyyy} {hh}:{mi} WIB\nBagikan :\n",
           "{City}, CNN Indonesia -- ", ("[Gambas:Video CNN]",), "\n({code}/{code})", separator="\n"),
    Layout("Antara", "id", "{title}\n{weekday}, {d} {month} {yyyy} {hh}:{mi} WIB\n",
           "{City} (ANTARA) - ", ("Baca juga: {related}",),
           "\nPewarta: {author}\nEditor: {editor}\nCopyright © ANTARA {yyyy}", separator="\n"),
    Layout("Tempo", "id", "{title}\n{author}\n{weekday}, {d} {month} {yyyy} {hh}:{mi} WIB\n\n",
           "TEMPO.CO, {City} - ", (), "\n\nPilihan Editor: {related}"),
    Layout("Liputan6", "id",
           "{title}\nLiputan6.com\n{d} {mon} {yyyy}, {hh}:{mi} WIB\n"
           "Diperbarui {d} {mon} {yyyy}, {hh}:{mi} WIB\n\n",
           "Liputan6.com, {City} - ", ("Advertisement",), ""),
    Layout("Koran Harian", "id",
           "![](https://koran-harian.example/img/site-logo-white.png)\n{title}\n{caption_name}\n"
           "Foto: istimewa", "{City} - ", (),
           "\nBerita Trending\n- 1 {related}\n- 2 {related2}\n- 3 {related3}", separator="\n"),
    Layout("Reuters", "en",
           "{title}\nBy {author}\n{month_en} {d}, {yyyy} {h12}:{mi} {ampm} GMT+7\n\n",
           "{CITY}, {mon_en} {d} (Reuters) - ", (),
           "\n\nReporting by {author}; Editing by {editor}\n"
           "Our Standards: The Thomson Reuters Trust Principles.",
           weight=8),
)

# ---------------------------------------------------------------- the sample pool


@dataclass(frozen=True)
class Pool:
    """Sentences and quotes of the sample seeds, the raw material of the synthetic corpus."""

    sentences: tuple[str, ...]  # narrative sentences without quotation marks
    quotes: tuple[str, ...]  # quoted passages, without their marks
    bigrams: dict = field(default_factory=dict)  # word -> following words, to compose new statements
    entities_yml: str = ""
    glossary_yml: str = ""


SENTENCE_SPLIT = re.compile(r"(?<=[.!?])\s+(?=[A-Z])")
QUOTED = re.compile(r"[\"“]([^\"“”]{25,400})[\"”]")
QUOTE_MARK = re.compile("[\"“”]")
BODY_LINE = re.compile(r"^[A-Z\"“].{120,}[.!?\"”]$")


def read_pool(seeds_dir: Path) -> Pool:
    """Collect the narrative sentences and the quotes of the sample seeds' body paragraphs."""
    sentences, quotes = [], []
    for paragraph in body_paragraphs(Path(seeds_dir)):
        quotes.extend(q.strip(" ,.") for q in QUOTED.findall(paragraph))
        sentences.extend(sentence for sentence in SENTENCE_SPLIT.split(paragraph)
                         if len(sentence) > 60 and not QUOTE_MARK.search(sentence))
    if not sentences or not quotes:
        raise ValueError(f"{seeds_dir}: no body paragraphs with sentences and quotes to recombine")
    data = {name: (Path(seeds_dir) / name).read_text(encoding="utf-8") if (Path(seeds_dir) / name).is_file()
            else "" for name in ("entities.yml", "glossary.yml")}
    return Pool(sentences=tuple(dict.fromkeys(sentences)), quotes=tuple(dict.fromkeys(quotes)),
                bigrams=bigram_chain(quotes + sentences), entities_yml=data["entities.yml"],
                glossary_yml=data["glossary.yml"])


def body_paragraphs(seeds_dir: Path) -> list[str]:
    """Return the body paragraphs of the samples as the cleaner sees them (boilerplate removed)."""
    paragraphs = []
    for seed in read_seed_folder(seeds_dir).seeds:
        article = ingest(seed, load_outlets())
        paragraphs += [block.text for block in article.blocks
                       if block.kind == "paragraph" and BODY_LINE.match(block.text)]
    return paragraphs


# ---------------------------------------------------------------- the synthetic corpus


@dataclass(frozen=True)
class SyntheticArticle:
    """One raw article as written to the corpus, and its unannotated body for the floor build."""

    name: str
    title: str
    outlet: str
    language: str
    story_date: str
    raw: bytes
    body: tuple[str, ...]
    sidecar: str | None = None


def person_name(index: int) -> str:
    """Return the synthetic person number ``index`` (the same name for the same index)."""
    first = FIRST_NAMES[index % len(FIRST_NAMES)]
    last = LAST_NAMES[(index * 7 + index // len(FIRST_NAMES)) % len(LAST_NAMES)]
    return f"{first} {last}"


def in_knowledge_base(index: int) -> bool:
    """Say whether a synthetic person is in entities.yml (the others become candidates)."""
    return index % 4 != 3


def people_of_day(day: int) -> range:
    """The people active around a day: a new one enters the story every week."""
    return range(day // 7, day // 7 + 24)


def story_day(index: int) -> int:
    """Return the day of the story (0 = START_DATE) that article ``index`` reports."""
    return index // ARTICLES_PER_DAY


def day_quotes(day: int, pool: Pool) -> tuple[tuple[str, int], ...]:
    """Return the statements of one day (text, speaker index) that several outlets will report.

    Each is a new word sequence drawn from a bigram chain of the samples' text: statements of
    different days share words but not wording, and only the outlets of one day report the same one.
    """
    rng = random.Random(f"quotes:{day}")
    people = people_of_day(day)
    return tuple((babble(rng, pool.bigrams), rng.choice(people)) for _ in range(3))


def babble(rng: random.Random, bigrams: dict[str, tuple[str, ...]], words: int = 24) -> str:
    """Return a sentence-like word sequence from a bigram chain, capitalised, without final stop."""
    word = rng.choice(bigrams[""])
    out = [word]
    while len(out) < words or not out[-1].isalpha():
        following = bigrams.get(word) or bigrams[""]
        word = rng.choice(following)
        out.append(word)
        if len(out) > 2 * words:
            break
    text = " ".join(out).strip(" ,.;:")
    return text[0].upper() + text[1:]


def bigram_chain(texts: Sequence[str]) -> dict[str, tuple[str, ...]]:
    """Map each word of ``texts`` to the words that follow it ("" to sentence starts)."""
    chain: dict[str, list[str]] = {"": []}
    for text in texts:
        words = [w for w in text.split() if not QUOTE_MARK.search(w) and not set(w) & set("()")]
        if words:
            chain[""].append(words[0])
        for first, second in zip(words, words[1:]):
            chain.setdefault(first, []).append(second)
    return {word: tuple(following) for word, following in chain.items()}


def date_fields(date: dt.date, prefix: str = "") -> dict[str, str]:
    """Return the date slots of the templates for ``date`` (names prefixed to tell two dates apart)."""
    fields = {"d": str(date.day), "m": str(date.month), "yyyy": str(date.year),
              "month": MONTHS_ID[date.month - 1], "weekday": WEEKDAYS_ID[date.weekday()],
              "month_en": MONTHS_EN[date.month - 1], "weekday_en": WEEKDAYS_EN[date.weekday()]}
    return {f"{key}{prefix}": value for key, value in fields.items()}


LONG_DATE = re.compile(r"(?:\b(?:" + "|".join(WEEKDAYS_ID) + r") \()?\b\d{1,2} (?:"
                       + "|".join(MONTHS_ID) + r") 20\d\d\b\)?")
SHORT_DATE = re.compile(r"(?:\b(?:" + "|".join(WEEKDAYS_ID) + r") )?\(\d{1,2}/\d{1,2}(?:/20\d\d)?\)")


def shift_dates(sentence: str, date: dt.date) -> str:
    """Move the full dates of a sample sentence to ``date``; background dates (a month, a year) stay."""
    f = date_fields(date)
    def long(match: re.Match) -> str:
        text = f"{f['d']} {f['month']} {f['yyyy']}"
        return f"{f['weekday']} ({text})" if match.group().endswith(")") else text
    def short(match: re.Match) -> str:
        year = f"/{f['yyyy']}" if match.group().count("/") == 2 else ""
        slash = f"({f['d']}/{f['m']}{year})"
        return f"{f['weekday']} {slash}" if not match.group().startswith("(") else slash
    return SHORT_DATE.sub(short, LONG_DATE.sub(long, sentence))


def synthesize_article(index: int, pool: Pool) -> SyntheticArticle:
    """Build article ``index`` of the corpus: the same article whatever the corpus size."""
    rng = random.Random(f"article:{index}")
    day = story_day(index)
    story = START_DATE + dt.timedelta(days=day)
    published = dt.datetime.combine(story + dt.timedelta(days=rng.random() < 0.3), dt.time(
        rng.randrange(6, 23), rng.randrange(60)))
    layout = rng.choices(LAYOUTS, weights=[layout.weight for layout in LAYOUTS])[0]
    slots = make_slots(rng, index, day, story, published)
    if layout.language == "en":
        title = rng.choice(TITLE_PATTERNS_EN).format(**dict(slots, topic=slots["topic_en"]))
    else:
        title = rng.choice(TITLE_PATTERNS_ID).format(**slots)
    slots["title"] = title
    if layout.language == "en":
        body = english_body(rng, slots, day)
    else:
        body = indonesian_body(rng, slots, story, pool)
    raw = lay_out(rng, layout, body, slots)
    encoding = rng.choices(("utf-8", "utf-8-sig", "cp1252"), weights=(95, 2, 3))[0]
    data = raw.replace("\n", "\r\n") if rng.random() < 0.05 else raw
    data_bytes = data.encode(encoding, errors="strict") if can_encode(data, encoding) else data.encode()
    name = f"{index:05d}_{hashlib.sha256(data_bytes).hexdigest()[:16]}.txt"
    sidecar = make_sidecar(rng, slots, body) if rng.random() < 0.03 else None
    return SyntheticArticle(name, title, layout.outlet, layout.language, story.isoformat(), data_bytes,
                            tuple(text for _, text in body), sidecar)


def can_encode(text: str, encoding: str) -> bool:
    """Say whether ``text`` is representable in ``encoding``."""
    try:
        text.encode(encoding)
    except UnicodeEncodeError:
        return False
    return True


def make_slots(rng: random.Random, index: int, day: int, story: dt.date,
               published: dt.datetime) -> dict[str, str]:
    """Draw the names, places and dates one article uses."""
    people = people_of_day(day)
    person = person_name(rng.choice(people))
    org, abbr = rng.choice(ORGANISATIONS)
    later = story + dt.timedelta(days=rng.randrange(3, 20))
    earlier = story - dt.timedelta(days=rng.randrange(20, 90))
    place = rng.choice(PLACES)
    slots = {
        "person": person, "person_short": person.split()[-1], "role": rng.choice(ROLES_ID),
        "role_en": rng.choice(ROLES_EN), "place": place, "City": place, "CITY": place.upper(),
        "org": org, "abbr": abbr, "org_en": rng.choice(ORGANISATIONS_EN), "agency": rng.choice(AGENCIES),
        "topic": rng.choice(TOPICS_ID), "topic_en": rng.choice(TOPICS_EN), "verb": rng.choice(VERBS_ID),
        "author": person_name(1000 + rng.randrange(40)), "editor": person_name(2000 + rng.randrange(20)),
        "caption_name": person_name(rng.choice(people)),
        "code": "".join(rng.choices("abcdefghijklmnoprstuy", k=3)),
        "hh": f"{published.hour:02d}", "mi": f"{published.minute:02d}", "dd": f"{published.day:02d}",
        "mm": f"{published.month:02d}", "mon": MONTHS_ID_SHORT[published.month - 1],
        "mon_en": MONTHS_EN[published.month - 1][:3], "h12": str((published.hour - 1) % 12 + 1),
        "ampm": "AM" if published.hour < 12 else "PM",
        "related": related_title(index - 1 - rng.randrange(30)), "related2": related_title(index - 40),
        "related3": related_title(index - 77),
    }
    slots["n"] = str(day + 1)
    slots["role_cap"] = slots["role"][0].upper() + slots["role"][1:]
    slots["topic_lower"] = slots["topic"].lower()
    slots.update(date_fields(published.date()))
    slots.update(date_fields(story))
    slots.update(date_fields(later, "2"))
    slots.update(date_fields(earlier, "0"))
    return slots


def related_title(index: int) -> str:
    """Return a plausible headline for the 'read also' lines (another article of the story)."""
    rng = random.Random(f"related:{index}")
    return rng.choice(TITLE_PATTERNS_ID).format(
        person=person_name(rng.randrange(200)), topic=rng.choice(TOPICS_ID), place=rng.choice(PLACES),
        org=rng.choice(ORGANISATIONS)[0], n=rng.randrange(1, 400), **date_fields(
            START_DATE + dt.timedelta(days=rng.randrange(400))))


def indonesian_body(rng: random.Random, slots: dict, story: dt.date, pool: Pool) -> list[tuple[str, str]]:
    """Return the body blocks (kind, text): recombined sample sentences, statements, a list or heading."""
    blocks = []
    for _ in range(rng.randrange(4, 7)):
        sentences = rng.sample(pool.sentences, rng.randrange(2, 4))
        blocks.append(("paragraph", " ".join(shift_dates(s, story) for s in sentences)))
    quotes = day_quotes((story - START_DATE).days, pool)
    for text, speaker in rng.sample(quotes, rng.randrange(1, 3)):
        person = person_name(speaker)
        quote_slots = dict(slots, quote=shift_dates(text, story), person=person,
                           person_short=person.split()[-1])
        blocks.insert(rng.randrange(1, len(blocks) + 1),
                      ("paragraph", rng.choice(QUOTE_PARAGRAPHS_ID).format(**quote_slots)))
    narrative = rng.choice(NARRATIVE_PARAGRAPHS_ID).format(**slots)
    blocks.insert(rng.randrange(1, len(blocks)), ("paragraph", narrative))
    if rng.random() < 0.2:
        heading = rng.choice(HEADING_PATTERNS).format(**slots)
        blocks.insert(rng.randrange(2, len(blocks)), ("heading", heading))
    if rng.random() < 0.15:
        at = rng.randrange(2, len(blocks))
        items = [("item", f"{number}. {shift_dates(sentence, story)}")
                 for number, sentence in enumerate(rng.sample(pool.sentences, 3), 1)]
        blocks[at:at] = [("paragraph", LIST_INTRO), *items]
    return blocks


def english_body(rng: random.Random, slots: dict, day: int) -> list[tuple[str, str]]:
    """Return the body blocks of a wire story in English, with the day's English statement."""
    day_rng = random.Random(f"quote-en:{day}")
    slots = dict(slots, topic=slots["topic_en"], quote_en=day_rng.choice(QUOTES_EN),
                 speaker=person_name(day_rng.choice(people_of_day(day))))
    blocks = [("paragraph", text.format(**slots)) for text in rng.sample(PARAGRAPHS_EN, 3)]
    blocks.insert(rng.randrange(1, 4), ("paragraph", QUOTE_PARAGRAPH_EN.format(**slots)))
    return blocks


def lay_out(rng: random.Random, layout: Layout, body: Sequence[tuple[str, str]], slots: dict) -> str:
    """Wrap the body in the outlet's header, ads and footer, as a scraper would copy it."""
    lines = [layout.header.format(**slots) + layout.lead.format(**slots) + body[0][1]]
    for kind, text in body[1:]:
        if layout.ads and rng.random() < 0.35:
            related = related_title(rng.randrange(100_000))
            lines.append(rng.choice(layout.ads).format(**dict(slots, related=related)))
        lines.append(f"  {text}" if kind == "item" else text)
    return layout.separator.join(lines) + layout.footer.format(**slots)


def make_sidecar(rng: random.Random, slots: dict, body: Sequence[tuple[str, str]]) -> str:
    """Return an editor's sidecar: tags, a summary and a note on a phrase of the text."""
    phrase = next((slots[key] for key in ("person", "place") if any(slots[key] in t for _, t in body)), None)
    data = {"tags": [slots["topic"], slots["place"]], "summary": f"Ringkasan editor: {slots['title']}."}
    if phrase:
        data["notes"] = [{"anchor": phrase, "text": "Catatan editor untuk pengujian kinerja."}]
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False)


def knowledge_files(pool: Pool, articles: Sequence[SyntheticArticle]) -> dict[str, str]:
    """Return entities.yml and glossary.yml: the samples' knowledge base plus the synthetic names."""
    base = yaml.safe_load(pool.entities_yml) or []
    taken = {e.get("id") for e in base} | {str(n).casefold() for e in base
                                             for n in (e.get("name"), *(e.get("aliases") or ()))}
    last_day = story_day(len(articles) - 1) if articles else 0
    extra = []
    for index in range(people_of_day(last_day).stop):
        name = person_name(index)
        entity_id = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")
        if in_knowledge_base(index) and entity_id not in taken and name.casefold() not in taken:
            taken.update({entity_id, name.casefold()})
            extra.append({"id": entity_id, "name": name, "type": "person",
                          "description": f"Tokoh sintetis nomor {index} (korpus uji kinerja)"})
    extra += [{"id": re.sub(r"[^a-z0-9]+", "-", org.lower()).strip("-"), "name": org, "type": "organisation",
               "aliases": [abbr]} for org, abbr in ORGANISATIONS
              if org.casefold() not in taken and abbr.casefold() not in taken]
    extra += [{"id": re.sub(r"[^a-z0-9]+", "-", place.lower()).strip("-"), "name": place, "type": "place"}
              for place in PLACES if place.casefold() not in taken]
    glossary = yaml.safe_load(pool.glossary_yml) or []
    known_terms = {str(t.get("term")) for t in glossary}
    glossary += [{"term": term, "definition": text} for term, text in GLOSSARY if term not in known_terms]
    dump = lambda data: yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=1000)  # noqa: E731
    return {"entities.yml": dump(base + extra), "glossary.yml": dump(glossary)}


def build_corpus(n: int, seeds_dir: Path = ROOT / "seeds") -> list[SyntheticArticle]:
    """Return the first ``n`` articles of the synthetic corpus drawn from the samples in ``seeds_dir``."""
    pool = read_pool(seeds_dir)
    return [synthesize_article(index, pool) for index in range(n)]


def write_corpus(folder: Path, n: int, seeds_dir: Path = ROOT / "seeds") -> list[SyntheticArticle]:
    """Write a seeds folder of ``n`` synthetic raw articles, their sidecars and knowledge files."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    pool = read_pool(seeds_dir)
    articles = [synthesize_article(index, pool) for index in range(n)]
    for article in articles:
        (folder / article.name).write_bytes(article.raw)
        if article.sidecar:
            (folder / article.name).with_suffix(".yml").write_text(article.sidecar, encoding="utf-8")
    for name, text in knowledge_files(pool, articles).items():
        (folder / name).write_text(text, encoding="utf-8")
    return articles


# ---------------------------------------------------------------- measurements


def measure_generator(seeds_dir: Path, out_dir: Path, language: str) -> dict:
    """Generate and write the digest of ``seeds_dir`` once, timing every stage (caches warm)."""
    warm_up(language)
    watch = Stopwatch()
    start, cpu = time.perf_counter(), time.process_time()
    digest, pages = generate(Options(Path(seeds_dir), language), Cache(), watch)
    with watch.stage("write"):
        write_pages(Path(out_dir), pages)
    seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
    errors = errors_of(digest)
    return {
        "articles": len(digest.articles),
        "pages": len(pages),
        "errors": len(errors),
        "first_errors": [str(error) for error in errors[:5]],
        "warnings": len(digest.diagnostics) - len(errors),
        "stages_s": {stage: round(watch.seconds.get(stage, 0.0), 4) for stage in STAGES},
        "generator_s": round(seconds, 4),
        "generator_cpu_s": round(cpu, 4),
        "articles_per_s": round(len(digest.articles) / seconds, 1) if seconds else None,
        "markdown": markdown_sizes(pages),
        "abbreviations_bytes_per_page": abbreviation_bytes(pages),
        "entities": len(digest.knowledge.entities),
        "events": len(digest.events),
        "quote_clusters": len(digest.clusters),
        "largest_cluster": max((len(members) for members in digest.clusters.values()), default=0),
        "largest_event_sources": max((len(event.sources) for event in digest.events), default=0),
    }


def abbreviation_bytes(pages: list[tuple[str, str]]) -> int:
    """Return the mean size of the glossary definitions appended to an article page."""
    articles = [text for path, text in pages if path.startswith("articles/")]
    sizes = [len("".join(ABBREVIATION_LINE.findall(text)).encode()) for text in articles]
    return round(statistics.mean(sizes)) if sizes else 0


def warm_up(language: str) -> None:
    """Run the pipeline once on a few samples, so loading data and compiling is not counted."""
    with tempfile.TemporaryDirectory() as folder:
        write_corpus(Path(folder), 3)
        generate(Options(Path(folder), language))


def markdown_sizes(pages: Sequence[tuple[str, str]]) -> dict:
    """Return the sizes of the generated Markdown: mean article page and the corpus-wide pages."""
    sizes = {path: len(text.encode()) for path, text in pages}
    articles = [size for path, size in sizes.items() if path.startswith("articles/")]
    entities = {path: size for path, size in sizes.items()
                if path.startswith("entities/") and path != "entities/index.md"}
    largest = max(entities, key=entities.get, default=None)
    others = sorted(((size, path) for path, size in sizes.items() if not path.startswith("articles/")),
                    reverse=True)
    return {
        "article_page_bytes": round(statistics.mean(articles)) if articles else 0,
        "corpus_pages_bytes": {path: sizes[path] for path in CORPUS_PAGES if path in sizes},
        "largest_entity_page": [largest, entities[largest]] if largest else None,
        "largest_pages": [[path, size] for size, path in others[:LARGEST]],
        "total_bytes": sum(sizes.values()),
    }


def measure_incremental(seeds_dir: Path, out_dir: Path, language: str) -> dict:
    """Time a preview rebuild after editing one seed: generate with the same Cache, then write."""
    warm_up(language)
    options, cache = Options(Path(seeds_dir), language), Cache()
    start = time.perf_counter()
    write_pages(Path(out_dir), generate(options, cache)[1], cache.written)
    full = time.perf_counter() - start
    unchanged = median_run([timed_rebuild(options, cache, out_dir) for _ in range(3)])
    rebuilds = []
    for _ in range(EDIT_ROUNDS):
        seed, original = edit_one_seed(Path(seeds_dir))
        try:
            rebuilds.append(timed_rebuild(options, cache, out_dir))
        finally:
            seed.write_bytes(original)
        rebuilds.append(timed_rebuild(options, cache, out_dir))  # undoing the edit is an edit too
    edited = median_run(rebuilds)
    kinds = {name: timed_edits(edit, options, cache, out_dir) for name, edit in EDIT_KINDS.items()}
    return {"full_s": round(full, 4), "unchanged": unchanged, "edited": edited, "edited_seed": seed.name,
            "edited_all_s": [rebuild["seconds"] for rebuild in rebuilds], "kinds": kinds}


def median_run(runs: list[dict]) -> dict:
    """Return the run of median time (the lower of the two middle ones)."""
    median = statistics.median_low(run["seconds"] for run in runs)
    return next(run for run in runs if run["seconds"] == median)


def timed_edits(edit, options, cache, out_dir: Path) -> dict:
    """Apply one kind of edit to three seeds in turn, undoing each; time the rebuild after each change."""
    seeds = sorted(Path(options.seeds_dir).glob("*.txt"))
    rebuilds = []
    for seed in (seeds[len(seeds) // 10], seeds[len(seeds) // 2], seeds[-len(seeds) // 10]):
        undo = edit(seed)
        try:
            rebuilds.append(timed_rebuild(options, cache, out_dir))
        finally:
            undo()
        rebuilds.append(timed_rebuild(options, cache, out_dir))
    times = [rebuild["seconds"] for rebuild in rebuilds]
    return {"median_s": round(statistics.median(times), 4), "max_s": max(times),
            "rewritten": sorted(rebuild["rewritten"] for rebuild in rebuilds)}


def restorer(*paths: Path):
    """Return a function that puts ``paths`` back as they are now (removing those that do not exist)."""
    saved = {path: path.read_bytes() if path.exists() else None for path in paths}

    def restore() -> None:
        for path, data in saved.items():
            if data is None:
                path.unlink(missing_ok=True)
            else:
                path.write_bytes(data)
    return restore


def add_dated_quote(seed: Path):
    """Append a paragraph with a date and a quote: new statements, events and quote comparisons."""
    undo = restorer(seed)
    seed.write_text(seed.read_text(encoding="utf-8") + "\n\nPada 14 Februari 2025, Peskov berkata, "
                    "\"Kami masih harus menyelesaikan rinciannya segera.\"\n", encoding="utf-8")
    return undo


def retitle(seed: Path):
    """Change the headline: the article's slug, and every link to it, change."""
    undo = restorer(seed)
    text = seed.read_text(encoding="utf-8")
    first = text.split("\n", 1)[0]
    seed.write_text(text.replace(first, first + " (diperbarui)", 1), encoding="utf-8")
    return undo


def move_story_date(seed: Path):
    """Give the article another story date in a sidecar: its events and months change."""
    sidecar = seed.with_suffix(".yml")
    undo = restorer(sidecar)
    sidecar.write_text("story_date: 2025-03-20\n", encoding="utf-8")
    return undo


def add_seed(seed: Path):
    """Drop a new report into the folder (a copy of ``seed`` under another headline), first in file order."""
    copy = seed.with_name("00000-" + seed.name)
    undo = restorer(copy)
    text = seed.read_text(encoding="utf-8")
    first = text.split("\n", 1)[0]
    copy.write_text(text.replace(first, "Laporan baru: " + first, 1), encoding="utf-8")
    return undo


EDIT_KINDS = {"dated quote added": add_dated_quote, "headline changed": retitle,
              "story date moved": move_story_date, "new seed": add_seed}


def timed_rebuild(options, cache, out_dir: Path) -> dict:
    """Regenerate with ``cache`` and write; return the time, the stages and the pages rewritten."""
    watch = Stopwatch()
    start = time.perf_counter()
    _, pages = generate(options, cache, watch)
    with watch.stage("write"):
        report = write_pages(Path(out_dir), pages, cache.written)
    return {"seconds": round(time.perf_counter() - start, 4),
            "stages_s": {stage: round(watch.seconds.get(stage, 0.0), 4) for stage in STAGES},
            "rewritten": len(report.written), "rewritten_pages": list(report.written[:20])}


def edit_one_seed(seeds_dir: Path) -> tuple[Path, bytes]:
    """Add a sentence to the longest paragraph of the middle seed, as an editor fixing a typo would."""
    seeds = sorted(seeds_dir.glob("*.txt"))
    path = seeds[len(seeds) // 2]
    original = path.read_bytes()
    text = original.decode("utf-8", errors="replace")
    lines = text.split("\n")
    longest = max(range(len(lines)), key=lambda i: len(lines[i]))
    lines[longest] = lines[longest].rstrip("\r") + " Kalimat ini ditambahkan saat penyuntingan." + (
        "\r" if lines[longest].endswith("\r") else "")
    path.write_bytes("\n".join(lines).encode("utf-8"))
    return path, original


def measure_preview(config: Path, seeds_dir: Path) -> dict:
    """Build the site twice in one process, as ``mkdocs serve`` does, editing one seed in between."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    start = time.perf_counter()
    build(load_config(str(config)))
    first = time.perf_counter() - start
    seed, original = edit_one_seed(Path(seeds_dir))
    try:
        start = time.perf_counter()
        build(load_config(str(config)))
        second = time.perf_counter() - start
    finally:
        seed.write_bytes(original)
    # Undoing the edit is an edit too: rebuild as "mkdocs serve --dirty" does, only the pages the
    # generator rewrote (MkDocs warns that navigation and search may then be incomplete).
    start = time.perf_counter()
    build(load_config(str(config)), dirty=True)
    dirty = time.perf_counter() - start
    return {"first_build_s": round(first, 3), "rebuild_after_edit_s": round(second, 3),
            "dirty_rebuild_after_edit_s": round(dirty, 3)}


# ---------------------------------------------------------------- MkDocs builds


def digest_config(work: Path, seeds_dir: Path, out_dir: Path, language: str,
                  config: Path = ROOT / "mkdocs.yml") -> Path:
    """Write a mkdocs.yml inheriting the project's, with every folder pointed into ``work``."""
    base = yaml.load(config.read_text(encoding="utf-8"), Loader=TolerantLoader) or {}
    docs = work / "docs"
    if not docs.exists():
        shutil.copytree(config.parent / str(base.get("docs_dir") or "docs"), docs)
    data = {"INHERIT": str(config.resolve()), "docs_dir": str(docs), "site_dir": str(work / "site"),
            "plugins": [digest_settings(plugin, seeds_dir, out_dir, language)
                        for plugin in base.get("plugins") or ()]}
    theme = base.get("theme")
    if isinstance(theme, dict) and theme.get("custom_dir"):
        data["theme"] = {"custom_dir": str((config.parent / theme["custom_dir"]).resolve())}
    path = work / "mkdocs.yml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def digest_settings(plugin, seeds_dir: Path, out_dir: Path, language: str):
    """Return a plugins entry, with the digest plugin's folders replaced."""
    if plugin == "digest" or (isinstance(plugin, dict) and "digest" in plugin):
        settings = dict(plugin["digest"] or {}) if isinstance(plugin, dict) else {}
        settings.update(seeds_dir=str(seeds_dir), out_dir=str(out_dir), language=language)
        return {"digest": settings}
    return plugin


def floor_config(work: Path, articles: Sequence[SyntheticArticle], language: str) -> Path:
    """Write a plain MkDocs-Material site of the same articles, unannotated, out of the navigation."""
    docs = work / "docs"
    (docs / "articles").mkdir(parents=True, exist_ok=True)
    (docs / "index.md").write_text("# Floor\n\nThe same articles, without annotations.\n", encoding="utf-8")
    for article in articles:
        text = f"# {article.title}\n\n" + "\n\n".join(article.body) + "\n"
        (docs / "articles" / f"{Path(article.name).stem}.md").write_text(text, encoding="utf-8")
    data = {"site_name": "Floor", "docs_dir": str(docs), "site_dir": str(work / "site"),
            "theme": {"name": "material", "language": language}, "plugins": ["search"],
            "not_in_nav": "/articles/\n", "nav": ["index.md"]}
    path = work / "mkdocs.yml"
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    return path


def run_mkdocs(config: Path) -> dict:
    """Run ``mkdocs build`` on ``config`` in a subprocess; return its time, peak memory and warnings."""
    result = run_child([sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(config)])
    if result.status != 0:
        raise RuntimeError(f"mkdocs build -f {config} failed:\n{result.stderr[-3000:]}")
    warnings = [line for line in result.stderr.splitlines() if line.startswith("WARNING")]
    return {"seconds": round(result.seconds, 3), "cpu_s": result.cpu_s, "peak_rss_mb": result.peak_rss_mb,
            "warnings": len(warnings), "first_warnings": warnings[:3]}


def site_sizes(site: Path) -> dict:
    """Return the sizes of the built HTML: mean article page, corpus pages, search index."""
    articles = [path.stat().st_size for path in (site / "articles").glob("*/index.html")]
    entities = {path.parent.name: path.stat().st_size for path in (site / "entities").glob("*/index.html")}
    largest = max(entities, key=entities.get, default=None)
    pages = {name: (site / name).stat().st_size for name in (
        "index.html", "timeline/index.html", "quotes/index.html", "entities/index.html",
        "glossary/index.html", "report/index.html") if (site / name).is_file()}
    index = site / "search" / "search_index.json"
    others = sorted(((path.stat().st_size, path.relative_to(site).as_posix()) for path in site.rglob("*.html")
                     if path.parts[len(site.parts)] != "articles"), reverse=True)
    return {"article_page_bytes": round(statistics.mean(articles)) if articles else 0,
            "corpus_pages_bytes": pages,
            "largest_entity_page": [largest, entities[largest]] if largest else None,
            "largest_pages": [[path, size] for size, path in others[:LARGEST]],
            "total_html_bytes": sum(path.stat().st_size for path in site.rglob("*.html")),
            "search_index_bytes": index.stat().st_size if index.is_file() else 0}


# ---------------------------------------------------------------- child processes


@dataclass(frozen=True)
class ChildResult:
    status: int
    seconds: float
    peak_rss_mb: float
    stdout: str
    stderr: str
    cpu_s: float = 0.0  # user + system time of the child


def run_child(command: Sequence[str]) -> ChildResult:
    """Run a command, measuring its wall time and its own peak resident memory (wait4)."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        process = subprocess.Popen(command, stdout=out, stderr=err, cwd=ROOT)
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - start
        process.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        return ChildResult(process.returncode, seconds, round(usage.ru_maxrss / 1024, 1),
                           out.read().decode(errors="replace"), err.read().decode(errors="replace"),
                           round(usage.ru_utime + usage.ru_stime, 3))


def run_python_child(function: str, *arguments: str) -> tuple[dict, float]:
    """Call ``function`` of this module in a fresh interpreter; return its JSON result and peak RSS."""
    code = ("import sys, json; from generator import bench; "
            f"print(json.dumps(bench.{function}(*sys.argv[1:])))")
    result = run_child([sys.executable, "-c", code, *arguments])
    if result.status != 0:
        raise RuntimeError(f"bench.{function} failed:\n{result.stderr[-3000:]}")
    return json.loads(result.stdout.strip().splitlines()[-1]), result.peak_rss_mb


def child_generator(seeds_dir: str, out_dir: str, language: str) -> dict:
    """Entry point of the child process that measures the generator."""
    return measure_generator(Path(seeds_dir), Path(out_dir), language)


def child_incremental(seeds_dir: str, out_dir: str, language: str) -> dict:
    """Entry point of the child process that measures an incremental rebuild."""
    return measure_incremental(Path(seeds_dir), Path(out_dir), language)


def child_preview(config: str, seeds_dir: str) -> dict:
    """Entry point of the child process that measures a ``mkdocs serve``-style rebuild."""
    import logging

    logging.getLogger("mkdocs").setLevel(logging.WARNING)
    return measure_preview(Path(config), Path(seeds_dir))


# ---------------------------------------------------------------- one size, all sizes


@dataclass
class BenchOptions:
    """What ``bench`` measures, and where."""

    sizes: tuple[int, ...] = DEFAULT_SIZES
    mkdocs: bool = True
    incremental: bool = False
    keep: Path | None = None
    language: str = "id"
    samples: Path = ROOT / "seeds"
    config: Path = ROOT / "mkdocs.yml"  # the project's mkdocs.yml the digest builds inherit
    progress: object = field(default=None, repr=False)  # callable(str) for progress lines


def bench_size(n: int, work: Path, options: BenchOptions) -> dict:
    """Measure one corpus size in ``work``: generator, MkDocs builds, floor and incremental."""
    say = options.progress or (lambda text: None)
    seeds = work / "seeds"
    say(f"N={n}: writing the synthetic corpus to {seeds}")
    articles = write_corpus(seeds, n, options.samples)
    result = {"n": n, "corpus_bytes": sum(len(a.raw) for a in articles),
              "languages": dict(sorted(Counter(a.language for a in articles).items())),
              "outlets": len({a.outlet for a in articles})}
    say(f"N={n}: generator")
    generator, rss = run_python_child("child_generator", str(seeds), str(work / "generated"),
                                      options.language)
    result["generator"] = dict(generator, peak_rss_mb=rss)
    if options.incremental:
        say(f"N={n}: incremental rebuild")
        incremental, _ = run_python_child("child_incremental", str(seeds), str(work / "incremental"),
                                          options.language)
        result["incremental"] = incremental
    if options.mkdocs:
        result.update(bench_mkdocs(n, work, articles, options))
    return result


def bench_mkdocs(n: int, work: Path, articles: Sequence[SyntheticArticle], options: BenchOptions) -> dict:
    """Build the annotated site and the plain floor site of the same articles with MkDocs."""
    say = options.progress or (lambda text: None)
    site_work = work / "digest-site"
    site_work.mkdir(exist_ok=True)
    config = digest_config(site_work, work / "seeds", site_work / "generated", options.language,
                           options.config)
    say(f"N={n}: mkdocs build (annotated digest)")
    digest = dict(run_mkdocs(config), **site_sizes(site_work / "site"))
    floor_work = work / "floor-site"
    floor_work.mkdir(exist_ok=True)
    say(f"N={n}: mkdocs build (plain floor)")
    floor_cfg = floor_config(floor_work, articles, options.language)
    floor = dict(run_mkdocs(floor_cfg), **site_sizes(floor_work / "site"))
    result = {"mkdocs": digest, "floor": floor,
              "ratio": round(digest["seconds"] / floor["seconds"], 3) if floor["seconds"] else None,
              "cpu_ratio": round(digest["cpu_s"] / floor["cpu_s"], 3) if floor["cpu_s"] else None}
    if options.incremental:
        say(f"N={n}: mkdocs serve-style rebuild after one edit")
        result["preview"], _ = run_python_child("child_preview", str(config), str(work / "seeds"))
    return result


def run_bench(options: BenchOptions) -> dict:
    """Measure every size; return the machine description, the results and the linearity ratios."""
    before, results = machine(), []
    for n in options.sizes:
        if options.keep:
            work = Path(options.keep) / f"n{n}"
            if work.exists():
                shutil.rmtree(work)
            work.mkdir(parents=True)
            results.append(bench_size(n, work, options))
        else:
            with tempfile.TemporaryDirectory(prefix=f"digest-bench-{n}-") as folder:
                results.append(bench_size(n, Path(folder), options))
    return {"machine": dict(before, load_average_end=machine()["load_average"]), "results": results,
            "linearity": linearity(results)}


def machine() -> dict:
    """Describe where the numbers were measured."""
    import platform

    return {"nproc": os.cpu_count(), "python": platform.python_version(), "platform": platform.platform(),
            "load_average": [round(load, 2) for load in os.getloadavg()]}


def linearity(results: Sequence[dict]) -> dict | None:
    """Compare time and bytes per article of the largest size with the smallest (1.0 = linear)."""
    if len(results) < 2:
        return None
    small, large = min(results, key=lambda r: r["n"]), max(results, key=lambda r: r["n"])
    return {"from": small["n"], "to": large["n"],
            "generator_time_per_article": growth(small, large, "generator", "generator_s"),
            "generator_cpu_per_article": growth(small, large, "generator", "generator_cpu_s"),
            "mkdocs_time_per_article": growth(small, large, "mkdocs", "seconds"),
            "mkdocs_cpu_per_article": growth(small, large, "mkdocs", "cpu_s"),
            "article_page_bytes": growth(small, large, "mkdocs", "article_page_bytes", per_article=False),
            "article_markdown_bytes": growth(small, large, "generator", "markdown", "article_page_bytes",
                                             per_article=False)}


def growth(small: dict, large: dict, *keys: str, per_article: bool = True) -> float | None:
    """Return how much a measure (per article, or as it is) grew from ``small`` to ``large``."""
    a, b = dig(large, *keys), dig(small, *keys)
    if not isinstance(a, (int, float)) or not isinstance(b, (int, float)) or not a or not b:
        return None
    return round((a / large["n"]) / (b / small["n"]) if per_article else a / b, 3)


def dig(data: dict, *keys: str):
    """Return data[k1][k2]... or None."""
    for key in keys:
        data = data.get(key) if isinstance(data, dict) else None
    return data


# ---------------------------------------------------------------- the report


def format_report(report: dict) -> str:
    """Return the results as Markdown tables a person can read (and paste into the README)."""
    m = report["machine"]
    parts = [f"Machine: {m['nproc']} cores, Python {m['python']}, {m['platform']}; load average "
             f"{m['load_average'][0]} at the start, {m.get('load_average_end', ['?'])[0]} at the end "
             "(other processes share the cores: compare the CPU columns)", "",
             table(TIME_COLUMNS, report["results"]), "", table(SIZE_COLUMNS, report["results"])]
    if any("incremental" in r for r in report["results"]):
        incremental = [r for r in report["results"] if "incremental" in r]
        parts += ["", table(INCREMENTAL_COLUMNS, incremental), "", table(EDIT_KIND_COLUMNS, incremental)]
    if report.get("linearity"):
        lin = report["linearity"]
        parts += ["", f"Linearity N={lin['from']} -> N={lin['to']} (per article, 1.0 = linear): "
                  f"generator time x{lin['generator_time_per_article']} "
                  f"(CPU x{lin['generator_cpu_per_article']}), "
                  f"mkdocs time x{lin['mkdocs_time_per_article']} (CPU x{lin['mkdocs_cpu_per_article']}), "
                  f"article page bytes x{lin['article_page_bytes']} "
                  f"(Markdown x{lin['article_markdown_bytes']})"]
    largest = max(report["results"], key=lambda r: r["n"])
    parts += ["", f"Largest pages besides articles at N={largest['n']:,}: " + largest_pages(largest)]
    errors = [(r["n"], r["generator"]["errors"], r["generator"]["first_errors"]) for r in report["results"]
              if r["generator"]["errors"]]
    parts += [f"N={n}: {count} articles failed, e.g. {first}" for n, count, first in errors]
    return "\n".join(parts)


def largest_pages(result: dict) -> str:
    """List the largest generated pages (Markdown) and built pages (HTML) of one size."""
    pages = result["generator"]["markdown"]["largest_pages"]
    markdown = ", ".join(f"{path} {kb(size)} KB" for path, size in pages)
    html = dig(result, "mkdocs", "largest_pages")
    built = "; HTML: " + ", ".join(f"{path} {kb(size)} KB" for path, size in html) if html else ""
    return f"Markdown: {markdown}{built}"


def megabytes(value) -> str:
    """Format megabytes."""
    return "-" if value is None else f"{value:,.0f}"


def mb_of_bytes(value) -> str:
    """Format bytes as megabytes."""
    return "-" if value is None else f"{value / 1024 / 1024:,.1f}"


def kb(value) -> str:
    """Format bytes as kilobytes."""
    return "-" if value is None else f"{value / 1024:,.1f}"


def seconds(value) -> str:
    """Format seconds."""
    return "-" if value is None else f"{value:.3f}" if value < 10 else f"{value:.1f}"


TIME_COLUMNS = (
    ("N", lambda r: f"{r['n']:,}"),
    ("read", lambda r: seconds(r["generator"]["stages_s"]["read"])),
    ("ingest", lambda r: seconds(r["generator"]["stages_s"]["ingest"])),
    ("annotate", lambda r: seconds(r["generator"]["stages_s"]["annotate"])),
    ("link", lambda r: seconds(r["generator"]["stages_s"]["link"])),
    ("render", lambda r: seconds(r["generator"]["stages_s"]["render"])),
    ("write", lambda r: seconds(r["generator"]["stages_s"]["write"])),
    ("generator s", lambda r: seconds(r["generator"]["generator_s"])),
    ("(CPU s)", lambda r: seconds(r["generator"]["generator_cpu_s"])),
    ("articles/s", lambda r: f"{r['generator']['articles_per_s']:,.0f}"),
    ("gen. peak MB", lambda r: f"{r['generator']['peak_rss_mb']:,.0f}"),
    ("mkdocs build s", lambda r: seconds(dig(r, "mkdocs", "seconds"))),
    ("(CPU s) ", lambda r: seconds(dig(r, "mkdocs", "cpu_s"))),
    ("floor s", lambda r: seconds(dig(r, "floor", "seconds"))),
    ("(CPU s)  ", lambda r: seconds(dig(r, "floor", "cpu_s"))),
    ("ratio", lambda r: "-" if r.get("ratio") is None else f"{r['ratio']:.2f}"),
    ("(CPU)", lambda r: "-" if r.get("cpu_ratio") is None else f"{r['cpu_ratio']:.2f}"),
    ("mkdocs peak MB", lambda r: megabytes(dig(r, "mkdocs", "peak_rss_mb"))),
)
SIZE_COLUMNS = (
    ("N", lambda r: f"{r['n']:,}"),
    ("article KB (md)", lambda r: kb(r["generator"]["markdown"]["article_page_bytes"])),
    ("article KB (html)", lambda r: kb(dig(r, "mkdocs", "article_page_bytes"))),
    ("floor KB (html)", lambda r: kb(dig(r, "floor", "article_page_bytes"))),
    ("abbr. B/page", lambda r: f"{r['generator']['abbreviations_bytes_per_page']:,}"),
    ("search index MB", lambda r: mb_of_bytes(dig(r, "mkdocs", "search_index_bytes"))),
    ("floor search MB", lambda r: mb_of_bytes(dig(r, "floor", "search_index_bytes"))),
    ("index KB", lambda r: kb(dig(r, "mkdocs", "corpus_pages_bytes", "index.html"))),
    ("timeline KB", lambda r: kb(dig(r, "mkdocs", "corpus_pages_bytes", "timeline/index.html"))),
    ("quotes KB", lambda r: kb(dig(r, "mkdocs", "corpus_pages_bytes", "quotes/index.html"))),
    ("entities KB", lambda r: kb(dig(r, "mkdocs", "corpus_pages_bytes", "entities/index.html"))),
    ("report KB", lambda r: kb(dig(r, "mkdocs", "corpus_pages_bytes", "report/index.html"))),
    ("largest entity KB", lambda r: largest_entity(r)),
)
INCREMENTAL_COLUMNS = (
    ("N", lambda r: f"{r['n']:,}"),
    ("full generate+write s", lambda r: seconds(r["incremental"]["full_s"])),
    ("no change s", lambda r: seconds(r["incremental"]["unchanged"]["seconds"])),
    ("pages rewritten", lambda r: str(r["incremental"]["unchanged"]["rewritten"])),
    ("one seed edited s (median)", lambda r: seconds(r["incremental"]["edited"]["seconds"])),
    ("max s", lambda r: seconds(max(r["incremental"]["edited_all_s"]))),
    ("pages rewritten ", lambda r: str(r["incremental"]["edited"]["rewritten"])),
    ("serve rebuild s", lambda r: seconds(dig(r, "preview", "rebuild_after_edit_s"))),
    ("serve --dirty rebuild s", lambda r: seconds(dig(r, "preview", "dirty_rebuild_after_edit_s"))),
)
# Generator step (generate + write) after other kinds of edit: median (max) of six rebuilds.
EDIT_KIND_COLUMNS = (("N", lambda r: f"{r['n']:,}"),) + tuple(
    (f"{kind} s", lambda r, kind=kind: "{} ({})".format(
        seconds(dig(r, "incremental", "kinds", kind, "median_s")), seconds(dig(r, "incremental", "kinds", kind, "max_s"))))
    for kind in EDIT_KINDS)


def largest_entity(result: dict) -> str:
    """Name the largest entity page and its size (HTML when built, else Markdown)."""
    found = (dig(result, "mkdocs", "largest_entity_page")
             or result["generator"]["markdown"]["largest_entity_page"])
    return f"{found[0]} {kb(found[1])}" if found else "-"


def table(columns, results: Sequence[dict]) -> str:
    """Return a Markdown table with one row per result."""
    rows = [[name for name, _ in columns]] + [[cell(result) for _, cell in columns] for result in results]
    widths = [max(len(row[i]) for row in rows) for i in range(len(columns))]
    lines = ["| " + " | ".join(text.rjust(width) for text, width in zip(row, widths)) + " |" for row in rows]
    lines.insert(1, "|" + "|".join("-" * (width + 1) + ":" for width in widths) + "|")
    return "\n".join(lines)


def run_command(args, settings_options, settings: dict) -> int:
    """The ``bench`` command: measure, print the tables (or JSON), return the exit status."""
    options = BenchOptions(
        sizes=tuple(args.articles or DEFAULT_SIZES), mkdocs=not args.no_mkdocs,
        incremental=args.incremental, keep=Path(args.keep) if args.keep else None,
        language=settings_options.language, samples=Path(settings_options.seeds_dir),
        config=Path(args.config).resolve(),
        progress=lambda text: print(text, file=sys.stderr, flush=True),
    )
    report = run_bench(options)
    print(json.dumps(report, indent=2, ensure_ascii=False) if args.json else format_report(report))
    return 0


def add_arguments(parser) -> None:
    """Add the ``bench`` options to its sub-parser."""
    parser.add_argument("--articles", type=int, nargs="+", metavar="N",
                        help=f"corpus sizes (default: {' '.join(map(str, DEFAULT_SIZES))})")
    parser.add_argument("--json", action="store_true", help="print the results as JSON")
    parser.add_argument("--no-mkdocs", action="store_true", help="time the generator only")
    parser.add_argument("--incremental", action="store_true",
                        help="also time a rebuild after editing one seed (generator and mkdocs serve-style)")
    parser.add_argument("--keep", metavar="DIR", help="keep the corpora and built sites in DIR")
