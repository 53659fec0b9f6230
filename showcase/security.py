"""The site's security policy: one Content-Security-Policy and referrer policy for every page.

Owns the policy text that `base.html` prints as `<meta>` tags and that `_headers` sends as HTTP
headers, so the two cannot drift apart. Pages load scripts only from the site's own files (no
inline script, no event handlers); inline styles stay allowed for the theme colour and the
photo placeholder colours. It decides nothing about content and writes no files.
"""
from __future__ import annotations

# What a <meta> policy can say (frame-ancestors, report-uri and sandbox are ignored there).
CSP = ("default-src 'self'; img-src 'self' data:; script-src 'self'; style-src 'self' 'unsafe-inline'; "
       "object-src 'none'; base-uri 'none'; form-action 'self'")
# Headers can also forbid framing (clickjacking an order button).
CSP_HEADER = CSP + "; frame-ancestors 'none'"
# Other sites see only the origin, never the product page a visitor came from.
REFERRER = "strict-origin-when-cross-origin"


def header_lines(base_path: str) -> list[str]:
    """`_headers` rules (Netlify, Cloudflare Pages) sending the policy with every file of the site."""
    return [f"{base_path}*\n  Content-Security-Policy: {CSP_HEADER}\n  Referrer-Policy: {REFERRER}\n"
            "  X-Content-Type-Options: nosniff"]
