"""Build ``xlmacros.xlam`` from the installed xlwings' Excel-authored ``quickstart_addin_ribbon.xlam``.

This is what ``xlwings quickstart xlmacros --addin --ribbon`` does (copy and rename), plus two edits
made without touching the VBA: our ribbon, and the config sheet switched on and filled in.
xlwings is located, never imported: importing it is slow and pulls in COM on Windows.
"""

from __future__ import annotations

import importlib.metadata
import importlib.util
import os
import posixpath
import sys
import xml.etree.ElementTree as ET
import zipfile
from dataclasses import dataclass
from pathlib import Path, PureWindowsPath
from typing import Callable

from .. import __version__
from ..excel.files import write_atomically
from . import ADDIN_NAME, CONFIG_SHEET, MODULE, NIANBAO_VERSION_KEY, XLWINGS_VERSION_KEY
from .ribbon import RIBBON, RibbonError, custom_ui_xml, existing_callback
from .sheet import SheetError, fill_config, read_config, shared_strings

SOURCE_XLAM = "quickstart_addin_ribbon.xlam"
SWITCHED_OFF = "_"
"""xlwings ships the config sheet as ``_myaddin.conf``: the leading underscore keeps it from being read."""
ADD_WORKBOOK_KEY = "ADD_WORKBOOK_TO_PYTHONPATH"
PYTHONPATH_KEY = "PYTHONPATH"

_PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
_OFFICE_DOC = "/officeDocument"
_CUSTOM_UI = "/ui/extensibility"
_SHARED_STRINGS = "/sharedStrings"
_WORKSHEET = "/worksheet"
_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_R_ID = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"


class AddinError(Exception):
    """The add-in cannot be built; the message is for the user (CLI exit code 2)."""


@dataclass(frozen=True)
class Addin:
    path: Path
    tab: str
    button: str
    callback: str
    interpreter_key: str
    interpreter: str
    package_path: str
    xlwings_version: str
    settings: dict[str, str | bool]
    warnings: tuple[str, ...]


def build_addin(output: str | Path = ADDIN_NAME, *, executable: str = sys.executable,
                windows: bool = os.name == "nt") -> Addin:
    """Write the add-in to ``output`` (a file named ``xlmacros.xlam`` or a folder) atomically."""
    path = output_path(output)
    source, xlwings_version = locate_source()
    key, interpreter, warnings = interpreter_setting(executable, windows)
    package = package_path()
    settings: dict[str, str | bool] = {
        key: interpreter,
        PYTHONPATH_KEY: package,
        ADD_WORKBOOK_KEY: False,
        XLWINGS_VERSION_KEY: xlwings_version,
        NIANBAO_VERSION_KEY: __version__,
    }
    warnings += [w for label, p in (("Python", interpreter), ("nianbao 代码", package)) for w in path_warnings(label, p)]
    parts = _read_parts(source)
    replacements, callback = _configure({info.filename: data for info, data in parts}, settings)
    write_atomically(path, lambda tmp: _write_parts(tmp, parts, replacements))
    return Addin(path, RIBBON.tab, RIBBON.button, callback, key, interpreter, package, xlwings_version,
                 settings, tuple(warnings))


def output_path(output: str | Path) -> Path:
    """A folder (existing, or named with a trailing separator or without a suffix) gets the add-in's name."""
    path = Path(output)
    if path.is_dir() or str(output).endswith(("/", "\\")) or not path.suffix:
        path = path / ADDIN_NAME
    if path.name != ADDIN_NAME:
        raise AddinError(f"加载项的文件名必须是 {ADDIN_NAME}（现为“{path.name}”）：xlwings 的按钮按加载项的文件名"
                         f"导入同名的 Python 模块，改名后按钮找不到 {MODULE}。可以只给文件夹，例如 -o C:\\nianbao")
    return path


