"""Speakers by full name within an article (generator.speakers), on short made-up articles."""

from __future__ import annotations

import pytest

from conftest import blocks_of
from generator.annotate.quotes import find_quotes
from generator.annotate.speakers import name_speakers


def speakers(text: str) -> list[str | None]:
    blocks = blocks_of(text)
    return [quote.speaker_name for quote in name_speakers(find_quotes(blocks, lambda name: None), blocks)]


@pytest.mark.parametrize("text,expected", [
    ('Menteri Lingkungan Hidup Hanif Faisol Nurofiq mengatakan polusi naik.\n'
     '"Kami akan mengawasi semua pabrik di kawasan ini," kata Hanif.',
     ["Hanif Faisol Nurofiq"]),
    ('Pelatih tim nasional itu, Simon McKenzie, mengaku kecewa dengan hasil laga.\n'
     '"Kami bermain buruk di babak kedua dan harus segera berbenah," ujar McKenzie.',
     ["Simon McKenzie"]),
    ('Direktur PT Sumber Makmur Wulan Kusumaningrum hadir dalam rapat.\n'
     '"Produksi kami naik tajam tahun ini dan ekspor ikut tumbuh," kata Wulan.',
     ["Wulan Kusumaningrum"]),
    ('Menanggapi keputusan itu, Tengku Hasan bin Sultan Mahmud menyebut federasi salah menerapkan aturan.\n'
     '"Keputusan itu tidak berdasar hukum dan sarat motif politik," tulisnya.',
     ["Tengku Hasan bin Sultan Mahmud"]),
    ('Ikatan Pemuda Tani, yang menaungi ribuan petani muda, menolak kebijakan impor beras.\n'
     '"Kebijakan ini merugikan petani kecil di seluruh daerah," kata Ketua Umum Ikatan Pemuda Tani Suryadi.',
     ["Suryadi"]),
    ('"Kami akan membuka lapangan kerja baru di setiap kabupaten," kata Gubernur Jawa Barat Rahmat Suganda.',
     ["Rahmat Suganda"]),
    ('Juru bicara polisi Brigjen Dedi Santosa hadir dalam jumpa pers.\n'
     '"Ada lima akun yang kami pantau sejak pekan lalu," kata Dedi.\n'
     'Lihat juga : Polisi Selidiki Keributan di Asrama Papua Surabaya Dedi menyampaikan penyelidikan masih berjalan.\n'
     '"Kami masih mengumpulkan data dari semua akun itu," ujarnya.',
     ["Dedi Santosa", "Dedi Santosa"]),
], ids=["given-name", "surname", "company-before-the-name", "a-name-and-a-fathers-name",
        "an-organisation-written-on-its-own-before-the-name", "a-province-before-the-name",
        "a-place-glued-before-a-given-name"])
def test_a_short_form_gives_the_full_name(text, expected):
    assert speakers(text) == expected


def test_a_nickname_in_parentheses_gives_the_full_name():
    text = ('Presiden Joko Widodo (Jokowi) meresmikan bendungan itu pada Senin.\n'
            '"Bendungan ini akan mengairi ribuan hektare sawah petani," kata Jokowi.')
    assert speakers(text) == ["Joko Widodo"]


def test_a_pronoun_names_the_subject_introduced_before():
    text = ('Ketua Asosiasi Nelayan, Darsono Wibisono mengatakan harga solar terlalu mahal.\n'
            '"Banyak kapal tidak melaut karena biaya bahan bakar naik terus," kata dia.')
    assert speakers(text) == ["Darsono Wibisono"]


def test_a_role_introduced_once_names_its_holder():
    text = ('Presiden Maria Santos menerima para petani di istana.\n'
            '"Berapa hasil panen bapak tahun ini dibanding tahun lalu?" tanya Presiden.')
    assert speakers(text) == ["Maria Santos"]


def test_an_organisation_speaks_by_its_full_name():
    text = ('Sebuah rudal jatuh di wilayah perbatasan pada Minggu malam.\n'
            '"Satu rudal jatuh di lahan pertanian dan tidak menimbulkan korban," sebut Kementerian Pertahanan Polandia.')
    assert speakers(text) == ["Kementerian Pertahanan Polandia"]


def test_a_description_that_names_nobody_leaves_no_speaker():
    text = ('Presiden Maria Santos bertanya kepada seorang pedagang.\n'
            '"Jualan apa, Pak, dan berapa omzetnya sehari?" tanya Presiden. '
            '"Es batu, Bu, sehari bisa sampai satu juta rupiah," kata pedagang tersebut.')
    assert speakers(text) == ["Maria Santos", None]


