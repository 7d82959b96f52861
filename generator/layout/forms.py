"""The non-table sheets: 填报说明, 基本信息, 正文, 校验结果, and the report's sections."""

from __future__ import annotations

from .model import Field, Form, Section

FORMAT_NAME = "国办公开办函〔2021〕30号"
TEMPLATE_VERSION = "2021.1"
KNOWN_TEMPLATE_VERSIONS = (TEMPLATE_VERSION,)
FIRST_FORMAT_YEAR = 2021

SHEET_GUIDE = "填报说明"
SHEET_INFO = "基本信息"
SHEET_TEXT = "正文"
SHEET_RESULTS = "校验结果"

YES, NO = "是", "否"
ORG_GOVERNMENT = "县级以上地方人民政府"
ORG_DEPARTMENT = "县级以上人民政府部门"
ORG_TYPES = (ORG_GOVERNMENT, ORG_DEPARTMENT, "乡镇人民政府、街道办事处", "其他")
ADMIN_LEVELS = ("省级", "设区的市级", "县级", "乡级")
RULE_MAKING_LEVELS = ("省级", "设区的市级")
"""Only 省、设区的市人民政府 make 地方政府规章 (T2-RULE-MAKER)."""

_FORM_HEADER = ("项目", "填写内容", "说明")

INFO = Form(
    sheet=SHEET_INFO,
    title="基本信息",
    header=_FORM_HEADER,
    widths=(18, 34, 28),
    fields=(
        Field("org_name", "机关名称", "text", 3, "填写发布报告的机关全称，如“××区人民政府办公室”。", required=True),
        Field("org_type", "机关类型", "choice", 4, "从下拉列表中选择，用于判断法定发布时限。", choices=ORG_TYPES),
        Field("admin_level", "行政层级", "choice", 5, "从下拉列表中选择。", choices=ADMIN_LEVELS),
        Field("year", "报告年度", "int", 6, "填写四位数年份，如2024。", required=True),
        Field("publish_date", "发布日期", "date", 7, "可选。填写日期，如2025-01-20，用于核对法定发布时限。"),
        Field("website_name", "政府网站名称", "text", 8, "可选。报告电子版所在网站名称。"),
        Field("website_url", "政府网站网址", "text", 9, "可选。"),
        Field("contact", "联系方式", "text", 10, "可选。如对报告有疑问的联系单位、地址、电话。"),
        Field("title_override", "报告标题（与默认不同时填写）", "text", 11,
              "可选。留空时标题为“机关名称＋报告年度＋年政府信息公开工作年度报告”。"),
        Field("opening", "是否加开头段落", "choice", 12,
              "选“是”时，报告开头加写依据、结构和统计期限的段落。", choices=(YES, NO)),
        Field("local_deadline", "本地规定的发布时限", "date", 13,
              "可选。本地通知规定了更早的发布时限时填写，如2025-01-28。"),
        Field("signature", "是否加落款", "choice", 14,
              "留空时：填了发布日期的，报告末尾加机关名称和日期落款。选“否”不加。", choices=(YES, NO)),
    ),
)

TEXT = Form(
    sheet=SHEET_TEXT,
    title="正文",
    header=("部分", "内容", "说明"),
    widths=(12, 92, 16),
    landscape=True,
    fields=(
        Field("s1_proactive", "一（一）主动公开", "prose", 3,
              "按Alt+Enter换行分段。文字显示不全时，双击行号下边线调整行高。", required=True),
        Field("s1_request", "一（二）依申请公开（可选，自行撰写时填写）", "prose", 4,
              "可留空：留空时根据表三自动生成本段；填写后以此处文字为准。"),
        Field("s1_management", "一（三）政府信息管理", "prose", 5, "", required=True),
        Field("s1_platform", "一（四）政府信息公开平台建设", "prose", 6, "", required=True),
        Field("s1_oversight", "一（五）监督保障", "prose", 7,
              "各级人民政府还应写明工作考核、社会评议和责任追究结果情况。", required=True),
        Field("s5_problems", "五（一）存在问题", "prose", 8, "", required=True),
        Field("s5_improvements", "五（二）改进情况", "prose", 9, "", required=True),
        Field("s6_other", "六、其他需要报告的事项", "prose", 10,
              "信息处理费情况由下面两项自动生成，此处填写其他事项，可留空。"),
        Field("fee_charged", "是否收取信息处理费", "choice", 11,
              "依据《政府信息公开信息处理费管理办法》收取信息处理费的选“是”。", choices=(YES, NO)),
        Field("fee_amount", "信息处理费金额（元）", "decimal", 12, "收取时填写全年合计金额，单位为元。"),
    ),
)

FORMS = (INFO, TEXT)

SECTIONS = (
    Section("一", "总体情况", (
        ("s1_proactive", "（一）主动公开"),
        ("s1_request", "（二）依申请公开"),
        ("s1_management", "（三）政府信息管理"),
        ("s1_platform", "（四）政府信息公开平台建设"),
        ("s1_oversight", "（五）监督保障"),
    )),
    Section("二", "主动公开政府信息情况", table="t2"),
    Section("三", "收到和处理政府信息公开申请情况", table="t3"),
    Section("四", "政府信息公开行政复议、行政诉讼情况", table="t4"),
    Section("五", "存在的主要问题及改进情况", (
        ("s5_problems", "（一）存在问题"),
        ("s5_improvements", "（二）改进情况"),
    )),
    Section("六", "其他需要报告的事项", (("s6_other", ""),)),
)

GUIDE_TITLE = "政府信息公开工作年度报告填报说明"
GUIDE_VERSION_ROW = 3
GUIDE_LINES = (
    "一、本工作簿按照《中华人民共和国政府信息公开工作年度报告格式》（国办公开办函〔2021〕30号）制作，"
    "表二、表三、表四的栏目与官方格式一致，请勿增删行列或修改栏目名称。",
    "二、请依次填写“基本信息”“正文”“表二 主动公开”“表三 依申请公开”“表四 复议诉讼”各表。",
    "三、表中浅黄色单元格为填写项；灰色单元格为自动计算的合计项，已锁定，无需填写。",
    "四、没有发生的事项请填写0，不要留空。空白单元格按0计算，但校验时会提示。",
    "五、表三每一列须满足“第一项加第二项之和，等于第三项加第四项之和”，表四各组总计须等于各项之和；"
    "表下方的自动校验行显示“平衡”或“不平衡”。",
    "六、正文各部分在“正文”表中对应单元格填写，按Alt+Enter换行即为分段。",
    "七、填写完成后进行全面校验：在Excel中点击“信息公开年报”选项卡的“校验并生成报告”按钮，"
    "校验结果写在本工作簿的“校验结果”表中；或在命令行运行“nianbao check 文件名.xlsx”，"
    "校验结果显示在屏幕上，加“-o 结果.xlsx”则另存为一个结果工作簿（本工作簿不作改动）。",
    "八、使用WPS或LibreOffice的，可查看表下方的自动校验行，并用命令行完成全面校验。",
    "九、遇到问题请联系本级政务公开工作主管部门，或查阅nianbao使用说明（README）。",
)
LEGEND = (
    ("input", "填写项"),
    ("total", "自动计算项（已锁定）"),
    ("error", "校验发现的错误"),
    ("warning", "校验发现的提示"),
)

RESULTS_HEADER = ("规则", "级别", "工作表", "单元格", "说明")
