"""Documents rendered side by side in forked processes and joined into one PDF."""

import io
import os
import threading

import pypdf
import pytest

from reports import multipart
from reports.multipart import PDFRenderError, htmls_to_pdfs, join_pdfs

STYLE = '<link rel="stylesheet" href="/static/css/pdf.css">'


def html(title, pages, *, lang="en"):
    sections = "".join(f'<section class="page-break"><h2 id="{title}-{n}">{title} {n}</h2><p>Text {n}.</p></section>'
                       for n in range(1, pages + 1))
    toc = "".join(f'<li><a href="#{title}-{n}">{title} {n}</a></li>' for n in range(1, pages + 1))
    return (f'<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8"><title>{title}</title>{STYLE}</head>'
            f'<body><h1 class="doc-title">{title}</h1><nav class="toc"><ol>{toc}</ol></nav>{sections}</body></html>')


def reader(pdf):
    return pypdf.PdfReader(io.BytesIO(pdf))


def texts(pdf):
    return [page.extract_text() for page in reader(pdf).pages]


def children_cpu():
    times = os.times()
    return times.children_user + times.children_system


@pytest.fixture
def two_processes(settings):
    settings.PDF_RENDER_PROCESSES = 2


@pytest.fixture
def like_a_prefork_worker(two_processes, monkeypatch):
    """Forking allowed, as in a single-threaded worker process, whatever threads the test run
    keeps (a live server's, for the browser tests)."""
    monkeypatch.setattr(multipart, "single_threaded", lambda: True)


def test_rendering_side_by_side_gives_the_same_documents_and_works_in_a_child(like_a_prefork_worker):
    documents = [html("Body", 2), html("Annex", 3)]
    before = children_cpu()
    side_by_side = htmls_to_pdfs(documents)
    spent_in_children = children_cpu() - before

    assert spent_in_children > 0  # the second document was laid out by a forked process
    assert [texts(pdf) for pdf in side_by_side] == [texts(pdf) for pdf in map(multipart.html_to_pdf, documents)]
    assert [len(reader(pdf).pages) for pdf in side_by_side] == [3, 4]


def test_one_process_setting_renders_in_this_process(settings):
    settings.PDF_RENDER_PROCESSES = 1
    before = children_cpu()
    pdfs = htmls_to_pdfs([html("Body", 1), html("Annex", 1)])
    assert children_cpu() == before and len(pdfs) == 2


def test_a_threaded_process_renders_one_document_after_the_other(two_processes):
    release = threading.Event()
    thread = threading.Thread(target=release.wait)
    thread.start()
    try:
        assert not multipart.single_threaded() and not multipart.may_fork()
        before = children_cpu()
        pdfs = htmls_to_pdfs([html("Body", 1), html("Annex", 1)])
    finally:
        release.set()
        thread.join()
    assert children_cpu() == before and [len(reader(pdf).pages) for pdf in pdfs] == [2, 2]


def test_a_child_that_fails_is_an_error_not_a_missing_part(like_a_prefork_worker, monkeypatch):
    real = multipart.html_to_pdf

    def fails_on_the_annex(document):
        if "<title>Annex</title>" in document:
            raise ValueError("broken")
        return real(document)

    monkeypatch.setattr(multipart, "html_to_pdf", fails_on_the_annex)  # the fork inherits it
    with pytest.raises(PDFRenderError, match="status 1"):
        htmls_to_pdfs([html("Body", 1), html("Annex", 1)])


def test_joined_pdf_keeps_pages_bookmarks_links_and_labels_them():
    body, annex = multipart.html_to_pdf(html("Body", 2)), multipart.html_to_pdf(html("Annex", 3))
    joined = reader(join_pdfs([body, annex], label_prefixes=["", "A-"], language="fr"))

    assert len(joined.pages) == 7
    assert [joined.page_labels[i] for i in range(7)] == ["1", "2", "3", "A-1", "A-2", "A-3", "A-4"]
    assert [page.extract_text() for page in joined.pages] == texts(body) + texts(annex)
    assert [item.title for item in joined.outline if not isinstance(item, list)] == ["Body", "Annex"]
    assert joined.metadata.title == "Body"
    assert joined.trailer["/Root"]["/Lang"] == "fr"
    # The annex's contents link to its own pages: the link on its first page leads to A-2.
    link = joined.pages[3]["/Annots"][0].get_object()
    assert joined.get_destination_page_number(joined.named_destinations[link["/Dest"]]) == 4
