"""Minimal Pelican site for the benchmark: a page per product and one list page (the index)."""
import os

HERE = os.path.dirname(os.path.abspath(__file__))
SITENAME = "Galeri Uji Kinerja"
SITEURL = ""
PATH = "content"
THEME = os.path.join(HERE, "theme")
TIMEZONE = "UTC"
DEFAULT_LANG = "id"
DEFAULT_PAGINATION = False
DIRECT_TEMPLATES = ["index"]
ARTICLE_URL = "produk/{slug}/"
ARTICLE_SAVE_AS = "produk/{slug}/index.html"
ARTICLE_ORDER_BY = "title"
SLUGIFY_SOURCE = "basename"
for _kind in ("CATEGORY", "TAG", "AUTHOR", "CATEGORIES", "TAGS", "AUTHORS", "ARCHIVES",
              "YEAR_ARCHIVE", "MONTH_ARCHIVE", "DAY_ARCHIVE", "PAGE", "DRAFT", "DRAFT_PAGE"):
    globals()[f"{_kind}_SAVE_AS"] = ""
FEED_ALL_ATOM = None
CATEGORY_FEED_ATOM = None
TRANSLATION_FEED_ATOM = None
AUTHOR_FEED_ATOM = None
AUTHOR_FEED_RSS = None
STATIC_PATHS = []
# Pelican's own cache, so a rebuild re-reads only changed files.
CACHE_CONTENT = True
LOAD_CONTENT_CACHE = True
CACHE_PATH = os.path.join(HERE, "cache")
