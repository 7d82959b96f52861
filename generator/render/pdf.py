"""PDF through LibreOffice headless from the .docx, with free stand-ins for the 公文 font names.

The PDF is then the same document staff get in Word. ``fonts.conf`` (shipped beside this
module) maps 仿宋_GB2312, 方正小标宋简体, 黑体, 楷体_GB2312, 宋体 and Times New Roman to fonts
from fonts-noto-cjk, fonts-arphic-ukai and fonts-liberation2; it is only used by the
LibreOffice subprocess (``FONTCONFIG_FILE``), never installed into the system.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import tempfile
from pathlib import Path

from ..excel.files import write_atomically
from .document import Document
from .docx import FontNames, to_docx

FONTS_CONF = Path(__file__).with_name("fonts.conf")
TIMEOUT = 180
"""Seconds for one conversion (a cold start with a fresh profile takes 2–5 s)."""

UNAVAILABLE = ("未找到LibreOffice（soffice），无法生成PDF。请安装LibreOffice后重试，"
               "或改用 --format docx 生成Word文档后另存为PDF。")


class RenderUnavailable(Exception):
    """The PDF cannot be made on this machine (no LibreOffice); the message is for the user."""

    def __init__(self, message: str = UNAVAILABLE):
        super().__init__(message)


class RenderFailed(RenderUnavailable):
    """LibreOffice ran but produced no PDF (crash, timeout); the message says what it printed.

    A subclass, so an ``except RenderUnavailable`` at the edge reports both in Chinese."""


def find_soffice() -> str | None:
    """soffice on PATH, else where the Windows and macOS installers put it."""
    found = shutil.which("soffice") or shutil.which("libreoffice")
    if found:
        return found
    places = [Path(os.environ[var]) / "LibreOffice" / "program" / "soffice.exe"
              for var in ("ProgramFiles", "ProgramFiles(x86)") if os.environ.get(var)]
    places.append(Path("/Applications/LibreOffice.app/Contents/MacOS/soffice"))
    return next((str(p) for p in places if p.is_file()), None)


def to_pdf(doc: Document, path: Path, fonts: FontNames | None = None, timeout: float = TIMEOUT) -> Path:
    """Render ``doc`` to ``path`` as PDF (atomically) and return the path."""
    soffice = find_soffice()
    if soffice is None:
        raise RenderUnavailable()
    with tempfile.TemporaryDirectory(prefix="nianbao-pdf-") as tmp:
        work = Path(tmp)
        source = to_docx(doc, work / "report.docx", fonts)
        produced = convert(soffice, source, work, timeout)
        return write_atomically(Path(path), lambda target: shutil.copyfile(produced, target))


def convert(soffice: str, source: Path, work: Path, timeout: float) -> Path:
    """``soffice --convert-to pdf`` (a document or a workbook) with a private profile; kills the
    whole process group on timeout."""
    out_dir = work / "out"
    export = "calc_pdf_Export" if source.suffix == ".xlsx" else "writer_pdf_Export"
    cmd = [soffice, f"-env:UserInstallation={(work / 'profile').as_uri()}", "--headless",
           "--invisible", "--nologo", "--nodefault", "--norestore", "--nolockcheck",
           "--convert-to", f"pdf:{export}", "--outdir", str(out_dir), str(source)]
    proc = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, env=_environment(), start_new_session=True)
    try:
        stdout, stderr = proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        if hasattr(os, "killpg"):
            os.killpg(proc.pid, signal.SIGKILL)     # soffice.bin is a child of the soffice script
        else:
            proc.kill()
        proc.communicate()
        raise RenderFailed(f"LibreOffice 生成PDF超时（{timeout:g}秒），已终止。") from None
    produced = out_dir / (source.stem + ".pdf")
    if proc.returncode != 0 or not produced.is_file():
        said = (stderr or stdout).decode("utf-8", "replace").strip() or "无输出"
        raise RenderFailed(f"LibreOffice 未能生成PDF（退出码 {proc.returncode}）：{said}")
    return produced


def _environment() -> dict[str, str]:
    """The caller's environment plus the font aliases, and a writable font cache if HOME has none."""
    env = dict(os.environ, FONTCONFIG_FILE=str(FONTS_CONF))
    try:
        cache = Path(env.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    except RuntimeError:                               # no home directory at all
        cache = None
    if cache is None or not _writable(cache):
        env["XDG_CACHE_HOME"] = str(Path(tempfile.gettempdir()) / "nianbao-cache")
    return env


def _writable(folder: Path) -> bool:
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return False
    return os.access(folder, os.W_OK)
