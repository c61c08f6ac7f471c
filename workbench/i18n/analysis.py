"""The analyses' words: their tables' columns (``column.*``), notes (``note.*``) and periods.

A column's label is what a reader sees over it; the column keeps its name in the data. The
export workbook's columns (:mod:`workbench.i18n.workbook`) are labelled there; this part
holds the columns only analyses make. A note says how a table was made; it is said when the
analysis runs (:func:`workbench.i18n.said`) and read in its reader's language later, as are
the periods and sources (``period.*``, ``source.*``) and the words around a table shown
(``shown.*``, :func:`workbench.analysis.shown`).
"""

from __future__ import annotations

__all__ = ["MESSAGES"]

_COLUMNS = {
    # who and where, by name
    "region": ("大区", "region"),
    "region_en": ("大区（英文）", "region (English)"),
    "city": ("城市", "city"),
    "city_en": ("城市（英文）", "city (English)"),
    "hospital": ("医院", "hospital"),
    "hospital_en": ("医院（英文）", "hospital (English)"),
    "department": ("科室", "department"),
    "department_en": ("科室（英文）", "department (English)"),
    "doctor": ("医生", "doctor"),
    "doctor_pinyin": ("医生拼音", "doctor (pinyin)"),
    "rep": ("代表", "rep"),
    "rep_pinyin": ("代表拼音", "rep (pinyin)"),
    "event": ("学术会议", "event"),
    "products": ("沟通的产品", "products discussed"),
    "products_en": ("沟通的产品（英文）", "products discussed (English)"),
    "rep_ids": ("代表编号", "rep IDs"),
    "owner_rep_id": ("负责代表编号", "owner's rep ID"),
    "new_rep_id": ("接手代表编号", "new owner's rep ID"),
    "other_id": ("疑似重复医生编号", "possible duplicate's ID"),
    "other_name": ("疑似重复医生", "possible duplicate"),
    "other_name_pinyin": ("疑似重复医生拼音", "possible duplicate (pinyin)"),
    "previous_invitation_id": ("上次邀请编号", "previous invitation ID"),
    "previous_invited_on": ("上次邀请日期", "previous invitation date"),
    # time
    "month": ("月份", "month"),
    "quarter": ("季度", "quarter"),
    "year": ("年份", "year"),
    "week": ("周（周一）", "week (Monday)"),
    "days": ("天数", "days"),
    "months": ("月数", "months"),
    "median_days": ("中位天数", "median days"),
    "last_call": ("最近拜访", "last call"),
    "owned_since": ("负责起始日", "owned since"),
    "reassigned_on": ("重新分配日期", "reassigned on"),
    # concentration, growth, deciles
    "value": ("数值", "value"),
    "share": ("占比", "share"),
    "cum_share": ("累计占比", "cumulative share"),
    "rank": ("排名", "rank"),
    "abc": ("ABC 分类", "ABC class"),
    "before": ("前期", "before"),
    "after": ("后期", "after"),
    "growth": ("增长", "growth"),
    "decile": ("十分位", "decile"),
    "count": ("个数", "count"),
    "total": ("合计", "total"),
    "min": ("最小值", "minimum"),
    "max": ("最大值", "maximum"),
    "first_rank": ("起始排名", "first rank"),
    "last_rank": ("截止排名", "last rank"),
    "entities": ("个数", "entities"),
    "per_entity": ("平均每个", "per entity"),
    "part": ("类型", "part"),
    "marked": ("达到标记占比", "reaches the marked share"),
    # segments, goals, calls
    "segment": ("细分", "segment"),
    "potential_tier": ("潜力分级", "potential tier"),
    "adoption_level": ("采用程度", "adoption level"),
    "goal": ("目标（次/月）", "goal (calls a month)"),
    "calls": ("拜访次数", "calls"),
    "calls_per_month": ("月均拜访次数", "calls a month"),
    "gap": ("差距（次/月）", "gap (calls a month)"),
    "shortfall": ("不足（次/月）", "shortfall (calls a month)"),
    "targets": ("目标医生数", "targets"),
    "reached": ("已覆盖医生数", "reached"),
    "reach": ("覆盖率", "reach"),
    "frequency": ("频率", "frequency"),
    "doctors": ("医生数", "doctors"),
    "reps": ("代表数", "reps"),
    "cluster": ("聚类", "cluster"),
    "months_called": ("有拜访的月数", "months called"),
    "products_discussed": ("沟通的产品数", "products discussed"),
    "invitations": ("邀请次数", "invitations"),
    "attended": ("出席次数", "attended"),
    # turnover and handover
    "customers": ("客户数", "customers"),
    "reassigned": ("按时重新分配", "reassigned in time"),
    "never": ("未重新分配", "never reassigned"),
    "calls_kept": ("交接保留的拜访", "calls kept"),
    "history_kept": ("交接保留的历史占比", "history kept"),
    "kept": ("交接保留历史", "history kept"),
    "leavers": ("离职人数", "leavers"),
    "average_headcount": ("平均在岗人数", "average head count"),
    "attrition": ("流失率", "attrition"),
    "discussed": ("沟通内容", "discussed"),
    # data quality
    "with_mobile": ("有手机号", "with mobile"),
    "with_title": ("有职称", "with title"),
    "with_specialty": ("有专业", "with specialty"),
    "with_pinyin": ("有拼音", "with pinyin"),
    "with_next_step": ("有下一步", "with next step"),
    "completeness": ("完整率", "completeness"),
    "entered": ("已录入拜访", "calls entered"),
    "on_time_calls": ("按时录入拜访", "calls on time"),
    "on_time": ("按时录入占比", "on time"),
    "calls_week": ("周均拜访次数", "calls a week"),
    "duplicates": ("疑似重复医生数", "possible duplicates"),
    "reasons": ("原因", "reasons"),
    "eligible": ("符合报销条件", "eligible"),
    "blocked_by": ("未满足的条件", "blocked by"),
    # the trial
    "site": ("试验中心", "site"),
    "subjects": ("受试者数", "subjects"),
    "first": ("首例随机日期", "first randomised"),
    "last": ("末例随机日期", "last randomised"),
    "arm": ("组别", "arm"),
    "n": ("例数", "n"),
    "CR": ("完全缓解（CR）", "complete response (CR)"),
    "PR": ("部分缓解（PR）", "partial response (PR)"),
    "SD": ("疾病稳定（SD）", "stable disease (SD)"),
    "NON-CR/NON-PD": ("非 CR/非 PD", "non-CR/non-PD"),
    "PD": ("疾病进展（PD）", "progressive disease (PD)"),
    "NE": ("不可评估（NE）", "not evaluable (NE)"),
    "pending": ("待确认", "pending"),
    "orr": ("客观缓解率（ORR）", "ORR"),
    "orr_lower": ("ORR 置信区间下限", "ORR CI lower"),
    "orr_upper": ("ORR 置信区间上限", "ORR CI upper"),
    "dcr": ("疾病控制率（DCR）", "DCR"),
    "dcr_lower": ("DCR 置信区间下限", "DCR CI lower"),
    "dcr_upper": ("DCR 置信区间上限", "DCR CI upper"),
    "orr_diff": ("ORR 差值", "ORR difference"),
    "orr_diff_lower": ("ORR 差值置信区间下限", "ORR difference CI lower"),
    "orr_diff_upper": ("ORR 差值置信区间上限", "ORR difference CI upper"),
    "events": ("事件数", "events"),
    "median": ("中位数", "median"),
    "lower": ("置信区间下限", "CI lower"),
    "upper": ("置信区间上限", "CI upper"),
    "subgroup": ("亚组", "subgroup"),
    "level": ("分层", "level"),
    "estimate": ("估计值", "estimate"),
    "ne": ("无法估计", "not estimable"),
    "worst grade": ("最严重 CTCAE 分级", "worst CTCAE grade"),
    "reports": ("上报数", "reports"),
    "p90_days": ("第 90 百分位天数", "90th percentile days"),
    "within_target": ("按时上报占比", "within target"),
    "overdue": ("逾期评估", "overdue assessments"),
    "time": ("时间（天）", "time (days)"),
    "survival": ("生存率", "survival"),
    "censored": ("删失", "censored"),
    "at_risk": ("风险人数", "at risk"),
    "se_log": ("对数生存率标准误", "standard error of log S"),
    "bor": ("最佳总体疗效", "best overall response"),
    "responder": ("缓解者", "responder"),
    "response_on": ("缓解日期", "response date"),
    "assessments": ("评估次数", "assessments"),
    "param": ("指标", "parameter"),
    "why": ("原因", "why"),
    "teae": ("治疗期不良事件", "treatment-emergent"),
    # a column of numbers whose name another table gives to words
    "event.number": ("事件（1）或删失（0）", "event (1) or censored (0)"),
}

