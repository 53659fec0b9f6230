"""`showcase new site DIR`: a new site repository that builds at once, with no question asked.

Owns the starting files of a council's own site: `content/site.yaml`; one region, category, maker
and product (written by `scaffold.render_text`, so every field is there, explained in Indonesian), the
product with a placeholder photo (`placeholder`); `.github/workflows/` with a pull-request check
and a GitHub Pages publish, both installing showcase from its git repository at the tag of the
version that wrote them (the name `showcase` on the public package index belongs to another
project); `.gitignore`, `.gitattributes` and a README for editors in Bahasa Indonesia. It writes
only into a folder that is new or empty, and checks every content file with the build's validator
before writing anything.
"""
from __future__ import annotations

import argparse
import re
from importlib import metadata
from pathlib import Path

from . import __version__, placeholder
from .cli import program
from .errors import ShowcaseError, UsageError
from .pipeline import build_date
from .scaffold import render_text, validate
from .slugs import slugify

EPILOG = """\
examples:
  showcase new site galeri
  showcase new site galeri-soppeng --title "Galeri Dekranasda Soppeng" --region "Kabupaten Soppeng" \\
                    --base-url https://dekranasda-soppeng.github.io/galeri-soppeng/

Then: cd DIR, `showcase build` (or `showcase serve` to preview, `showcase edit` to edit in the
browser), git init, commit and push to GitHub; README.md in DIR says the rest, in Indonesian.
Exit status: 0 written, 1 DIR is not empty (nothing written), 2 usage error.
"""

WORKFLOW_HEAD = """\
# {comment}
# Written by `showcase new site` (showcase {version}). showcase is installed from its repository
# at the tag of that version: the name "showcase" on the public package index is another project.
# To move to a newer showcase, change the tag in SHOWCASE below.
"""

PR_WORKFLOW = WORKFLOW_HEAD + """\
name: Periksa

on:
  pull_request:
  workflow_dispatch:

permissions:
  contents: read

env:
  SHOWCASE: "{spec}"

jobs:
  check:
    runs-on: ubuntu-latest
    timeout-minutes: 20
    steps:
      - uses: actions/checkout@v5
      - uses: actions/setup-python@v6
        with:
          python-version: "3.12"
      - name: Cache build terbaru (hanya dibaca; pull request tidak menyimpannya)
        uses: actions/cache/restore@v5
        with:
          path: .cache/showcase
          key: showcase-build-${{{{ runner.os }}}}-${{{{ github.run_id }}}}
          restore-keys: showcase-build-${{{{ runner.os }}}}-
      - name: Pasang showcase
        run: python -m pip install "$SHOWCASE"
      - name: Periksa isi (kesalahan tampil di baris yang berubah)
        run: showcase check --format github
      - name: Bangun situs, peringatan dihitung sebagai kesalahan
        run: showcase build --strict
"""

