"""Published reports in: text copied from a web page, a saved web page, a Word file or a PDF, read into a ``ReportData``.

``import_report(path)`` gives the report and the findings only the import can make
(figures that could not be placed, run-together digits split, blank cells, the 2019
format); ``nianbao check`` then runs every check on it, ``nianbao import`` fills the
template with it. Modules: ``common`` (shapes, normalisation), ``source_text``,
``source_html``, ``source_docx``, ``source_pdf`` (files to paragraphs and grids), ``sections`` (the article
and its headings), ``metadata``, ``prose`` (正文 fields), ``catalogue`` and ``tables``
(rows of the official tables by their labels), ``rowvalues`` (a row's figures), ``inline``, ``labelseq``,
``flat`` and ``joint`` (text whose lines and cells are gone: cut at headings, row labels found in order,
the figures between them, run-together digits split by the tables' arithmetic),
``figures`` (values and findings), ``locate`` (how findings name cells), ``report``.
"""

from __future__ import annotations

import re
from pathlib import Path

from ..errors import UnusableInput
from ..inputs import require_regular_file

TEXT_SUFFIXES = (".txt", ".text")
MARKDOWN_SUFFIXES = (".md", ".markdown")
HTML_SUFFIXES = (".html", ".htm", ".shtml", ".xhtml")
ARCHIVE_SUFFIXES = (".mht", ".mhtml")
"""A page saved as one file (IE and Edge “网页，单个文件”, Chrome “网页，单个文件”): MIME parts around the HTML."""
WORD_SUFFIXES = (".docx",)
PDF_SUFFIXES = (".pdf",)
SUFFIXES = TEXT_SUFFIXES + MARKDOWN_SUFFIXES + HTML_SUFFIXES + ARCHIVE_SUFFIXES + WORD_SUFFIXES + PDF_SUFFIXES
"""Files ``nianbao check`` and ``nianbao import`` read as published reports."""
MAX_BYTES = 20 * 1024 * 1024
"""A published report is a few hundred kilobytes; a bigger file is not one."""
ENCODINGS = ("utf-8", "gb18030", "big5")


OLD_DOCUMENT_SUFFIXES = (".doc", ".wps", ".rtf")
"""Word 97–2003, WPS and RTF documents: converted to .docx by LibreOffice where it is installed, else
refused with what to do."""


def is_published_report(path: str | Path) -> bool:
    return Path(path).suffix.lower() in SUFFIXES + OLD_DOCUMENT_SUFFIXES


def import_report(path: str | Path, previous=None):
    """``(ReportData, findings)`` from a published report; ``UnusableInput`` (FMT-FILE) when it cannot be one.

    ``previous``: last year's ``ReportData``, whose 现行有效 figures split run-together digits of table 二."""
    from .report import build_report

    path = Path(path)
    name = path.name or str(path)
    source, notes = _cleaned(_read(path, name), name)
    report, findings = build_report(source, name, previous)
    findings = notes + findings
    report.source = str(path)
    return report, findings


def _read(path: Path, name: str):
    suffix = path.suffix.lower()
    if suffix not in SUFFIXES + OLD_DOCUMENT_SUFFIXES:
        raise _unusable(name, f"不是可以导入的文件类型（{suffix or '无扩展名'}）；已发布的报告请保存为"
                              ".txt、.md、.html、.mht、.docx或.pdf（旧版.doc请在Word中另存为.docx）")
    require_regular_file(path)
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        raise _unusable(name, "不存在") from None
    except OSError as exc:
        raise _unusable(name, f"无法读取：{exc.strerror or exc}") from None
    if size > MAX_BYTES:
        raise _unusable(name, f"有{size // (1024 * 1024)}MB，超过{MAX_BYTES // (1024 * 1024)}MB，不是一份年度报告")
    if size == 0:
        raise _unusable(name, "是空文件")
    if suffix in WORD_SUFFIXES:
        return _read_docx(path, name)
    if suffix in OLD_DOCUMENT_SUFFIXES:
        return _read_old_document(path, name)
    if suffix in PDF_SUFFIXES:
        return _read_pdf(path, name)
    data = path.read_bytes()
    if suffix in ARCHIVE_SUFFIXES:
        data = _archived_page(data, name)
    if b"\x00" in data[:4096] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise _unusable(name, "不是文本文件（含有二进制内容）")
    text = _decode(data, name)
    if not text.strip():
        raise _unusable(name, "没有任何文字")
    if suffix in HTML_SUFFIXES + ARCHIVE_SUFFIXES or text.lstrip()[:200].lower().startswith(("<!doctype html", "<html")):
        from .source_html import read_html

        return read_html(text, name)
    if suffix in MARKDOWN_SUFFIXES:
        from .source_markdown import read_markdown

        return read_markdown(text)
    from .source_text import read_text

    return read_text(text)


def _archived_page(data: bytes, name: str) -> bytes:
    """The HTML of a page saved as one .mht file, its declared charset written into it for ``_decode``."""
    import email
    from email import policy

    message = email.message_from_bytes(data, policy=policy.compat32)
    for part in message.walk():
        if part.get_content_type() == "text/html":
            html = part.get_payload(decode=True) or b""
            charset = part.get_content_charset()
            if charset and not _declared_charset(html):
                html = f'<meta charset="{charset}">'.encode("ascii", "ignore") + html
            return html
    raise _unusable(name, "是单个文件保存的网页，但其中没有网页正文；请在浏览器中打开后另存为.html")


