"""The ribbon of the add-in, as data, and its customUI XML."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from dataclasses import dataclass
from xml.sax.saxutils import quoteattr


@dataclass(frozen=True)
class Ribbon:
    tab: str
    group: str
    button: str
    screentip: str
    supertip: str
    image: str = "MacroPlay"
    """An Office built-in icon (imageMso); the one xlwings' own ribbon uses."""


RIBBON = Ribbon(
    tab="信息公开年报",
    group="年报校验",
    button="校验并生成报告",
    screentip="校验当前工作簿，没有错误时生成报告",
    supertip="逐项校验当前打开的年报工作簿，在表格中标出错误（红色）和提示（黄色），并列在“校验结果”表中；"
             "没有错误时询问是否在工作簿旁边生成Word报告。",
)


class RibbonError(ValueError):
    """The source add-in's ribbon is not the one-button ribbon this build expects."""


def existing_callback(custom_ui: bytes) -> tuple[str, str]:
    """The namespace and the one ``onAction`` callback of xlwings' ribbon (e.g. ``RibbonMyAddin.RunMain``)."""
    root = ET.fromstring(custom_ui)
    callbacks = {e.get("onAction") for e in root.iter() if e.get("onAction")}
    if len(callbacks) != 1:
        raise RibbonError(f"预期加载项的功能区只有一个按钮回调，实际为：{sorted(callbacks) or '无'}")
    namespace = root.tag[1:].split("}")[0] if root.tag.startswith("{") else ""
    return namespace, callbacks.pop()


def custom_ui_xml(namespace: str, callback: str, ribbon: Ribbon = RIBBON) -> bytes:
    """Our tab, group and button, wired to the add-in's existing callback."""
    a = quoteattr
    text = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f"<customUI xmlns={a(namespace)}>\n"
        "  <ribbon>\n"
        "    <tabs>\n"
        f'      <tab id="nianbaoTab" label={a(ribbon.tab)}>\n'
        f'        <group id="nianbaoGroup" label={a(ribbon.group)}>\n'
        f'          <button id="nianbaoCheck" label={a(ribbon.button)} size="large" imageMso={a(ribbon.image)}\n'
        f"                  screentip={a(ribbon.screentip)} supertip={a(ribbon.supertip)}\n"
        f"                  onAction={a(callback)}/>\n"
        "        </group>\n"
        "      </tab>\n"
        "    </tabs>\n"
        "  </ribbon>\n"
        "</customUI>\n"
    )
    return text.encode("utf-8")
