"""Every text showcase prints for people, in Indonesian and English side by side, made when printed.

Owns the message mechanism and the catalogue of what the commands say (summaries, verdicts,
prompts, the preview's notices); the diagnostics' own texts, keyed by their codes, live in
`problems`. A diagnostic or a command keeps a key and named parameters, and the text is made at
report time in the language the editor chose (`--lang`, else the site's first language), so one
build's problems can be printed in either language and no text can exist in one language only
(a test proves both have the same parameters). It never decides what is wrong and never prints.
"""
from __future__ import annotations

import string
from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import PurePath
from typing import Any, Mapping, Union

LANGUAGES = ("id", "en")

Value = Union[str, int, float, "Text"]
Params = tuple[tuple[str, Value], ...]


@dataclass(frozen=True)
class Message:
    """One catalogue entry: the text and the optional hint, in both languages."""

    id: str
    en: str
    hint_id: str = ""
    hint_en: str = ""

    def text(self, lang: str) -> str:
        return self.en if lang == "en" else self.id

    def hint(self, lang: str) -> str:
        return self.hint_en if lang == "en" else self.hint_id


@dataclass(frozen=True)
class Text:
    """A catalogue key with its parameters: a text not yet put into words (hashable, picklable)."""

    key: str
    params: Params = ()

    @classmethod
    def of(cls, key: str, /, **params: Any) -> "Text":
        return cls(key, freeze(params))

    def render(self, lang: str) -> str:
        return render(lang, self.key, **dict(self.params))

    def hint(self, lang: str) -> str:
        return render_hint(lang, self.key, **dict(self.params))


def freeze(params: Mapping[str, Any]) -> Params:
    """Parameters as a sorted tuple of plain values: dates and paths become text, None empty."""
    return tuple(sorted((name, _plain(value)) for name, value in params.items()))


def _plain(value: Any) -> Value:
    if value is None:
        return ""
    if isinstance(value, (Text, str, int, float)) and not isinstance(value, bool):
        return value
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, PurePath):
        return value.as_posix()
    return str(value)


class _Formatter(string.Formatter):
    """str.format with nested texts put into words, a decimal comma in Indonesian, and `:rp` for
    rupiah amounts."""

    def __init__(self, lang: str) -> None:
        self.lang = lang

    def format_field(self, value: Any, format_spec: str) -> str:
        if isinstance(value, Text):
            return value.render(self.lang)
        if format_spec == "rp":  # rupiah: Rp 25.000 in Indonesian, Rp 25,000 in English
            digits = f"{int(value):,}"
            return "Rp " + (digits.replace(",", ".") if self.lang == "id" else digits)
        text = format(value, format_spec)
        if isinstance(value, float) and self.lang == "id":
            text = text.replace(".", ",")
        return text


@cache
def catalogue() -> dict[str, Message]:
    """Every key: the commands' texts here and the diagnostics' texts from `problems`."""
    from .problems import PROBLEMS

    return {**PROBLEMS, **TEXTS}


def language(lang: str | None) -> str:
    return lang if lang in LANGUAGES else LANGUAGES[0]


def render(lang: str, key: str, /, **params: Any) -> str:
    """The text of `key` in `lang` with its parameters filled in."""
    return _Formatter(language(lang)).format(catalogue()[key].text(language(lang)), **params)


def render_hint(lang: str, key: str, /, **params: Any) -> str:
    """The hint of `key` in `lang` ('' when it has none)."""
    template = catalogue()[key].hint(language(lang))
    return _Formatter(language(lang)).format(template, **params) if template else ""


def fields(template: str) -> set[str]:
    """The parameter names a template uses."""
    return {name.split(".")[0].split("[")[0] for _, name, _, _ in string.Formatter().parse(template)
            if name is not None}


def count(lang: str, n: int, one: str, other: str) -> str:
    """`1 error`, `2 errors`; Indonesian has one form for both (`one` and `other` are keys)."""
    return render(lang, one if n == 1 else other, n=n)


