"""Rendering PDFs with WeasyPrint, safely.

`render_pdf()` renders a template in a language and turns it into PDF bytes. Whatever the
content says, WeasyPrint only ever gets resources through `StaticOnlyURLFetcher`:

- the project's own static files (under `STATICFILES_DIRS` or, once collected, `STATIC_ROOT`)
  reached through `{% static %}` URLs, with a known file type (CSS, fonts, images);
- `data:` URLs of small PNG, JPEG or GIF images (at most `MAX_DATA_IMAGE_BYTES`);
- nothing else: no `file://`, no `http(s)://` other than the fictitious origin below, no other
  scheme, no path outside those folders (`..`, symbolic links pointing out). A refused resource is
  logged and left out of the PDF; the rendering goes on.

The document's base URL is `PDF_BASE_URL`, an origin that cannot resolve (`.invalid`): a relative
URL such as `/static/css/pdf.css` becomes `https://pdf.jln-portal.invalid/static/css/pdf.css`,
which the fetcher maps to a file on disk without any network access.
"""

import base64
import binascii
import logging
import posixpath
import re
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import pydyf
from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.safestring import mark_safe
from django.utils.translation import gettext
from weasyprint import HTML
from weasyprint.text.fonts import FontConfiguration
from weasyprint.urls import URLFetcher, URLFetcherResponse

from .typography import french_typography_html

logger = logging.getLogger(__name__)

PDF_BASE_URL = "https://pdf.jln-portal.invalid/"
STATIC_FILE_TYPES = {
    ".css": "text/css",
    ".ttf": "font/ttf",
    ".otf": "font/otf",
    ".woff": "font/woff",
    ".woff2": "font/woff2",
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".gif": "image/gif",
    ".svg": "image/svg+xml",
}
MAX_STATIC_FILE_BYTES = 5 * 1024 * 1024
DATA_IMAGE_TYPES = {"image/png", "image/jpeg", "image/gif"}
MAX_DATA_IMAGE_BYTES = 64 * 1024
_DATA_URL = re.compile(r"^data:(?P<type>[\w.+-]+/[\w.+-]+)?(?P<params>(?:;[^,;]*)*?)(?P<b64>;base64)?,(?P<data>.*)$", re.S)


class URLRefused(ValueError):
    """WeasyPrint logs this and leaves the resource out; the rendering continues."""


def _static_roots():
    roots = []
    for entry in settings.STATICFILES_DIRS:
        roots.append(Path(entry[1] if isinstance(entry, (tuple, list)) else entry))
    if settings.STATIC_ROOT:
        roots.append(Path(settings.STATIC_ROOT))
    return [root.resolve() for root in roots]


def _static_prefixes():
    """The URL prefixes under which static files are addressed in a PDF."""
    static_url = settings.STATIC_URL
    prefixes = [urljoin(PDF_BASE_URL, static_url)]
    if urlsplit(static_url).scheme:  # an absolute STATIC_URL is recognised too (never fetched)
        prefixes.append(static_url)
    return prefixes


class StaticOnlyURLFetcher(URLFetcher):
    """Serves the project's static files and small data: images; refuses everything else.

    `served` and `refused` list the URLs asked for, for logging and tests.
    """

    def __init__(self):
        super().__init__(allowed_protocols=(), allow_redirects=False, timeout=1)
        self.served = []
        self.refused = []

    def fetch(self, url, headers=None):
        try:
            if url.startswith("data:"):
                response = self._data_image(url)
            else:
                response = self._static_file(url)
        except URLRefused as refusal:
            self.refused.append(url)
            logger.warning("PDF rendering refused %s: %s", url[:200], refusal)
            raise
        self.served.append(url)
        return response

    def _static_file(self, url):
        prefix = next((p for p in _static_prefixes() if url.startswith(p)), None)
        if prefix is None:
            raise URLRefused("only the portal's own static files may be used")
        relative = unquote(urlsplit(url[len(prefix):]).path)
        if "\\" in relative or "\x00" in relative or posixpath.normpath(relative) != relative or relative.startswith(("/", "..")):
            raise URLRefused("malformed static path")
        content_type = STATIC_FILE_TYPES.get(posixpath.splitext(relative)[1].lower())
        if content_type is None:
            raise URLRefused("file type not allowed")
        for root in _static_roots():
            candidate = (root / relative).resolve()
            if candidate.is_relative_to(root) and candidate.is_file():
                if candidate.stat().st_size > MAX_STATIC_FILE_BYTES:
                    raise URLRefused("static file too large")
                return URLFetcherResponse(url, candidate.read_bytes(), {"Content-Type": content_type})
        raise URLRefused("no such static file")

    def _data_image(self, url):
        match = _DATA_URL.match(url)
        if not match or (match["type"] or "").lower() not in DATA_IMAGE_TYPES or not match["b64"]:
            raise URLRefused("only base64 PNG, JPEG or GIF data: images are allowed")
        if len(match["data"]) > MAX_DATA_IMAGE_BYTES * 4 // 3 + 4:
            raise URLRefused("data: image too large")
        try:
            body = base64.b64decode(unquote(match["data"]), validate=True)
        except (binascii.Error, ValueError):
            raise URLRefused("invalid base64 data") from None
        return URLFetcherResponse(url, body, {"Content-Type": match["type"].lower()})


