"""LibreOffice headless as a converter: a .docx or .xlsx to PDF (render), an old .doc/.wps/.rtf to .docx (import).

Each run gets a private profile and is killed with its whole process group on timeout.
``fonts.conf`` (beside this module) maps the 公文 font names to free fonts for the subprocess only
(``FONTCONFIG_FILE``), never for the system.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import tempfile
from pathlib import Path

FONTS_CONF = Path(__file__).with_name("fonts.conf")
TIMEOUT = 180
"""Seconds for one conversion (a cold start with a fresh profile takes 2–5 s)."""


class ConversionFailed(Exception):
    """LibreOffice ran but produced nothing (crash, timeout, a file it cannot open); the message says so in Chinese."""


def find_soffice() -> str | None:
    """soffice on PATH, else where the Windows and macOS installers put it."""
    found = shutil.which("soffice") or shutil.which("libreoffice")
    if found:
        return found
    places = [Path(os.environ[var]) / "LibreOffice" / "program" / "soffice.exe"
              for var in ("ProgramFiles", "ProgramFiles(x86)") if os.environ.get(var)]
    places.append(Path("/Applications/LibreOffice.app/Contents/MacOS/soffice"))
    return next((str(p) for p in places if p.is_file()), None)


def convert(soffice: str, source: Path, work: Path, target: str, what: str, timeout: float = TIMEOUT) -> Path:
    """``soffice --convert-to TARGET`` (``pdf:writer_pdf_Export``, ``docx``…) into ``work/out``; the file made.

    ``what`` names the work in messages (``生成PDF``)."""
    out_dir = work / "out"
    cmd = [soffice, f"-env:UserInstallation={(work / 'profile').as_uri()}", "--headless",
           "--invisible", "--nologo", "--nodefault", "--norestore", "--nolockcheck",
           "--convert-to", target, "--outdir", str(out_dir), str(source)]
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
        raise ConversionFailed(f"LibreOffice {what}超时（{timeout:g}秒），已终止。") from None
    produced = out_dir / f"{source.stem}.{target.split(':')[0]}"
    if proc.returncode != 0 or not produced.is_file():
        said = (stderr or stdout).decode("utf-8", "replace").strip() or "无输出"
        raise ConversionFailed(f"LibreOffice 未能{what}（退出码 {proc.returncode}）：{said}")
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
