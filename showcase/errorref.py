"""The editors' message reference, `docs/errors.md`, checked against the message catalogue.

Owns what each code means and how to fix it, in Indonesian and English, grouped as editors meet
them, and renders the Markdown: `python -m showcase.errorref > docs/errors.md`. The words of the
page's introduction (error, warning, fixed, hint) come from the catalogue itself. Tests prove
that the committed page equals a fresh rendering and that every code of `problems` is explained
exactly once. It decides nothing and prints only when run as a module.
"""
from __future__ import annotations

import sys

from .messages import render
from .problems import PROBLEMS

# (section title, ((codes, Indonesian meaning and fix, English meaning and fix), ...))
SECTIONS: tuple[tuple[str, tuple[tuple[tuple[str, ...], str, str], ...]], ...] = (
    ('Berkas / File (`SRC_`)', (
        (('SRC_ENCODING',), 'file tidak disimpan sebagai UTF-8; simpan ulang: *Save As*, encoding UTF-8',
         'not UTF-8 (Windows-1252/Latin-1); save as UTF-8'),
        (('SRC_UTF16',), 'disimpan sebagai UTF-16 ("Unicode" di Notepad); simpan ulang sebagai UTF-8',
         'saved as UTF-16; save as UTF-8'),
        (('SRC_BOM',), 'tanda BOM di awal file dihapus otomatis',
         'byte-order mark removed for you'),
        (('SRC_CRLF',), 'akhir baris Windows diubah otomatis',
         'Windows line endings normalised'),
        (('SRC_CONTROL_CHAR',), 'karakter tersembunyi di teks; ketik ulang bagian itu',
         'hidden control character; retype that text'),
        (('SRC_EMPTY',), 'file kosong; mulai dengan blok `---`',
         'empty file; start with a `---` block'),
        (('SRC_TOO_LARGE',), 'file terlalu besar; pecah teksnya, jangan tempel foto di teks',
         'file too large; split the text'),
    )),
    ('Blok data / Front matter (`FM_`)', (
        (('FM_MISSING',), 'tidak ada blok `---` di baris pertama',
         'no `---` block at the top'),
        (('FM_UNCLOSED',), 'blok `---` tidak ditutup; tambahkan baris `---` setelah data',
         'block never closed; add a `---` line'),
        (('FM_TOML',), 'blok `+++` (TOML) tidak didukung; pakai `---` dan YAML',
         'TOML front matter; use YAML between `---`'),
        (('FM_TOO_LARGE',), 'blok data terlalu panjang; pindahkan teks ke bawah `---`',
         'front matter too large; move text to the body'),
        (('FM_YAML',), 'penulisan YAML salah: baris tanpa `:`, tanda kutip atau `[` yang tidak ditutup, nilai yang '
                       'diawali `@` atau `` ` `` (beri tanda kutip)',
         'YAML syntax error: a line without `:`, a quote or `[` never closed, a value starting with `@` or a '
         'backtick (quote it)'),
        (('FM_INDENT',), 'indentasi tidak sejajar',
         'indentation does not line up'),
        (('FM_TAB',), 'tab dipakai untuk indentasi; pakai spasi (setiap baris bertab disebut sekaligus)',
         'tab used for indentation; use spaces (every such line is listed at once)'),
        (('FM_UNQUOTED_COLON',), 'ada `:` di dalam nilai; beri tanda kutip: `title: "Kopi: Gayo"`',
         '`:` inside a value; quote the value'),
        (('FM_DUPLICATE_KEY',), 'kolom yang sama ditulis dua kali; hapus salah satu',
         'a field appears twice'),
        (('FM_ALIAS', 'FM_TAG', 'FM_BAD_KEY'), 'fitur YAML lanjutan (`&`, `*`, `!!`) tidak dipakai; tulis `nama: nilai` biasa',
         'advanced YAML not allowed; write `name: value`'),
        (('FM_NOT_MAPPING',), 'harus berupa baris `nama: nilai`',
         'expected `name: value` lines'),
        (('FM_MENU_TARGET',), 'item `navigation` di site.yaml perlu tepat satu dari `url` dan `page`',
         'a menu item needs exactly one of `url` and `page`'),
        (('FM_MENU_URL',), '`url` menu: jalur dari akar situs (`/kegiatan/`) atau alamat lengkap https://',
         'a menu `url` is a path from the site root or a full address'),
        (('FM_UNKNOWN_FIELD',), 'nama kolom tidak dikenal; lihat saran "did you mean" dan [fields.md](fields.md)',
         'unknown field; see the suggestion'),
        (('FM_MISSING_FIELD',), 'kolom wajib tidak ada atau kosong',
         'a required field is missing or empty'),
        (('FM_EMPTY_FIELD',), 'kolom tanpa nilai diabaikan; isi atau hapus barisnya (warna `#...` harus dikutip)',
         'field without a value is ignored'),
        (('FM_NOT_TRANSLATABLE',), 'file `.en.md` hanya boleh berisi kolom teks',
         'a translation sets text fields only'),
        (('FM_TYPE',), 'bentuk nilai salah (daftar vs satu nilai)',
         'wrong shape (list vs single value)'),
        (('FM_NOT_INTEGER',), 'bukan bilangan bulat; harga ditulis `25000`, bukan `25.000` atau `Rp 25.000`',
         'not a whole number; write `25000`'),
        (('FM_NOT_NUMBER',), 'bukan angka (mis. `-4.83`)',
         'not a number'),
        (('FM_RANGE',), 'angka di luar batas (harga harus > 0)',
         'number out of range'),
        (('FM_PRICE_RANGE',), '`price_max` tanpa `price`, atau lebih kecil dari `price`',
         '`price_max` without or below `price`'),
        (('FM_PRICE_HIGH',), 'harga sangat tinggi; kelebihan satu angka nol?',
         'very high price; a digit too many?'),
        (('FM_NOT_BOOL',), 'tulis `true` atau `false`',
         'write `true` or `false`'),
        (('FM_DATE_FORMAT',), 'tanggal ditulis `YYYY-MM-DD`, mis. `2026-09-24`',
         'date must be `YYYY-MM-DD`'),
        (('FM_DATE_INVALID',), 'tanggal tidak ada (mis. 31 Februari)',
         'no such date'),
        (('FM_CHOICE',), 'nilai tidak termasuk pilihan; lihat daftar di hint',
         'value not among the choices'),
        (('FM_BAD_SLUG',), 'slug hanya huruf kecil a-z, angka dan `-`',
         'slug must be a-z, 0-9 and `-`'),
        (('FM_BAD_ALIAS',), 'alamat lama (`aliases`) bukan slug atau jalur dari akar situs',
         'an old address (`aliases`) is neither a slug nor a path from the site root'),
        (('FM_PHONE',), 'bukan nomor Indonesia; tulis dalam tanda kutip `"0812-3456-7890"` (WhatsApp: nomor HP)',
         'not an Indonesian (mobile) number'),
        (('FM_EMAIL', 'FM_HANDLE', 'FM_COLOR'), 'e-mail, akun Instagram (tanpa @) atau warna `"#8a3b12"` salah tulis',
         'malformed e-mail, handle or colour'),
        (('FM_URL', 'FM_URL_HTTP'), 'alamat web harus lengkap `https://…`; `http://` diberi peringatan (`FM_URL_HTTP`), kecuali tautan toko daring (`marketplaces[].url`): di sana `http://`, `mailto:` dan `tel:` adalah kesalahan (`FM_URL`), ganti dengan `https://`',
         'use a full https:// address; `http://` is a warning (`FM_URL_HTTP`) except in marketplace links (`marketplaces[].url`), which must be https:// (`http://` there is the error `FM_URL`)'),
        (('FM_TOO_LONG', 'FM_LONG_TEXT'), 'teks terlalu panjang untuk kolom ini; persingkat atau pindahkan ke teks halaman',
         'text too long for the field'),
        (('FM_SMART_QUOTES',), 'tanda kutip miring “…” ikut jadi teks; pakai `"` biasa',
         'curly quotes become part of the text'),
        (('FM_HTML_IN_TEXT',), 'HTML di kolom teks tampil apa adanya',
         'HTML in a text field is shown as text'),
        (('FM_INVISIBLE_CHAR', 'FM_NBSP'), 'karakter tak terlihat (sering dari WhatsApp/Word); ketik ulang',
         'invisible character (pasted); retype'),
    )),
    ('Isi folder / Content layout (`CT_`) dan rujukan / references (`REF_`)', (
        (('CT_NO_CONTENT',), 'folder `content/` tidak ada; jalankan dari folder situs atau pakai `--content`',
         'content folder not found'),
        (('CT_DUPLICATE_SLUG',), 'dua file menghasilkan alamat yang sama; ganti nama salah satu atau beri `slug:`',
         'two files give one slug'),
        (('CT_BAD_SLUG',), 'nama file tidak bisa jadi alamat (huruf non-Latin, nama khusus); beri `slug:`',
         'file name gives no usable slug'),
        (('CT_CASE_COLLISION',), 'nama file hanya beda huruf besar/kecil',
         'names differ only in case'),
        (('CT_ORPHAN_TRANSLATION',), '`.en.md` tanpa file Indonesia di sebelahnya',
         'translation without the Indonesian file'),
        (('CT_LANGUAGE',), 'bahasa file tidak ada di `languages` site.yaml',
         'language not in site.yaml'),
        (('CT_STRAY',), 'file tidak dibaca (mis. `.docx`, `.MD`)',
         'file is not read nor published'),
        (('CT_SYMLINK',), 'tautan simbolik tidak diikuti',
         'symbolic links are not followed'),
        (('REF_UNKNOWN',), 'slug wilayah/kategori/UMKM/halaman tidak ada; pakai nama file di folder itu',
         'unknown region/category/maker/page slug'),
        (('REF_MENU_LINK',), '`url` di `navigation` (site.yaml) menuju halaman yang tidak ada',
         'a menu `url` leads to no page of the site'),
        (('REF_NOT_CANONICAL',), 'slug ditulis berbeda (huruf besar, aksen); tulis persis seperti saran',
         'slug written differently'),
        (('REF_UNKNOWN_DISTRICT',), 'kecamatan tidak ada di daftar `districts` wilayahnya',
         'district not listed for the region'),
        (('ORDER_NO_WHATSAPP',), 'tidak ada nomor WhatsApp untuk pesanan; isi `whatsapp:` UMKM atau `contact` situs',
         'no WhatsApp number to order from'),
        (('CERT_EXPIRED',), 'izin sudah lewat `valid_until`; lencana disembunyikan sampai diperbarui',
         'licence expired; badge hidden'),
        (('ROUTE_COLLISION',), 'dua halaman menulis file yang sama; ganti slug salah satu',
         'two pages write one file'),
        (('ANALYTICS_SITE_ID',), '`analytics` (site.yaml) Plausible/Umami perlu `site_id`',
         '`analytics` with Plausible or Umami needs `site_id`'),
        (('ANALYTICS_ENDPOINT',), '`analytics.url` bukan alamat penerima peristiwa layanannya (`/count`, `/api/event`, '
                                  '`/api/send`); hitungan bisa hilang',
         '`analytics.url` is not the service\'s event endpoint; counts may be lost'),
        (('CMS_REPO',), '`cms.repo` di site.yaml harus `pemilik/nama`',
         '`cms.repo` must be owner/name'),
    )),
    ('Varian, ketersediaan, grosir / Variants, availability, wholesale (`MK_`)', (
        (('MK_VARIANT_PRICE',), '`price` ditulis bersama `variants`; tulis harga di setiap varian',
         '`price` beside `variants`; price each variant'),
        (('MK_SKU_TWICE',), 'dua varian memakai sku yang sama', 'two variants share one sku'),
        (('MK_LEAD_TIME',), '`pre-order` perlu `lead_time_days` (lama pembuatan, dalam hari)',
         '`pre-order` needs `lead_time_days`'),
        (('MK_MONTHS',), '`musiman` perlu `months` (bulan tersedia, 1-12)', '`musiman` needs `months`'),
        (('MK_UNUSED',), '`lead_time_days` atau `months` tanpa `availability` yang memakainya',
         '`lead_time_days` or `months` without the availability that uses it'),
        (('MK_WHOLESALE_ORDER',), 'tingkat grosir tidak urut dari `min_qty` terkecil',
         'wholesale tiers out of order'),
        (('MK_WHOLESALE_NO_PRICE',), 'harga grosir tanpa harga satuan', 'wholesale without a unit price'),
        (('MK_WHOLESALE_HIGH',), 'harga grosir tidak lebih murah dari harga satuan',
         'wholesale price not below the unit price'),
        (('MK_VARIANT_TRANSLATION',), 'terjemahan menyebut sku varian yang tidak ada',
         'translation names an unknown variant sku'),
        (('MK_VARIANT_COUNT',), 'jumlah nama varian di terjemahan berbeda dari file Indonesia',
         'translation has a different number of variants'),
    )),
    ('Feed Google dan Meta / Catalogue feeds (`FEED_`)', (
        (('FEED_NO_PRICE',), 'produk tanpa harga tidak masuk feed; Google dan Meta mewajibkan harga',
         'no price: left out of the feeds'),
        (('FEED_NO_BASE_URL',), 'feed hanya dibuat bila `base_url` di site.yaml dimulai `https://`',
         'feeds need an https `base_url`'),
        (('FEED_DUPLICATE_ID',), 'dua produk memakai sku yang sama; id di feed harus unik',
         'two products share one sku'),
    )),
    ('Foto / Photos (`IMG_`)', (
        (('IMG_MISSING',), 'foto tidak ditemukan; letakkan di folder yang sama, tulis namanya persis',
         'photo not found beside the file'),
        (('IMG_CASE',), 'nama foto beda huruf besar/kecil; tulis persis',
         'name differs in case'),
        (('IMG_PATH_ESCAPE',), 'jalur foto keluar dari `content/`',
         'path leaves content/'),
        (('IMG_EMPTY_ALT',), '`alt` kosong; jelaskan isi foto untuk tunanetra',
         'empty alt text'),
        (('IMG_HEIC',), 'format iPhone HEIC; ekspor sebagai JPEG (Kamera > Format > Paling Kompatibel)',
         'HEIC; export as JPEG'),
        (('IMG_SVG', 'IMG_UNSUPPORTED'), 'format tidak diterima; pakai JPEG atau PNG',
         'format not accepted'),
        (('IMG_NOT_IMAGE', 'IMG_EMPTY', 'IMG_LFS_POINTER'), 'file bukan foto (halaman web, teks, kosong, penunjuk Git LFS)',
         'not a photo'),
        (('IMG_TRUNCATED', 'IMG_UNREADABLE'), 'foto rusak atau tak terbaca; ekspor ulang',
         'damaged or unreadable'),
        (('IMG_FORMAT_MISMATCH',), 'isi dan akhiran nama tidak cocok (PNG bernama .jpg)',
         'content and extension differ'),
        (('IMG_FILE_SIZE', 'IMG_TOO_LARGE'), 'foto terlalu besar; perkecil ke ±3000 px',
         'file or pixel count too large'),
        (('IMG_SMALL',), 'foto terlalu kecil, akan buram; pakai minimal 480 px lebar',
         'too small, will look blurred'),
        (('IMG_ASPECT',), 'bentuk terlalu panjang/tinggi; potong',
         'unusual shape; crop it'),
        (('IMG_ANIMATED',), 'animasi: hanya bingkai pertama',
         'only the first frame is published'),
        (('IMG_CHANGED', 'IMG_PROCESS', 'IMG_WRITE'), 'foto berubah saat build atau gagal diproses/ditulis; jalankan lagi',
         'changed or failed during the build; run again'),
    )),
    ('Teks / Body (`MD_`) dan templat / templates (`TPL_`)', (
        (('MD_BROKEN_LINK',), 'tautan ke halaman yang tidak ada; tulis mis. `/produk/abon-bandeng/`',
         'link to a page that does not exist'),
        (('MD_UNSAFE_HTML', 'MD_UNSAFE_LINK'), 'HTML/tautan berbahaya dihapus; pakai Markdown dan `https://`',
         'unsafe HTML or link removed'),
        (('MD_COMMENT',), 'komentar HTML dihapus (tetap terlihat di repositori)',
         'HTML comment removed'),
        (('MD_EXTERNAL_IMAGE',), 'foto dari situs lain; simpan fotonya di `content/`',
         'photo from another site'),
        (('MD_COMPONENT_UNKNOWN', 'MD_COMPONENT_UNCLOSED', 'MD_COMPONENT_ARGUMENT', 'MD_COMPONENT_OPTION'),
         'blok komponen (```video```, ```gallery```, ```map```, ```product```) salah tulis; lihat '
         '[content.md](content.md#komponen--components)',
         'a component block is misspelt, unclosed, empty or has an unknown line'),
        (('MD_PRODUCT_UNKNOWN',), '```product``` menyebut slug produk yang tidak ada',
         '```product``` names a product that does not exist'),
        (('MD_VIDEO_URL',), 'alamat video bukan YouTube, TikTok atau Instagram yang dikenali',
         'not a YouTube, TikTok or Instagram video address'),
        (('MD_VIDEO_THUMBNAIL',), 'gambar sampul YouTube tidak bisa diambil saat build; tambahkan `poster:`',
         'the YouTube thumbnail could not be fetched at build time; add `poster:`'),
        (('MD_GALLERY_LINE', 'MD_GALLERY_ALT'), 'baris ```gallery``` harus `![keterangan](foto.jpg)`, keterangan wajib',
         'each ```gallery``` line is `![alt text](photo.jpg)`, alt text required'),
        (('MD_MAP_COORDS', 'MD_MAP_ZOOM'), 'titik atau zoom ```map``` di luar batas',
         '```map``` place or zoom out of range'),
        (('MD_TIMEOUT',), 'teks terlalu rumit untuk diproses; sederhanakan',
         'text took too long to render'),
        (('MD_TOO_DEEP',), 'daftar atau kutipan (`>`) bertingkat terlalu dalam; kurangi tingkatnya',
         'lists or quotes nested too deeply'),
        (('TPL_SYNTAX', 'TPL_RENDER', 'TPL_RENDER_MANY', 'TPL_MISSING'), 'kesalahan di templat (untuk pengembang, lihat [templates.md](templates.md))',
         'template problems, for developers'),
        (('PAGE_GONE',), 'halaman produk atau UMKM yang sudah terbit hilang tanpa `aliases`; kode QR lama menuju halaman '
                         'yang tidak ada (peringatan saat build; galat pada `check --strict --changed-since`, yang '
                         'membandingkan dengan isi pada REF)',
         'a published product or maker page is gone with no `aliases`; old QR codes lead nowhere (a warning in a '
         'build; an error in `check --strict --changed-since`, which compares with the content at REF)'),
        (('ROUTE_REDIRECTS_LIMIT',), '`_redirects` (pilihan `redirects:` di site.yaml) penuh: alamat lama sisanya '
                                     'dialihkan oleh halaman pengalih saja',
         '`_redirects` (`redirects:` in site.yaml) is full: the remaining old addresses lead on through their '
         'redirect pages only'),
        (('PAGE_VIEW',), 'sebuah halaman tidak bisa disusun dari isinya (untuk pengembang; pesannya menyebut halaman dan '
                         'file asalnya)',
         'a page could not be assembled from its content (for developers; the message names the page and its file)'),
        (('THEME_MISSING', 'THEME_ASSET'), 'tema bawaan showcase tidak lengkap; pasang ulang showcase',
         'the built-in theme is incomplete; reinstall showcase'),
    )),
    ('Kegiatan dan program / Activities and programmes', (
        (('FM_DATETIME_FORMAT',), 'waktu acara ditulis `YYYY-MM-DD HH:MM` (waktu setempat) atau tanggal saja',
         'event times are `YYYY-MM-DD HH:MM` (local) or a date alone'),
        (('FM_TIMEZONE',), 'zona waktu tidak dikenal; tulis Asia/Jakarta, Asia/Makassar atau Asia/Jayapura',
         'unknown time zone; write Asia/Jakarta, Asia/Makassar or Asia/Jayapura'),
        (('FM_END_FORM',), '`start` dan `end` harus sama-sama tanggal saja, atau sama-sama tanggal dan jam',
         '`start` and `end` must both be dates, or both date and time'),
        (('FM_END_BEFORE_START',), 'acara berakhir sebelum dimulai; periksa `start` dan `end`',
         'the event ends before it starts'),
        (('CT_SLUG_CLASH',), 'berita dan acara memakai nama yang sama di /kegiatan/; ganti nama salah satunya',
         'a news item and an event share one address under /kegiatan/'),
        (('CT_RESERVED_SLUG',), 'halaman memakai nama bagian situs (`kegiatan`, `program`, `jejaring`, ...); beri '
                                '`slug:` lain',
         'a page takes the name of a section of the site; give it another `slug:`'),
        (('FM_COHORT_DATES',), 'angkatan program berakhir sebelum dimulai; periksa `start` dan `end`',
         'a programme cohort ends before it starts'),
    )),
    ('Jejaring / Partner network (`NET_`)', (
        (('NET_MISSING', 'NET_STALE'), 'salinan katalog mitra belum ada atau sudah lama; jalankan '
                                       '`showcase partners update`', 'no or an old copy of a partner catalogue'),
        (('NET_UNREACHABLE', 'NET_SCHEME', 'NET_TOO_LARGE'), 'katalog mitra tidak bisa atau tidak boleh diambil '
                                                             '(alamat, https, ukuran); salinan terakhir tetap dipakai',
         'a partner catalogue could not or may not be fetched; the last copy stays'),
        (('NET_NOT_JSON', 'NET_SCHEMA'), 'katalog mitra bukan katalog.json yang sah; minta mitra membangun ulang',
         'a partner catalogue is not a valid katalog.json'),
        (('NET_PRODUCT_INVALID', 'NET_PRODUCT_MARKUP', 'NET_PRODUCT_LINK', 'NET_IMAGE_LINK'),
         'satu produk mitra tidak sesuai skema, berisi HTML atau tautan selain https; produk atau fotonya dilewati',
         'a partner product is invalid, holds HTML or a non-https link; it (or its photo) is left out'),
    )),
)


