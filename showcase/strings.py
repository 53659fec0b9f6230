"""Interface strings: every word the templates and views show that does not come from content.

This module owns the catalogue of interface text in Bahasa Indonesia (`id`, the site's first
language) and English (`en`), with the same keys in both. Templates read it as `t` (`t.search`);
views read it for navigation labels, listing intros, counts, contact labels, the price on request
and the WhatsApp order message, filling placeholders in braces (`{n}`, `{title}`, `{url}`) with
`str.format`. It is data only: no formatting, no I/O, no knowledge of pages.
"""
from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

STRINGS: dict[str, dict[str, str]] = {
    "id": {
        # Site chrome
        "skip_link": "Langsung ke isi",
        "menu": "Menu",
        "main_nav": "Navigasi utama",
        "search": "Cari",
        "search_placeholder": "Cari produk, UMKM, atau wilayah",
        "language_name": "Bahasa Indonesia",
        "lang_fallback_note": "Halaman ini belum tersedia dalam bahasa Inggris; "
        "ditampilkan dalam bahasa Indonesia.",
        "home": "Beranda",
        "breadcrumbs": "Jejak navigasi",
        "footer_contact": "Hubungi kami",
        "footer_links": "Jelajahi",
        "copyright": "Hak cipta",
        "anchor_link": "Tautan ke bagian ini",
        # Navigation and listings
        "nav_products": "Produk",
        "nav_regions": "Wilayah",
        "nav_categories": "Kategori",
        "nav_makers": "UMKM",
        "intro_products": "Semua produk UMKM binaan, yang terbaru lebih dulu.",
        "intro_regions": "Kabupaten dan kota asal produk, lengkap dengan kecamatannya.",
        "intro_categories": "Jelajahi produk menurut jenisnya.",
        "intro_makers": "Para pembuat di balik setiap produk: UMKM, IKM dan kelompok perajin.",
        # Section headings
        "featured": "Produk unggulan",
        "newest": "Produk terbaru",
        "regions": "Wilayah",
        "categories": "Kategori",
        "makers": "UMKM",
        "products": "Produk",
        "all_products": "Semua produk",
        "related": "Produk terkait",
        "other_products": "Produk lainnya",
        "products_by_district": "Produk per kecamatan",
        "jump_to_district": "Langsung ke kecamatan",
        "no_products": "Belum ada produk",
        # Product page
        "price": "Harga",
        "unit": "Satuan",
        "maker": "Pembuat",
        "region": "Wilayah",
        "district": "Kecamatan",
        "category": "Kategori",
        "certifications": "Sertifikasi",
        "cert_number": "Nomor",
        "valid_until": "Berlaku hingga",
        "order_whatsapp": "Pesan lewat WhatsApp",
        "order_message": "Halo, saya ingin memesan {title} ({price}). {url}",
        "buy_at": "Beli di",
        "tags": "Tag",
        "listed": "Ditambahkan",
        "details": "Rincian",
        "description": "Deskripsi",
        "photos": "Foto produk",
        "show_photo": "Lihat foto",
        "price_on_request": "Harga: hubungi penjual",
        # Sharing, feeds and the printable catalogue
        "feed": "Produk terbaru",
        "qr_label": "Kode QR alamat halaman {title}",
        "qr_caption": "Pindai untuk membuka halaman ini",
        "catalogue": "Katalog cetak",
        "catalogue_title": "Katalog Produk",
        "catalogue_intro": "Katalog siap cetak di kertas A4: foto, harga dan kode QR setiap produk. "
        "Cetak dari peramban (Ctrl+P) atau pilih \u201cSimpan sebagai PDF\u201d.",
        "catalogue_regions": "Katalog per wilayah",
        "catalogue_whole": "Seluruh katalog",
        "catalogue_too_large": "Galeri ini memuat lebih dari {n} produk, terlalu banyak untuk dicetak "
        "sekaligus: pilih katalog per wilayah di bawah ini.",
        "catalogue_as_of": "Keadaan per {date}",
        # Region and maker pages
        "province": "Provinsi",
        "since": "Berdiri sejak",
        "contact": "Kontak",
        "chat_whatsapp": "Chat WhatsApp",
        "about": "Tentang",
        "kind_kabupaten": "Kabupaten",
        "kind_kota": "Kota",
        # Counts, filled by the views
        "count_products": "{n} produk",
        "count_products_one": "{n} produk",
        # Contact kinds
        "contact_whatsapp": "WhatsApp",
        "contact_phone": "Telepon",
        "contact_email": "Email",
        "contact_instagram": "Instagram",
        "contact_website": "Situs web",
        "contact_address": "Alamat",
        # Not found
        "not_found_title": "Halaman tidak ditemukan",
        "not_found_text": "Maaf, halaman yang Anda cari tidak ada atau sudah dipindahkan.",
        "back_home": "Kembali ke beranda",
        "not_found_browse": "Atau jelajahi:",
        # Search page (also passed to search.js as data- attributes by search.html)
        "search_title": "Cari produk",
        "search_intro": "Ketik nama produk, bahan, UMKM atau wilayah; hasil muncul saat Anda mengetik.",
        "search_label": "Kata pencarian",
        "search_filters": "Saring hasil",
        "search_all": "Semua",
        "search_sort": "Urutkan",
        "sort_relevance": "Paling cocok",
        "sort_newest": "Terbaru",
        "sort_price_asc": "Harga terendah",
        "sort_price_desc": "Harga tertinggi",
        "search_found": "{n} produk ditemukan",
        "search_none": "Tidak ada produk yang cocok. Coba kata lain atau kurangi saringan.",
        "search_short": "Ketik minimal 2 huruf.",
        "search_error": "Pencarian gagal dimuat. Muat ulang halaman ini.",
        "search_offline": "Anda sedang offline dan bagian pencarian ini belum tersimpan. "
        "Sambungkan ke internet lalu coba lagi.",
        "search_more": "Tampilkan lebih banyak",
        "search_nojs": "Pencarian membutuhkan JavaScript. Jelajahi produk menurut kategori atau wilayah:",
        "price_under": "Di bawah {max}",
        "price_between": "{min} – {max}",
        "price_over": "{min} ke atas",
        # Pagination of listings
        "pagination": "Halaman",
        "page_prev": "Sebelumnya",
        "page_next": "Berikutnya",
        "page_number": "Halaman {n}",
        "page_of": "Halaman {n} dari {total}",
        # Offline reading (also passed to site.js as data- attributes by base.html)
        "offline_title": "Anda sedang offline",
        "offline_text": "Halaman ini belum tersimpan di perangkat Anda. Halaman berikut bisa dibuka "
        "tanpa koneksi internet:",
        "offline_retry": "Coba lagi",
        "offline_indicator": "Offline · menampilkan halaman tersimpan",
        "offline_save_heading": "Baca tanpa internet",
        "offline_save": "Simpan untuk dibaca offline",
        "offline_saved": "{size} tersimpan di perangkat ini.",
        "offline_kept": "Tersimpan tetap: peramban tidak akan menghapusnya sendiri.",
        "offline_best_effort": "Peramban dapat menghapusnya bila ruang penyimpanan penuh.",
        "update_ready": "Versi baru tersedia",
        "update_reload": "Muat ulang",
    },
    "en": {
        # Site chrome
        "skip_link": "Skip to content",
        "menu": "Menu",
        "main_nav": "Main navigation",
        "search": "Search",
        "search_placeholder": "Search products, makers or regions",
        "language_name": "English",
        "lang_fallback_note": "This page is not yet translated; shown in Indonesian.",
        "home": "Home",
        "breadcrumbs": "Breadcrumb",
        "footer_contact": "Contact us",
        "footer_links": "Explore",
        "copyright": "Copyright",
        "anchor_link": "Link to this section",
        # Navigation and listings
        "nav_products": "Products",
        "nav_regions": "Regions",
        "nav_categories": "Categories",
        "nav_makers": "Makers",
        "intro_products": "Every product from the makers we support, newest first.",
        "intro_regions": "The regencies and cities our products come from, district by district.",
        "intro_categories": "Browse products by kind.",
        "intro_makers": "The people behind every product: small businesses and craft groups.",
        # Section headings
        "featured": "Featured products",
        "newest": "New products",
        "regions": "Regions",
        "categories": "Categories",
        "makers": "Makers",
        "products": "Products",
        "all_products": "All products",
        "related": "Related products",
        "other_products": "More products",
        "products_by_district": "Products by district",
        "jump_to_district": "Jump to a district",
        "no_products": "No products yet",
        # Product page
        "price": "Price",
        "unit": "Unit",
        "maker": "Maker",
        "region": "Region",
        "district": "District",
        "category": "Category",
        "certifications": "Certifications",
        "cert_number": "Number",
        "valid_until": "Valid until",
        "order_whatsapp": "Order on WhatsApp",
        "order_message": "Hello, I would like to order {title} ({price}). {url}",
        "buy_at": "Buy at",
        "tags": "Tags",
        "listed": "Listed",
        "details": "Details",
        "description": "Description",
        "photos": "Product photos",
        "show_photo": "Show photo",
        "price_on_request": "Price: contact the seller",
        # Sharing, feeds and the printable catalogue
        "feed": "Newest products",
        "qr_label": "QR code of the address of the page {title}",
        "qr_caption": "Scan to open this page",
        "catalogue": "Printable catalogue",
        "catalogue_title": "Product Catalogue",
        "catalogue_intro": "A catalogue ready to print on A4 paper: photo, price and QR code of every "
        "product. Print it from the browser (Ctrl+P) or choose \u201cSave as PDF\u201d.",
        "catalogue_regions": "Catalogue by region",
        "catalogue_whole": "The whole catalogue",
        "catalogue_too_large": "This showcase has more than {n} products, too many to print at once: "
        "choose a catalogue by region below.",
        "catalogue_as_of": "As of {date}",
        # Region and maker pages
        "province": "Province",
        "since": "Established",
        "contact": "Contact",
        "chat_whatsapp": "Chat on WhatsApp",
        "about": "About",
        "kind_kabupaten": "Regency",
        "kind_kota": "City",
        # Counts, filled by the views
        "count_products": "{n} products",
        "count_products_one": "{n} product",
        # Contact kinds
        "contact_whatsapp": "WhatsApp",
        "contact_phone": "Phone",
        "contact_email": "Email",
        "contact_instagram": "Instagram",
        "contact_website": "Website",
        "contact_address": "Address",
        # Not found
        "not_found_title": "Page not found",
        "not_found_text": "Sorry, the page you are looking for does not exist or has moved.",
        "back_home": "Back to the home page",
        "not_found_browse": "Or browse:",
        # Search page (also passed to search.js as data- attributes by search.html)
        "search_title": "Search products",
        "search_intro": "Type a product, material, maker or region; results appear as you type.",
        "search_label": "Search words",
        "search_filters": "Filter results",
        "search_all": "All",
        "search_sort": "Sort by",
        "sort_relevance": "Best match",
        "sort_newest": "Newest",
        "sort_price_asc": "Lowest price",
        "sort_price_desc": "Highest price",
        "search_found": "Products found: {n}",
        "search_none": "No products match. Try other words or fewer filters.",
        "search_short": "Type at least 2 letters.",
        "search_error": "Search could not be loaded. Reload this page.",
        "search_offline": "You are offline and this part of the search is not saved yet. "
        "Connect to the internet and try again.",
        "search_more": "Show more",
        "search_nojs": "Search needs JavaScript. Browse products by category or region:",
        "price_under": "Under {max}",
        "price_between": "{min} – {max}",
        "price_over": "{min} and above",
        # Pagination of listings
        "pagination": "Pages",
        "page_prev": "Previous",
        "page_next": "Next",
        "page_number": "Page {n}",
        "page_of": "Page {n} of {total}",
        # Offline reading (also passed to site.js as data- attributes by base.html)
        "offline_title": "You are offline",
        "offline_text": "This page is not saved on your device yet. These pages open without a "
        "connection:",
        "offline_retry": "Try again",
        "offline_indicator": "Offline · showing saved pages",
        "offline_save_heading": "Read offline",
        "offline_save": "Save to read offline",
        "offline_saved": "{size} saved on this device.",
        "offline_kept": "Kept: the browser will not clear it on its own.",
        "offline_best_effort": "The browser may clear it when storage runs low.",
        "update_ready": "A new version is available",
        "update_reload": "Reload",
    },
}


def strings_for(lang: str) -> Mapping[str, str]:
    """Return the read-only interface strings of `lang` (`id` or `en`)."""
    try:
        return MappingProxyType(STRINGS[lang])
    except KeyError:
        known = ", ".join(sorted(STRINGS))
        raise KeyError(f"no interface strings for language {lang!r}; known: {known}") from None