def problems_count(lang: str, errors: int, warnings: int) -> str:
    """`1 error, 2 warnings` / `1 kesalahan, 2 peringatan`: the same words in every summary."""
    return (count(lang, errors, "report.errors.one", "report.errors.other") + ", "
            + count(lang, warnings, "report.warnings.one", "report.warnings.other"))


M = Message
TEXTS: dict[str, Message] = {
    # Words inside other texts: kinds of content, shapes of YAML values, suggestions.
    "kind.product": M("produk", "product"),
    "kind.maker": M("UMKM", "maker"),
    "kind.region": M("wilayah", "region"),
    "kind.category": M("kategori", "category"),
    "kind.page": M("halaman", "page"),
    "kind.gallery": M("gerai", "gallery"),
    "kind.district": M("kecamatan", "district"),
    "kind.news": M("berita", "news item"),  # activities (issue 14)
    "kind.event": M("acara", "event"),  # activities (issue 14)
    "kind.program": M("program", "programme"),  # programmes (issue 14)
    # `showcase partners update` (issue 14)
    "partners.updated": M('{partner}: {count} produk disimpan', '{partner}: {count} products kept'),
    "partners.cut": M('{partner}: {total} produk, hanya {limit} pertama yang disimpan (--max-products)',
                      '{partner}: {total} products, only the first {limit} kept (--max-products)'),
    "partners.failed": M("{partner}: {message} (salinan terakhir tetap dipakai)",
                         "{partner}: {message} (the last good copy is still used)"),
    "partners.none": M("site.yaml tidak menyebut mitra (`partners:`)", "site.yaml names no partner (`partners:`)"),
    "shape.list": M("sebuah daftar", "a list"),
    "shape.mapping": M("sekelompok kolom `nama: nilai`", "a group of key: value fields"),
    "shape.scalar": M("satu nilai", "a single value"),
    "suggest": M('; maksud Anda "{choice}"?', '; did you mean "{choice}"?'),
    "suggest.field": M("; maksud Anda `{choice}`?", "; did you mean `{choice}`?"),
    "slug.foreign": M("berisi huruf selain huruf Latin", "contains letters that are not Latin"),
    "slug.empty": M("tidak menghasilkan nama alamat (kosong)", "gives an empty URL name"),
    "slug.reserved": M('menjadi "{slug}", nama yang sudah dipakai situs', 'gives "{slug}", a reserved name'),
    # How one problem is printed.
    "level.error": M("kesalahan", "error"),
    "level.warning": M("peringatan", "warning"),
    "level.fixed": M("diperbaiki", "fixed"),
    "level.hint": M("saran", "hint"),
    # The build's progress and summary.
    "report.errors.one": M("{n} kesalahan", "{n} error"),
    "report.errors.other": M("{n} kesalahan", "{n} errors"),
    "report.warnings.one": M("{n} peringatan", "{n} warning"),
    "report.warnings.other": M("{n} peringatan", "{n} warnings"),
    "report.strict": M("--strict: peringatan dihitung sebagai kesalahan",
                       "--strict: warnings count as errors"),
    "report.failed": M("Gagal membuat situs: {counts}. {output} tidak diubah.",
                       "Build failed: {counts}. {output} was not changed."),
    "report.progress.pages": M("halaman", "pages"),
    "report.progress.images": M("foto", "images"),
    "report.progress.photos": M("foto diperiksa", "photos checked"),
    "report.unchanged": M("tak berubah", "unchanged"),
    "report.unchanged.line": M("tidak ada file yang berubah sejak build terakhir; {output} dibiarkan",
                               "no file changed since the last build; {output} left as it was"),
    "report.pages": M("halaman", "pages"),
    "report.pages.line": M("{pages} ({products} produk, bahasa: {languages}), {rendered} dibuat ulang",
                           "{pages} ({products} products, languages: {languages}), {rendered} rendered"),
    "report.images": M("foto", "images"),
    "report.images.line": M("{made} dibuat, {reused} dipakai lagi dari cache",
                            "{made} made, {reused} reused from cache"),
    "report.offline": M("offline", "offline"),
    "report.cache": M("cache", "cache"),
    "report.cache.line": M("{total:.1f} MB: status build {state:.1f} MB, salinan file output/ {blobs:.1f} MB "
                           "(berbagi isi dengan output/ lewat hard link)",
                           "{total:.1f} MB: build state {state:.1f} MB, copies of output/ files {blobs:.1f} MB "
                           "(sharing their bytes with output/ through hard links)"),
    "report.offline.kill": M("kill switch: sw.js menghapus dirinya dan cache-nya",
                             "kill switch: sw.js removes itself and its caches"),
    "report.offline.line": M("{files} file, {mb:.1f} MB disimpan dari {budget:g} MB",
                             "{files} files, {mb:.1f} MB precached of {budget:g} MB"),
    "report.offline.over": M("; melebihi batas, tidak disimpan: {parts} (pertama {first})",
                             "; over budget, left out: {parts} (first {first})"),
    "report.offline.split": M(" (cangkang {shell:.2f}, rekaman {records:.2f}, gambar kecil {thumbnails:.2f}, "
                              "halaman {pages:.2f}, pencarian {search:.2f}, sampul dan logo {images:.2f} MB)",
                              " (shell {shell:.2f}, records {records:.2f}, thumbnails {thumbnails:.2f}, "
                              "pages {pages:.2f}, search {search:.2f}, covers and logos {images:.2f} MB)"),
    "report.offline.suggest": M("; agar setiap produk terbuka offline, jadikan `budget_mb` di bagian `offline` "
                                "site.yaml {mb}",
                                "; to open every product offline, set `budget_mb` under `offline` in site.yaml to {mb}"),
    "report.offline.record": M("{n} file rekaman", "{n} record files"),
    "report.offline.page": M("{n} halaman", "{n} pages"),
    "report.offline.search": M("{n} file pencarian", "{n} search files"),
    "report.offline.photo": M("{n} foto produk", "{n} product photos"),
    "report.offline.image": M("{n} sampul dan logo", "{n} covers and logos"),
    "report.offline.other": M("{n} halaman cetak", "{n} printable pages"),
    "report.translations": M("terjemahan", "translations"),
    "report.translations.all": M("{lang}: semua file sudah diterjemahkan", "{lang}: every file translated"),
    "report.translations.missing": M("{lang}: {n} file belum diterjemahkan ({names})",
                                     "{lang}: {n} files without a translation ({names})"),
    "report.translations.missing.one": M("{lang}: 1 file belum diterjemahkan ({names})",
                                         "{lang}: 1 file without a translation ({names})"),
    "report.more": M("{names} dan {n} lainnya", "{names} and {n} more"),
    "report.warnings": M("peringatan", "warnings"),
    "report.fixed": M("diperbaiki", "fixed"),
    "report.time": M("waktu", "time"),
    "report.seconds": M("{seconds:.2f} detik", "{seconds:.2f} s"),
    "report.built": M("Situs dibuat di {output}", "Built {output}"),
    # `showcase check`.
    "check.completeness": M("Kelengkapan ({n} produk):", "Completeness ({n} products):"),
    "check.no_photo": M("tanpa foto", "without photos"),
    "check.no_price": M("tanpa harga", "without price"),
    "check.no_english": M("tanpa terjemahan Inggris", "without English translation"),
    "check.expired": M("izin kedaluwarsa", "expired licences"),
    "check.large_photos": M("foto jauh lebih besar dari yang perlu", "photos far larger than needed"),
    "check.expired.detail": M("{type} {number} berlaku sampai {date}", "{type} {number} until {date}"),
    "check.more": M("… {n} lainnya (--format json mencantumkan semuanya)",
                    "… {n} more (--format json lists them all)"),
    "check.passed": M("Pemeriksaan lolos: {counts}", "Check passed: {counts}"),
    "check.failed": M("Pemeriksaan gagal: {counts}", "Check failed: {counts}"),
    "check.changed": M("--strict --changed-since {ref}: peringatan di file yang diubah sejak {ref} dihitung sebagai "
                       "kesalahan ({n}); peringatan di file lain tidak menggagalkan",
                       "--strict --changed-since {ref}: warnings in files changed since {ref} count as errors ({n}); "
                       "warnings in other files do not fail"),
    "check.summary.title": M("### showcase check", "### showcase check"),
    "check.summary.products": M("{counts}, {n} produk", "{counts}, {n} products"),
    # `showcase --changed-since`.
    "changes.git": M("--changed-since: git tidak ditemukan; pasang git atau jalankan tanpa --changed-since",
                     "--changed-since: git not found; install git or run without --changed-since"),
    "changes.failed": M("--changed-since {ref}: {detail}", "--changed-since {ref}: {detail}"),
    "changes.needs_strict": M("--changed-since hanya berarti bersama --strict",
                              "--changed-since only has a meaning together with --strict"),
    # `showcase serve`.
    "serve.serving": M("Pratinjau di {url} (Ctrl+C untuk berhenti); memantau {folders}",
                       "Serving {url} (Ctrl+C to stop); watching {folders}"),
    "serve.built": M("dibuat: {url}", "built: {url}"),
    "serve.crashed": M("build terhenti: {detail}; simpan lagi untuk mencoba ulang",
                       "the build stopped: {detail}; save again to retry"),
    "serve.stopped": M("berhenti", "stopped"),
    "serve.overlay": M("Situs gagal dibuat: perbaiki lalu simpan", "Build failed: fix and save"),
    "serve.no_page": M("Belum ada halaman di sini.", "No page here yet."),
    "serve.port": M("tidak bisa memakai 127.0.0.1:{port} ({detail}); coba --port {next}",
                    "cannot listen on 127.0.0.1:{port} ({detail}); try --port {next}"),
    # `showcase new`.
    "new.created": M("Dibuat: {path}", "Created: {path}"),
    "new.next": M("Langkah berikutnya: letakkan foto di folder yang sama, isi `images:`, lalu jalankan "
                  "`showcase check`.",
                  "Next: put the photos beside it, fill in `images:`, then run `showcase check`."),
    "new.no_content": M("{path}: folder isi tidak ditemukan; jalankan dari folder situs atau pakai --content DIR",
                        "{path}: content directory not found; run from the site's folder or pass --content DIR"),
    "new.missing": M("belum diisi: {options} (atau jalankan di terminal agar ditanya)",
                     "missing {options} (or run in a terminal to be asked)"),
    "new.unknown": M('{what} "{value}" tidak ada{suggestion} (di content/{folder}/: {listed})',
                     'unknown {what} "{value}"{suggestion} (in content/{folder}/: {listed})'),
    "new.none_yet": M("belum ada; buat dengan `showcase new {kind}`", "none yet: create one with `showcase new {kind}`"),
    "new.bad_name": M('nama "{title}" {why}; tentukan nama alamatnya dengan --slug',
                      'the name "{title}" {why}; give the URL name with --slug'),
    "new.exists": M('{kind} "{slug}" sudah ada ({path}); pilih --slug lain',
                    'a {kind} "{slug}" exists already ({path}); choose another --slug'),
    "new.file_exists": M("{path} sudah ada; file itu tidak diubah", "{path} exists already; it was not changed"),
    "new.invalid": M("{option}: {message}", "{option}: {message}"),
    "new.invalid_hint": M("  {label}: {hint}", "  {label}: {hint}"),
    "new.choices": M("{name}: {choices}", "{name}: {choices}"),
    "new.none": M("(belum ada)", "(none yet)"),
    # Writing the output.
    "output.protected": M("situs tidak boleh ditulis ke {output}: folder itu berisi {path}",
                          "refusing to write output into {output}: it holds {path}"),
    "output.file": M("situs tidak bisa ditulis ke {output}: {path} adalah file, bukan folder",
                     "cannot write the site to {output}: {path} is a file, not a folder"),
    "output.cannot": M("situs tidak bisa ditulis ke {output}: {detail}", "cannot write the site to {output}: {detail}"),
    "output.replace": M("{output} tidak bisa diganti: {detail}", "cannot replace {output}: {detail}"),
    "output.write": M("{path} tidak bisa ditulis ke {folder}: {detail}", "cannot write {path} into {folder}: {detail}"),
    "output.write.one": M("{path} tidak bisa ditulis: {detail}", "cannot write {path}: {detail}"),
    "output.changed": M("{path} diubah di luar build; hapus folder output lalu build lagi",
                        "{path} was changed outside the build; delete the output folder and build again"),
    "output.state": M("keadaan build tidak bisa ditulis: {detail}; {output} tidak diubah",
                     "cannot write the build state: {detail}; {output} was not changed"),
    "share.font": M("huruf gambar berbagi {path} tidak bisa dimuat ({detail}); pasang ulang showcase",
                    "cannot load the share-image font {path} ({detail}); reinstall showcase"),
    # `showcase edit` and `showcase new site`.
    "edit.editing": M("Penyunting: {url} (Ctrl+C untuk berhenti)", "Editor: {url} (Ctrl+C to stop)"),
    "edit.port": M("127.0.0.1:{port} sudah dipakai; coba --editor-port {next}",
                   "something already answers on 127.0.0.1:{port}; try --editor-port {next}"),
    "edit.no_content": M("{path}: folder isi tidak ditemukan; jalankan dari folder situs atau berikan --content DIR",
                         "{path}: content directory not found; run from the site's folder or pass --content DIR"),
    "edit.node": M("showcase edit butuh Node.js {major} atau lebih baru ({found}); pasang dari https://nodejs.org/ "
                   "(build, check dan serve cukup Python)",
                   "showcase edit needs Node.js {major} or newer ({found}); install it from https://nodejs.org/ "
                   "(build, check and serve need only Python)"),
    "edit.node_none": M("tidak ada perintah node", "no node command"),
    "edit.npx": M("npx tidak ada di samping node; pasang ulang Node.js dari https://nodejs.org/",
                  "npx not found beside node; reinstall Node.js from https://nodejs.org/"),
    "edit.start": M("decap-server tidak berjalan di {url}; jalankan `npx decap-server@{version}` di folder ini "
                    "untuk melihat sebabnya",
                    "decap-server did not start on {url}; run `npx decap-server@{version}` in this folder to see why"),
    "newsite.no_source": M("alamat repositori showcase tidak diketahui; berikan --tool-source URL",
                        "no repository URL for showcase is known; pass --tool-source URL"),
    "newsite.not_empty": M("{path} sudah ada dan tidak kosong; tidak ada yang ditulis. Pilih folder baru",
                        "{path} exists and is not empty; nothing was written. Choose a new folder"),
    "newsite.base_url": M('--base-url "{value}" bukan alamat web; mis. https://example.org/galeri/',
                       '--base-url "{value}" is not a web address; e.g. https://example.org/galeri/'),
    "newsite.invalid": M("situs baru tidak lolos pemeriksaan:\n{problems}", "the new site does not pass its check:\n{problems}"),
    # The command line itself.
    "cli.error": M("kesalahan: {message}", "error: {message}"),
    "cli.disk": M("kesalahan: {detail}{where}; {output} tidak diubah", "error: {detail}{where}; {output} was not changed"),
    "cli.interrupted": M("dihentikan; {output} tidak diubah", "interrupted; {output} was not changed"),
    "cli.workers": M("--workers paling sedikit 1", "--workers must be at least 1"),
}
