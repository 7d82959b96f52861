"""The Excel add-in as built on Linux: VBA untouched, ribbon wired to a real callback, config filled in.

What only Windows Excel can prove (the ribbon renders, RunMain runs, Trust Center) is the manual
checklist in the README; these are the structure tests the research note calls for.
"""

from __future__ import annotations

import importlib.metadata
import importlib.util
import io
import os
import re
import signal
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path

import openpyxl
import pytest

from generator import cli
from generator.addin import CONFIG_SHEET, MODULE, NIANBAO_VERSION_KEY, XLWINGS_VERSION_KEY, build
from generator.addin.ribbon import RIBBON
from tests.conftest import ROOT
from tests.libreoffice import require_soffice
from tests.macro_refs import decoded_modules, macro_refs, unresolved

CUSTOM_UI_NS = "http://schemas.microsoft.com/office/2006/01/customui"
ADDIN_TYPE = "application/vnd.ms-excel.addin.macroEnabled.main+xml"
XLSM_TYPE = "application/vnd.ms-excel.sheet.macroEnabled.main+xml"
CALLBACK_ATTRIBUTE = re.compile(r"^(on[A-Z]\w*|get[A-Z]\w*|loadImage)$")


@pytest.fixture(scope="module")
def addin(tmp_path_factory):
    return build.build_addin(tmp_path_factory.mktemp("addin"))


@pytest.fixture(scope="module")
def source():
    return build.locate_source()[0]


