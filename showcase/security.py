"""The site's security policy: the Content-Security-Policy and referrer policy of every page.

Owns the policy text that `base.html` prints as `<meta>` tags and that `_headers` sends as HTTP
headers, so the two cannot drift apart. Pages load scripts only from the site's own files (no
inline script, no event handlers); inline styles stay allowed for the theme colour and the
photo placeholder colours. The web editor at `/admin/` gets its own, wider policy (Decap CMS
evaluates code and styles inline, and talks to its backend); no other page does. It decides
nothing about content and writes no files.
"""
from __future__ import annotations

from typing import Sequence



def site_csp(frames: Sequence[str] = (), connect: Sequence[str] = ()) -> str:
    """The policy of every page but `/admin/`, as a `<meta>` can say it (frame-ancestors,
    report-uri and sandbox are ignored there). `frames`: the origins a page may embed (the video
    providers the site's bodies use, named only when used); `connect`: the origins a page's own
    script may send to (the counting service of `analytics:`, only when set). Both sorted, so the
    same site gives the same bytes; with neither, the policy allows nothing outside the site."""
    extra = ""
    if frames:
        extra += "; frame-src " + " ".join(sorted(set(frames)))
    if connect:
        extra += "; connect-src 'self' " + " ".join(sorted(set(connect)))
    return ("default-src 'self'; img-src 'self' data:; script-src 'self'; style-src 'self' 'unsafe-inline'; "
            "object-src 'none'; base-uri 'none'; form-action 'self'" + extra)


# The policy of a site that embeds nothing and counts nothing.
CSP = site_csp()
# Headers can also forbid framing (clickjacking an order button).
FRAMING = "; frame-ancestors 'none'"
CSP_HEADER = CSP + FRAMING
# Other sites see only the origin, never the product page a visitor came from.
REFERRER = "strict-origin-when-cross-origin"


def admin_csp(connect: Sequence[str], images: Sequence[str]) -> str:
    """The policy of `/admin/` only: Decap CMS needs `'unsafe-eval'` and inline styles, shows and
    reads uploaded photos as `blob:` URLs, and talks to its backend (`connect`, e.g. the GitHub API)."""
    return (f"default-src 'self'; img-src 'self' data: blob:{''.join(' ' + i for i in images)}; "
            "script-src 'self' 'unsafe-eval'; style-src 'self' 'unsafe-inline'; "
            f"connect-src 'self' blob:{''.join(' ' + c for c in connect)}; "
            "object-src 'none'; base-uri 'none'; form-action 'self'")


def header_lines(admin_policy: str | None = None, site_policy: str = CSP) -> list[str]:
    """The security headers of one `_headers` rule: the editor's policy for `/admin/` (given as
    `admin_policy`), the site's (`site_policy`, see site_csp) everywhere else."""
    policy = (admin_policy or site_policy) + FRAMING
    return [f"Content-Security-Policy: {policy}", f"Referrer-Policy: {REFERRER}", "X-Content-Type-Options: nosniff"]