def test_two_people_with_the_same_given_name_stay_as_written():
    text = ('Budi Santoso dan Budi Gunadarma hadir dalam sidang itu.\n'
            '"Saya tidak tahu apa-apa soal aliran dana tersebut," kata Budi.')
    assert speakers(text) == ["Budi"]


def test_a_quote_run_on_into_the_next_gets_its_speaker():
    text = ('Presiden Maria Santos menutup acara itu.\n'
            '"Bantuan ini semoga membantu usaha bapak ibu sekalian," "Jangan menyerah walau keadaan sulit," '
            'pungkas Presiden.')
    assert speakers(text) == ["Maria Santos", "Maria Santos"]


@pytest.mark.parametrize("text,expected", [
    ('Ketua Serikat Petani Darsono Wibisono menolak aturan baru itu.\n'
     '"Waktu itu Hendra Gunawan mengatakan iuran ini wajib, padahal kami tidak sanggup," ujar Darsono.\n'
     '"Kami akan terus menolak sampai aturan itu dicabut," tambahnya.',
     ["Darsono Wibisono", "Darsono Wibisono"]),
    ('Putri sang aktor, Larasati Wibowo, bersaksi di pengadilan tentang ayahnya, Hendro Wibowo.\n'
     'Menurut Larasati, Hendro menjadi lebih pendiam sejak kasus itu.\n'
     '"Dia tidak mau makan dan jarang keluar rumah sejak berita itu menyebar," kata dia.',
     ["Larasati Wibowo"]),
    ('"Kami semua hadir untuk mendukung gerakan ini sampai selesai," kata Dimas Prakoso ditemui di lokasi.\n'
     'Rahmat Hidayat, Ketua Umum Ikatan Pemuda Desa menyambut aksi itu dengan gembira.\n'
     '"Gerakan ini harus terus berjalan di setiap desa dan kecamatan," paparnya.',
     ["Dimas Prakoso", "Rahmat Hidayat"]),
    ('Juru bicara partai, Surya Pratama mengkritik Ketua Bambang Wijaya.\n'
     '"Dia tidak siap memimpin partai sebesar ini," ujar Surya.\n'
     'Baginya, Bambang sejak awal bergantung pada dukungan Presiden.\n'
     '"Semua ini karena dia tidak cukup percaya diri," tutur dia.',
     ["Surya Pratama", "Surya Pratama"]),
], ids=["not-a-name-inside-the-quote", "menurut-names-the-speaker-not-the-subject-after-it",
        "the-subject-of-the-paragraph-before", "not-the-subject-of-someone-elses-view"])
def test_a_pronoun_names_the_person_the_text_is_about(text, expected):
    assert speakers(text) == expected


@pytest.mark.parametrize("text,expected", [
    ('Penjaga gawang Rudi Hartono mengatakan laga nanti tidak akan mudah.\n'
     '"Lawan kami bermain cepat dan sulit dihadapi di lini depan," kata kiper utama klub ibu kota tersebut.',
     ["Rudi Hartono"]),
    ('"Latihan hari ini berjalan lancar dan semua pemain sehat," ujar penyerang tim nasional Bagas Saputra.\n'
     '"Kami siap menghadapi lawan berat di laga pertama nanti," sambung pemain asal Malang.',
     ["Bagas Saputra", "Bagas Saputra"]),
    ('Pengusaha tambang Rangga Wirawan meluncurkan partai baru pekan ini.\n'
     '"Kita hidup dalam sistem satu partai, bukan demokrasi," bos perusahaan tambang itu memposting di media sosial.',
     ["Rangga Wirawan"]),
    ('Presiden Maria Santos berbicara soal pertahanan udara.\n'
     'Seorang pejabat senior di kementerian mengakui pasokan rudal terbatas.\n'
     '"Saat ini sulit menemukan rudal karena pesanan menumpuk," kata sumber tersebut.',
     [None]),
], ids=["a-new-description-with-a-demonstrative", "a-description-after-a-continuing-verb",
        "a-description-before-the-verb", "someone-unnamed-brought-in-before"])
def test_a_description_points_back_to_the_person_the_text_is_about(text, expected):
    assert speakers(text) == expected


def test_a_quote_after_an_attribution_clause_keeps_its_speaker():
    text = ('Pengamat politik dari Universitas Harapan, Bayu Prasetyo, menilai kemenangan itu memicu ketegangan.\n'
            '"Kota ini akan diperlakukan lebih keras oleh pemerintah pusat," ujarnya, dikutip dari kantor berita AFP. '
            '"Akan ada semacam pertarungan politik."')
    assert speakers(text) == ["Bayu Prasetyo", "Bayu Prasetyo"]


