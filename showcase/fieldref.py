"""The editors' field reference, generated from `schema.SCHEMAS` so it cannot drift from validation.

Owns the Indonesian description of every field (also used by `scaffold` for the comments of a
new file) and renders the Markdown of `docs/fields.md`: `python -m showcase.fieldref >
docs/fields.md`. A test compares the committed file with a fresh rendering. It never validates
anything; the schema does.
"""
from __future__ import annotations

import sys

from .schema import SCHEMAS, Field, translation_fields

KINDS = {  # kind -> (Indonesian label, English label, where the files live)
    "product": ("Produk", "Product", "content/products/**/<slug>.md"),
    "maker": ("UMKM / IKM", "Maker", "content/makers/<slug>.md"),
    "region": ("Wilayah", "Region", "content/regions/<slug>.md"),
    "category": ("Kategori", "Category", "content/categories/<slug>.md"),
    "gallery": ("Gerai", "Gallery / outlet", "content/galleries/<slug>.md"),
    "page": ("Halaman", "Page", "content/pages/<slug>.md"),
    "news": ("Berita", "News item", "content/news/<slug>.md"),  # activities (issue 14)
    "event": ("Acara", "Event", "content/events/<slug>.md"),  # activities (issue 14)
    "program": ("Program", "Programme", "content/programs/<slug>.md"),  # programmes (issue 14)
    "site": ("Pengaturan situs", "Site settings", "content/site.yaml"),
}

TYPES = {  # type -> (Indonesian, English)
    "str": ("teks", "text"), "slugtext": ("nama alamat", "URL name"), "slug": ("slug", "slug"),
    "int": ("bilangan bulat", "whole number"), "float": ("bilangan desimal", "decimal number"),
    "bool": ("true / false", "true / false"), "date": ("tanggal YYYY-MM-DD", "date YYYY-MM-DD"),
    "choice": ("pilihan", "choice"), "phone": ("nomor telepon", "phone number"),
    "email": ("e-mail", "e-mail"), "url": ("alamat web", "web address"),
    "handle": ("nama akun", "account name"), "color": ("warna", "colour"),
    "image": ("foto", "photo"), "list": ("daftar", "list"), "record": ("kelompok kolom", "group of fields"),
    "text": ("teks, atau {id: …, en: …}", "text, or {id: …, en: …}"),
    "alias": ("slug lama atau /jalur/", "old slug or /path/"),
    "menulink": ("tujuan menu {label, url} atau {label, page}", "menu item {label, url} or {label, page}"),
    "siteurl": ("/jalur/ situs ini atau https://…", "/path/ of this site or https://…"),
    # activities (issue 14)
    "datetime": ('waktu setempat "YYYY-MM-DD HH:MM", atau tanggal saja', 'local time "YYYY-MM-DD HH:MM", or a date'),
    "timezone": ("zona waktu, mis. Asia/Makassar", "time zone, e.g. Asia/Makassar"),
}

