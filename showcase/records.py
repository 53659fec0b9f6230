"""Offline record chunks: the records of every product, maker, region and category page
(pages/records.py) put into content-hashed JSON files the service worker precaches.

Membership is stable: a record goes into the bucket of a hash of `kind/slug` (FNV-1a, which the
service worker computes too), so adding a product never moves the others and a price edit
rewrites exactly one chunk. The number of buckets is a power of two chosen from the number of
records, so it changes (and every chunk with it) only when the catalogue doubles or halves.
A chunk is `records/<lang>/<bucket>-<hash>.json`: a new deploy changes the names of the chunks
that changed only, and hosts may cache them for ever.
"""
from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping
from typing import Any

RECORDS_DIR = "records"
PREFIX = "part:record/"
PER_CHUNK = 32  # records a chunk holds on average, at most: about 10 KB


def fnv1a(text: str) -> int:
    """32-bit FNV-1a of the UTF-8 bytes (the same function is in sw.js)."""
    value = 0x811C9DC5
    for byte in text.encode():
        value = ((value ^ byte) * 0x01000193) & 0xFFFFFFFF
    return value


def bucket_count(records: int) -> int:
    """The smallest power of two that keeps the average chunk at PER_CHUNK records or fewer."""
    count = 1
    while records > count * PER_CHUNK:
        count *= 2
    return count


def bucket_of(key: str, buckets: int) -> int:
    """The bucket of `kind/slug`."""
    return bucket_of_hash(fnv1a(key), buckets)


def bucket_of_hash(hashed: int, buckets: int) -> int:
    """The bucket of a key whose `fnv1a` hash is known (the build keeps each record's)."""
    return hashed % buckets


def key_of(output: str) -> tuple[str, str]:
    """`part:record/en/product/abon` -> ("en", "product/abon")."""
    lang, _, key = output[len(PREFIX):].partition("/")
    return lang, key


def chunk(records: Iterable[Mapping[str, Any]]) -> bytes:
    """One chunk's bytes: records by `kind/slug` (the key holds their kind and slug), in key order."""
    found = {f"{r['k']}/{r['s']}": {k: v for k, v in r.items() if k not in ("k", "s")} for r in records}
    text = json.dumps(dict(sorted(found.items())), ensure_ascii=False, separators=(",", ":"), sort_keys=False)
    return text.encode()


def chunk_path(lang: str, bucket: int, data: bytes) -> str:
    return f"{RECORDS_DIR}/{lang}/{bucket:03d}-{hashlib.sha256(data).hexdigest()[:12]}.json"


def bucket_of_path(path: str) -> int:
    """`records/id/007-1a2b3c4d5e6f.json` -> 7."""
    return int(path.rsplit("/", 1)[-1].split("-", 1)[0])