def parts(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def custom_ui_part(path: Path) -> str:
    rels = ET.fromstring(parts(path)["_rels/.rels"])
    (target,) = [r.get("Target") for r in rels if r.get("Type", "").endswith("/ui/extensibility")]
    return target.lstrip("/")


def with_custom_ui(path: Path, out: Path, xml: bytes) -> Path:
    content = parts(path)
    content[custom_ui_part(path)] = xml
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in content.items():
            archive.writestr(name, data)
    return out


def config_from_rows(rows) -> dict:
    """What xlwings' GetConfigFromSheet reads: keys from row 1 down to the first blank, upper-cased."""
    config = {}
    for key, value in rows:
        if key in (None, ""):
            break
        assert key.upper() not in config, f"duplicate key {key}: VBA Dictionary.Add would fail"
        config[key.upper()] = value
    return config


def openpyxl_config(path: Path) -> tuple[list[str], bool, dict]:
    """Sheet names, whether the VBA was kept, and the config as xlwings reads it.

    openpyxl refuses .xlam, so this loads a copy whose workbook part is typed as .xlsm (keep_vba).
    """
    content = parts(path)
    types = content["[Content_Types].xml"].decode("utf-8")
    assert ADDIN_TYPE in types
    content["[Content_Types].xml"] = types.replace(ADDIN_TYPE, XLSM_TYPE).encode("utf-8")
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in content.items():
            archive.writestr(name, data)
    wb = openpyxl.load_workbook(buffer, keep_vba=True)
    ws = wb[CONFIG_SHEET]
    config = config_from_rows((ws.cell(row, 1).value, ws.cell(row, 2).value) for row in range(1, ws.max_row + 2))
    kept_vba = "xl/vbaProject.bin" in wb.vba_archive.namelist()
    wb.vba_archive.close()
    return wb.sheetnames, kept_vba, config


# ---------------------------------------------------------------- VBA untouched

def test_the_vba_project_is_byte_identical_and_decodes_identically(addin, source):
    assert parts(addin.path)["xl/vbaProject.bin"] == parts(source)["xl/vbaProject.bin"]
    built, shipped = decoded_modules(addin.path), decoded_modules(source)
    assert built == shipped
    assert {name for name, _ in built} >= {"RibbonMyAddin.bas", "xlwings.bas", "ThisWorkbook.cls"}


def test_only_the_ribbon_the_sheet_name_and_the_config_sheet_change(addin, source):
    new, old = parts(addin.path), parts(source)
    assert list(new) == list(old)
    changed = {name for name in old if new[name] != old[name]}
    assert changed == {custom_ui_part(source), "xl/workbook.xml", "xl/worksheets/sheet1.xml"}


def test_the_recorded_xlwings_version_is_the_installed_one_and_the_one_in_the_vba(addin):
    (xlwings_module,) = [code for name, code in decoded_modules(addin.path) if name == "xlwings.bas"]
    vba_version = re.search(r'XLWINGS_VERSION As String = "([^"]+)"', xlwings_module).group(1)
    *_, config = openpyxl_config(addin.path)
    assert config[XLWINGS_VERSION_KEY] == vba_version == importlib.metadata.version("xlwings")
    assert addin.xlwings_version == vba_version


# ---------------------------------------------------------------- ribbon

def test_every_ribbon_action_resolves_to_a_public_sub_with_the_ribbon_signature(addin):
    refs = macro_refs(addin.path)
    assert [(r.kind, r.target) for r in refs] == [("ribbon", "RibbonMyAddin.RunMain")]
    assert unresolved(addin.path) == []


@pytest.mark.parametrize("action, fine", [
    ("RibbonMyAddin.RunMain", True),
    ("RunMain", True),                       # unqualified: any standard module
    ("RibbonMyAddin.RunMian", False),        # made up
    ("Sheet2.RunMain", False),               # wrong module
    ("xlwings.KillPy", False),               # a public Sub, but without the ribbon parameter
    ("xlwings.RunPython", False),            # a Function, not a Sub
    ("xlwings.CleanUp", False),              # Private Sub
])
def test_the_checker_flags_actions_that_excel_could_not_call(addin, tmp_path, action, fine):
    xml = f'<customUI xmlns="{CUSTOM_UI_NS}"><ribbon><tabs><tab id="t" label="t"><group id="g" label="g">' \
          f'<button id="b" label="b" onAction="{action}"/></group></tab></tabs></ribbon></customUI>'
    variant = with_custom_ui(addin.path, tmp_path / "variant.xlam", xml.encode("utf-8"))
    assert (unresolved(variant) == []) is fine


def test_the_ribbon_is_well_formed_with_the_chinese_tab_and_button(addin):
    xml = parts(addin.path)[custom_ui_part(addin.path)]
    root = ET.fromstring(xml)
    assert root.tag == f"{{{CUSTOM_UI_NS}}}customUI"
    tabs = root.findall(f".//{{{CUSTOM_UI_NS}}}tab")
    buttons = root.findall(f".//{{{CUSTOM_UI_NS}}}button")
    assert [t.get("label") for t in tabs] == ["信息公开年报"] == [RIBBON.tab]
    assert [b.get("label") for b in buttons] == ["校验并生成报告"] == [RIBBON.button]
    callbacks = {a for e in root.iter() for a in e.attrib if CALLBACK_ATTRIBUTE.match(a)}
    assert callbacks == {"onAction"}
    assert "信息公开年报".encode("utf-8") in xml and xml.startswith(b'<?xml version="1.0" encoding="UTF-8"')


def test_the_button_runs_main_of_the_module_named_like_the_add_in(addin):
    (ribbon_module,) = [code for name, code in decoded_modules(addin.path) if name == "RibbonMyAddin.bas"]
    assert re.search(r"mymodule = Left\(ThisWorkbook\.Name, \(InStrRev\(ThisWorkbook\.Name, \"\.\"", ribbon_module)
    assert 'RunPython "import " & mymodule & ";" & mymodule & ".main()"' in ribbon_module
    assert addin.path.name == f"{MODULE}.xlam" and addin.path.stem == "xlmacros"


# ---------------------------------------------------------------- config sheet

def test_the_config_sheet_is_switched_on_and_holds_interpreter_path_and_flags(addin):
    sheets, kept_vba, config = openpyxl_config(addin.path)
    assert sheets == [CONFIG_SHEET] and kept_vba
    expected_key = "INTERPRETER_WIN" if os.name == "nt" else "INTERPRETER_MAC"
    assert config[expected_key] == addin.interpreter
    if os.name != "nt":
        assert addin.interpreter == sys.executable
    assert config["PYTHONPATH"] == str(ROOT) == addin.package_path
    assert config["ADD_WORKBOOK_TO_PYTHONPATH"] is False
    assert config[XLWINGS_VERSION_KEY] == importlib.metadata.version("xlwings")
    assert config[NIANBAO_VERSION_KEY] == importlib.import_module("generator").__version__
    assert config["SHOW CONSOLE"] is False and config["USE UDF SERVER"] is False
    assert build.addin_settings(addin.path) == config                 # what xlmacros.self_check() can read


def test_the_shipped_add_in_has_its_config_sheet_switched_off_and_empty(source):
    with zipfile.ZipFile(source) as archive:
        assert b'name="_myaddin.conf"' in archive.read("xl/workbook.xml")
    assert build.addin_settings(source)["PYTHONPATH"] is None


def test_windows_gets_pythonw_beside_python_or_python_with_a_warning():
    exe = r"C:\nianbao\.venv\Scripts\python.exe"
    assert build.interpreter_setting(exe, True, exists=lambda p: True) == (
        "Interpreter_Win", r"C:\nianbao\.venv\Scripts\pythonw.exe", [])
    key, path, warnings = build.interpreter_setting(exe, True, exists=lambda p: False)
    assert (key, path) == ("Interpreter_Win", exe) and "pythonw.exe" in warnings[0]


def test_paths_that_break_excel_in_practice_are_warned_about():
    assert build.path_warnings("Python", r"C:\nianbao\python\pythonw.exe") == []
    warned = build.path_warnings("Python", r"C:\Users\张三\OneDrive\Python\pythonw.exe")
    assert len(warned) == 2 and "非英文" in warned[0] and "OneDrive" in warned[1]


def _run_like_excel(config: dict, interpreter: str, add_workbook: str, workbook: Path, then: str) -> list[str]:
    """The command ExecuteWindows builds: cd to the interpreter's folder, prepare sys.path, run ``then``."""
    args = ";".join([add_workbook, str(workbook), str(workbook.with_name("xlmacros.xlam")), "", "", "",
                     config["PYTHONPATH"]])
    code = f"import xlwings.utils;xlwings.utils.prepare_sys_path({args!r}); import sys; {then}"
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    result = subprocess.run([interpreter, "-B", "-c", code, f"--wb={workbook.name}", "--from_xl=1"],
                            capture_output=True, text=True, cwd=Path(interpreter).parent, env=env)
    assert result.returncode == 0, result.stderr
    return result.stdout.splitlines()


def test_python_started_like_excel_imports_xlmacros_from_the_package_not_the_workbook_folder(addin, tmp_path):
    *_, config = openpyxl_config(addin.path)
    folder = tmp_path / "财政 报表"
    folder.mkdir()
    (folder / f"{MODULE}.py").write_text("raise SystemExit('decoy imported')\n", encoding="utf-8")
    workbook = folder / "2024年报.xlsx"
    add_workbook = str(config["ADD_WORKBOOK_TO_PYTHONPATH"])         # VBA turns the Boolean into "False"
    imported, entry, path = _run_like_excel(
        config, addin.interpreter, add_workbook, workbook,
        f"import {MODULE}; print({MODULE}.__file__); print(callable({MODULE}.main)); print(repr(sys.path))")
    assert Path(imported) == ROOT / MODULE / "__init__.py" and entry == "True"
    assert str(folder) not in path
    (path_if_on,) = _run_like_excel(config, addin.interpreter, "True", workbook, "print(repr(sys.path))")
    assert str(folder) in path_if_on                                  # control: the switch is what keeps it out


# ---------------------------------------------------------------- LibreOffice

def _libreoffice_to_ods(path: Path, out_dir: Path, timeout: float = 120) -> Path:
    """Let LibreOffice open the .xlam (it needs the VBA filter named for that extension) and save ODS."""
    soffice = require_soffice()
    with tempfile.TemporaryDirectory(prefix="nianbao-lo-") as profile:
        cmd = [soffice, f"-env:UserInstallation={Path(profile).as_uri()}", "--headless", "--invisible",
               "--nologo", "--nodefault", "--norestore", "--nolockcheck",
               "--infilter=Calc MS Excel 2007 VBA XML", "--convert-to", "ods", "--outdir", str(out_dir), str(path)]
        proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, stdin=subprocess.DEVNULL,
                                start_new_session=True)
        try:
            out, err = proc.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            out, err = proc.communicate()
    produced = out_dir / (path.stem + ".ods")
    assert proc.returncode == 0 and produced.is_file(), (out + err).decode("utf-8", "replace")
    return produced