_NOTES = {
    # key accounts
    "accounts.compared_years": (
        "{before} → {after}：最近一个完整年度对比上一年度",
        "{before} → {after}: the latest full year against the one before",
    ),
    "accounts.compared_months": (
        "{before} → {after}：最近 {months} 个完整月对比之前的 {months} 个月",
        "{before} → {after}: the latest {months} full months against the {months} before",
    ),
    "accounts.pareto": (
        "{entities:,} 个中的 {n:,} 个贡献了 {rule:.0%} 的数值；基尼系数 {gini:.3f}；来源：{source}",
        "{n:,} of {entities:,} carry {rule:.0%} of the value; Gini {gini:.3f}; source: {source}",
    ),
    "accounts.places": ("医院、城市与大区的名称", "hospitals, cities and regions by name"),
    "accounts.departments": (
        "医生按主要所属科室计；拜访为期间内的次数",
        "doctors by their primary affiliation; calls in the period",
    ),
    "accounts.doctors": (
        "医生按主要所属科室计；拜访为期间内的次数，最近拜访取自整个数据截点",
        "doctors by their primary affiliation; calls in the period, last call in the cut",
    ),
    "accounts.recent_calls": (
        "最近 {limit} 次拜访，最新的在前",
        "the latest {limit} calls, newest first",
    ),
    "accounts.product_sales": (
        "销售金额；增长 = 后期 / 前期 − 1；占比为占该医院后期合计的比例",
        "sales amount; growth = after / before − 1; share of the hospital's later total",
    ),
    # calls
    "calls.frequency": (
        "过度拜访：同一代表在一个自然月内拜访同一医生超过 {threshold} 次；"
        "{months:,} 个代表 × 医生月中有 {flagged:,} 个（{share:.2%}）；来源：{source}",
        "over-visit: more than {threshold} calls by one rep on one doctor in a calendar month; "
        "{flagged:,} of {months:,} rep × doctor months ({share:.2%}); source: {source}",
    ),
    "calls.goal": (
        "目标：该细分每月应有的拜访次数；状态为低于、达到或高于目标",
        "goal: calls a month expected of the segment; status below / met / above it",
    ),
    "calls.under_served": (
        "{segments}细分中拜访少于目标的医生",
        "doctors in {segments} called less than their goal",
    ),
    "calls.reach_segment": (
        "覆盖率：至少拜访过一次的目标医生占比；频率：每位已覆盖医生的拜访次数；"
        "目标：已细分的医生，计所有代表的拜访",
        "reach: share of targets called at least once; frequency: calls per reached doctor; "
        "targets: segmented doctors, every rep's calls",
    ),
    "calls.reach_rep": (
        "覆盖率：至少拜访过一次的目标医生占比；频率：每位已覆盖医生的拜访次数；"
        "目标：各代表负责的医生，只计该代表本人的拜访",
        "reach: share of targets called at least once; frequency: calls per reached doctor; "
        "targets: each rep's assigned doctors, the rep's own calls",
    ),
    "clusters.kmeans": (
        "K 均值聚类，k = {k}，随机种子 {seed}，10 次初始化，对{features}取 ln(1 + x) 并标准化；"
        "来源：{source}",
        "k-means, k={k}, seed {seed}, 10 starts, on standardised log(1 + x) of {features}; "
        "source: {source}",
    ),
    "conflicts.plans": (
        "同一周内出现在两位及以上代表周计划中的医生",
        "a doctor in the weekly plans of two or more reps in the same week",
    ),
    # concentration, growth, segments
    "concentration.abc": (
        "{value}（按{by}），{period}；按数值排名，数值相同时按编号；ABC 分类 {a}/{b}/{c}"
        "（排在前面的合计不足 {a}% 时为 A 类）；基尼系数 {gini:.3f}；来源：{source}",
        "{value} by {by}, {period}; ranked by value, ties by key; ABC {a}/{b}/{c} (an entity "
        "is A while those above it hold < {a}%); Gini {gini:.3f}; source: {source}",
    ),
    "concentration.deciles_count": (
        "等数量十分位：数值大于 0 的对象按数值排名（相同时按编号），分成个数至多相差 1 的 10 组，"
        "较大的组在前（同 SQL 的 NTILE）；第 10 十分位为最大者，第 0 十分位为没有数值的对象；"
        "来源：{source}",
        "equal-count deciles: entities with value > 0 ranked by value (ties by key) and split "
        "into 10 groups whose sizes differ by at most one, larger groups on top (SQL NTILE); "
        "decile 10 holds the largest, decile 0 the entities with no value; source: {source}",
    ),
    "concentration.deciles_volume": (
        "按数值加权的十分位：对象按数值从大到小排名（相同时按编号）；每个对象归入其自身数值起点"
        "所在的那十分之一，因此每个十分位约占数值的 10%；第 10 十分位为最大者，第 0 十分位为"
        "没有数值的对象；来源：{source}",
        "volume-weighted deciles: entities ranked by value descending (ties by key); each "
        "falls in the tenth of the total where its own volume begins, so every decile holds "
        "about 10% of the value; decile 10 holds the largest, decile 0 the entities with "
        "no value; source: {source}",
    ),
    "growth": (
        "{value}（按{by}），{before} → {after}；增长 = 后期 / 前期 − 1；占比为占后期合计的比例；"
        "来源：{source}",
        "{value} by {by}, {before} → {after}; growth = after / before − 1; share of the later "
        "total; source: {source}",
    ),
    "segments.matrix": (
        "季度 {quarter}；潜力：高 ≥ {hi:g}，中 ≥ {lo:g}，其余为低；"
        "采用：高 ≥ {b:g}，中 ≥ {a:g}，其余为低；来源：{source}",
        "quarter {quarter}; potential high ≥ {hi:g}, medium ≥ {lo:g}, low below; adoption "
        "high ≥ {b:g}, mid ≥ {a:g}, low below; source: {source}",
    ),
    # data quality
    "quality.completeness": (
        "完整率：关键字段已填写的比例，当前辖区内每位医生计 4 项（手机、职称、专业、拼音），"
        "每次拜访计 1 项（下一步）",
        "completeness: the share of key fields filled, four a doctor in the current territory "
        "(mobile, title, specialty, pinyin) and one a call (next step)",
    ),
    "quality.entry_delay": (
        "录入延迟：从拜访到录入报告的天数；{days} 天内为按时；没有录入时间的拜访不计",
        "entry delay: days from the visit to the day the report was entered; on time within "
        "{days} days; calls without an entry time are left out",
    ),
    "quality.weekly_calls": (
        "每周拜访次数（每周从周一开始），最近 {weeks} 周",
        "calls a week (weeks from Monday), the last {weeks} weeks",
    ),
    "quality.duplicates": (
        "同一医院内的疑似重复：姓名相似度达 {name}%、拼音相似度达 {pinyin}%，或手机号相同",
        "likely duplicates in the same hospital: names {name}% alike, pinyin {pinyin}% alike, "
        "or the same mobile",
    ),
    "quality.refund": (
        "报销条件：在职至少 {months} 个月，完整率至少 {completeness:.0%}，"
        "至少 {on_time:.0%} 的拜访在 {days} 天内录入",
        "refund rule: at least {months} months of service, completeness at least "
        "{completeness:.0%}, at least {on_time:.0%} of calls entered within {days} days",
    ),
    # trial derivations and statistics
    "adam.bor": (
        "最佳总体疗效，RECIST 1.1{confirmed}；"
        "疾病稳定（SD）须在首次给药后至少 {sd_days} 天{cutoff}",
        "best overall response, RECIST 1.1{confirmed}; SD ≥ {sd_days} days after first "
        "dose{cutoff}",
    ),
    "adam.confirmed": (
        "，缓解须在至少 {days} 天后确认（其间至多 {max_ne} 次不可评估）",
        ", confirmed ≥ {days} days later (≤ {max_ne} NE between)",
    ),
    "adam.unconfirmed": ("，不要求确认", ", without confirmation"),
    "adam.assessments_to": ("；评估截至 {cutoff}", "; assessments to {cutoff}"),
    "adam.tte": (
        "总生存 OS 自随机化起算，删失于最后已知存活日；无进展生存 PFS 至疾病进展或死亡，"
        "删失于最后一次充分评估；缓解持续时间 DOR 自首次确认缓解起算；天数 = 结束 − 开始 + 1；"
        "数据截至 {cutoff}",
        "OS from randomisation, censored at last known alive; PFS to progression or death, "
        "censored at the last adequate assessment; DOR from first confirmed response; days = "
        "end − start + 1; data to {cutoff}",
    ),
    "adam.adverse": (
        "治疗期：首次给药至末次给药后 {days} 天",
        "treatment-emergent: from the first dose to {days} days after the last",
    ),
    "rates.exact": ("Clopper–Pearson 精确 {level} 置信区间", "exact Clopper–Pearson {level} CI"),
    "rates.newcombe": ("Newcombe 混合评分 {level} 置信区间", "Newcombe hybrid score {level} CI"),
    "rates.waldcc": (
        "带连续性校正的 Wald {level} 置信区间",
        "Wald {level} CI with continuity correction",
    ),
    "survival.km": (
        "Kaplan–Meier 法；中位数的 {level} 置信区间取{transform}变换（同 R 的约定）",
        "Kaplan–Meier; median {level} CI from the {transform} transform (R survival's convention)",
    ),
    "survival.logrank": ("对数秩检验", "log-rank test"),
    "survival.cox": (
        "Cox 比例风险模型，以 {ties} 法处理同时发生的事件；Wald {level} 置信区间与 p 值",
        "Cox proportional hazards, {ties} ties; Wald {level} CI and p",
    ),
    # the trial's tables
    "trials.population_itt": ("ITT 人群，数据截至 {cutoff}", "ITT population, data to {cutoff}"),
    "trials.population_evaluable": (
        "疗效可评估人群，数据截至 {cutoff}",
        "response-evaluable population, data to {cutoff}",
    ),
    "trials.population_safety": (
        "安全性人群，数据截至 {cutoff}",
        "safety population, data to {cutoff}",
    ),
    "trials.orr_difference": (
        "{arm} 组 − {ref} 组的 ORR 差值：{method}",
        "ORR difference {arm} − {ref}: {method}",
    ),
    "trials.rates": (
        "率：Clopper–Pearson 精确 {level} 置信区间",
        "rates: exact Clopper–Pearson {level} CI",
    ),
    "trials.logrank_hr": (
        "{test} p = {p:.4f}；HR {hr:.2f}（{lower:.2f}–{upper:.2f}），{cox}",
        "{test} p = {p:.4f}; HR {hr:.2f} ({lower:.2f}–{upper:.2f}), {cox}",
    ),
    "trials.forest_orr": (
        "{other} 组 − {ref} 组的 ORR 差值，Newcombe {level} 置信区间；NE：该亚组无法估计",
        "ORR difference {other} − {ref}, Newcombe {level} CI; NE: not estimable in that subgroup",
    ),
    "trials.forest_hr": (
        "{other} 组对比 {ref} 组的 PFS 风险比 HR，Cox 模型（Efron 法）{level} 置信区间；"
        "NE：该亚组无法估计",
        "PFS hazard ratio {other} vs {ref}, Cox (Efron) {level} CI; NE: not estimable in that "
        "subgroup",
    ),
    "trials.arm_n": ("{arm} 组 N = {n}", "{arm}: N = {n}"),
    "trials.ae_teae": (
        "发生至少 1 次治疗期不良事件的受试者，占安全性人群的百分比（{head}）",
        "subjects with ≥ 1 treatment-emergent event, % of the safety population ({head})",
    ),
    "trials.ae_all": (
        "发生至少 1 次不良事件的受试者，占安全性人群的百分比（{head}）",
        "subjects with ≥ 1 event, % of the safety population ({head})",
    ),
    "trials.worst_grade": (
        "受试者按治疗期不良事件的最严重 CTCAE 分级计，安全性人群",
        "subjects by worst treatment-emergent CTCAE grade, safety population",
    ),
    "trials.enrolment": ("截至 {cutoff} 已随机化的受试者", "randomised subjects to {cutoff}"),
    "trials.timeliness": (
        "自事件发生至录入的天数；目标 {target} 天；逾期：截至 {cutoff}，"
        "下一次（每 6 周一次的）评估已超过应评估日期 {target} 天以上",
        "days from event to entry; target {target} days; overdue: next assessment more than "
        "{target} days past its six-weekly due date at {cutoff}",
    ),
}