PUBLISH_WORKFLOW = WORKFLOW_HEAD + """\
# Settings > Pages > Source must be "GitHub Actions".
name: Terbitkan

on:
  push:
    branches: [main]
  # Setiap hari pukul 04.00 WIB: katalog mitra, izin kedaluwarsa dan agenda tetap terkini tanpa commit.
  schedule:
    - cron: "0 21 * * *"
  workflow_dispatch:

permissions:
  contents: read
  pages: write
  id-token: write

concurrency:
  group: pages
  cancel-in-progress: false

env:
  SHOWCASE: "{spec}"

jobs:
  build:
    runs-on: ubuntu-latest
    timeout-minutes: 30
    steps:
      - uses: actions/checkout@v5
      - uses: actions/setup-python@v6
        with:
          python-version: "3.12"
      # Cache build (foto, teks, halaman) dari penerbitan terbaru: kuncinya berbeda di setiap run
      # dan dipulihkan dari yang terbaru lewat awalannya, karena kunci yang sudah ada tidak pernah
      # ditimpa. Yang tidak berubah disalin dari cache; hanya yang diedit dibuat ulang.
      - name: Cache build dari penerbitan sebelumnya
        uses: actions/cache@v5
        with:
          path: .cache/showcase
          key: showcase-build-${{{{ runner.os }}}}-${{{{ github.run_id }}}}-${{{{ github.run_attempt }}}}
          restore-keys: showcase-build-${{{{ runner.os }}}}-
      - name: Alamat GitHub Pages
        id: pages
        uses: actions/configure-pages@v6
      - name: Pasang showcase
        run: python -m pip install "$SHOWCASE"
      - name: Katalog mitra (jejaring)
        run: showcase partners update
      - name: Bangun situs
        run: showcase build --base-url "${{{{ steps.pages.outputs.base_url }}}}/"
      - uses: actions/upload-pages-artifact@v4
        with:
          path: output

  deploy:
    needs: build
    runs-on: ubuntu-latest
    environment:
      name: github-pages
      url: ${{{{ steps.deployment.outputs.page_url }}}}
    steps:
      - name: Terbitkan ke GitHub Pages
        id: deployment
        uses: actions/deploy-pages@v5
"""

GITIGNORE = """\
# Made by `showcase build`; never commit them.
/output/
/.output.*
/.cache/
/node_modules/
__pycache__/
"""

GITATTRIBUTES = """\
# Text files keep the line endings of each computer (showcase reads both); photos stay byte for byte.
* text=auto
*.jpg binary
*.jpeg binary
*.png binary
*.webp binary
*.avif binary
*.heic binary
"""

README = """\
# {title}

Situs katalog produk unggulan daerah, dibuat dengan [showcase]({url}) {version}. Isi situs ada di
folder `content/`: satu file Markdown per produk, UMKM, wilayah dan kategori. Semua yang ada sekarang
adalah **contoh**: ganti dengan isi sungguhan.

## Memasang showcase (sekali saja)

showcase dipasang dari repositorinya, bukan dengan `pip install showcase` (nama itu di PyPI milik
proyek lain).

- **Windows:** pasang Python 3.12 dari <https://www.python.org/downloads/> (centang *Add python.exe
  to PATH*) dan Git dari <https://git-scm.com/>. Lalu di *Command Prompt* atau *PowerShell*:

  ```
  py -m pip install --user pipx
  py -m pipx ensurepath
  ```

  Tutup dan buka lagi jendelanya, lalu: `pipx install "git+{url}@v{version}"`
- **macOS / Linux:** `python3 -m pip install --user pipx`, lalu
  `pipx install "git+{url}@v{version}"`

Periksa dengan `showcase --version`. Tanpa pipx, di Windows: `py -m pip install "showcase @ git+{url}@v{version}"`,
lalu pakai `py -m showcase` di tempat `showcase`.

## Bekerja di komputer

Jalankan perintah ini di folder situs (folder yang berisi `content/`):

| perintah | gunanya |
|---|---|
| `showcase serve` | bangun situs dan buka <http://127.0.0.1:8000/>; setiap file disimpan, halaman dimuat ulang |
| `showcase check` | periksa semua isi tanpa membangun; setiap kesalahan menyebut file, baris dan cara memperbaikinya |
| `showcase new product --title "Abon Bandeng" --maker umkm-contoh --category {category}` | buat file produk baru berisi semua kolom dan keterangannya |
| `showcase build` | bangun situs ke folder `output/` |
| `showcase partners update` | ambil katalog galeri mitra yang disebut `partners:` di `site.yaml` (jejaring) |
| `showcase edit` | penyunting web di <http://127.0.0.1:8000/admin/>: isi formulir, unggah foto, simpan; perlu Node.js 20 atau lebih baru dari <https://nodejs.org/> |

Foto produk diletakkan di folder yang sama dengan file produknya. Foto contoh
(`{photo}`) bertanda CONTOH / SAMPLE: timpa dengan foto sungguhan bernama sama.

## Menerbitkan di GitHub Pages

1. Buat repositori baru di GitHub, lalu di folder ini: `git init`, `git add .`,
   `git commit -m "Situs baru"`, `git branch -M main`, `git remote add origin <alamat repositori>`,
   `git push -u origin main`.
2. Di repositori GitHub: *Settings > Pages > Source*: pilih **GitHub Actions**.
3. Setiap *push* ke `main` menjalankan `.github/workflows/publish.yml`: situs dibangun dan diterbitkan.
   Setiap *pull request* diperiksa oleh `.github/workflows/pr.yml`; kesalahan tampil pada baris file
   yang salah.

## Penyunting web di situs yang sudah terbit (opsional)

Tambahkan ke `content/site.yaml`:

```yaml
cms:
  enabled: true
  repo: pemilik/nama-repositori
  auth_url: https://alamat-layanan-oauth.example
```

Halaman `/admin/` lalu meminta editor masuk dengan akun GitHub, dan setiap perubahan menjadi
*pull request* yang diperiksa sebelum diterbitkan. Masuk dengan GitHub memerlukan layanan OAuth
(`auth_url`); langkahnya ada di README showcase, bagian "Web editor": {url}#web-editor
"""


