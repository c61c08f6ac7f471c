"""What is wrong with an entry, said in Chinese or English: the field, the bad value, the fix."""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from typing import Any

from workbench.i18n import coded, text

__all__ = ["FIELD_LABELS", "Coded", "Problem", "label"]

#: How each field is named to the person entering it.
FIELD_LABELS: dict[str, dict[str, str]] = {
    "city_id": {"zh": "城市", "en": "city"},
    "hospital_id": {"zh": "医院", "en": "hospital"},
    "department_id": {"zh": "科室", "en": "department"},
    "doctor_id": {"zh": "医生", "en": "doctor"},
    "rep_id": {"zh": "代表", "en": "rep"},
    "name": {"zh": "名称", "en": "name"},
    "name_en": {"zh": "英文名称", "en": "English name"},
    "name_pinyin": {"zh": "拼音", "en": "pinyin"},
    "grade": {"zh": "等级", "en": "grade"},
    "beds": {"zh": "床位数", "en": "beds"},
    "phone": {"zh": "电话", "en": "phone"},
    "email": {"zh": "邮箱", "en": "email"},
    "employee_id": {"zh": "工号", "en": "employee ID"},
    "camp": {"zh": "培训营", "en": "camp"},
    "question": {"zh": "问题", "en": "question"},
    "channel": {"zh": "渠道", "en": "channel"},
    "category": {"zh": "类别", "en": "category"},
    "received_at": {"zh": "收到时间", "en": "time received"},
    "answered_by": {"zh": "解答人", "en": "answered by"},
    "answered_at": {"zh": "解答时间", "en": "time answered"},
    "resolved": {"zh": "已解决", "en": "resolved"},
    "roster": {"zh": "名单", "en": "roster"},
    "mobile": {"zh": "手机", "en": "mobile"},
    "specialty": {"zh": "专业", "en": "specialty"},
    "gender": {"zh": "性别", "en": "gender"},
    "title": {"zh": "职称", "en": "title"},
    "call_date": {"zh": "拜访日期", "en": "call date"},
    "products": {"zh": "产品", "en": "products"},
    "key_message": {"zh": "关键信息", "en": "key message"},
    "next_step": {"zh": "下一步", "en": "next step"},
    "joint_visit": {"zh": "协访", "en": "joint visit"},
    "joint_rep_id": {"zh": "协访同事", "en": "joint-visit colleague"},
    "week_start": {"zh": "计划周", "en": "week"},
    "items": {"zh": "计划拜访", "en": "planned calls"},
    "planned_on": {"zh": "计划日期", "en": "planned day"},
    "event_id": {"zh": "学术会议", "en": "event"},
    "invited_on": {"zh": "邀请日期", "en": "invitation date"},
    "submit": {"zh": "提交审阅", "en": "submit for review"},
    "plan_id": {"zh": "周计划", "en": "weekly plan"},
    "reviewer_id": {"zh": "审阅经理", "en": "reviewing manager"},
    "decision": {"zh": "审阅结果", "en": "decision"},
    "comment": {"zh": "经理意见", "en": "manager's comment"},
    "site_id": {"zh": "试验中心", "en": "site"},
    "subject_id": {"zh": "受试者", "en": "subject"},
    "visit": {"zh": "访视", "en": "visit"},
    "assessed_on": {"zh": "评估日期", "en": "assessment date"},
    "overall": {"zh": "总体疗效", "en": "overall response"},
    "verbatim": {"zh": "原始描述", "en": "verbatim term"},
    "preferred_term": {"zh": "首选术语", "en": "preferred term"},
    "soc": {"zh": "系统器官分类", "en": "system organ class"},
    "serious": {"zh": "严重", "en": "serious"},
    "related": {"zh": "与药物相关", "en": "related to the drug"},
    "start_on": {"zh": "开始日期", "en": "start date"},
    "end_on": {"zh": "结束日期", "en": "end date"},
}


@dataclasses.dataclass(frozen=True)
class Coded:
    """A stored code in a problem's message, read in the message's language (已退回, returned)."""

    field: str
    code: str

    def message(self, lang: str) -> str:
        """The code's label in ``lang``."""
        return coded(self.field, self.code, lang)


def _render(value: Any, lang: str) -> Any:
    """Values that speak for themselves (duplicate candidates) say it in ``lang``."""
    if hasattr(value, "message"):
        return value.message(lang)
    if isinstance(value, list | tuple) and value and all(hasattr(v, "message") for v in value):
        return ("；" if lang == "zh" else "; ").join(v.message(lang) for v in value)
    return value


def label(name: str, lang: str) -> str:
    """The field's name as the person entering it knows it."""
    return FIELD_LABELS.get(name, {}).get(lang, name)


@dataclasses.dataclass(frozen=True)
class Problem:
    """One problem with one field: ``code`` names the rule, ``values`` fill its message.

    A ``"warning"`` (say, a doctor already invited by another rep) can be accepted by the
    person entering; an ``"error"`` cannot.
    """

    field: str
    code: str
    values: Mapping[str, Any] = dataclasses.field(default_factory=dict)
    severity: str = "error"

    def message(self, lang: str = "zh") -> str:
        """The problem and its fix, in ``"zh"`` or ``"en"``."""
        values = {k: _render(v, lang) for k, v in self.values.items()}
        return text(f"entry.{self.code}", lang, field=label(self.field, lang), **values)

    def __str__(self) -> str:
        return self.message("en")
