"""The messages of the data quality app."""

from __future__ import annotations

__all__ = ["MESSAGES"]

MESSAGES: dict[str, dict[str, str]] = {
    "app.data-quality.title": {"zh": "数据质量与系统使用", "en": "Data quality and adoption"},
    "app.data-quality.text": {
        "zh": "经理查看每位代表的关键字段完整率、拜访录入是否及时、每周拜访趋势与疑似重复医生，"
        "以及谁符合笔记本电脑报销条件。",
        "en": "For managers: each rep's key-field completeness, how soon calls are entered, "
        "the weekly call trend and suspected duplicate doctors, and who qualifies for the "
        "laptop refund.",
    },
    "quality.title": {"zh": "数据质量与系统使用", "en": "Data quality and adoption"},
    "quality.region": {"zh": "大区", "en": "Region"},
    "quality.all_regions": {"zh": "全部大区", "en": "All regions"},
    "quality.new_cut": {"zh": "生成新截点", "en": "New cut"},
    "quality.cut_at": {"zh": "数据截点 {at}", "en": "Data cut of {at}"},
    "quality.header": {
        "zh": "拜访数据期间 {period}；统计截至 {as_of} 在岗的代表。",
        "en": "Calls from {period}; reps in the field on {as_of}.",
    },
    "quality.rule": {
        "zh": "笔记本电脑报销条件（电脑 18,000 元，公司付 12,000 元、代表付 6,000 元）：在职满 "
        "{months} 个月，关键字段完整率不低于 {completeness}，且不少于 {on_time} 的拜访在拜访后 "
        "{days} 天内录入。",
        "en": "Laptop refund rule (an 18,000-yuan laptop, 12,000 paid by the company and 6,000 "
        "by the rep): at least {months} months of service, key-field completeness of at "
        "least {completeness}, and at least {on_time} of calls entered within {days} days of "
        "the visit.",
    },
    "quality.summary": {
        "zh": "{scope}：{reps} 名代表中 {eligible} 名符合报销条件，{action} 名需要跟进。",
        "en": "{scope}: {eligible} of {reps} reps qualify for the refund; {action} need action.",
    },
    "quality.definitions": {
        "zh": "完整率：辖区内每位医生计 4 项（手机、职称、专业、拼音），每次拜访计 1 项（下一步），"
        "已填写项所占比例。录入天数：从拜访日到录入日的天数；没有录入时间的旧拜访不计。"
        "在职月数：入职日到统计日的整月数。",
        "en": "Completeness: the share of key fields filled, four for each doctor in the "
        "territory (mobile, title, specialty, pinyin) and one for each call (next step). Days "
        "to entry: from the day of the visit to the day of entry; older calls without an "
        "entry time are left out. Months of service: full months from hiring to the day "
        "measured.",
    },
    "quality.reps": {"zh": "各代表", "en": "Reps"},
    "quality.more_reps": {
        "zh": "共 {total} 名代表，这里列出 {shown} 名（需要跟进的在前）；"
        "选择一个大区可看到该区每位代表。",
        "en": "{shown} of {total} reps listed (those needing action first); pick a region to "
        "see each of its reps.",
    },
    "quality.col.rep": {"zh": "代表", "en": "Rep"},
    "quality.col.region": {"zh": "大区", "en": "Region"},
    "quality.col.months": {"zh": "在职月数", "en": "Months of service"},
    "quality.col.doctors": {"zh": "辖区医生", "en": "Doctors in territory"},
    "quality.col.calls": {"zh": "拜访次数", "en": "Calls"},
    "quality.col.completeness": {"zh": "完整率", "en": "Completeness"},
    "quality.col.median_days": {"zh": "录入天数中位数", "en": "Median days to entry"},
    "quality.col.on_time": {"zh": "{days} 天内录入", "en": "Entered within {days} days"},
    "quality.col.trend": {"zh": "近 {weeks} 周每周拜访", "en": "Calls a week, last {weeks}"},
    "quality.col.duplicates": {"zh": "疑似重复医生", "en": "Suspected duplicates"},
    "quality.col.status": {"zh": "报销资格", "en": "Refund"},
    "quality.eligible": {"zh": "符合", "en": "qualifies"},
    "quality.blocked.service": {"zh": "在职未满期限", "en": "too few months of service"},
    "quality.blocked.completeness": {"zh": "完整率偏低", "en": "low completeness"},
    "quality.blocked.late_entry": {"zh": "录入不及时", "en": "late entry"},
    "quality.chart.title": {"zh": "每周拜访次数", "en": "Calls a week"},
    "quality.chart.week": {"zh": "周（周一）", "en": "week (Monday)"},
    "quality.chart.calls": {"zh": "拜访次数", "en": "calls"},
    "quality.chart.legend": {"zh": "代表", "en": "Reps"},
    "quality.chart.action": {"zh": "需跟进的代表", "en": "reps needing action"},
    "quality.chart.others": {"zh": "其他代表", "en": "other reps"},
    "quality.duplicates": {"zh": "疑似重复的医生", "en": "Suspected duplicate doctors"},
    "quality.col.doctor": {"zh": "医生", "en": "Doctor"},
    "quality.col.title": {"zh": "职称", "en": "Title"},
    "quality.col.other": {"zh": "可能是同一人", "en": "May be the same as"},
    "quality.col.hospital": {"zh": "医院", "en": "Hospital"},
    "quality.col.reasons": {"zh": "原因", "en": "Why"},
    "quality.more": {"zh": "另有 {n} 条未列出。", "en": "{n} more not listed."},
    "quality.no_duplicates": {"zh": "未发现疑似重复的医生。", "en": "No suspected duplicates."},
    "quality.no_reps": {"zh": "该大区没有在岗代表。", "en": "No reps in the field in this region."},
    "quality.no_calls": {
        "zh": "该截点没有拜访记录：请录入拜访报告或载入样本世界，然后生成新截点。",
        "en": "This cut holds no calls: enter call reports or load a sample world, then take "
        "a new cut.",
    },
}