def tool_source(given: str | None) -> str:
    """The git repository showcase is installed from: --tool-source, else the package's
    `Repository` URL (pyproject.toml [project.urls])."""
    url = given
    if url is None:
        try:
            urls = metadata.metadata("showcase").get_all("Project-URL") or []
        except metadata.PackageNotFoundError:
            urls = []
        url = next((u.split(",", 1)[1].strip() for u in urls if u.lower().startswith("repository,")), None)
    if not url:
        raise UsageError("newsite.no_source")
    return url.removeprefix("git+").rstrip("/")


def region_parts(name: str) -> tuple[str, str, str]:
    """Slug, short name and kind of a region name: "Kabupaten Soppeng" -> soppeng, Soppeng, kabupaten."""
    found = re.match(r"(?i)^(kabupaten|kab\.|kota)\s+(.+)$", name.strip())
    short = found.group(2).strip() if found else name.strip()
    kind = ("kota" if found.group(1).lower() == "kota" else "kabupaten") if found else ""
    return slugify(short) or "wilayah", short, kind


def files(title: str, base_url: str | None, region: str, source: str, today: str) -> dict[str, bytes]:
    """Every file of the new site, by path relative to its folder."""
    region_slug, short, kind = region_parts(region)
    category, maker, product = "kerajinan", "umkm-contoh", "produk-contoh"
    photo = f"{product}.jpg"
    product_dir = f"content/products/{region_slug}"
    spec = f"showcase @ git+{source}@v{__version__}"
    site = [f"title: {_quote(title)}", "tagline: Produk unggulan daerah",
            "description: Katalog produk UMKM binaan, dengan harga dan pemesanan lewat WhatsApp."]
    if base_url:
        site.append(f"base_url: {_quote(base_url)}")
    site += ["", "# Penyunting web di /admin/ pada situs yang terbit: lihat README.md.",
             "# cms:", "#   enabled: true", "#   repo: pemilik/nama-repositori",
             "#   auth_url: https://alamat-layanan-oauth.example"]
    region_values = {"name": region, "province": "Provinsi Contoh", "short_name": short,
                     "summary": f"Wilayah contoh: ganti dengan keterangan {short}."}
    if kind:
        region_values["kind"] = kind
    entries = {
        f"content/regions/{region_slug}.md": ("region", region_values, {}),
        f"content/categories/{category}.md": ("category", {"name": "Kerajinan", "summary": "Kategori contoh."}, {}),
        f"content/makers/{maker}.md": ("maker", {"name": "UMKM Contoh", "region": region_slug,
                                                 "whatsapp": "0812-0000-0000",  # pesanan: ganti dengan nomor asli
                                                 "summary": "UMKM contoh: ganti nama, nomor WhatsApp dan ceritanya."},
                                       {}),
        f"{product_dir}/{product}.md": ("product", {
            "title": "Produk Contoh", "category": category, "maker": maker, "price": "25000", "unit": "1 buah",
            "summary": "Produk contoh: ganti judul, harga, foto dan ceritanya.", "date": today},
            {"images": ["images:", f"  - src: {photo}", "    alt: Foto contoh bertanda CONTOH, ganti dengan foto produk"]}),
    }
    out: dict[str, bytes] = {"content/site.yaml": ("\n".join(site) + "\n").encode()}
    problems = []
    for path, (kind_, values, blocks) in entries.items():
        text = render_text(kind_, values, Path(path).stem, blocks)
        if kind_ == "product":
            text += ("Cerita produk: bahan, cara membuat, cara menyimpan. Ganti teks ini; foto produk "
                     f"diletakkan di folder yang sama, menggantikan `{photo}`.\n")
        problems += validate(kind_, text, path).errors
        out[path] = text.encode()
    if problems:  # the templates of this module and the schema disagree: a defect, not a user error
        raise ShowcaseError("newsite.invalid", problems="\n".join(d.format("en") for d in problems))
    out[f"{product_dir}/{photo}"] = placeholder.photo(product, "Produk Contoh")
    values = {"comment": "", "version": __version__, "spec": spec}
    out[".github/workflows/pr.yml"] = PR_WORKFLOW.format(
        **{**values, "comment": "Every pull request: check the content and build with warnings as errors."}).encode()
    out[".github/workflows/publish.yml"] = PUBLISH_WORKFLOW.format(
        **{**values, "comment": "Every push to main: build the site and publish output/ to GitHub Pages."}).encode()
    out[".gitignore"] = GITIGNORE.encode()
    out[".gitattributes"] = GITATTRIBUTES.encode()
    out["README.md"] = README.format(title=title, url=source, version=__version__, category=category,
                                     photo=f"{product_dir}/{photo}").encode()
    return out