def css_string(text):
    """`text` as a quoted CSS string, safe inside a <style> element (so marked safe for templates)."""
    escaped = "".join(
        f"\\{ord(ch):x} " if ch in '\\"<>&\n\r' or ord(ch) < 0x20 else ch for ch in str(text)
    )
    return mark_safe(f'"{escaped}"')


def page_counter_css(template=None, *, last_page_of=None):
    """`content` value for the page counter, e.g. "Page " counter(page) " of " counter(pages),
    from a translated `template` with {page} and {pages} ("Page {page} of {pages}" by default).
    With `last_page_of` (an element's id), {pages} is the number of the page holding that
    element, so that a part of a document (its body, its annex) counts its own pages."""
    template = template or gettext("Page {page} of {pages}")
    pages = f"target-counter({css_string('#' + last_page_of)}, page)" if last_page_of else "counter(pages)"
    parts = re.split(r"(\{page\}|\{pages\})", template)
    tokens = []
    for part in parts:
        if part == "{page}":
            tokens.append("counter(page)")
        elif part == "{pages}":
            tokens.append(pages)
        elif part:
            tokens.append(css_string(part))
    return mark_safe(" ".join(tokens))


def page_labeller(label_prefixes):
    """A WeasyPrint finisher giving the PDF its page labels, the numbers a PDF viewer shows:
    `label_prefixes` is {element id: prefix}; the pages from the one holding that element on
    are labelled prefix + 1, 2… (as a CSS `counter-reset: page` prints them), the pages
    before the first such element 1, 2…"""

    def finish(document, pdf):
        starts = {}
        for anchor, prefix in label_prefixes.items():
            index = next((i for i, page in enumerate(document.pages) if anchor in page.anchors), None)
            if index:
                starts[index] = prefix
        if not starts:
            return
        ranges = [0, pydyf.Dictionary({"S": "/D"})]
        for index in sorted(starts):
            ranges += [index, pydyf.Dictionary({"S": "/D", "P": pydyf.String(starts[index])})]
        pdf.catalog["PageLabels"] = pydyf.Dictionary({"Nums": pydyf.Array(ranges)})

    return finish


def html_to_pdf(html, *, url_fetcher=None, label_prefixes=None):
    """PDF bytes of an HTML document; resources only through `url_fetcher` (a
    StaticOnlyURLFetcher by default); page labels from `label_prefixes` (see `page_labeller`)."""
    url_fetcher = url_fetcher or StaticOnlyURLFetcher()
    font_config = FontConfiguration()
    document = HTML(string=html, base_url=PDF_BASE_URL, url_fetcher=url_fetcher)
    finisher = page_labeller(label_prefixes) if label_prefixes else None
    return document.write_pdf(font_config=font_config, finisher=finisher)


# Flags are pairs of regional indicator letters (🇸🇳) or a black flag and tag letters
# (England's, Scotland's…): the shipped fonts have no glyph for them, so they would be drawn as
# boxes. They are dropped from a PDF's text (a country's name is always written out beside).
_FLAG_EMOJI = re.compile("[\U0001F1E6-\U0001F1FF]|\U0001F3F4[\U000E0020-\U000E007F]+|[\U000E0020-\U000E007F]")


def without_flag_emoji(text):
    return _FLAG_EMOJI.sub("", text)


def render_html(template_name, context, *, language):
    """The HTML of a PDF template rendered in `language`: French typography where the text is
    French, no flag emoji."""
    with translation.override(language):
        html = render_to_string(
            template_name, {**context, "pdf_language": language, "page_counter_css": page_counter_css()}
        )
    # French spaces wherever the text is French, by the nearest lang (a French EOI quoted in an
    # English report too, an English one quoted in a French report not).
    return french_typography_html(without_flag_emoji(html), language=language)


def render_pdf(template_name, context, *, language, url_fetcher=None, label_prefixes=None):
    """PDF bytes of `template_name` rendered with `context` in `language` ("en" or "fr")."""
    return html_to_pdf(render_html(template_name, context, language=language), url_fetcher=url_fetcher,
                       label_prefixes=label_prefixes)
