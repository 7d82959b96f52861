"""测试辅助：用 LibreOffice（无界面）真正计算 openpyxl 写出的 .xlsx 中的公式。

openpyxl 只写公式、不写缓存值，所以 ``load_workbook(..., data_only=True)``
读到的公式单元格全是 ``None``。``recalculate()`` 让 LibreOffice 打开文件、
重算全部公式，再存回 .xlsx，之后 data_only=True 就能读到计算结果。

为什么不是只用 ``soffice --convert-to xlsx``：LibreOffice 打开 OOXML 时默认
“从不重算”——没有缓存值的单元格会算，但带着（可能过期的）缓存值的单元格原样
保留，workbook.xml 里的 fullCalcOnLoad 也被忽略。因此这里给每次调用准备一个
私有用户配置（UserInstallation），在 registrymodifications.xcu 中把
``/org.openoffice.Office.Calc/Formula/Load/OOXMLRecalcMode`` 设为 0（总是重算），
加载时强制整本工作簿硬重算。私有配置也避免与其他 soffice 进程互相干扰。

本模块不含测试函数，供测试 import 使用::

    from tests.libreoffice import recalculate, require_soffice
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import tempfile
from pathlib import Path

import pytest

__all__ = [
    "DEFAULT_TIMEOUT",
    "LibreOfficeError",
    "find_soffice",
    "recalculate",
    "require_soffice",
]

#: 单次转换的超时（秒）。冷启动加新建用户配置一般 1–3 秒。
DEFAULT_TIMEOUT = 120

# Excel 2007–365 格式的导出过滤器（也就是“另存为 Excel 2007-365”所用的那个）。
_XLSX_FILTER = "xlsx:Calc MS Excel 2007 XML"

_REGISTRY = """\
<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" \
xmlns:xs="http://www.w3.org/2001/XMLSchema" \
xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load">\
<prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
<item oor:path="/org.openoffice.Office.Calc/Formula/Load">\
<prop oor:name="ODFRecalcMode" oor:op="fuse"><value>0</value></prop></item>
<item oor:path="/org.openoffice.Setup/L10N">\
<prop oor:name="ooSetupSystemLocale" oor:op="fuse"><value>en-US</value></prop></item>
</oor:items>
"""


class LibreOfficeError(RuntimeError):
    """soffice 没有产出结果文件（失败、超时或找不到程序）。"""


def find_soffice() -> str | None:
    """返回 soffice 可执行文件路径；没装 LibreOffice 时返回 None（与程序本身查找的位置相同）。"""
    from generator.office import find_soffice as found

    return found()


def require_soffice() -> str:
    """在测试里调用：有 soffice 就返回其路径。

    没有时：本地（CI 不是 "true"）跳过测试；CI 中直接判失败，免得测试悄悄跳过。
    """
    path = find_soffice()
    if path is not None:
        return path
    reason = (
        "需要 LibreOffice（soffice）来重算公式，但在 PATH 中找不到 soffice/libreoffice。"
        "Debian/Ubuntu 可安装：apt-get install --no-install-recommends "
        "libreoffice-calc-nogui fonts-noto-cjk"
    )
    if os.environ.get("CI") == "true":
        pytest.fail(f"CI 环境缺少 LibreOffice：{reason}", pytrace=False)
    pytest.skip(reason)


def recalculate(
    xlsx_in: Path, out_dir: Path, *, timeout: float = DEFAULT_TIMEOUT
) -> Path:
    """用 LibreOffice 重算 ``xlsx_in`` 的全部公式，另存为 ``out_dir/<同名>.xlsx``。

    返回输出文件路径；用 ``openpyxl.load_workbook(path, data_only=True)``
    读取即可得到计算值。输出路径不能与输入相同（不覆盖原文件）。
    失败或超时抛出 :class:`LibreOfficeError`，消息中带 soffice 的输出。
    """
    xlsx_in = Path(xlsx_in).resolve()
    out_dir = Path(out_dir).resolve()
    if not xlsx_in.is_file():
        raise FileNotFoundError(xlsx_in)
    target = out_dir / (xlsx_in.stem + ".xlsx")
    if target == xlsx_in:
        raise ValueError(f"out_dir 不能是输入文件所在目录（会覆盖 {xlsx_in}）")
    soffice = find_soffice()
    if soffice is None:
        raise LibreOfficeError("找不到 soffice/libreoffice（LibreOffice 未安装？）")
    out_dir.mkdir(parents=True, exist_ok=True)

    with tempfile.TemporaryDirectory(prefix="nianbao-lo-") as tmp:
        tmp_path = Path(tmp)
        (tmp_path / "profile" / "user").mkdir(parents=True)
        (tmp_path / "profile" / "user" / "registrymodifications.xcu").write_text(
            _REGISTRY, encoding="utf-8"
        )
        convert_dir = tmp_path / "out"
        cmd = [
            soffice,
            f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}",
            "--headless",
            "--invisible",
            "--nologo",
            "--nodefault",
            "--norestore",
            "--nolockcheck",
            "--convert-to",
            _XLSX_FILTER,
            "--outdir",
            str(convert_dir),
            str(xlsx_in),
        ]
        # 新会话：超时时可以连同 oosplash/soffice.bin 子进程一起结束。
        proc = subprocess.Popen(
            cmd,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            start_new_session=True,
        )
        try:
            stdout, stderr = proc.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            stdout, stderr = proc.communicate()
            raise LibreOfficeError(
                f"soffice 重算 {xlsx_in.name} 超时（{timeout} 秒）\n"
                + _describe(cmd, stdout, stderr)
            ) from None

        produced = convert_dir / (xlsx_in.stem + ".xlsx")
        if proc.returncode != 0 or not produced.is_file():
            raise LibreOfficeError(
                f"soffice 重算 {xlsx_in.name} 失败（退出码 {proc.returncode}，"
                f"{'已' if produced.is_file() else '未'}生成输出文件）\n"
                + _describe(cmd, stdout, stderr)
            )
        shutil.move(str(produced), target)
    return target


def _describe(cmd: list[str], stdout: bytes, stderr: bytes) -> str:
    def text(b: bytes) -> str:
        return b.decode("utf-8", "replace").strip() or "（空）"

    return (
        f"命令：{' '.join(cmd)}\n"
        f"stderr：{text(stderr)}\n"
        f"stdout：{text(stdout)}"
    )