def _quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog=program("new site"), epilog=EPILOG,
                                description="Create a new site folder that builds at once: sample content with a "
                                            "placeholder photo, GitHub workflows, a README for editors.",
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("directory", type=Path, metavar="DIR", help="the new site's folder (new, or empty)")
    p.add_argument("--title", default="Galeri Produk Daerah", help='the site\'s title (default: "Galeri Produk Daerah")')
    p.add_argument("--base-url", metavar="URL", help="public address, e.g. https://example.org/galeri/ "
                                                     "(default: none; the publish workflow passes the Pages address)")
    p.add_argument("--region", default="Kabupaten Contoh", metavar="NAME",
                   help='the region of the sample content, e.g. "Kabupaten Soppeng" (default: "Kabupaten Contoh")')
    p.add_argument("--tool-source", metavar="URL",
                   help="git repository the workflows install showcase from, at tag v" + __version__
                        + " (default: the Repository URL in showcase's package metadata)")
    return p


def main(argv: list[str]) -> int:
    args = parser().parse_args(argv)
    target: Path = args.directory
    if target.exists() and (not target.is_dir() or any(target.iterdir())):
        raise ShowcaseError("newsite.not_empty", path=target.as_posix())
    if args.base_url and not re.match(r"^https?://[^/\s]+(/\S*)?$", args.base_url):
        raise UsageError("newsite.base_url", value=args.base_url)
    made = files(args.title, args.base_url, args.region, tool_source(args.tool_source), build_date().isoformat())
    for relative, data in made.items():
        path = target / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    print(f"Situs baru / new site: {target.as_posix()} ({len(made)} files)\n"
          f"Berikutnya / next: cd {target.as_posix()} && showcase serve   (README.md: menerbitkan / publishing)")
    return 0