def locate_source() -> tuple[Path, str]:
    """The add-in shipped inside the installed xlwings, and that xlwings' version."""
    spec = importlib.util.find_spec("xlwings")
    if spec is None or not spec.submodule_search_locations:
        raise AddinError("没有安装 xlwings，无法生成 Excel 加载项。请先安装：pip install xlwings"
                         "（安装 nianbao 时会一并安装）。")
    try:
        version = importlib.metadata.version("xlwings")
    except importlib.metadata.PackageNotFoundError:
        raise AddinError("找不到 xlwings 的安装信息（版本号），请重新安装：pip install --force-reinstall xlwings") from None
    folder = Path(next(iter(spec.submodule_search_locations)))
    source = folder / SOURCE_XLAM
    if not source.is_file():
        raise AddinError(f"在已安装的 xlwings {version}（{folder}）中找不到 {SOURCE_XLAM}，无法生成加载项。"
                         "请重新安装 xlwings：pip install --force-reinstall xlwings")
    return source, version


def interpreter_setting(executable: str, windows: bool,
                        exists: Callable[[str], bool] = os.path.isfile) -> tuple[str, str, list[str]]:
    """The config key and interpreter for this machine: ``pythonw.exe`` beside ``python.exe`` on Windows."""
    if not executable:
        raise AddinError("无法确定当前 Python 的位置，请用安装了 nianbao 的 python.exe 运行本命令。")
    if not windows:
        return "Interpreter_Mac", executable, [
            "本机不是 Windows：解释器写在 Interpreter_Mac。Windows 电脑请在该电脑上重新运行本命令。"]
    pythonw = str(PureWindowsPath(executable).with_name("pythonw.exe"))
    if exists(pythonw):
        return "Interpreter_Win", pythonw, []
    return "Interpreter_Win", executable, [f"找不到 {pythonw}，改用 {executable}：每次点击按钮会闪过一个命令行窗口。"]


def package_path() -> str:
    """The folder that holds the ``xlmacros`` package, so that ``import xlmacros`` works from Excel."""
    spec = importlib.util.find_spec(MODULE)
    if spec is None or not spec.submodule_search_locations:
        raise AddinError(f"找不到 Python 包 {MODULE}：请先安装 nianbao（pip install nianbao 或在源代码目录 pip install .）。")
    folder = os.path.dirname(os.path.abspath(next(iter(spec.submodule_search_locations))))
    if ";" in folder or '"' in folder:
        raise AddinError(f"nianbao 的安装路径“{folder}”含有分号或引号，Excel 无法把它传给 Python。请换一个文件夹安装。")
    return folder


def path_warnings(label: str, path: str) -> list[str]:
    """Paths that work on paper but have broken xlwings installs in practice (see README)."""
    warnings = []
    if not path.isascii():
        warnings.append(f"{label} 的路径含有中文或其他非英文字符（{path}），个别电脑上 Excel 调用 Python 会失败；"
                        "建议装在纯英文路径下，例如 C:\\nianbao。")
    if "onedrive" in path.lower():
        warnings.append(f"{label} 位于 OneDrive 同步文件夹（{path}），文件未同步到本机时按钮会失败；建议装在本机文件夹。")
    if "%" in path:
        warnings.append(f"{label} 的路径含有“%”（{path}），会被当作环境变量展开；建议换一个文件夹。")
    if "windowsapps" in path.lower():
        warnings.append(f"{label} 来自 Microsoft Store 版 Python（{path}），Excel 往往无法启动它；"
                        "建议改用 python.org 的安装程序。")
    return warnings


def xlstart_folder() -> Path | None:
    """The user's XLSTART folder on Windows (trusted by default; add-ins there open with Excel)."""
    appdata = os.environ.get("APPDATA")
    if os.name != "nt" or not appdata:
        return None
    return Path(appdata) / "Microsoft" / "Excel" / "XLSTART"


def addin_settings(path: str | Path) -> dict[str, str | bool | None]:
    """The config sheet of a built add-in as xlwings reads it (upper-cased keys), e.g. for a self-check."""
    try:
        content = {info.filename: data for info, data in _read_parts(Path(path))}
        found = _find_parts(content)
        return read_config(content[found.sheet], found.strings)
    except (KeyError, ET.ParseError, SheetError) as exc:
        raise AddinError(f"“{path}”不是 nianbao 生成的加载项（{exc}）。") from None


# ---------------------------------------------------------------- the package

def _read_parts(source: Path) -> list[tuple[zipfile.ZipInfo, bytes]]:
    try:
        with zipfile.ZipFile(source) as archive:
            return [(info, archive.read(info)) for info in archive.infolist()]
    except (zipfile.BadZipFile, OSError) as exc:
        raise AddinError(f"加载项 {source} 无法读取（{exc}）。") from None