def _read_docx(path: Path, name: str):
    from .source_docx import read_docx

    try:
        return read_docx(path)
    except UnusableInput:
        raise
    except Exception as exc:
        raise _unusable(name, f"不是可以打开的Word（.docx）文件（{type(exc).__name__}）；"
                              "请在Word中打开并另存为.docx后重试") from None


def _read_old_document(path: Path, name: str):
    """A .doc, .wps or .rtf through LibreOffice's conversion to .docx, then read as one."""
    import tempfile

    from ..office import ConversionFailed, convert, find_soffice

    advice = "请在Word或WPS中打开并另存为.docx后重试"
    soffice = find_soffice()
    if soffice is None:
        raise _unusable(name, f"是旧版文档（{path.suffix}），本机没有LibreOffice，无法自动转换；{advice}")
    with tempfile.TemporaryDirectory(prefix="nianbao-doc-") as tmp:
        work = Path(tmp)
        source = work / f"report{path.suffix.lower()}"      # a plain name: LibreOffice's command line is picky
        source.write_bytes(path.read_bytes())
        try:
            converted = convert(soffice, source, work, "docx:MS Word 2007 XML", "转换旧版文档", OLD_DOCUMENT_TIMEOUT)
        except ConversionFailed:
            raise _unusable(name, f"是旧版文档（{path.suffix}），自动转换未成功（文件可能已损坏，或不是Word文档）；"
                                  f"{advice}") from None
        return _read_docx(converted, name)


OLD_DOCUMENT_TIMEOUT = 120
"""Seconds to convert one old document."""


def _read_pdf(path: Path, name: str):
    from .source_pdf import PdfUnreadable, read_pdf

    try:
        return read_pdf(path)
    except PdfUnreadable as exc:
        raise _unusable(name, str(exc)) from None
    except Exception as exc:
        raise _unusable(name, f"不是可以打开的PDF文件（{type(exc).__name__}）；请确认文件完整，"
                              "或向发布机关索取Word、网页版本") from None


def _decode(data: bytes, name: str) -> str:
    """The text: by its byte-order mark, a page's declared charset, UTF-8, else charset-normalizer's guess among GBK and Big5.

    Vertical tabs and form feeds (Word's manual line and page breaks) become line breaks.
    """
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return _decoded(data, "utf-16", name)
    for encoding in (_declared_charset(data), "utf-8-sig"):
        if encoding:
            try:
                return data.decode(encoding).translate(_BREAKS)
            except (UnicodeError, LookupError):  # "undefined" raises UnicodeError itself
                continue
    from charset_normalizer import from_bytes

    guess = from_bytes(data, cp_isolation=list(ENCODINGS[1:])).best()
    return _decoded(data, guess.encoding if guess else ENCODINGS[1], name)


def _decoded(data: bytes, encoding: str, name: str) -> str:
    try:
        return data.decode(encoding).translate(_BREAKS)
    except (UnicodeError, LookupError):
        raise _unusable(name, "的文字编码无法识别（应为UTF-8或GBK）") from None


_BREAKS = str.maketrans({"\x0b": "\n", "\x0c": "\n"})


def _declared_charset(data: bytes) -> str | None:
    """The charset a page declares, when it is one a page can be written in (not UTF-16 read as bytes, not ``undefined``)."""
    import codecs
    import re

    found = re.search(rb"<meta[^>]+charset\s*=\s*[\"']?([\w-]+)", data[:4096], re.I)
    if not found:
        return None
    try:
        codec = codecs.lookup(found[1].decode("ascii")).name
    except LookupError:
        return None
    if codec in ("gbk", "gb2312", "gb18030"):
        return "gb18030"
    return codec if codec in ENCODINGS or codec.startswith(("cp", "iso8859", "big5")) else None


_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
"""Characters XML (so Word and Excel files) cannot hold."""


def _cleaned(source, name: str):
    """The source without characters XML cannot hold, and the IMPORT-CHAR finding when there were any."""
    from dataclasses import replace

    from ..findings import finding
    from .common import Cell, Grid

    removed = 0

    def clean(text: str) -> str:
        nonlocal removed
        text, count = _ILLEGAL.subn("", text)
        removed += count
        return text

    blocks = tuple(replace(b, rows=tuple(tuple(Cell(clean(c.text), c.covered) for c in row) for row in b.rows))
                   if isinstance(b, Grid) else replace(b, text=clean(b.text)) for b in source.blocks)
    source = replace(source, blocks=blocks, page_title=clean(source.page_title))
    if not removed:
        return source, []
    return source, [finding("IMPORT-CHAR", None, (), f"文件“{name}”含有{removed}个无法显示的控制字符，已删除；"
                                                     "请核对相关文字", {"count": removed})]


def _unusable(name: str, what: str) -> UnusableInput:
    return UnusableInput("FMT-FILE", f"文件“{name}”{what}。")