# (Indonesian, English) descriptions: "kind.field" first, then "parent.field", then the name.
DESCRIPTIONS: dict[str, tuple[str, str]] = {
    "slug": ("nama di alamat web; bila kosong, diambil dari nama file", "URL name; default: the file name"),
    "aliases": ("alamat lama yang tetap menuju halaman ini setelah file atau slug diganti (kode QR yang sudah "
                "dicetak, tautan yang sudah dibagikan): slug lama, atau jalur dari akar situs seperti /promo/bandeng/",
                "old addresses that still lead here after the file or slug was renamed (QR codes already printed, "
                "links already shared): an old slug, or a path from the site's root such as /promo/bandeng/"),
    "title": ("judul yang tampil di halaman", "title shown on the page"),
    "name": ("nama lengkap", "full name"),
    "short_name": ("nama singkat, misalnya Pangkep", "short name, e.g. Pangkep"),
    "province": ("nama provinsi", "province"),
    "kind": ("kabupaten atau kota", "kabupaten (regency) or kota (city)"),
    "code": ("kode wilayah Kemendagri, dalam tanda kutip", "Kemendagri region code, in quotes"),
    "districts": ("daftar kecamatan", "list of kecamatan (districts)"),
    "cover": ("foto sampul, di folder yang sama", "cover photo, in the same folder"),
    "summary": ("ringkasan satu-dua kalimat untuk daftar dan mesin pencari", "one or two sentences for lists and search engines"),
    "location": ("titik peta: lat dan lon", "map point: lat and lon"),
    "location.lat": ("lintang, misalnya -4.83", "latitude"),
    "location.lon": ("bujur, misalnya 119.55", "longitude"),
    "order": ("urutan tampil; angka kecil lebih dulu", "display order; smaller first"),
    "region": ("slug wilayah (nama file di content/regions/)", "region slug (file name in content/regions/)"),
    "product.region": ("slug wilayah; bila kosong, wilayah UMKM-nya", "region slug; default: the maker's region"),
    "district": ("kecamatan; harus salah satu kecamatan wilayahnya", "kecamatan; one of the region's districts"),
    "whatsapp": ("nomor WhatsApp untuk pesanan, dalam tanda kutip", "WhatsApp number for orders, in quotes"),
    "phone": ("nomor telepon, dalam tanda kutip", "phone number, in quotes"),
    "email": ("alamat e-mail", "e-mail address"),
    "instagram": ("nama akun Instagram tanpa @", "Instagram handle without @"),
    "website": ("alamat situs web lengkap dengan https://", "full web address with https://"),
    "address": ("alamat lengkap", "full address"),
    "since": ("tahun mulai usaha", "year the business started"),
    "logo": ("file logo, di folder yang sama", "logo file, in the same folder"),
    "marketplaces": ("toko daring: daftar {name, url}", "online shops: list of {name, url}"),
    "marketplace.name": ("nama toko daring, misalnya Tokopedia", "online shop name"),
    "marketplace.url": ("alamat toko daring, harus https://", "online shop address, https:// only"),
    "category": ("slug kategori (nama file di content/categories/)", "category slug (file name in content/categories/)"),
    "maker": ("slug UMKM pembuat (nama file di content/makers/)", "maker slug (file name in content/makers/)"),
    "price": ("harga dalam rupiah, angka saja: 45000 (bukan 45.000 atau Rp 45.000)", "price in rupiah, digits only"),
    "price_max": ("harga tertinggi bila harganya rentang; tidak boleh lebih kecil dari price", "upper end of a price range; not below price"),
    "unit": ("satuan atau isi kemasan, misalnya 250 g", "unit or pack size"),
    "images": ("foto produk: nama file di folder yang sama dan alt (keterangan foto)", "product photos: file beside this one and alt text"),
    "tags": ("kata kunci, misalnya [bandeng, oleh-oleh]", "keywords"),
    "certifications": ("izin dan sertifikat: daftar {type, number, valid_until}", "licences: list of {type, number, valid_until}"),
    "certification.type": ("jenis izin", "licence type"),
    "certification.number": ("nomor izin, dalam tanda kutip", "licence number, in quotes"),
    "certification.valid_until": ("berlaku sampai; sesudah tanggal ini halaman produk menandainya sudah habis masa berlakunya, dan katalog cetak tidak mencantumkannya",
                                  "valid until; afterwards the product page marks it as expired and the printable catalogue leaves it out"),
    "featured": ("true agar tampil di halaman depan", "true to show on the home page"),
    "draft": ("true agar belum diterbitkan", "true to keep it unpublished"),
    "date": ("tanggal terbit; yang terbaru tampil lebih dulu", "publication date; newest first"),
    "menu": ("posisi di menu navigasi; kosong berarti tidak di menu", "position in the navigation; absent = not in the menu"),
    "src": ("nama file foto, di folder yang sama", "photo file, beside this one"),
    "alt": ("apa yang terlihat di foto, untuk pembaca yang tidak melihatnya", "what the photo shows, for readers who cannot see it"),
    "focus": ("bagian foto yang tetap terlihat bila kartu memotongnya: top (atas), bottom (bawah), left (kiri), "
              "right (kanan), center (tengah, bawaan) atau gabungan seperti top left; foto utama produk selalu "
              "tampil utuh", "the part of the photo kept in view when a card crops it; the product's main photo "
              "is always shown whole"),
    "site.title": ("judul situs; satu teks, atau per bahasa {id: …, en: …}", "site title; one text, or one per language {id: …, en: …}"),
    "tagline": ("slogan di bawah judul situs; satu teks, atau per bahasa {id: …, en: …}", "line under the site title; one text, or one per language"),
    "description": ("deskripsi situs untuk mesin pencari dan kaki halaman; satu teks, atau per bahasa {id: …, en: …}",
                    "site description for search engines and the footer; one text, or one per language"),
    "base_url": ("alamat publik situs, misalnya https://example.org/galeri/", "public address of the site"),
    "languages": ("bahasa situs: [id, en]", "site languages"),
    "organisation": ("nama lembaga pengelola, di hak cipta; satu teks, atau per bahasa {id: …, en: …}",
                     "publishing organisation, in the copyright line; one text, or one per language"),
    "contact": ("kontak situs: whatsapp, phone, email, address", "site contact: whatsapp, phone, email, address"),
    "theme_color": ("warna utama, dalam tanda kutip", "main colour, in quotes"),
    "price_warn_above": ("harga di atas angka ini diberi peringatan", "prices above this are a warning"),
    "images.widths": ("lebar foto yang dibuat, dalam piksel", "photo widths made, in pixels"),
    "images.formats": ("format foto yang dibuat", "photo formats made"),
    "images.quality": ("mutu kompresi per format (1-100)", "compression quality per format (1-100)"),
    "site.images": ("pengaturan foto: widths, formats, quality", "photo settings: widths, formats, quality"),
    "cms": ("penyunting web Decap CMS di /admin/: enabled, repo, branch, auth_url",
            "Decap CMS web editor at /admin/: enabled, repo, branch, auth_url"),
    "cms.enabled": ("true agar halaman /admin/ dibuat", "true to emit /admin/"),
    "cms.repo": ("repositori GitHub pemilik/nama", "GitHub repository owner/name"),
    "cms.branch": ("cabang yang diubah penyunting", "branch the editors commit to"),
    "cms.auth_url": ("alamat layanan OAuth untuk masuk dengan akun GitHub (README: Web editor)",
                     "address of the OAuth provider for GitHub login (README: Web editor)"),
    # -- activities (issue 14) --
    "tz": ("zona waktu acara di wilayah ini: Asia/Jakarta (WIB), Asia/Makassar (WITA), Asia/Jayapura (WIT); "
           "bila kosong, `timezone` di site.yaml", "time zone of the region's events; default: site.yaml's `timezone`"),
    "timezone": ("zona waktu acara yang wilayahnya tidak punya `tz`; bawaan Asia/Jakarta",
                 "time zone of events whose region sets no `tz`; default Asia/Jakarta"),
    "news.date": ("tanggal berita; daftar kegiatan mengurutkan yang terbaru lebih dulu", "date of the news item"),
    "news.images": ("foto berita: nama file dan alt", "photos: file and alt text"),
    "event.images": ("foto acara: nama file dan alt", "photos: file and alt text"),
    "regions": ("slug wilayah yang diberitakan: [pangkep, soppeng]", "region slugs the news is about"),
    "makers": ("slug UMKM yang terlibat: [mattiro-sompe]", "maker slugs taking part"),
    "products": ("slug produk terkait: [bandeng-presto]", "related product slugs"),
    "event.type": ("jenis acara: pameran, bazar, pelatihan, kunjungan, lainnya", "kind of event"),
    "start": ('mulai, waktu setempat wilayahnya: "2026-11-20 09:00" (tanggal saja = sepanjang hari)',
              "start, local time of its region (a date alone = all day)"),
    "end": ('selesai, bentuknya sama dengan start; bila kosong, akhir hari mulai (acara tanggal saja) atau saat mulai',
            "end, in the same form as start; default: the end of the start day, or the start"),
    "event.region": ("slug wilayah tempat acara; zona waktunya dari `tz` wilayah itu",
                     "region slug of the venue; its `tz` gives the time zone"),
    "venue": ("tempat acara: name dan address", "venue: name and address"),
    "venue.name": ("nama tempat", "venue name"),
    "venue.address": ("alamat tempat", "venue address"),
    "registration": ("tautan pendaftaran, harus https://", "registration link, https:// only"),
    "status": ("scheduled (terjadwal, bawaan), cancelled (batal) atau postponed (ditunda)",
               "scheduled (default), cancelled or postponed"),
    "badge": ('nama singkat program di halaman alumninya: "Alumni Inkubator 2026"; bila kosong, judulnya',
              'short name on its alumni\'s pages: "Alumni Inkubator 2026"; default: the title'),
    "program.region": ("slug wilayah penyelenggara", "region slug of the organiser"),
    "program.images": ("foto program: nama file dan alt", "photos: file and alt text"),
    "stages": ("tahapan program: daftar {name, summary}", "stages: list of {name, summary}"),
    "stage.name": ("nama tahap, mis. Produksi", "stage name"),
    "stage.summary": ("apa yang dilakukan di tahap ini", "what happens in this stage"),
    "cohorts": ("angkatan: daftar {name, start, end, makers}; yang sudah selesai sebelum tanggal build menjadi lulusan",
                "cohorts: list of {name, start, end, makers}; members of one ended before the build date are graduates"),
    "cohort.name": ("nama angkatan, mis. Angkatan 2026", "cohort name"),
    "cohort.start": ("tanggal mulai", "first day"),
    "cohort.end": ("tanggal selesai", "last day"),
    "cohort.makers": ("slug UMKM peserta", "maker slugs taking part"),
    "partners": ("instansi mitra: daftar {name, url}", "partner agencies: list of {name, url}"),
    "partner.name": ("nama instansi", "agency name"),
    "partner.url": ("situs instansi, harus https://", "agency site, https:// only"),
    "site.partners": ("galeri mitra (jejaring): daftar {name, catalogue, url}; ambil katalognya dengan "
                      "`showcase partners update`", "partner showcases: list of {name, catalogue, url}"),
    "showcase.name": ("nama galeri mitra", "partner gallery name"),
    "showcase.catalogue": ("alamat https katalog.json mitra, atau jalur file relatif terhadap content/",
                          "https address of the partner's katalog.json, or a path relative to content/"),
    "showcase.url": ("alamat situs mitra, harus https://", "the partner's site, https:// only"),
    "site.analytics": ("penghitung kunjungan dan pesanan, tanpa cookie (opsional; bila kosong situs tidak mengirim "
                       "apa pun): {provider, url, site_id}; lihat README, Hitungan",
                       "cookie-less counting of views and orders (opt-in; without it the site sends nothing): "
                       "{provider, url, site_id}; see README, Counts"),
    "analytics.provider": ("layanan penghitung: goatcounter, plausible atau umami", "the counting service"),
    "analytics.url": ("alamat penerima peristiwa layanan itu, juga yang dipasang sendiri: …/count (GoatCounter), "
                      "…/api/event (Plausible), …/api/send (Umami)", "the service's event endpoint, self-hosted "
                      "included: …/count (GoatCounter), …/api/event (Plausible), …/api/send (Umami)"),
    "analytics.site_id": ("Plausible: domain situs di sana (bila kosong: domain base_url); Umami: id website "
                          "(wajib); GoatCounter: tidak dipakai", "Plausible: the site's domain there (default: "
                          "base_url's); Umami: the website id (required); GoatCounter: not used"),
    "site.navigation": ("menu situs, berurutan: daftar {label, url} atau {label, page}; bila kosong, menu bawaan "
                        "tema (bagian-bagian situs, lalu halaman dengan `menu:`)",
                        "the site's menu, in order: list of {label, url} or {label, page}; without it, the theme's "
                        "menu (the site's sections, then pages with `menu:`)"),
    "link.label": ("teks di menu: satu teks, atau {id: …, en: …} (tanpa en: teks Indonesia); untuk `page` boleh "
                   "kosong: judul halamannya", "text in the menu: one text, or {id: …, en: …} (no en: the "
                   "Indonesian text); with `page` it may be left out: the page's title"),
    "link.url": ("jalur dari akar situs, mis. /kegiatan/ (diperiksa, dan di halaman Inggris menuju versi "
                 "Inggrisnya), atau alamat lengkap https://", "a path from the site's root, e.g. /kegiatan/ "
                 "(checked, and linked to its English version on English pages), or a full https:// address"),
    "link.page": ("slug halaman di content/pages/ (diperiksa)", "slug of a page in content/pages/ (checked)"),
    # -- market access ------------------------------------------------------------------------
    "variants": ("ukuran atau jenis, masing-masing dengan harganya: daftar {name, price, price_max, unit, sku, "
                 "availability}; bila ada, jangan isi `price` produk",
                 "sizes or kinds, each with its own price: list of {name, price, price_max, unit, sku, "
                 "availability}; with variants, leave the product's `price` out"),
    "variant.name": ("nama varian, mis. 500 g atau Ukuran L", "variant name, e.g. 500 g or Size L"),
    "variant.price": ("harga varian dalam rupiah, angka saja", "variant price in rupiah, digits only"),
    "variant.price_max": ("harga tertinggi bila harga varian ini rentang", "upper end of the variant's price range"),
    "variant.unit": ("satuan varian; bila kosong, `unit` produk", "variant unit; default: the product's `unit`"),
    "variant.sku": ("kode barang sendiri, dalam tanda kutip; dipakai sebagai id di feed Google/Meta dan untuk "
                    "mencocokkan terjemahan", "your own stock code, in quotes; the id in the Google/Meta feeds and "
                    "the key of the variant's translation"),
    "variant.availability": ("ketersediaan varian ini bila berbeda dari produknya",
                             "this variant's availability when it differs from the product's"),
    "availability": ("ketersediaan: tersedia (bawaan), pre-order (dibuat setelah dipesan; isi lead_time_days), habis, "
                     "atau musiman (isi months)", "availability: in stock (default), made to order (with "
                     "lead_time_days), sold out, or seasonal (with months)"),
    "lead_time_days": ("lama pembuatan pesanan pre-order, dalam hari", "days a pre-order takes to make"),
    "months": ("bulan tersedianya produk musiman, 1 (Januari) sampai 12 (Desember)",
               "months a seasonal product is available, 1 (January) to 12 (December)"),
    "shelf_life": ("daya tahan pangan, mis. 3 hari suhu ruang, 1 bulan beku", "shelf life of a food"),
    "storage": ("cara menyimpan", "how to store it"),
    "ingredients": ("komposisi / bahan pangan, dipisah koma", "ingredients, separated by commas"),
    "materials": ("bahan kerajinan, mis. [sutra, pewarna alam]", "materials of a craft"),
    "dimensions": ("ukuran dalam cm: length_cm, width_cm, height_cm", "size in cm: length, width, height"),
    "dimensions.length_cm": ("panjang, cm", "length, cm"),
    "dimensions.width_cm": ("lebar, cm", "width, cm"),
    "dimensions.height_cm": ("tinggi, cm (boleh kosong untuk kain)", "height, cm (may be left out for cloth)"),
    "weight_g": ("berat siap kirim, dalam gram (untuk ongkos kirim dan feed Google)",
                 "shipping weight in grams (for postage and the Google feed)"),
    "min_order": ("pesanan minimum, dalam satuan produk", "minimum order, in the product's unit"),
    "capacity_per_month": ("kemampuan produksi per bulan, dalam satuan produk", "monthly production capacity"),
    "wholesale": ("harga grosir: daftar {min_qty, price}, dari jumlah terkecil",
                  "wholesale prices: list of {min_qty, price}, smallest quantity first"),
    "tier.min_qty": ("mulai dari jumlah ini", "from this quantity on"),
    "tier.price": ("harga satuan pada jumlah itu, rupiah", "unit price at that quantity, rupiah"),
    "export_ready": ("true bila siap ekspor (kemasan, dokumen, kapasitas)", "true when ready to export"),
    "available_at": ("gerai tempat produk bisa dibeli langsung: slug di content/galleries/",
                     "galleries where it can be bought in person: slugs in content/galleries/"),
    "gallery.name": ("nama gerai", "name of the gallery or outlet"),
    "gallery.region": ("slug wilayah gerai", "region slug of the gallery"),
    "gallery.address": ("alamat lengkap gerai", "full address"),
    "opening_hours": ("jam buka, mis. Senin-Jumat 08.00-16.00", "opening hours"),
    "map_url": ("tautan peta (Google Maps, OpenStreetMap), harus https://", "map link, https:// only"),
    "gallery.whatsapp": ("nomor WhatsApp gerai, dalam tanda kutip", "the gallery's WhatsApp number, in quotes"),
}