ODS_TABLE = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
ODS_OFFICE = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
ODS_LIBRARY = "http://openoffice.org/2000/library"


def _ods_cell(cell):
    """LibreOffice keeps an Excel Boolean as the formula =TRUE() or =FALSE()."""
    if cell.get(f"{{{ODS_OFFICE}}}value-type") == "boolean":
        return cell.get(f"{{{ODS_OFFICE}}}boolean-value") == "true"
    if cell.get(f"{{{ODS_TABLE}}}formula") in ("of:=TRUE()", "of:=FALSE()"):
        return cell.get(f"{{{ODS_TABLE}}}formula") == "of:=TRUE()"
    return "\n".join("".join(p.itertext()) for p in cell) or None


def _ods_rows(content: bytes, sheet: str):
    root = ET.fromstring(content)
    (table,) = [t for t in root.iter(f"{{{ODS_TABLE}}}table") if t.get(f"{{{ODS_TABLE}}}name") == sheet]
    for row in table.iter(f"{{{ODS_TABLE}}}table-row"):
        values = []
        for cell in row:
            repeat = int(cell.get(f"{{{ODS_TABLE}}}number-columns-repeated", "1"))
            values += [_ods_cell(cell)] * min(repeat, 2)
        yield (values + [None, None])[:2]


