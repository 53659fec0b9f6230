"""Deterministic benchmark corpus: N products with realistic bodies, regions, makers and photos.

`python bench/corpus.py --products 1000 --photos 0 --out /tmp/corpus` writes a content/
directory that showcase builds without a warning. The same arguments always give the same bytes
(seeded from the arguments, never the clock), so runs on different machines compare.
"""
from __future__ import annotations

import argparse
import random
from pathlib import Path

WORDS = ("bandeng tambak presto abon cakalang asap gurih renyah tanpa duri pengawet alami kemasan vakum "
         "tahan lama dimasak bumbu kunyit serai bawang putih daun salam marmer pahat halus asbak cobek vas "
         "anyaman lontar pandan tas bakul sutra tenun benang pewarna alam motif batik canting malam kain "
         "selendang sarung perajin kelompok ibu-ibu desa pesisir pulau kecamatan kabupaten pasar oleh-oleh "
         "pesanan dikirim seluruh indonesia tradisi turun-temurun kualitas terjaga harga terjangkau").split()
REGIONS = {
    "pangkep": ("Kabupaten Pangkajene dan Kepulauan", "Pangkep", "Sulawesi Selatan",
                ["Balocci", "Bungoro", "Labakkang", "Liukang Kalmas", "Liukang Tangaya", "Liukang Tupabbiring",
                 "Liukang Tupabbiring Utara", "Mandalle", "Marang", "Minasatene", "Pangkajene", "Segeri",
                 "Tondong Tallasa"]),
    "soppeng": ("Kabupaten Soppeng", "Soppeng", "Sulawesi Selatan",
                ["Citta", "Donri-Donri", "Ganra", "Lalabata", "Lilirilau", "Liliriaja", "Marioriawa",
                 "Marioriwawo"]),
    "tangerang-selatan": ("Kota Tangerang Selatan", "Tangsel", "Banten",
                          ["Ciputat", "Ciputat Timur", "Pamulang", "Pondok Aren", "Serpong", "Serpong Utara",
                           "Setu"]),
}
CATEGORIES = ["olahan-hasil-laut", "kerajinan-marmer", "anyaman", "kerajinan-limbah-kerang", "batik",
              "tenun-sutra"]


def sentence(rng: random.Random) -> str:
    words = [rng.choice(WORDS) for _ in range(rng.randint(8, 16))]
    return " ".join(words).capitalize() + "."


def body(rng: random.Random, words: int) -> str:
    paragraphs, count = [], 0
    while count < words:
        paragraph = " ".join(sentence(rng) for _ in range(rng.randint(3, 6)))
        count += len(paragraph.split())
        paragraphs.append(paragraph)
    if rng.random() < 0.3:
        paragraphs.insert(1, "## Cara menyimpan\n\n- Simpan di tempat sejuk\n- Jauhkan dari sinar matahari")
    return "\n\n".join(paragraphs) + "\n"


def photo(path: Path, rng: random.Random, size: tuple[int, int]) -> None:
    """A phone-photo-like JPEG: gradients and noise, so it compresses like a real photo."""
    from PIL import Image, ImageDraw, ImageFilter

    image = Image.new("RGB", size, tuple(rng.randint(40, 220) for _ in range(3)))
    draw = ImageDraw.Draw(image)
    for _ in range(12):
        x, y = rng.randint(0, size[0]), rng.randint(0, size[1])
        r = rng.randint(size[0] // 20, size[0] // 4)
        draw.ellipse((x - r, y - r, x + r, y + r), fill=tuple(rng.randint(0, 255) for _ in range(3)))
    noise = Image.effect_noise(size, 40).convert("RGB")
    image = Image.blend(image.filter(ImageFilter.GaussianBlur(8)), noise, 0.15)
    image.save(path, "JPEG", quality=88)


def generate(out: Path, products: int, photos: int, words: int = 470, seed: int = 1,
             photo_size: tuple[int, int] = (4000, 3000)) -> Path:
    """Write the corpus; `photos` products get one photo each (the rest have none)."""
    rng = random.Random(f"{seed}-{products}-{photos}-{words}")
    content = out / "content"
    for folder in ("regions", "categories", "makers", "products"):
        (content / folder).mkdir(parents=True, exist_ok=True)
    (content / "site.yaml").write_text('title: Galeri Uji Kinerja\nbase_url: https://example.org/\n'
                                       'contact: {whatsapp: "0812-0000-2409"}\n')
    for slug, (name, short, province, districts) in REGIONS.items():
        (content / "regions" / f"{slug}.md").write_text(
            f"---\nname: {name}\nshort_name: {short}\nprovince: {province}\ndistricts: [{', '.join(districts)}]\n"
            f"---\n{body(rng, 80)}")
    for order, slug in enumerate(CATEGORIES):
        (content / "categories" / f"{slug}.md").write_text(
            f"---\nname: {slug.replace('-', ' ').title()}\norder: {order}\n---\n{sentence(rng)}\n")
    makers = max(3, products // 25)
    maker_regions = {}
    for index in range(makers):
        region = rng.choice(sorted(REGIONS))
        maker_regions[f"umkm-{index:05d}"] = region
        (content / "makers" / f"umkm-{index:05d}.md").write_text(
            f"---\nname: UMKM Uji {index}\nregion: {region}\ndistrict: {rng.choice(REGIONS[region][3])}\n"
            f'whatsapp: "0812-{rng.randint(1000, 9999)}-{rng.randint(1000, 9999)}"\n---\n{body(rng, 60)}')
    for index in range(products):
        maker = f"umkm-{rng.randrange(makers):05d}"
        region = maker_regions[maker]
        folder = content / "products" / region
        folder.mkdir(exist_ok=True)
        slug = f"produk-{index:05d}"
        price = rng.randrange(10, 2000) * 1000
        image = ""
        if index < photos:
            photo(folder / f"{slug}.jpg", rng, photo_size)
            image = f"images:\n  - {{src: {slug}.jpg, alt: Foto produk {index}}}\n"
        (folder / f"{slug}.md").write_text(
            f"---\ntitle: Produk Uji {index} {rng.choice(WORDS).title()}\ncategory: {rng.choice(CATEGORIES)}\n"
            f"maker: {maker}\ndistrict: {rng.choice(REGIONS[region][3])}\nprice: {price}\nunit: 500 g\n{image}"
            f"tags: [{rng.choice(WORDS)}, {rng.choice(WORDS)}]\ndate: 2026-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}\n"
            f"featured: {'true' if index % 97 == 0 else 'false'}\n---\n{body(rng, words)}")
    return content


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--products", type=int, default=1000)
    parser.add_argument("--photos", type=int, default=0, help="how many products get a 12-MP photo")
    parser.add_argument("--words", type=int, default=470)
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args()
    print(generate(args.out, args.products, args.photos, args.words))


if __name__ == "__main__":
    main()