#: the dates a result covers, and where it came from
_SAID = {
    "period.all": ("全部日期", "all dates"),
    "period.all_rows": ("全部行", "all rows"),
    "period.as_given": ("按所给数据", "as given"),
    "period.months": ("{start} – {end}（{months} 个月）", "{start} – {end} ({months} months)"),
    "period.territories_on": ("{day} 的辖区", "territories on {day}"),
    "source.cut": ("数据截点 {created} UTC", "cut {created} UTC"),
    "source.frame": ("数据框", "data frame"),
    # around a table shown
    "shown.period": ("期间：{period}", "period: {period}"),
    "shown.source": ("来源：{source}", "source: {source}"),
    "shown.rows": ("显示前 {rows} 行，共 {total} 行", "first {rows} of {total} rows"),
    "shown.arm": ("{arm} 组", "arm {arm}"),
    "shown.arm_n": ("{arm} 组例数", "{arm} n"),
    "shown.arm_pct": ("{arm} 组 %", "{arm} %"),
    "shown.corner": ("{rows} \\ {columns}", "{rows} \\ {columns}"),
}

MESSAGES: dict[str, dict[str, str]] = {
    **{f"column.{k}": {"zh": zh, "en": en} for k, (zh, en) in _COLUMNS.items()},
    **{f"note.{k}": {"zh": zh, "en": en} for k, (zh, en) in _NOTES.items()},
    **{k: {"zh": zh, "en": en} for k, (zh, en) in _SAID.items()},
}