def test_libreoffice_opens_the_add_in_lists_its_vba_modules_and_reads_the_config(addin, tmp_path):
    ods = parts(_libreoffice_to_ods(addin.path, tmp_path))
    (library,) = [name for name in ods if re.fullmatch(r"Basic/[^/]+/script-lb\.xml", name)
                  and name != "Basic/Standard/script-lb.xml"]
    modules = [e.get(f"{{{ODS_LIBRARY}}}name") for e in ET.fromstring(ods[library])]
    assert sorted(modules) == sorted(os.path.splitext(name)[0] for name, _ in decoded_modules(addin.path))
    ribbon_module = ods[library.replace("script-lb.xml", "RibbonMyAddin.xml")].decode("utf-8")
    assert "Sub RunMain(control As IRibbonControl)" in ribbon_module
    *_, expected = openpyxl_config(addin.path)
    assert config_from_rows(_ods_rows(ods["content.xml"], CONFIG_SHEET)) == expected
    assert expected["ADD_WORKBOOK_TO_PYTHONPATH"] is False


# ---------------------------------------------------------------- command line

def test_the_command_builds_the_add_in_and_says_so_in_chinese(tmp_path):
    result = subprocess.run([sys.executable, "-m", "generator", "excel-addin", "-o", str(tmp_path)],
                            capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 0, result.stderr
    assert f"已生成 Excel 加载项：{tmp_path / 'xlmacros.xlam'}" in result.stdout
    assert "信息公开年报 › 校验并生成报告" in result.stdout and "import xlmacros; xlmacros.main()" in result.stdout
    assert unresolved(tmp_path / "xlmacros.xlam") == []


def test_building_never_imports_xlwings(tmp_path):
    code = ("import sys; from generator.addin.build import build_addin; "
            f"build_addin({str(tmp_path)!r}); print(sorted({{'xlwings', 'openpyxl'}} & set(sys.modules)))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"


def test_a_missing_source_add_in_is_a_clear_chinese_error(tmp_path, monkeypatch, capsys):
    monkeypatch.setattr(build, "SOURCE_XLAM", "no_such_addin.xlam")
    assert cli.main(["excel-addin", "-o", str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert "找不到 no_such_addin.xlam" in err and "pip install --force-reinstall xlwings" in err
    assert list(tmp_path.iterdir()) == []


def test_missing_xlwings_is_a_clear_chinese_error(tmp_path, monkeypatch, capsys):
    real = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec", lambda name, *a: None if name == "xlwings" else real(name, *a))
    assert cli.main(["excel-addin", "-o", str(tmp_path)]) == 2
    assert "没有安装 xlwings" in capsys.readouterr().err


def test_a_renamed_add_in_is_refused_because_the_button_imports_by_file_name(tmp_path, capsys):
    assert cli.main(["excel-addin", "-o", str(tmp_path / "年报工具.xlam")]) == 2
    assert "文件名必须是 xlmacros.xlam" in capsys.readouterr().err


def test_a_failed_write_keeps_the_previous_add_in(tmp_path, monkeypatch, capsys):
    previous = tmp_path / "xlmacros.xlam"
    previous.write_bytes(b"previous add-in")

    def half_written(target, parts, replacements):
        target.write_bytes(b"half")
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(build, "_write_parts", half_written)
    assert cli.main(["excel-addin", "-o", str(tmp_path)]) == 2
    assert previous.read_bytes() == b"previous add-in" and list(tmp_path.iterdir()) == [previous]
    assert f"无法写入“{previous}”：磁盘空间不足" in capsys.readouterr().err


def test_a_folder_that_does_not_exist_yet_gets_the_add_in_inside(tmp_path):
    target = tmp_path / "新建文件夹"
    assert cli.main(["excel-addin", "-o", str(target) + "/"]) == 0
    assert (target / "xlmacros.xlam").is_file()
