"""`showcase partners update`: fetch the catalogue of every partner named in site.yaml and keep
each good copy in the cache, for builds to read (issue 14).

Builds never use the network; this command does, once, before a build (the publish workflow runs
it on every push and once a day). A partner that cannot be fetched keeps its last good copy, and
the command still succeeds: one partner being down must not stop a council's own site.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from . import network
from .cli import add_cache, add_content, add_lang, cache_dir, language, program
from .config import load_config
from .errors import Diagnostics
from .messages import render
from .options import build_date

EPILOG = """examples:
  showcase partners update
  showcase partners update --timeout 10 --max-products 2000
"""


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog=program("partners"), epilog=EPILOG,
                                formatter_class=argparse.RawDescriptionHelpFormatter,
                                description="Fetch the catalogues (katalog.json) of the partner showcases named in "
                                            "site.yaml's `partners:` and keep each good copy in the cache, where "
                                            "builds read them. A partner that cannot be fetched keeps its last copy.")
    p.add_argument("action", choices=["update"], help="update: fetch every partner's catalogue now")
    add_content(p)
    add_cache(p, "the partners' copies are kept in its partners/ folder")
    p.add_argument("--timeout", type=float, default=network.TIMEOUT_S, metavar="S",
                   help=f"seconds to wait for each partner (default: {network.TIMEOUT_S:g})")
    p.add_argument("--max-bytes", type=int, default=network.MAX_BYTES, metavar="N",
                   help=f"largest catalogue accepted, in bytes (default: {network.MAX_BYTES})")
    p.add_argument("--max-products", type=int, default=network.MAX_PRODUCTS, metavar="N",
                   help=f"products kept of each partner (default: {network.MAX_PRODUCTS})")
    add_lang(p)
    return p


def main(argv: list[str]) -> int:
    args = parser().parse_args(argv)
    lang = language(args)
    diags = Diagnostics()
    config = load_config(Path(args.content), diags)
    for problem in diags.errors:
        sys.stderr.write(problem.format(lang) + "\n")
    if diags.errors:
        return 1
    if not config.partners:
        print(render(lang, "partners.none"))
        return 0
    results = network.update(list(config.partners), config.content_dir, cache_dir(args), build_date(),
                             args.timeout, args.max_bytes, args.max_products)
    for partner, code, params in results:
        if code == network.UPDATED:
            print(render(lang, "partners.updated", partner=partner.name, count=params["count"]))
            if params["total"] > params["limit"]:
                print(render(lang, "partners.cut", partner=partner.name, total=params["total"], limit=params["limit"]))
        else:
            message = render(lang, code, partner=partner.name, **params)
            print(render(lang, "partners.failed", partner=partner.name, message=message))
    return 0
