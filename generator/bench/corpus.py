"""The synthetic corpus: N raw articles recombined from the sample seeds, with their sidecars,
entities.yml and glossary.yml.

The corpus recombines the sentences of the sample seeds with synthetic outlets' layouts (headers,
bylines, datelines, ads, "baca juga" lines, footers), people, roles, places, dates and quotes, so that
cleaning, metadata, entities, quotes, dates, linking and rendering all have real work. Article ``i`` is
the same whatever N is, and its story date is ``i // ARTICLES_PER_DAY`` days after ``START_DATE``:
a larger digest is a story followed for longer, at the same density, so per-article costs compare.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import random
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Sequence

import yaml

from ..core.knowledge import load_outlets
from ..ingest.article import ingest
from ..ingest.seeds import read_seed_folder

ROOT = Path(__file__).resolve().parent.parent.parent  # the project: seeds/, mkdocs.yml
START_DATE = dt.date(2025, 1, 6)
ARTICLES_PER_DAY = 8  # about eight outlets follow the story every day


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