# Short Indonesian labels of form fields (the web editor): "kind.field", "parent.field", the name.
LABELS: dict[str, str] = {
    "title": "Judul", "name": "Nama", "short_name": "Nama singkat", "province": "Provinsi",
    "kind": "Jenis (kabupaten/kota)", "code": "Kode wilayah", "districts": "Kecamatan", "cover": "Foto sampul",
    "summary": "Ringkasan", "location": "Titik peta", "location.lat": "Lintang", "location.lon": "Bujur",
    "order": "Urutan", "region": "Wilayah", "district": "Kecamatan", "whatsapp": "Nomor WhatsApp",
    "phone": "Nomor telepon", "email": "E-mail", "instagram": "Akun Instagram", "website": "Situs web",
    "address": "Alamat", "since": "Tahun mulai usaha", "logo": "Logo", "marketplaces": "Toko daring",
    "marketplace.name": "Nama toko", "marketplace.url": "Alamat toko", "category": "Kategori",
    "maker": "UMKM pembuat", "price": "Harga (rupiah)", "price_max": "Harga tertinggi (rupiah)",
    "unit": "Satuan / isi", "images": "Foto", "tags": "Kata kunci", "certifications": "Izin dan sertifikat",
    "certification.type": "Jenis izin", "certification.number": "Nomor izin",
    "certification.valid_until": "Berlaku sampai", "featured": "Tampilkan di halaman depan",
    "draft": "Draf (belum terbit)", "date": "Tanggal terbit", "menu": "Posisi di menu",
    "variants": "Varian", "variant.name": "Nama varian", "variant.price": "Harga varian (rupiah)",
    "variant.price_max": "Harga tertinggi varian", "variant.unit": "Satuan varian", "variant.sku": "Kode barang (SKU)",
    "variant.availability": "Ketersediaan varian", "availability": "Ketersediaan",
    "lead_time_days": "Lama pembuatan (hari)", "months": "Bulan tersedia (1-12)", "shelf_life": "Daya tahan",
    "storage": "Cara menyimpan", "ingredients": "Komposisi", "materials": "Bahan", "dimensions": "Ukuran (cm)",
    "dimensions.length_cm": "Panjang (cm)", "dimensions.width_cm": "Lebar (cm)", "dimensions.height_cm": "Tinggi (cm)",
    "weight_g": "Berat (gram)", "min_order": "Pesanan minimum", "capacity_per_month": "Kapasitas per bulan",
    "wholesale": "Harga grosir", "tier.min_qty": "Mulai jumlah", "tier.price": "Harga satuan grosir",
    "export_ready": "Siap ekspor", "available_at": "Dijual di gerai", "opening_hours": "Jam buka",
    "map_url": "Tautan peta",
    "src": "Foto", "alt": "Keterangan foto (alt)", "focus": "Bagian foto yang tetap terlihat",
    "aliases": "Alamat lama",
    # activities (issue 14)
    "tz": "Zona waktu", "regions": "Wilayah terkait", "makers": "UMKM terkait", "products": "Produk terkait",
    "event.type": "Jenis acara", "start": "Mulai", "end": "Selesai", "venue": "Tempat", "venue.name": "Nama tempat",
    "venue.address": "Alamat tempat", "registration": "Tautan pendaftaran", "status": "Status",
    "badge": "Nama lencana", "stages": "Tahapan", "stage.name": "Nama tahap", "stage.summary": "Keterangan",
    "cohorts": "Angkatan", "cohort.name": "Nama angkatan", "cohort.start": "Mulai", "cohort.end": "Selesai",
    "cohort.makers": "UMKM peserta", "partners": "Instansi mitra", "partner.name": "Nama instansi",
    "partner.url": "Situs instansi",
}


