"""One PDF made of several documents rendered side by side.

WeasyPrint lays a document out on one core. A long report is therefore cut into documents that
do not depend on each other's page numbers — the selection report is its body (numbered 1, 2…)
and its annex of expressions of interest (numbered A-1, A-2…, with its own index) —, and
`render_pdf_documents()` renders the first one in this process while forked child processes
render the others, at most `PDF_RENDER_PROCESSES` processes at once. The PDFs are then joined
with pypdf, bookmarks and links kept, and their pages labelled as they are numbered ("A-3"), so
that a PDF viewer shows the number printed on the page.

A child process is forked only where that is safe: on POSIX, from a process running a single
thread (a Celery prefork worker, a gunicorn sync worker, a management command, a test). In a
threaded process (the development server running tasks in-process) the documents are rendered
one after the other: the same PDF, more slowly. A child only turns HTML into PDF bytes — it
never touches the database — and leaves through `os._exit()`, so it closes nothing of its
parent's (database connections, files).
"""

import io
import logging
import os
import threading
from dataclasses import dataclass

import pypdf
from django.conf import settings

from .pdf import html_to_pdf, render_html

logger = logging.getLogger(__name__)


class PDFRenderError(RuntimeError):
    """A child process could not render its document."""


@dataclass(frozen=True)
class Document:
    """One document of a multipart PDF: a template, its context, the prefix of its page labels."""

    template_name: str
    context: dict
    label_prefix: str = ""


def render_pdf_documents(documents, *, language):
    """PDF bytes of `documents` (a list of `Document`) rendered in `language`, joined in order."""
    htmls = [render_html(d.template_name, d.context, language=language) for d in documents]
    pdfs = htmls_to_pdfs(htmls)
    return join_pdfs(pdfs, label_prefixes=[d.label_prefix for d in documents], language=language)


def single_threaded():
    """Forking copies only the calling thread: a lock another thread holds would stay held."""
    return threading.active_count() == 1


def may_fork():
    return settings.PDF_RENDER_PROCESSES > 1 and hasattr(os, "fork") and single_threaded()


def htmls_to_pdfs(htmls):
    """[PDF bytes] of each HTML document, the first ones side by side when `may_fork()`."""
    if len(htmls) < 2 or not may_fork():
        return [html_to_pdf(html) for html in htmls]
    in_children = range(1, min(len(htmls), settings.PDF_RENDER_PROCESSES))
    children = {index: _fork_rendering(htmls[index]) for index in in_children}
    try:
        pdfs = [None if index in children else html_to_pdf(html) for index, html in enumerate(htmls)]
        for index in in_children:
            pdfs[index] = _collect(*children.pop(index))
    finally:
        for pid, pipe in children.values():  # only after an error here: stop the others
            _abandon(pid, pipe)
    return pdfs


def _fork_rendering(html):
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: render, write the bytes to the pipe, leave without cleaning up
        status = 1
        try:
            os.close(read_end)
            pdf = html_to_pdf(html)
            with os.fdopen(write_end, "wb") as pipe:
                pipe.write(pdf)
            status = 0
        except BaseException:  # noqa: BLE001 - whatever happens, the child must not return
            logger.exception("Rendering a PDF document in a child process failed")
        finally:
            os._exit(status)
    os.close(write_end)
    return pid, os.fdopen(read_end, "rb")


def _collect(pid, pipe):
    with pipe:
        pdf = pipe.read()  # until the child closes its end: it has finished, or died
    _, status = os.waitpid(pid, 0)
    code = os.waitstatus_to_exitcode(status)
    if code != 0 or not pdf:
        raise PDFRenderError(f"the child process rendering a document ended with status {code}")
    return pdf


def _abandon(pid, pipe):
    pipe.close()
    try:
        os.kill(pid, 9)
    except ProcessLookupError:
        pass
    os.waitpid(pid, 0)


def join_pdfs(pdfs, *, label_prefixes, language=None):
    """One PDF of `pdfs` in order; the pages of each are labelled 1, 2… after its prefix."""
    writer = pypdf.PdfWriter()
    first = pypdf.PdfReader(io.BytesIO(pdfs[0]))
    start = 0
    for pdf, prefix in zip(pdfs, label_prefixes, strict=True):
        reader = first if start == 0 else pypdf.PdfReader(io.BytesIO(pdf))
        writer.append(reader)
        count = len(reader.pages)
        writer.set_page_label(start, start + count - 1, style="/D", prefix=prefix or None, start=1)
        start += count
    if first.metadata:
        writer.add_metadata({key: value for key, value in first.metadata.items() if isinstance(value, str)})
    if language:
        writer.root_object[pypdf.generic.NameObject("/Lang")] = pypdf.generic.TextStringObject(language)
    output = io.BytesIO()
    writer.write(output)
    return output.getvalue()
