"""How stored codes read in each language: ``code.<field>.<code>``.

Titles, specialties, genders, roles, plan and invitation statuses, segments and tiers, trial
responses (RECIST), the kinds of a site's report, and the sample dictionary's adverse event
terms and organ classes. The specialties come from :data:`workbench.reference.DEPARTMENTS`,
where each is named in both languages.
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
    "report_kind": {
        "assessment": ("疗效评估", "response assessment"),
        "adverse_event": ("不良事件", "adverse event"),
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
