"""Where everything lives in the built site, relative to its root: the one place that says so.

Pages, exports, `siteverify` and the tests take their paths from here. Folder paths end in '/',
as MkDocs' directory URLs do, so `root + path` is a link from any page.
"""

from __future__ import annotations

CATALOGUE = "utmaningar/"
MUNICIPALITIES = "kommuner/"
AREAS = "omraden/"
# The folder of each vocabulary's pages, by the vocabulary's name in _vocabularies.yml.
VOCABULARY_FOLDERS = {"municipalities": MUNICIPALITIES, "areas": AREAS}
FOLLOW_PAGE = "bevaka/"
ACCESSIBILITY_STATEMENT = "tillganglighet/"
# Pages for the municipalities' staff (editing guide, field reference): last in search results.
STAFF_SECTIONS = ("redigera/",)
# The search index and Pagefind's script (search_index.py).
SEARCH_INDEX = "pagefind/"
# Linked from every page's footer when the site has them: (page, its file in docs/, link text).
FOOTER_PAGES = (
    (ACCESSIBILITY_STATEMENT, "tillganglighet.md", "Tillgänglighetsredogörelse"),
    ("integritet/", "integritet.md", "Integritet"),
    ("om-katalogen/", "om-katalogen.md", "Om katalogen"),
)

FEED = "feed.xml"
CALENDAR = "calendar.ics"
JSON = "challenges.json"
JSON_SCHEMA = "challenges.schema.json"
CSV = "challenges.csv"
# The same rows for Excel set to Swedish (or another language whose list separator is ';'):
# a double-click opens it in columns (csv_export.py).
CSV_EXCEL = "challenges-excel.csv"
OCDS = "ocds.json"
# The DCAT-AP-SE catalogue of the open data, for Sweden's data portal (exports/dcat.py).
DCAT = "katalog.rdf"
SITEMAP = "sitemap.xml"  # written by MkDocs
# What a browser shows for a feed (theme/assets/): a Swedish page instead of raw XML.
FEED_STYLESHEET = "assets/feed.xsl"
ROBOTS = "robots.txt"
# Filters the catalogue page understands in its address (finder.py, katalog.js).
OPEN_FOR_RESPONSES = CATALOGUE + "?open=1"


def to_root(path: str) -> str:
    """The relative way from a file at `path` back to the site root: '../../' for 'kommuner/ystad/feed.xml'."""
    return "../" * path.count("/")


def challenge(slug: str) -> str:
    return f"{CATALOGUE}{slug}/"


def municipality(key: str) -> str:
    return f"{MUNICIPALITIES}{key}/"


def organisation(key: str) -> str:
    """The identifier of a municipality as an organisation (in JSON-LD and in the DCAT catalogue)."""
    return f"{municipality(key)}#organisation"


def area(key: str) -> str:
    return f"{AREAS}{key}/"


def group(vocabulary: str, key: str) -> str:
    """A municipality's or area's page."""
    return f"{VOCABULARY_FOLDERS[vocabulary]}{key}/"


def feed(folder: str = "") -> str:
    """The Atom feed of the whole catalogue, or of a municipality's or area's page."""
    return folder + FEED


def calendar(folder: str = "") -> str:
    """The calendar of the whole catalogue, a municipality, an area or a challenge."""
    return folder + CALENDAR
