"""Vendor Decap CMS into showcase/editor/decap/ from its npm package, at the pinned version.

`python tools/vendor_decap.py` runs `npm pack decap-cms@<DECAP_VERSION>`, checks the tarball
against the integrity recorded in showcase/cms.py (npm's sha512, as in a lockfile), and copies
the browser bundle (decap-cms.js, the chunks it loads, its WebAssembly files and the licence
notices) with a SHA256SUMS list, which the test suite checks the committed files against.
Run it after changing DECAP_VERSION and DECAP_INTEGRITY (`npm view decap-cms@X dist.integrity`).
"""
from __future__ import annotations

import base64
import hashlib
import shutil
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from showcase.cms import DECAP_INTEGRITY, DECAP_VERSION, VENDOR  # noqa: E402

NOTICE = f"""Decap CMS {DECAP_VERSION} (https://decapcms.org/), the browser bundle of the npm package
decap-cms@{DECAP_VERSION} (integrity {DECAP_INTEGRITY}), copied unchanged by tools/vendor_decap.py.
Licence: MIT, Copyright (c) 2016 Netlify, Inc. and Decap CMS contributors. The notices of the
libraries inside the bundle are in decap-cms.js.LICENSE.txt.

Permission is hereby granted, free of charge, to any person obtaining a copy of this software and
associated documentation files (the "Software"), to deal in the Software without restriction,
including without limitation the rights to use, copy, modify, merge, publish, distribute,
sublicense, and/or sell copies of the Software, and to permit persons to whom the Software is
furnished to do so, subject to the following conditions:

The above copyright notice and this permission notice shall be included in all copies or
substantial portions of the Software.

THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR IMPLIED, INCLUDING BUT
NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY, FITNESS FOR A PARTICULAR PURPOSE AND
NONINFRINGEMENT. IN NO EVENT SHALL THE AUTHORS OR COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM, DAMAGES
OR OTHER LIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING FROM, OUT OF OR IN
CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS IN THE SOFTWARE.
"""


def wanted(name: str) -> bool:
    """The bundle Decap's own page loads: its entry, chunks, WebAssembly and licence notices."""
    return name == "decap-cms.js" or name.endswith((".decap-cms.js", ".wasm")) \
        or name == "decap-cms.js.LICENSE.txt"


def main() -> int:
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(["npm", "pack", f"decap-cms@{DECAP_VERSION}", "--silent"], cwd=tmp, check=True)
        tarball = Path(tmp) / f"decap-cms-{DECAP_VERSION}.tgz"
        found = "sha512-" + base64.b64encode(hashlib.sha512(tarball.read_bytes()).digest()).decode()
        if found != DECAP_INTEGRITY:
            sys.stderr.write(f"integrity mismatch: {found} != recorded {DECAP_INTEGRITY}\n")
            return 1
        shutil.rmtree(VENDOR, ignore_errors=True)
        VENDOR.mkdir(parents=True)
        with tarfile.open(tarball) as archive:
            for member in archive.getmembers():
                name = member.name.removeprefix("package/dist/")
                if member.isfile() and "/" not in name and wanted(name):
                    source = archive.extractfile(member)
                    assert source is not None
                    (VENDOR / name).write_bytes(source.read())
    (VENDOR / "NOTICE.txt").write_text(NOTICE)
    sums = [f"{hashlib.sha256(p.read_bytes()).hexdigest()}  {p.name}"
            for p in sorted(VENDOR.iterdir()) if p.name != "SHA256SUMS"]
    (VENDOR / "SHA256SUMS").write_text("\n".join(sums) + "\n")
    print(f"vendored decap-cms {DECAP_VERSION}: {len(sums)} files in {VENDOR.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
