"""``nianbao excel-addin``: the ribbon add-in ``xlmacros.xlam`` built from the installed xlwings' own add-in.

Only the ribbon XML and the config sheet change; the VBA (``xl/vbaProject.bin``) is copied byte for byte.
The constants below tell ``xlmacros.self_check()`` where the add-in records what it was built with.
"""

from __future__ import annotations

import sys

from ..errors import ExitCode

COMMAND = "excel-addin"
SUMMARY = "生成 Excel 加载项 xlmacros.xlam，在功能区添加“校验并生成报告”按钮（Windows 版 Excel）"
EXAMPLE = "nianbao excel-addin -o xlmacros.xlam"

MODULE = "xlmacros"
ADDIN_NAME = f"{MODULE}.xlam"
"""xlwings' ``RunMain`` imports the module named like the add-in file, so the file keeps this name."""
CONFIG_SHEET = "myaddin.conf"
"""``PROJECT_NAME & ".conf"`` in the add-in's xlwings module: column A keys, column B values, from row 1 down."""
XLWINGS_VERSION_KEY = "NIANBAO_XLWINGS_VERSION"
NIANBAO_VERSION_KEY = "NIANBAO_VERSION"
"""Extra rows of the config sheet: the xlwings and nianbao versions the add-in was built with."""


def add_arguments(parser) -> None:
    from ..outputs import output_option

    output_option(parser, f"输出文件或文件夹，默认当前文件夹下的 {ADDIN_NAME}；文件名必须是 {ADDIN_NAME}",
                  default=ADDIN_NAME)


def run(args) -> int:
    from .build import AddinError, build_addin, xlstart_folder

    try:
        addin = build_addin(args.output)
    except AddinError as exc:
        sys.stderr.write(f"nianbao：{exc}\n")
        return ExitCode.UNUSABLE
    except PermissionError as exc:
        sys.stderr.write(f"nianbao：无法写入“{exc.filename or args.output}”。如果 Excel 正打开着这个加载项，"
                         "请先关闭 Excel 后重试。\n")
        return ExitCode.UNUSABLE
    print(f"已生成 Excel 加载项：{addin.path}")
    print(f"  功能区：{addin.tab} › {addin.button}（运行 import {MODULE}; {MODULE}.main()）")
    print(f"  Python：{addin.interpreter}（{addin.interpreter_key}）")
    print(f"  代码路径：{addin.package_path}（不从工作簿所在文件夹导入代码）")
    print(f"  xlwings：{addin.xlwings_version}（加载项与本机 xlwings 版本一致）")
    for warning in addin.warnings:
        print(f"注意：{warning}")
    folder = xlstart_folder()
    where = f"“{folder}”" if folder else "Excel 的 XLSTART 文件夹"
    print(f"下一步：把 {ADDIN_NAME} 复制到{where}，或在 Excel 中用“开发工具 → Excel 加载项 → 浏览”添加，"
          "然后重新启动 Excel。详见 README“在Excel中使用（Windows）”。")
    return ExitCode.OK
