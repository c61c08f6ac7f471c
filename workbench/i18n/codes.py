"""How stored codes read in each language: ``code.<field>.<code>``.

Titles, specialties, genders, roles, plan and invitation statuses, segments and tiers, trial
responses (RECIST), the kinds of a site's report, and the sample dictionary's adverse event
terms and organ classes; and the codes analyses write into their tables (a call goal's
status, a Pareto point's part, why a subject's time ends, a forest plot's subgroups …) or
name in their notes (measures, dimensions, features). The specialties come from
:data:`workbench.reference.DEPARTMENTS`, where each is named in both languages.
"""

from __future__ import annotations

from workbench.reference import ADVERSE_TERMS, DEPARTMENTS

__all__ = ["MESSAGES"]

_LABELS: dict[str, dict[str, tuple[str, str]]] = {
    "title": {
        "chief": ("主任医师", "chief physician"),
        "associate_chief": ("副主任医师", "associate chief physician"),
        "attending": ("主治医师", "attending physician"),
        "resident": ("住院医师", "resident"),
    },
    "gender": {"F": ("女", "female"), "M": ("男", "male")},
    "role": {"rep": ("代表", "rep"), "manager": ("经理", "manager")},
    "plan_status": {
        "draft": ("草稿", "draft"),
        "submitted": ("已提交", "submitted"),
        "approved": ("已批准", "approved"),
        "returned": ("已退回", "returned"),
        "missing": ("未填写", "missing"),
    },
    "decision": {"approved": ("批准", "approve"), "returned": ("退回", "return")},
    "invitation_status": {
        "invited": ("已邀请", "invited"),
        "accepted": ("已接受", "accepted"),
        "declined": ("已谢绝", "declined"),
        "attended": ("已出席", "attended"),
    },
    "segment": {
        "develop": ("重点开发", "develop"),
        "grow": ("增长", "grow"),
        "defend": ("巩固", "defend"),
        "maintain": ("维持", "maintain"),
        "monitor": ("观察", "monitor"),
        # in a segment migration: not segmented the quarter before, or no longer
        "(new)": ("（新增）", "(new)"),
        "(gone)": ("（移出）", "(gone)"),
    },
    "adoption_level": {"low": ("低", "low"), "mid": ("中", "mid"), "high": ("高", "high")},
    "status": {
        "below": ("低于目标", "below"),
        "met": ("达到目标", "met"),
        "above": ("高于目标", "above"),
    },
    "tier": {"high": ("高", "high"), "medium": ("中", "medium"), "low": ("低", "low")},
    "abc": {"A": ("A 类", "class A"), "B": ("B 类", "class B"), "C": ("C 类", "class C")},
    "specialty": {d.specialty: (d.name, d.name_en) for d in DEPARTMENTS},
    "overall": {
        "CR": ("完全缓解（CR）", "complete response (CR)"),
        "PR": ("部分缓解（PR）", "partial response (PR)"),
        "SD": ("疾病稳定（SD）", "stable disease (SD)"),
        "NON-CR/NON-PD": ("非 CR/非 PD", "non-CR/non-PD"),
        "PD": ("疾病进展（PD）", "progressive disease (PD)"),
        "NE": ("不可评估（NE）", "not evaluable (NE)"),
    },
    "param": {
        "OS": ("总生存 OS", "OS"),
        "PFS": ("无进展生存 PFS", "PFS"),
        "DOR": ("缓解持续时间 DOR", "DOR"),
    },
    "why": {
        "death": ("死亡", "death"),
        "progression": ("疾病进展", "progression"),
        "alive at last contact": ("末次联系时存活", "alive at last contact"),
        "last adequate assessment": ("末次充分评估", "last adequate assessment"),
        "no adequate assessment": ("无充分评估", "no adequate assessment"),
    },
    "subgroup": {
        "all": ("全部", "all"),
        "age_group": ("年龄组", "age group"),
        "sex": ("性别", "sex"),
        "ecog": ("ECOG 评分", "ECOG"),
    },
    "level": {"all": ("全部", "all")},
    "worst_grade": {"none": ("无", "none")},
    "transform": {
        "log": ("对数", "log"),
        "log-log": ("双对数", "log-log"),
        "plain": ("线性", "plain"),
    },
    "report_kind": {
        "assessment": ("疗效评估", "response assessment"),
        "adverse_event": ("不良事件", "adverse event"),
    },
    # a Pareto curve's points
    "part": {
        "entity": ("单个", "single"),
        "group": ("按排名合并", "ranks grouped"),
        "tail": ("其余全部", "all the rest"),
    },
    # why two doctors may be one (:func:`workbench.entry.duplicates.likely_same_doctor`)
    "reasons": {
        "name_same": ("姓名相同", "same name"),
        "name_similar": ("姓名相似", "similar names"),
        "pinyin_similar": ("拼音相似", "similar pinyin"),
        "same_mobile": ("手机号相同", "same mobile"),
    },
    # what keeps a rep from the laptop refund
    "blocked_by": {
        "service": ("在职未满期限", "too few months of service"),
        "completeness": ("完整率偏低", "low completeness"),
        "late_entry": ("录入不及时", "late entry"),
    },
    # the measures, dimensions and engagement features an analysis names in its note
    "measure": {
        m: (zh, m)
        for m, zh in (
            ("amount", "金额"),
            ("quantity", "数量"),
            ("calls", "拜访次数"),
            ("prescriptions", "处方量"),
            ("potential", "潜力"),
        )
    },
    "dimension": {
        d: (zh, d)
        for d, zh in (
            ("region", "大区"),
            ("city", "城市"),
            ("hospital", "医院"),
            ("department", "科室"),
            ("doctor", "医生"),
            ("product", "产品"),
            ("rep", "代表"),
            ("dealer", "经销商"),
            ("month", "月份"),
            ("quarter", "季度"),
            ("year", "年份"),
        )
    },
    "feature": {
        f: (zh, f)
        for f, zh in (
            ("calls", "拜访次数"),
            ("months_called", "有拜访的月数"),
            ("products_discussed", "沟通的产品数"),
            ("invitations", "邀请次数"),
            ("attended", "出席次数"),
            ("prescriptions", "处方量"),
            ("adoption", "采用程度"),
        )
    },
    # the sample's MedDRA dictionary: a preferred term reads as a site writes it in Chinese
    "preferred_term": {t.preferred_term: (t.verbatim, t.preferred_term) for t in ADVERSE_TERMS},
}

#: the sample dictionary's system organ classes, in MedDRA's Chinese
_SOCS = {
    "Blood and lymphatic system disorders": "血液及淋巴系统疾病",
    "Gastrointestinal disorders": "胃肠系统疾病",
    "General disorders and administration site conditions": "全身性疾病及给药部位各种反应",
    "Investigations": "各类检查",
    "Respiratory, thoracic and mediastinal disorders": "呼吸系统、胸及纵隔疾病",
    "Skin and subcutaneous tissue disorders": "皮肤及皮下组织类疾病",
}

MESSAGES: dict[str, dict[str, str]] = {
    f"code.{field}.{code}": {"zh": zh, "en": en}
    for field, labels in _LABELS.items()
    for code, (zh, en) in labels.items()
} | {f"code.soc.{soc}": {"zh": zh, "en": soc} for soc, zh in _SOCS.items()}
MESSAGES["code.soc.any"] = {"zh": "任何不良事件", "en": "any event"}