def codes() -> set[str]:
    """Every code the catalogue has (variants share their code)."""
    return {key.partition(".")[0] for key in PROBLEMS}


def _words(lang: str) -> dict[str, str]:
    return {level: render(lang, f"level.{level}") for level in ("error", "warning", "fixed", "hint")}


def render_page() -> str:
    i, e = _words("id"), _words("en")
    lines = [
        "# Arti pesan kesalahan / What each message means",
        "",
        "*Dibuat otomatis dari `showcase/errorref.py` dan katalog pesan (`showcase/problems.py`); jangan",
        "diubah dengan tangan. Generated: `python -m showcase.errorref > docs/errors.md`.*",
        "",
        f"Setiap pesan berbentuk `file:baris:kolom: {i['error']}|{i['warning']}: kolom: pesan [KODE]` lalu "
        f"`{i['hint']}:`",
        f"(cara memperbaiki). **{i['error']}** menghentikan build (situs lama tetap tayang); **{i['warning']}** "
        "hanya",
        "dicatat, kecuali dengan `--strict` (pada pull request: hanya di file yang diubah, lihat",
        f"`--changed-since`); **{i['fixed']}** sudah diperbaiki otomatis. Pesan ditulis dalam bahasa pertama di",
        "`languages` site.yaml, atau sesuai `--lang id|en`; kodenya sama di kedua bahasa. Periksa semua",
        "sekaligus tanpa build: `showcase check`.",
        "",
        f"Every message reads `file:line:col: {e['error']}|{e['warning']}: field: message [CODE]` then "
        f"`{e['hint']}:` (the",
        f"fix). An **{e['error']}** stops the build and the previous site stays online; a **{e['warning']}** is "
        "listed,",
        "and fails only with `--strict` (on pull requests: only in the files changed, see `--changed-since`);",
        f"**{e['fixed']}** was repaired for you. Messages are in the first language of site.yaml's",
        "`languages`, or as `--lang id|en` says; the codes are the same in both.",
    ]
    for title, rows in SECTIONS:
        lines += ["", f"## {title}", "", "| kode | arti dan perbaikan | meaning and fix |", "|---|---|---|"]
        for row_codes, indonesian, english in rows:
            lines.append(f"| {', '.join(f'`{c}`' for c in row_codes)} | {indonesian} | {english} |")
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    sys.stdout.write(render_page())
