import base64
import io
import os
import socket

import pypdf
import pytest
from PIL import Image

from reports.pdf import (
    PDF_BASE_URL,
    StaticOnlyURLFetcher,
    URLRefused,
    css_string,
    html_to_pdf,
    render_pdf,
)
from reports.report_builders import SAMPLE_TEMPLATE, sample_context

from .helpers import visual_lines

NBSP, NNBSP = "\u00a0", "\u202f"
STATIC = PDF_BASE_URL + "static/"


def png_bytes(size=4, noise=False):
    image = Image.frombytes("RGB", (size, size), os.urandom(size * size * 3)) if noise else Image.new("RGB", (size, size), "red")
    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    return buffer.getvalue()


def data_url(content, mime="image/png"):
    return f"data:{mime};base64,{base64.b64encode(content).decode()}"


def images_in(pdf):
    return sum(len(page.images) for page in pypdf.PdfReader(io.BytesIO(pdf)).pages)


def page_texts(pdf):
    return [page.extract_text() for page in pypdf.PdfReader(io.BytesIO(pdf)).pages]


def fonts_in(pdf):
    names = set()
    for page in pypdf.PdfReader(io.BytesIO(pdf)).pages:
        for font in page["/Resources"]["/Font"].values():
            names.add(str(font.get_object()["/BaseFont"]).split("+", 1)[-1])
    return names


# --- the URL fetcher's policy ---------------------------------------------------------------

def test_fetcher_serves_the_projects_static_files():
    fetcher = StaticOnlyURLFetcher()
    css = fetcher.fetch(STATIC + "css/pdf.css")
    assert css.content_type == "text/css"
    assert b"@font-face" in css.read()
    font = fetcher.fetch(STATIC + "fonts/dejavu/DejaVuSans.ttf")
    assert font.content_type == "font/ttf"
    assert font.read()[:4] == b"\x00\x01\x00\x00"
    assert len(fetcher.served) == 2 and fetcher.refused == []


@pytest.mark.parametrize(
    "url",
    [
        "file:///etc/passwd",
        "file:///work/wt/reports/static/css/pdf.css",
        "http://127.0.0.1:9/x",
        "https://example.org/static/css/pdf.css",
        "http://pdf.jln-portal.invalid/static/css/pdf.css",
        PDF_BASE_URL + "etc/passwd",
        STATIC + "%2e%2e/%2e%2e/etc/passwd",
        STATIC + "css/..%2f..%2fmanage.py",
        STATIC + "css/pdf.css%00.png",
        STATIC + "src/jln.scss",
        STATIC + "fonts/README.md",
        STATIC + "css/missing.css",
        "ftp://example.org/x.png",
        "about:blank",
        "data:text/css;base64,Ym9keXt9",
        "data:image/svg+xml;base64,PHN2Zy8+",
        "data:image/png,notbase64",
        "data:image/png;base64,%%%",
    ],
)
def test_fetcher_refuses_everything_else(url):
    fetcher = StaticOnlyURLFetcher()
    with pytest.raises(URLRefused):
        fetcher.fetch(url)
    assert fetcher.refused == [url] and fetcher.served == []


def test_fetcher_refuses_a_symbolic_link_out_of_the_static_folder(tmp_path, settings):
    (tmp_path / "css").mkdir()
    (tmp_path / "css" / "evil.css").symlink_to("/etc/passwd")
    (tmp_path / "css" / "fine.css").write_text("p { color: red }")
    settings.STATICFILES_DIRS = [tmp_path]
    settings.STATIC_ROOT = None
    fetcher = StaticOnlyURLFetcher()
    assert fetcher.fetch(STATIC + "css/fine.css").read() == b"p { color: red }"
    with pytest.raises(URLRefused):
        fetcher.fetch(STATIC + "css/evil.css")


def test_fetcher_accepts_small_data_images_only():
    fetcher = StaticOnlyURLFetcher()
    small = png_bytes()
    assert fetcher.fetch(data_url(small)).read() == small
    big = png_bytes(size=160, noise=True)
    assert len(big) > 64 * 1024
    with pytest.raises(URLRefused):
        fetcher.fetch(data_url(big))


# --- rendering never reads local files or the network from content --------------------------

def test_rendering_leaves_out_local_files_named_in_content(tmp_path):
    image = tmp_path / "secret.png"
    image.write_bytes(png_bytes())
    html = (
        f'<img src="file:///etc/passwd"><img src="{image.as_uri()}">'
        f'<link rel="stylesheet" href="file:///etc/passwd"><p style="background: url(file://{image})">x</p>'
    )
    fetcher = StaticOnlyURLFetcher()
    pdf = html_to_pdf(html, url_fetcher=fetcher)
    assert images_in(pdf) == 0
    assert fetcher.served == []
    assert set(fetcher.refused) == {"file:///etc/passwd", image.as_uri(), f"file://{image}"}