@pytest.mark.parametrize("text,expected", [
    ('Ketua Dewan Kesenian, Raja Bima Prasetya, membuka pameran itu.\n'
     '"Seniman muda harus diberi ruang untuk tampil di gedung ini," kata Bima.',
     ["Raja Bima Prasetya"]),
    ('Raja Salman menerima para tamu negara di istana.\n'
     '"Kerajaan kami selalu terbuka untuk kerja sama yang adil," kata Salman.',
     ["Salman"]),
    ('Menteri Luar Negeri Israel Bergman mengecam serangan itu.\n'
     '"Kami tidak akan membiarkan ancaman apa pun terhadap warga kami," ujar Bergman.',
     ["Israel Bergman"]),
    ('Perdana Menteri Israel Daniel Avraham menggelar rapat kabinet.\n'
     '"Operasi ini akan terus berlanjut sampai tujuannya tercapai," kata PM Israel Avraham.',
     ["Daniel Avraham"]),
], ids=["a-title-after-a-role-is-a-given-name", "a-title-alone-is-a-title",
        "a-country-before-one-name-is-a-given-name", "a-country-before-a-surname-named-in-full"])
def test_a_title_or_place_that_is_also_a_given_name(text, expected):
    assert speakers(text) == expected


@pytest.mark.parametrize("text,expected", [
    ('Perusahaan makanan Sari Rasa membagikan paket sembako kepada warga desa. '
     'Bantuan diberikan bersama Kepala Pemasaran Sari Rasa, Lestari Wulandari.\n'
     '"Bantuan ini dibagikan kepada warga terdampak di dua desa," jelas dia.',
     ["Lestari Wulandari"]),
    ('Perusahaan makanan Sari Rasa membagikan paket sembako kepada warga desa. '
     'Bantuan diberikan oleh Kepala Pemasaran Sari Rasa, Lestari Wulandari, bersama Ketua RT Bambang Sutrisno.\n'
     '"Bantuan ini dibagikan kepada warga terdampak di dua desa," jelas dia.',
     [None]),
], ids=["the-only-person-introduced", "two-people-introduced"])
def test_a_pronoun_with_no_subject_names_the_only_person_introduced(text, expected):
    assert speakers(text) == expected


@pytest.mark.parametrize("text,expected", [
    ('Kapolres AKBP Budi Santoso memimpin penggerebekan itu pada Selasa pagi.\n'
     'Seorang warga yang enggan disebut namanya mengatakan suara tembakan terdengar sejak subuh.\n'
     '"Kami semua ketakutan dan tidak berani keluar rumah," ujarnya.',
     [None]),
    ('"Harga cabai naik dua kali lipat dalam sepekan ini," kata Ketua RT Bambang Sutrisno.\n'
     '"Kami terpaksa mengurangi belanja untuk kebutuhan dapur," tambah warga lain.',
     ["Bambang Sutrisno", None]),
    ('Budi Santoso, seorang pedagang pasar, mengatakan harga cabai naik tajam.\n'
     '"Sekarang pembeli berkurang drastis sejak awal bulan," ujarnya.',
     ["Budi Santoso"]),
    ('Laksamana Yudi Hartono heran apabila seorang presiden memberi perintah melawan hukum.\n'
     '"Masak presiden memerintahkan melanggar hukum, mana ada," katanya.',
     ["Yudi Hartono"]),
], ids=["someone-unnamed-speaks-last", "another-person-described", "an-apposition-is-no-new-person",
        "a-hypothetical-someone-is-no-new-person"])
def test_someone_unnamed_stays_unnamed(text, expected):
    assert speakers(text) == expected


def test_a_pronoun_after_a_statement_by_someone_unnamed_stays_unnamed():
    text = ('"Harga cabai naik dua kali lipat sepekan ini," kata Ketua RT Bambang Sutrisno.\n'
            '"Kami tidak mau desa kami rusak karena tambang itu," kata seorang warga.\n'
            '"Sawah kami bisa kering kalau sungai tercemar," tambahnya.')
    assert speakers(text) == ["Bambang Sutrisno", None, None]


def test_a_reaction_that_is_said_makes_its_subject_the_speaker():
    text = ('Ketua KPK Firman Hadi diperiksa penyidik pada Senin.\n'
            '"Saya akan kooperatif dan menjawab semua pertanyaan," ujar Firman.\n'
            'Di tempat terpisah, Nur Baswara mengecam proses pemeriksaan itu.\n'
            '"Pemeriksaan ini terlalu lambat dan tertutup," katanya.')
    assert speakers(text) == ["Firman Hadi", "Nur Baswara"]