def label(kind: str, spec: Field, parent: str = "") -> str:
    """A field's short Indonesian label for a form; the field name when none is written."""
    for key in (f"{kind}.{spec.name}", f"{parent}.{spec.name}" if parent else "", spec.name):
        if key and key in LABELS:
            return LABELS[key]
    return spec.name


def describe(kind: str, spec: Field, parent: str = "", lang: str = "id") -> str:
    """A field's description in Indonesian (or English); the schema's doc when none is written yet."""
    for key in (f"{kind}.{spec.name}", f"{parent}.{spec.name}" if parent else "", spec.name):
        if key and key in DESCRIPTIONS:
            return DESCRIPTIONS[key][0 if lang == "id" else 1]
    return spec.doc


def type_label(spec: Field) -> str:
    if spec.type == "list" and spec.item is not None:
        return f"daftar {TYPES[spec.item.type][0]} / list of {TYPES[spec.item.type][1]}"
    ind, eng = TYPES.get(spec.type, (spec.type, spec.type))
    return ind if ind == eng else f"{ind} / {eng}"


def _rows(kind: str, fields: tuple[Field, ...], prefix: str = "", parent: str = "") -> list[str]:
    rows = []
    for spec in fields:
        name = f"{prefix}{spec.name}"
        notes = describe(kind, spec, parent)
        if spec.choices:
            notes += "; salah satu / one of: " + ", ".join(f"`{c}`" for c in spec.choices)
        example = f"`{spec.example}`" if spec.example else ""
        required = "**wajib**" if spec.required else ""
        english = describe(kind, spec, parent, "en").replace("|", "/")
        rows.append(f"| `{name}` | {required} | {type_label(spec)} | {example} | {notes.replace('|', '/')} "
                    f"| {english} |")
        nested = spec.fields or (spec.item.fields if spec.item is not None else ())
        if nested:
            inner_prefix = f"{name}[]." if spec.type == "list" else f"{name}."
            inner_parent = spec.item.name if spec.item is not None else spec.name
            rows += _rows(kind, nested, inner_prefix, inner_parent)
    return rows


def render() -> str:
    """The whole Markdown field reference."""
    out = ["# Daftar kolom / Field reference", "",
           "*Dibuat otomatis dari `showcase/schema.py`; jangan diubah dengan tangan. Generated from the",
           "schema: after changing a field, run `python -m showcase.fieldref > docs/fields.md`.*", "",
           "Kolom **wajib** harus diisi; kolom lain boleh dihapus. Kolom yang tidak ada di tabel ini",
           "adalah kesalahan. **Required** fields must be present; any field not listed is an error.", ""]
    for kind, (ind, eng, where) in KINDS.items():
        out += [f"## {ind} / {eng}", "", f"File: `{where}`", "",
                "| kolom / field | wajib / required | tipe / type | contoh / example | keterangan | description |",
                "|---|---|---|---|---|---|", *_rows(kind, SCHEMAS[kind]), ""]
        if kind != "site":
            names = ", ".join(f"`{f.name}`" for f in translation_fields(kind))
            out += [f"Terjemahan Inggris (`<slug>.en.md`) hanya boleh berisi / an English translation may "
                    f"set only: {names}, and the body.", ""]
    return "\n".join(out)


if __name__ == "__main__":
    sys.stdout.write(render())
