"""The messages of the trial monitor: its tables' headers, its chart's words and its notes."""

from __future__ import annotations

__all__ = ["MESSAGES"]

MESSAGES: dict[str, dict[str, str]] = {
    "trial.cut_label": {"zh": "截点 {created} UTC", "en": "cut {created} UTC"},
    "trial.chart.title": {
        "zh": "{param} 的 Kaplan–Meier 曲线（按组）",
        "en": "Kaplan–Meier: {param} by arm",
    },
    "trial.chart.x": {"zh": "随机化后天数", "en": "days since randomisation"},
    "trial.chart.y": {"zh": "{param} 概率", "en": "{param} probability"},
    "trial.chart.legend": {"zh": "组别", "en": "arm"},
    "trial.chart.at_risk": {"zh": "风险人数", "en": "at risk"},
    "trial.km.median": {"zh": "{arm} 组中位 {median} 天", "en": "{arm}: median {median} d"},
    "trial.km.not_reached": {"zh": "{arm} 组中位未达到", "en": "{arm}: median not reached"},
    "trial.km.hr": {"zh": "HR {hr}（{lower}–{upper}）", "en": "HR {hr} ({lower}–{upper})"},
    "trial.col.site": {"zh": "中心", "en": "site"},
    "trial.col.hospital": {"zh": "医院", "en": "hospital"},
    "trial.col.subjects": {"zh": "受试者", "en": "subjects"},
    "trial.col.by_arm": {"zh": "{arm} 组", "en": "arm {arm}"},
    "trial.col.arm": {"zh": "组别", "en": "arm"},
    "trial.col.n": {"zh": "例数", "en": "n"},
    "trial.col.pending": {"zh": "待确认", "en": "pending"},
    "trial.col.orr": {"zh": "客观缓解率", "en": "ORR"},
    "trial.col.orr_lower": {"zh": "95% CI 下限", "en": "95% CI lower"},
    "trial.col.orr_upper": {"zh": "95% CI 上限", "en": "95% CI upper"},
    "trial.col.soc": {"zh": "系统器官分类", "en": "system organ class"},
    "trial.col.term": {"zh": "首选术语", "en": "preferred term"},
    "trial.col.arm_n": {"zh": "{arm} 组例数", "en": "{arm} n"},
    "trial.col.arm_pct": {"zh": "{arm} 组 %", "en": "{arm} %"},
    "trial.col.reports": {"zh": "上报数", "en": "reports"},
    "trial.col.median_days": {"zh": "中位天数", "en": "median days"},
    "trial.col.p90_days": {"zh": "第 90 百分位天数", "en": "90th percentile days"},
    "trial.col.within_target": {"zh": "按时上报比例", "en": "within target"},
    "trial.col.overdue": {"zh": "逾期评估", "en": "overdue"},
    "trial.overdue_rows": {
        "zh": "浅红色行：有逾期评估的中心。",
        "en": "Pale red rows: sites with overdue assessments.",
    },
    "trial.note.enrolment": {
        "zh": "截至 {cutoff} 已随机化的受试者",
        "en": "randomised subjects to {cutoff}",
    },
    "trial.note.response": {
        "zh": "ITT 人群，数据截至 {cutoff}；各组客观缓解率及其精确 95% 置信区间"
        "（Clopper–Pearson）{diff}；最佳总体疗效按 RECIST 1.1{confirm}；"
        "疾病稳定须在首次给药后至少 {sd_days} 天",
        "en": "ITT population, data to {cutoff}; each arm's ORR with its exact 95% CI "
        "(Clopper–Pearson){diff}; best overall response, RECIST 1.1{confirm}; "
        "SD ≥ {sd_days} days after first dose",
    },
    "trial.note.response.diff": {
        "zh": "；{arm} 组对比 {ref} 组的客观缓解率差值 {value}（95% CI {lower} 至 {upper}，"
        "Newcombe 混合评分法）",
        "en": "; ORR difference {arm} − {ref} {value} (95% CI {lower} to {upper}, "
        "Newcombe hybrid score)",
    },
    "trial.note.response.confirm": {
        "zh": "，缓解须在至少 {days} 天后确认（其间至多 1 次不可评估）",
        "en": ", confirmed ≥ {days} days later (≤ 1 NE between)",
    },
    "trial.note.adverse": {
        "zh": "发生至少 1 次治疗期不良事件的受试者，占安全性人群的百分比（{head}）；"
        "治疗期：首次给药至末次给药后 {window} 天",
        "en": "subjects with ≥ 1 treatment-emergent event, % of the safety population "
        "({head}); treatment-emergent: from the first dose to {window} days after the last",
    },
    "trial.note.adverse.arm": {"zh": "{arm} 组 N = {n}", "en": "{arm}: N = {n}"},
    "trial.note.timeliness": {
        "zh": "自事件发生至录入的天数；目标 {target} 天；逾期：截至 {cutoff}，"
        "下一次（每 6 周一次的）评估已超过应评估日期 {target} 天以上",
        "en": "days from event to entry; target {target} days; overdue: next assessment more "
        "than {target} days past its six-weekly due date at {cutoff}",
    },
    # MedDRA system organ classes, as the Chinese MedDRA names them
    "trial.soc.Gastrointestinal disorders": {
        "zh": "胃肠系统疾病",
        "en": "Gastrointestinal disorders",
    },
    "trial.soc.Skin and subcutaneous tissue disorders": {
        "zh": "皮肤及皮下组织类疾病",
        "en": "Skin and subcutaneous tissue disorders",
    },
    "trial.soc.General disorders and administration site conditions": {
        "zh": "全身性疾病及给药部位各种反应",
        "en": "General disorders and administration site conditions",
    },
    "trial.soc.Blood and lymphatic system disorders": {
        "zh": "血液及淋巴系统疾病",
        "en": "Blood and lymphatic system disorders",
    },
    "trial.soc.Investigations": {"zh": "各类检查", "en": "Investigations"},
    "trial.soc.Respiratory, thoracic and mediastinal disorders": {
        "zh": "呼吸系统、胸及纵隔疾病",
        "en": "Respiratory, thoracic and mediastinal disorders",
    },
}
