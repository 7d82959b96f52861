"""The rule catalogue (public contract: IDs never change meaning)."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"

    @property
    def label(self) -> str:
        return "错误" if self is Severity.ERROR else "提示"


E, W = Severity.ERROR, Severity.WARNING


@dataclass(frozen=True, slots=True)
class Rule:
    id: str
    severity: Severity
    """Default severity; a few rules also give the other one (see the description)."""
    name: str
    """Short Chinese name shown beside the ID (results, rule list)."""
    title: str
    """The full description."""


RULES = (
    Rule("FMT-FILE", E, "文件无法打开", "文件无法打开：不存在、不是.xlsx/.xlsm文件、已加密、已损坏或为旧版.xls格式"),
    Rule("FMT-SHEET", E, "工作表缺失或改名", "缺少模板要求的工作表，或工作表被改名"),
    Rule("FMT-LABEL", E, "表格栏目被改动", "官方表格的栏目名称被修改，或表格内被插入、删除了行列"),
    Rule("FMT-VERSION", E, "格式版本不符", "使用了2019年（试行）格式，或模板版本无法识别"),
    Rule("FMT-FORMULA", W, "合计公式被改动", "自动计算的合计单元格被填入数字或改成了其他公式"),
    Rule("VAL-BLANK", W, "单元格为空", "表格单元格为空（按0计算，官方表格应填写0）"),
    Rule("VAL-TYPE", E, "非数字内容", "表格单元格填写了非数字内容（文本形式的数字按数字读取并提示）"),
    Rule("VAL-INT", E, "件数不是非负整数", "件数为负数、不是整数，或大到不可能（一千万亿及以上，不读取）"),
    Rule("VAL-AMOUNT", E, "收费金额有误", "行政事业性收费金额为负数或不是数字；疑似按元而非万元填写时提示"),
    Rule("IMPORT-MISSING", E, "导入时缺少表格或行", "导入已发布的报告：没有找到官方表格或表中的某一行，相应数据未导入；"
         "表格在报告中是图片时为提示（图片中的数字无法读取，请对照图片核对）"),
    Rule("IMPORT-UNPLACED", E, "导入时无法对应", "导入已发布的报告：数字无法对应到官方表格的行列（未知的行、多出的数字），"
                               "未导入；一行数字有不止一种读法（复制时丢失了空白单元格的位置）或文字不属于官方格式的任何部分时为提示"),
    Rule("IMPORT-CHAR", W, "导入时删除控制字符", "导入已发布的报告：文件含有Word、Excel文件无法保存的控制字符，已删除，请核对相关文字"),
    Rule("IMPORT-SPLIT", W, "导入时拆分连写数字", "导入已发布的报告：一行的数字连在一起（如“21710000218”），已按本行总计"
                            "（或唯一可能的方式）拆开，请与原文核对"),
    Rule("IMPORT-AMBIGUOUS", W, "导入时拆分不唯一", "导入已发布的报告：连在一起的数字按本行合计和表中各列的勾稽关系仍有不止一种"
                               "拆法，列出各种可能的数值，相应单元格未导入，请对照原文核对（原文的结构在复制中丢失，不是报告的错误）"),
    Rule("IMPORT-LABEL", W, "导入时栏目名称近似", "导入已发布的报告：表格栏目名称有错字或缺字，已按最相近的官方栏目读取，请核对"),
    Rule("T3-ROW-SUM", E, "表三行合计不符", "表三每一行：总计＝自然人＋商业企业＋科研机构＋社会公益组织＋法律服务机构＋其他"),
    Rule("T3-RESULT-SUM", E, "表三办理结果合计不符", "表三每一列：（七）总计＝（一）至（六）各项之和"),
    Rule("T3-BALANCE", E, "表三列不平衡", "表三每一列：第一项＋第二项＝第三项（七）总计＋第四项"),
    Rule("T4-SUM", E, "表四合计不符", "表四行政复议、未经复议直接起诉、复议后起诉各组：总计＝结果维持＋结果纠正＋其他结果＋尚未审结"),
    Rule("T2-VALID", W, "表二现行有效件数偏少", "表二规章、行政规范性文件：本年制发件数不应大于现行有效件数与本年废止件数之和"),
    Rule("T2-RULE-MAKER", W, "无规章制定权却填报规章", "不具有规章制定权的机关填报了规章数量（仅省级、设区的市级人民政府可制定规章）"),
    Rule("Y-CARRY", E, "上年结转与去年不符", "每一列：今年“二、上年结转”＝去年“四、结转下年度继续办理”；"
                                          "作为上年报告的文件不是上一年度的报告时提示"),
    Rule("Y-VALID-CHAIN", W, "现行有效件数不连续", "规章、行政规范性文件：今年现行有效＝去年现行有效＋本年制发－本年废止"),
    Rule("Y-SAME", W, "与上年报告雷同", "正文某一部分或表格全部数字与上年报告相同（内容雷同）"),
    Rule("META-ORG", E, "未填写机关名称", "未填写机关名称"),
    Rule("META-YEAR", E, "报告年度有误", "报告年度未填写、不是年份、晚于当前年份，或与标题中的年份不一致"),
    Rule("META-DEADLINE", W, "发布晚于时限", "发布日期晚于法定（或本地规定的）发布时限"),
    Rule("TEXT-MISSING", E, "正文缺少部分", "正文必需的部分未填写；六的信息处理费情况未选择且六无内容时提示"),
    Rule("TEXT-NUM", E, "正文数字与表格不符", "正文中写明的申请、办理结果、行政复议、行政诉讼件数与表格不一致"),
    Rule("TEXT-SUM", W, "正文分项之和不符", "正文中“共…N条，其中…”各分项之和大于总数，或列出全部分项时与总数不等"),
    Rule("TEXT-FEE", W, "信息处理费说明不符", "六的信息处理费说明与表三收费通知情况或金额不一致，或前后矛盾"),
    Rule("TEXT-YEAR", W, "正文年份疑似沿用上年", "正文把另一年份当作报告年度来写（如2024年报告中某部分以“2023年，我局…”开头，"
         "或统计期限写为另一年），常见于沿用上年报告的文字"),
    Rule("SUM-PARTS", E, "汇总与各单位之和不符", "汇总表（check --parts）的单元格不等于各组成单位同一单元格之和"),
    Rule("SUM-MISSING", W, "名单内单位缺报", "汇总名单（--roster）中的单位没有报送年度报告"),
    Rule("X-SAME", W, "与其他机关报告雷同", "同一批次中不同机关的报告，正文某一部分几乎相同（疑似互相抄袭）"),
    Rule("TEXT-ZERO", W, "表格全为0而正文有内容", "表格数字全部为0，但正文描述了申请、决定或案件"),
)

RULES_BY_ID = {rule.id: rule for rule in RULES}