def test_rendering_embeds_an_allowed_data_image():
    pdf = html_to_pdf(f'<img src="{data_url(png_bytes())}">')
    assert images_in(pdf) == 1


def test_rendering_never_connects_to_a_url_named_in_content():
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(8)
    port = listener.getsockname()[1]
    url = f"http://127.0.0.1:{port}"
    html = (
        f'<html><head><link rel="stylesheet" href="{url}/a.css"><style>@import url("{url}/b.css");'
        f'@font-face {{ font-family: X; src: url("{url}/f.ttf"); }} p {{ font-family: X }}</style></head>'
        f'<body><img src="{url}/c.png"><img src="http://127.0.0.1:9/x"><object data="{url}/d.svg"></object>'
        f'<svg xmlns="http://www.w3.org/2000/svg"><image href="{url}/e.png" width="5" height="5"/></svg>'
        f'<p style="background-image: url({url}/g.png)">x</p></body></html>'
    )
    fetcher = StaticOnlyURLFetcher()
    try:
        html_to_pdf(html, url_fetcher=fetcher)
        listener.settimeout(0.3)
        with pytest.raises(socket.timeout):
            listener.accept()  # nobody knocked
    finally:
        listener.close()
    assert "http://127.0.0.1:9/x" in fetcher.refused
    assert {f"{url}/{name}" for name in ("a.css", "b.css", "f.ttf", "c.png", "g.png")} <= set(fetcher.refused)
    assert fetcher.served == []


def test_css_string_cannot_close_the_style_element():
    assert css_string('Page </style><script>"') == '"Page \\3c /style\\3e \\3c script\\3e \\22 "'


# --- the sample document ---------------------------------------------------------------------

@pytest.fixture(scope="module")
def sample_pdfs():
    return {
        language: render_pdf(SAMPLE_TEMPLATE, sample_context(language=language, prepared_by="Aïssatou Diop"), language=language)
        for language in ("en", "fr")
    }


def test_sample_pdf_numbers_its_pages(sample_pdfs):
    assert [text.splitlines()[-1] for text in page_texts(sample_pdfs["en"])] == ["Page 1 of 2", "Page 2 of 2"]
    assert [text.splitlines()[-1] for text in page_texts(sample_pdfs["fr"])] == ["Page 1 sur 2", "Page 2 sur 2"]


def test_sample_pdf_has_running_headers_after_the_first_page(sample_pdfs):
    first, second = page_texts(sample_pdfs["en"])
    assert "JLN portal: test document Score distribution" in second.splitlines()
    assert "JLN portal: test document Summary figures" not in first
    second_fr = page_texts(sample_pdfs["fr"])[1]
    assert f"Portail JLN{NBSP}: document de test Répartition des scores" in second_fr.splitlines()


def test_sample_pdf_table_of_contents_gives_page_numbers(sample_pdfs):
    lines = visual_lines(pypdf.PdfReader(io.BytesIO(sample_pdfs["fr"])).pages[0])
    start = lines.index("Sommaire") + 1
    assert lines[start:start + 2] == ["Chiffres clés 1", "Répartition des scores 2"]


def test_sample_pdf_in_french_has_accents_and_no_break_spaces(sample_pdfs):
    first, second = page_texts(sample_pdfs["fr"])
    assert f"Remarque{NBSP}: les chiffres de ce document sont inventés{NNBSP}; seule la mise en page est testée." in first
    assert f"Préparé par{NBSP}: Aïssatou Diop" in first
    assert f"Tous les caractères sont-ils lisibles{NNBSP}? Sénégal, Côte d'Ivoire, Bénin" in second
    assert "Afrique de l’Ouest" in first
    # Chart axis in French style; WeasyPrint draws SVG text's U+202F as a plain space (no
    # line breaks in SVG text, so nothing can separate the number from its sign).
    assert "\n100 %\n" in second


def test_sample_pdf_in_english_has_english_typography(sample_pdfs):
    first, second = page_texts(sample_pdfs["en"])
    assert "Note: the figures in this document are invented; only the layout is being tested." in first
    assert "Are all the characters legible? Senegal, Côte d'Ivoire, Benin" in second
    assert NNBSP not in first + second
    assert "\n100%\n" in second


def test_sample_pdf_uses_only_the_shipped_fonts(sample_pdfs):
    for pdf in sample_pdfs.values():
        assert fonts_in(pdf) == {"JLN-Sans", "JLN-Sans-Bold"}


def test_sample_pdf_has_its_charts(sample_pdfs):
    second = page_texts(sample_pdfs["fr"])[1]
    assert "Score moyen" in second  # histogram axis label, drawn from SVG
    assert "Profils des équipes" not in second  # a chart's <title> is not drawn…
    first = page_texts(sample_pdfs["fr"])[0]
    assert "Amérique latine et Caraïbes" in first  # …its labels are
