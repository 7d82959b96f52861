"""Test support: every macro reference of an Office file resolves to a Sub that Excel can call.

A port of ``check_macro_refs.py`` (reference/excel-xlwings.md, Appendix B). References are ribbon
``onAction`` callbacks in customUI parts (``Module.Sub``; the Sub takes one ``As IRibbonControl``
parameter) and form buttons (VML ``<x:FmlaMacro>``, ``xl/ctrlProps`` ``fmlaMacro``; no parameters).
A reference resolves when a non-Private Sub of that name with those parameters exists in the named
module or, unqualified, in a standard module. The VBA is decoded with oletools (the ``test`` extra).
"""

from __future__ import annotations

import os
import re
import warnings
import xml.etree.ElementTree as ET
import zipfile
from dataclasses import dataclass
from pathlib import Path

SUB_RE = re.compile(r"^[ \t]*(?:(Public|Private|Friend)[ \t]+)?(?:Static[ \t]+)?Sub[ \t]+([^\s(]+)[ \t]*\(([^)]*)\)",
                    re.I | re.M)
RIBBON_PARAM = re.compile(r"^(?:ByRef[ \t]+|ByVal[ \t]+)?\w+[ \t]+As[ \t]+IRibbonControl$", re.I)
CUSTOM_UI_PART = re.compile(r"customUI/[^/]+\.xml")
VML_MACRO = re.compile(r"<x:FmlaMacro>(.*?)</x:FmlaMacro>", re.S)
CTRL_MACRO = re.compile(r'fmlaMacro="([^"]*)"')


@dataclass(frozen=True)
class Sub:
    module: str
    name: str
    params: tuple[str, ...]
    private: bool
    standard: bool
    """In a standard module (.bas), where an unqualified reference looks."""


@dataclass(frozen=True)
class Ref:
    kind: str          # "ribbon" or "button"
    part: str
    target: str


def decoded_modules(path: Path) -> list[tuple[str, str]]:
    """(module file name, source) of every VBA module, as oletools decodes them."""
    with warnings.catch_warnings():            # oletools 0.60 uses pyparsing names deprecated since 3.0
        warnings.simplefilter("ignore", DeprecationWarning)
        from oletools.olevba import VBA_Parser

    parser = VBA_Parser(str(path))
    try:
        return [(filename, code) for _, _, filename, code in parser.extract_macros()]
    finally:
        parser.close()


def vba_subs(path: Path) -> list[Sub]:
    subs = []
    for filename, code in decoded_modules(path):
        module, extension = os.path.splitext(filename)
        code = re.sub(r"[ \t]_\r?\n", " ", code)
        for match in SUB_RE.finditer(code):
            params = tuple(p.strip() for p in match.group(3).split(",") if p.strip())
            private = (match.group(1) or "").lower() == "private"
            subs.append(Sub(module, match.group(2), params, private, extension.lower() == ".bas"))
    return subs


def macro_refs(path: Path) -> list[Ref]:
    refs = []
    with zipfile.ZipFile(path) as archive:
        for part in archive.namelist():
            if CUSTOM_UI_PART.fullmatch(part):
                root = ET.fromstring(archive.read(part))
                refs += [Ref("ribbon", part, e.get("onAction")) for e in root.iter() if e.get("onAction")]
            elif part.endswith(".vml"):
                text = archive.read(part).decode("utf-8", "replace")
                refs += [Ref("button", part, m.strip()) for m in VML_MACRO.findall(text)]
            elif part.startswith("xl/ctrlProps/"):
                text = archive.read(part).decode("utf-8", "replace")
                refs += [Ref("button", part, m) for m in CTRL_MACRO.findall(text)]
    return refs


def resolve(ref: Ref, subs: list[Sub]) -> list[Sub]:
    """The Subs that ``ref`` can call with the parameters its kind passes."""
    target = ref.target.rsplit("!", 1)[-1]
    module, _, name = target.rpartition(".")
    found = []
    for sub in subs:
        if sub.private or sub.name.lower() != name.lower():
            continue
        if (sub.module.lower() != module.lower()) if module else not sub.standard:
            continue
        if ref.kind == "ribbon" and not (len(sub.params) == 1 and RIBBON_PARAM.match(sub.params[0])):
            continue
        if ref.kind == "button" and sub.params:
            continue
        found.append(sub)
    return found


def unresolved(path: Path) -> list[str]:
    """One line per reference that does not resolve; empty when every reference is fine."""
    subs = vba_subs(path)
    return [f"{ref.kind} {ref.part} -> {ref.target!r}" for ref in macro_refs(path) if not resolve(ref, subs)]
