"""Test photos made with Pillow at test time: ordinary ones, awkward ones and broken ones.

Every function writes one file at `path` (creating its folder) and returns the path, so a test
reads as the list of files an editor might commit. Nothing here is random between runs.
"""
from __future__ import annotations

import random
import struct
import zlib
from pathlib import Path
from typing import Any

from PIL import ExifTags, Image, ImageCms

RGB = tuple[int, int, int]


def _target(path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    return path


def save(image: Image.Image, path: Path, fmt: str | None = None, **options: Any) -> Path:
    """Save an image built by a test (format from `fmt`, else from the file name)."""
    image.save(_target(path), fmt, **options)
    return path


def solid(path: Path, size: tuple[int, int] = (800, 600), color: RGB = (200, 40, 40),
          fmt: str | None = None, **options: Any) -> Path:
    """A one-colour photo."""
    return save(Image.new("RGB", size, color), path, fmt, **options)


def noisy(path: Path, size: tuple[int, int] = (800, 600), fmt: str | None = None,
          seed: int = 1, **options: Any) -> Path:
    """Random pixels (fixed seed): compresses badly, so the file has real image data."""
    data = random.Random(seed).randbytes(size[0] * size[1] * 3)
    return save(Image.frombytes("RGB", size, data), path, fmt, **options)


def two_tone(path: Path, size: tuple[int, int], left: RGB, right: RGB,
             orientation: int | None = None) -> Path:
    """Left half one colour, right half another; optionally an EXIF orientation tag."""
    image = Image.new("RGB", size, right)
    image.paste(left, (0, 0, size[0] // 2, size[1]))
    exif = Image.Exif()
    if orientation:
        exif[ExifTags.Base.Orientation] = orientation
    return save(image, path, "JPEG", quality=95, exif=exif)


def with_private_metadata(path: Path, size: tuple[int, int] = (800, 600)) -> Path:
    """A JPEG carrying what must never be published: GPS position, owner, camera serial,
    XMP, a comment and a colour profile."""
    exif = Image.Exif()
    exif[ExifTags.Base.Make] = "KameraMerekRahasia"
    exif[ExifTags.Base.Artist] = "Ibu Siti Rahayu"
    exif.get_ifd(ExifTags.IFD.Exif)[ExifTags.Base.BodySerialNumber] = "SN-987654321"
    gps = exif.get_ifd(ExifTags.IFD.GPSInfo)
    gps[ExifTags.GPS.GPSLatitudeRef] = "S"
    gps[ExifTags.GPS.GPSLatitude] = (4.0, 49.0, 12.5)
    gps[ExifTags.GPS.GPSLongitudeRef] = "E"
    gps[ExifTags.GPS.GPSLongitude] = (119.0, 34.0, 5.0)
    xmp = (b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/'
           b'22-rdf-syntax-ns#"><rdf:Description xmlns:dc="http://purl.org/dc/elements/1.1/" '
           b'dc:creator="RumahProduksiRahasia"/></rdf:RDF></x:xmpmeta>')
    srgb = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    return save(Image.new("RGB", size, (90, 140, 60)), path, "JPEG", exif=exif, xmp=xmp,
                comment=b"nomor HP pribadi 0812-3456", icc_profile=srgb)


def cmyk_jpeg(path: Path, size: tuple[int, int] = (600, 400),
              ink: tuple[int, int, int, int] = (0, 255, 255, 0),
              profile: bytes | None = None) -> Path:
    """A CMYK JPEG (as print shops send), pure red by default, optionally with a profile."""
    options: dict[str, Any] = {"icc_profile": profile} if profile else {}
    return save(Image.new("CMYK", size, ink), path, "JPEG", quality=95, **options)


def rgb_jpeg_with_profile(path: Path, profile: bytes, size: tuple[int, int] = (600, 400),
                          color: RGB = (200, 40, 40)) -> Path:
    """An RGB JPEG tagged with a (non-sRGB) colour profile."""
    return save(Image.new("RGB", size, color), path, "JPEG", quality=95, icc_profile=profile)


def grey16_png(path: Path, size: tuple[int, int] = (600, 400), value: int = 0x8080) -> Path:
    """A 16-bit greyscale PNG; 0x8080 is mid-grey (128 of 255)."""
    return save(Image.new("I;16", size, value), path, "PNG")


def half_transparent_png(path: Path, size: tuple[int, int] = (600, 400),
                         color: RGB = (220, 20, 20)) -> Path:
    """RGBA: left half fully transparent (black underneath), right half opaque colour."""
    image = Image.new("RGBA", size, (*color, 255))
    image.paste((0, 0, 0, 0), (0, 0, size[0] // 2, size[1]))
    return save(image, path, "PNG")


def animated_gif(path: Path, size: tuple[int, int] = (600, 400)) -> Path:
    """Three frames of different colours."""
    frames = [Image.new("RGB", size, c) for c in ((250, 0, 0), (0, 250, 0), (0, 0, 250))]
    frames[0].save(_target(path), "GIF", save_all=True, append_images=frames[1:], duration=100)
    return path


def truncated(path: Path, fmt: str = "JPEG", size: tuple[int, int] = (640, 480),
              keep: float = 0.6) -> Path:
    """A photo cut off part-way, as an interrupted upload or copy leaves it."""
    noisy(path, size, fmt)
    data = path.read_bytes()
    path.write_bytes(data[: int(len(data) * keep)])
    return path


def png_declaring(path: Path, width: int, height: int) -> Path:
    """A tiny PNG whose header claims a huge size (a decompression bomb's calling card)."""
    def chunk(kind: bytes, body: bytes) -> bytes:
        crc = zlib.crc32(kind + body)
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", crc)

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    png = (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b"\0" * 64))
           + chunk(b"IEND", b""))
    _target(path).write_bytes(png)
    return path


def write_bytes(path: Path, data: bytes) -> Path:
    _target(path).write_bytes(data)
    return path


def lfs_pointer(path: Path) -> Path:
    """What a clone without Git LFS holds instead of the photo."""
    return write_bytes(path, b"version https://git-lfs.github.com/spec/v1\n"
                       b"oid sha256:4d7a214614ab2935c943f9e0ff69d22e"
                       b"adbb8f32b1258daaa5e2ca24d17e2393\n"
                       b"size 2480133\n")


def svg(path: Path) -> Path:
    """An SVG with a script, whatever its name says."""
    return write_bytes(path, b'<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg" '
                       b'width="10" height="10"><script>alert(1)</script></svg>\n')


def html(path: Path) -> Path:
    """A web page saved with "Save as" instead of the photo on it."""
    return write_bytes(path, b"<!DOCTYPE html>\n<html><head><title>Foto</title></head>"
                       b"<body><img src='abon.jpg'></body></html>\n")


def heic(path: Path) -> Path:
    """The opening bytes of an iPhone HEIC photo."""
    return write_bytes(path, b"\x00\x00\x00\x18ftypheic\x00\x00\x00\x00mif1heic" + b"\x00" * 200)


def odd_profile(space: str, lab: tuple[float, float, float] = (40.0, 20.0, -60.0)) -> bytes:
    """An ICC v2 profile for `space` ("RGB" or "CMYK") that maps every colour to one Lab colour
    (blue by default): a test can then tell whether a converter really used the profile."""
    channels = 3 if space == "RGB" else 4
    lightness, a, b = lab
    pcs = [round(lightness * 65280 / 100), round((a + 128) * 256), round((b + 128) * 256)]
    s15 = [65536, 0, 0, 0, 65536, 0, 0, 0, 65536]  # identity matrix, unused for non-XYZ input
    lut = (b"mft2" + bytes(4) + bytes([channels, 3, 2, 0]) + struct.pack(">9i", *s15)
           + struct.pack(">HH", 2, 2) + struct.pack(f">{2 * channels}H", *[0, 65535] * channels)
           + struct.pack(f">{3 * 2 ** channels}H", *pcs * 2 ** channels)
           + struct.pack(">6H", *[0, 65535] * 3))
    name = b"odd test profile\0"
    desc = (b"desc" + bytes(4) + struct.pack(">I", len(name)) + name + bytes(8) + bytes(3)
            + bytes(67))
    d50 = [round(v * 65536) for v in (0.9642, 1, 0.8249)]
    white = b"XYZ " + bytes(4) + struct.pack(">3i", *d50)
    tags = [(b"desc", desc), (b"wtpt", white), (b"A2B0", lut)]
    offset = 128 + 4 + 12 * len(tags)
    table, body = b"", b""
    for signature, data in tags:
        padded = data + bytes(-len(data) % 4)
        table += signature + struct.pack(">II", offset + len(body), len(padded))
        body += padded
    size = offset + len(body)
    header = struct.pack(">I4sI4s4s4s6H4s4sI4s4sQI3i4s44x", size, b"none", 0x02100000,
                         b"scnr", space.ljust(4).encode(), b"Lab ", 2024, 1, 1, 0, 0, 0, b"acsp",
                         bytes(4), 0, bytes(4), bytes(4), 0, 0,
                         *d50, bytes(4))
    return header + struct.pack(">I", len(tags)) + table + body