@dataclass(frozen=True)
class _Parts:
    ribbon: str
    workbook: str
    sheet: str
    sheet_name: str
    strings: list[str]


def _find_parts(parts: dict[str, bytes]) -> _Parts:
    """Where the ribbon, the workbook and the config sheet live, followed through the package's relationships."""
    ribbon = _one(_targets(parts, "_rels/.rels", "", _CUSTOM_UI), "功能区（customUI）")
    workbook = _one(_targets(parts, "_rels/.rels", "", _OFFICE_DOC), "工作簿")
    folder = posixpath.dirname(workbook)
    rels = posixpath.join(folder, "_rels", posixpath.basename(workbook) + ".rels")
    sheet, sheet_name = _config_sheet(parts, workbook, rels, folder)
    strings_parts = _targets(parts, rels, folder, _SHARED_STRINGS)
    strings = shared_strings(parts[strings_parts[0]] if strings_parts else None)
    return _Parts(ribbon, workbook, sheet, sheet_name, strings)


def _configure(parts: dict[str, bytes], settings: dict[str, str | bool]) -> tuple[dict[str, bytes], str]:
    """The changed parts (ribbon, workbook, config sheet) and the callback the button uses."""
    try:
        found = _find_parts(parts)
        namespace, callback = existing_callback(parts[found.ribbon])
        changed = {
            found.ribbon: custom_ui_xml(namespace, callback),
            found.sheet: fill_config(parts[found.sheet], found.strings, settings),
        }
        if found.sheet_name != CONFIG_SHEET:
            changed[found.workbook] = _rename_sheet(parts[found.workbook], found.sheet_name, CONFIG_SHEET)
    except (KeyError, ET.ParseError, RibbonError, SheetError) as exc:
        raise AddinError(f"xlwings 自带加载项的结构与预期不同（{exc}），无法生成。"
                         "请向维护人员反馈所用的 xlwings 版本。") from None
    return changed, callback


def _targets(parts: dict[str, bytes], rels_part: str, folder: str, type_suffix: str) -> list[str]:
    root = ET.fromstring(parts[rels_part])
    return [posixpath.normpath(posixpath.join(folder, r.get("Target").lstrip("/")))
            for r in root.findall(f"{{{_PKG_REL}}}Relationship") if r.get("Type", "").endswith(type_suffix)]


def _one(found: list[str], what: str) -> str:
    if len(found) != 1:
        raise KeyError(f"{what}部件应有且只有一个，实际为{len(found)}个")
    return found[0]


def _config_sheet(parts, workbook_part: str, rels: str, folder: str) -> tuple[str, str]:
    """The part and current name of the config sheet (``_myaddin.conf`` as shipped)."""
    names = (SWITCHED_OFF + CONFIG_SHEET, CONFIG_SHEET)
    sheets = ET.fromstring(parts[workbook_part]).find(f"{{{_MAIN}}}sheets")
    found = [s for s in (sheets if sheets is not None else []) if s.get("name") in names]
    if len(found) != 1:
        raise KeyError(f"找不到配置表 {CONFIG_SHEET}")
    rel_id = found[0].get(_R_ID)
    targets = {r.get("Id"): r.get("Target") for r in ET.fromstring(parts[rels]).findall(f"{{{_PKG_REL}}}Relationship")
               if r.get("Type", "").endswith(_WORKSHEET)}
    return posixpath.normpath(posixpath.join(folder, targets[rel_id])), found[0].get("name")


def _rename_sheet(workbook_xml: bytes, old: str, new: str) -> bytes:
    text = workbook_xml.decode("utf-8")
    attribute = f'name="{old}"'
    if text.count(attribute) != 1:
        raise KeyError(f"工作表名 {old} 在 workbook.xml 中出现 {text.count(attribute)} 次")
    return text.replace(attribute, f'name="{new}"').encode("utf-8")


def _write_parts(target: Path, parts: list[tuple[zipfile.ZipInfo, bytes]], replacements: dict[str, bytes]) -> None:
    with zipfile.ZipFile(target, "w") as archive:
        for info, data in parts:
            copy = zipfile.ZipInfo(info.filename, info.date_time)
            copy.compress_type, copy.external_attr = info.compress_type, info.external_attr
            archive.writestr(copy, replacements.get(info.filename, data))
