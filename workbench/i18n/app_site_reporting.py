"""The messages of the site reporting app."""

from __future__ import annotations

__all__ = ["MESSAGES"]

MESSAGES: dict[str, dict[str, str]] = {
    "app.site-reporting.title": {"zh": "试验中心上报", "en": "Trial site reporting"},
    "app.site-reporting.text": {
        "zh": "试验中心人员在此上报受试者的疗效评估与不良事件，"
        "查看本中心已上报的内容和逾期的评估。",
        "en": "For trial site staff: report subjects' response assessments and adverse events, "
        "and see your site's reports and overdue assessments.",
    },
    "sites.title": {"zh": "试验中心上报", "en": "Trial site reporting"},
    "sites.intro": {
        "zh": "请选择您所在的试验中心，然后上报疗效评估或不良事件。"
        "保存后立即出现在“本中心上报”中。",
        "en": "Pick your site, then report a response assessment or an adverse event. What you "
        "save appears at once under “Our reports”.",
    },
    "sites.site": {"zh": "试验中心", "en": "Site"},
    "sites.pick": {"zh": "请先选择试验中心。", "en": "Pick your site first."},
    "sites.header": {
        "zh": "{study} · {site} {hospital} · 受试者 {subjects} 名 · 今天 {today}",
        "en": "{study} · {site} {hospital} · {subjects} subjects · today {today}",
    },
    "sites.summary": {
        "zh": "已上报 {reports} 份，逾期评估 {overdue} 项。",
        "en": "{reports} reports received; {overdue} assessments overdue.",
    },
    "sites.tab.assessment": {"zh": "上报疗效", "en": "Response"},
    "sites.tab.adverse_event": {"zh": "不良事件", "en": "Adverse event"},
    "sites.tab.reports": {"zh": "本中心上报", "en": "Our reports"},
    "sites.tab.overdue": {"zh": "逾期评估", "en": "Overdue"},
    "sites.verbatim_example": {"zh": "皮疹", "en": "rash"},
    "sites.reports.none": {"zh": "本中心尚无上报。", "en": "Your site has no reports yet."},
    "sites.reports.shown": {
        "zh": "最近收到的 {shown} 份（共 {total} 份），最新的在前；收到时间为 UTC。",
        "en": "The latest {shown} of {total} reports, latest first; received times in UTC.",
    },
    "sites.col.received": {"zh": "收到时间", "en": "Received"},
    "sites.col.subject": {"zh": "受试者", "en": "Subject"},
    "sites.col.kind": {"zh": "类型", "en": "Kind"},
    "sites.col.visit": {"zh": "访视", "en": "Visit"},
    "sites.col.date": {"zh": "日期", "en": "Date"},
    "sites.col.result": {"zh": "疗效 / 不良事件", "en": "Response / adverse event"},
    "sites.col.version": {"zh": "版本", "en": "Version"},
    "sites.col.next_visit": {"zh": "下次访视", "en": "Next visit"},
    "sites.col.since": {"zh": "上次评估或首次给药", "en": "Last assessment or first dose"},
    "sites.col.due": {"zh": "应评估日期", "en": "Due on"},
    "sites.col.late": {"zh": "逾期天数", "en": "Days late"},
    "sites.col.action": {"zh": "待办", "en": "Action"},
    "sites.ae": {
        "zh": "{term}，{grade} 级{serious}",
        "en": "{term}, grade {grade}{serious}",
    },
    "sites.serious": {"zh": "，严重", "en": ", serious"},
    "sites.overdue.none": {
        "zh": "没有逾期的评估。",
        "en": "No assessment is overdue.",
    },
    "sites.overdue.rule": {
        "zh": "每 {every} 天评估一次；超过应评估日期 {target} 天仍未上报即为逾期"
        "（与试验监测的及时性规则相同）。",
        "en": "Assessments are due every {every} days; one not reported more than {target} days "
        "after its due date is overdue (the trial monitor's timeliness rule).",
    },
    "sites.overdue.action": {"zh": "请上报第 {visit} 次访视", "en": "report visit {visit}"},
    "sites.overdue.due": {"zh": "未到期", "en": "not yet due"},
    "sites.overdue.grace": {
        "zh": "已到期，{left} 天内上报",
        "en": "due: report within {left} days",
    },
}
