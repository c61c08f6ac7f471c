"""The errors of the analyses and charts.

One message per key, each saying what is wrong and what to do.
"""

from __future__ import annotations

__all__ = ["MESSAGES"]

MESSAGES: dict[str, dict[str, str]] = {
    # --- periods and what is summed over a cut or a frame ---------------------------------
    "error.period.start_not_a_date": {
        "zh": "期间的首日 {value!r} 不是日期；请写成如 '2025-01-01' 的形式",
        "en": "period start {value!r} is not a date; use e.g. '2025-01-01'",
    },
    "error.period.end_not_a_date": {
        "zh": "期间的末日 {value!r} 不是日期；请写成如 '2025-01-01' 的形式",
        "en": "period end {value!r} is not a date; use e.g. '2025-01-01'",
    },
    "error.period.not_a_pair": {
        "zh": "期间须为（首日, 末日），例如 ('2025-01-01', None)",
        "en": "period must be (first day, last day), e.g. ('2025-01-01', None)",
    },
    "error.period.reversed": {
        "zh": "期间的结束日（{end}）早于开始日（{start}）；请把两者对调",
        "en": "period ends ({end}) before it starts ({start}); swap them",
    },
    "error.period.malformed": {
        "zh": "无法识别期间 {value!r}；请使用年份（2025）、季度（'2025Q1'）、月份（'2025-03'）"
        "或一对日期（'2025-01-01', '2025-06-30'）",
        "en": "period {value!r} is not understood; use a year (2025), a quarter ('2025Q1'), "
        "a month ('2025-03') or a pair of days ('2025-01-01', '2025-06-30')",
    },
    "error.aggregate.by": {
        "zh": "by={by!r} 不是可用的维度；请从 {choices} 中选择一个",
        "en": "by={by!r} is not a dimension; choose one of {choices}",
    },
    "error.aggregate.value": {
        "zh": "value={value!r} 不是数据截点的度量；请从 {choices} 中选择一个",
        "en": "value={value!r} is not a measure of a cut; choose one of {choices}",
    },
    "error.aggregate.breakdown": {
        "zh": "{value} 无法按 {by} 拆分：{table} 表的行只带有 {dimensions}",
        "en": "{value} cannot be broken down by {by}: {table} rows carry {dimensions}",
    },
    "error.aggregate.column": {
        "zh": "{what}={column!r} 不是该数据框的列；它的列为 {columns}",
        "en": "{what}={column!r} is not a column of the frame; its columns are {columns}",
    },
    "error.aggregate.not_numbers": {
        "zh": "列 {value!r} 须为数值才能求和",
        "en": "column {value!r} must hold numbers to be summed",
    },
    "error.aggregate.frame_period": {
        "zh": "请在调用前自行按期间筛选数据框；period= 只用于数据截点",
        "en": "filter a data frame by period before the call; period= is for cuts",
    },
    "error.frame.columns": {
        "zh": "数据框缺少列 {columns}",
        "en": "the frame lacks column(s) {columns}",
    },
    # --- sales, key accounts, concentration, growth -----------------------------------------
    "error.sales.none": {
        "zh": "该数据截点没有销售数据；请录入销售或载入样本世界",
        "en": "the cut holds no sales; enter sales or load a sample world",
    },
    "error.sales.too_short": {
        "zh": "该数据截点的销售从 {first} 到 {last}：不足两个完整月，无法比较",
        "en": "the cut's sales run from {first} to {last}: fewer than two full months to compare",
    },
    "error.accounts.rule": {
        "zh": "rule {rule} 须为大于 0 且不超过 1 的占比，例如 0.8",
        "en": "rule {rule} must be a share above 0 and at most 1, e.g. 0.8",
    },
    "error.accounts.groups": {
        "zh": "each={each} 和 groups={groups} 都须不小于 1",
        "en": "each={each} and groups={groups} must both be 1 or more",
    },
    "error.accounts.open_period": {
        "zh": "期间 {period} 须有首日和末日",
        "en": "the period {period} must have a first and a last day",
    },
    "error.accounts.limit": {
        "zh": "limit={limit} 须至少为 1 次拜访",
        "en": "limit={limit} must be 1 or more calls",
    },
    "error.concentration.negative": {
        "zh": "部分 {by} 的 {value} 合计为负；集中度分析要求数值 ≥ 0（请先冲抵退货）",
        "en": "{value} has negative totals for some {by}; concentration needs values ≥ 0 "
        "(net returns out first)",
    },
    "error.concentration.share": {
        "zh": "占比 {share} 须介于 0 与 1 之间，例如 0.8 表示 80%",
        "en": "share {share} must be between 0 and 1, e.g. 0.8 for 80%",
    },
    "error.concentration.abc": {
        "zh": "abc={abc} 须为三个合计为 1 的占比，例如 0.8/0.15/0.05",
        "en": "abc={abc} must be three shares adding up to 1, e.g. 0.8/0.15/0.05",
    },
    "error.concentration.method": {
        "zh": "未知的 method={method!r}；请选择 'count' 或 'volume'",
        "en": "method={method!r} is not known; choose 'count' or 'volume'",
    },
    "error.growth.needs_cut": {
        "zh": "增长分析需要数据截点：它要读取同一份数据的两个期间",
        "en": "growth needs a data cut: it reads two periods of the same data",
    },
    # --- calls, data quality, conflicts, turnover -----------------------------------------
    "error.calls.none": {
        "zh": "该数据截点没有拜访记录；请录入拜访报告或载入样本世界",
        "en": "the cut holds no calls; enter call reports or load a sample world",
    },
    "error.calls.outside": {
        "zh": "该数据截点在 {period} 内没有拜访；其拜访从 {first} 到 {last}",
        "en": "the cut has no calls in {period}; its calls run from {first} to {last}",
    },
    "error.calls.threshold": {
        "zh": "阈值 {threshold} 须为每月 0 次或以上拜访",
        "en": "threshold {threshold} must be 0 or more calls a month",
    },
    "error.calls.by": {
        "zh": "不支持 by={by!r}；请选择 'segment' 或 'rep'",
        "en": "by={by!r} is not supported; choose 'segment' or 'rep'",
    },
    "error.quality.days_allowed": {
        "zh": "允许的天数 {allowed} 须不小于 0",
        "en": "days allowed {allowed} must be 0 or more",
    },
    "error.quality.weeks": {
        "zh": "周数 {weeks} 须至少为 1",
        "en": "weeks {weeks} must be 1 or more",
    },
    "error.conflicts.within_days": {
        "zh": "within_days {within_days} 须不小于 0",
        "en": "within_days {within_days} must be 0 or more",
    },
    "error.turnover.rep": {
        "zh": "代表 {rep_id} 不在该数据截点中；请从 rep 表中选一个 rep_id",
        "en": "rep {rep_id} is not in the cut; pick a rep_id from the rep table",
    },
    # --- segments and clusters --------------------------------------------------------------
    "error.segments.names": {
        "zh": "segments 缺少 {cells} 的名称；请为全部九个格子命名",
        "en": "segments lacks a name for {cells}; name all nine cells",
    },
    "error.segments.cuts": {
        "zh": "潜力分界值 {cuts} 须递增：（中潜力起点, 高潜力起点）",
        "en": "potential cut-offs {cuts} must rise: (medium from, high from)",
    },
    "error.potential.none": {
        "zh": "该数据截点没有潜力数据；请先载入或录入潜力",
        "en": "the cut holds no potential rows; load or enter potential first",
    },
    "error.segments.quarter": {
        "zh": "quarter {quarter!r} 不是季度；请写成如 '2025Q3' 的形式",
        "en": "quarter {quarter!r} is not a quarter; use e.g. '2025Q3'",
    },
    "error.segments.goals": {
        "zh": "goals 缺少细分 {segments} 的目标",
        "en": "goals lacks a goal for segment(s) {segments}",
    },
    "error.segments.frame_columns": {
        "zh": "有一个数据框缺少列 {columns}",
        "en": "a frame lacks column(s) {columns}",
    },
    "error.clusters.k": {
        "zh": "k={k} 须介于 1 与医生人数（{doctors}）之间",
        "en": "k={k} must be between 1 and the number of doctors ({doctors})",
    },
    # --- trials: ADaM-like frames, rates, survival, the trial cut ----------------------------
    "error.adam.assessments_columns": {
        "zh": "疗效评估数据 assessments 缺少列 {columns}",
        "en": "assessments lacks column(s) {columns}",
    },
    "error.adam.subjects_columns": {
        "zh": "受试者数据 subjects 缺少列 {columns}",
        "en": "subjects lacks column(s) {columns}",
    },
    "error.adam.events_columns": {
        "zh": "不良事件数据缺少列 {columns}",
        "en": "adverse events lacks column(s) {columns}",
    },
    "error.adam.response": {
        "zh": "总体疗效评价 {responses} 不符合 RECIST；请使用 {choices}",
        "en": "overall response(s) {responses} are not RECIST; use {choices}",
    },
    "error.adam.grade": {
        "zh": "CTCAE 分级为 1 至 5 级，不能是 {grades}",
        "en": "CTCAE grades are 1 to 5, not {grades}",
    },
    "error.rates.alpha": {
        "zh": "alpha {alpha} 须介于 0 与 1 之间，例如 0.05 对应 95% 置信区间",
        "en": "alpha {alpha} must be between 0 and 1, e.g. 0.05 for 95% intervals",
    },
    "error.rates.responders": {
        "zh": "{n} 名受试者中 {responders} 名缓解，不能构成缓解率；"
        "须满足 0 ≤ responders ≤ n 且 n > 0",
        "en": "{responders} responders of {n} subjects is not a rate; "
        "need 0 ≤ responders ≤ n, n > 0",
    },
    "error.rates.proportion": {
        "zh": "{n} 中的 {x} 不能构成比例；须满足 0 ≤ x ≤ n 且 n > 0",
        "en": "{x} of {n} is not a proportion; need 0 ≤ x ≤ n, n > 0",
    },
    "error.rates.method": {
        "zh": "未知的 method {method!r}；请使用 {choices} 之一",
        "en": "method {method!r} is not known; use one of {choices}",
    },
    "error.survival.columns": {
        "zh": "数据中没有列 {missing}；现有的列为 {has}",
        "en": "column(s) {missing} not in the data; it has {has}",
    },
    "error.survival.conf_type": {
        "zh": "未知的 conf_type {conf_type!r}；请使用 {choices} 之一",
        "en": "conf_type {conf_type!r} is not known; use one of {choices}",
    },
    "error.survival.no_subjects": {
        "zh": "没有受试者，无法估计生存曲线",
        "en": "no subjects to estimate a survival curve from",
    },
    "error.survival.groups": {
        "zh": "log-rank 检验要求 {group!r} 中有两个或以上的组",
        "en": "the log-rank test needs two or more groups in {group!r}",
    },
    "error.survival.ties": {
        "zh": "未知的 ties {ties!r}；请使用 {choices} 之一",
        "en": "ties {ties!r} is not known; use one of {choices}",
    },
    "error.survival.arms": {
        "zh": "cox_hr 比较两个组别，以 {reference!r} 为对照；{arm!r} 中的组别为 {arms}",
        "en": "cox_hr compares two arms against the reference {reference!r}; {arm!r} holds {arms}",
    },
    "error.survival.no_convergence": {
        "zh": "Cox 模型未收敛：请确认两个组别是否都有事件",
        "en": "the Cox model did not converge: does either arm have events?",
    },
    "error.trial.none": {
        "zh": "{cut} 中没有临床试验",
        "en": "{cut} holds no clinical trial",
    },
    "error.trial.study": {
        "zh": "{cut} 中没有研究 {study!r}；其中的研究为 {studies}",
        "en": "study {study!r} is not in {cut}; it holds {studies}",
    },
    "error.trial.denominator": {
        "zh": "denominator {denominator!r} 无效：请使用 {choices} 之一",
        "en": "denominator {denominator!r}: use one of {choices}",
    },
    "error.trial.param": {
        "zh": "param {param!r} 无效：请使用 OS、PFS 或 DOR",
        "en": "param {param!r}: use OS, PFS or DOR",
    },
    "error.trial.no_data": {
        "zh": "{source} 中没有 {param} 数据",
        "en": "no {param} data at {source}",
    },
    "error.trial.measure": {
        "zh": "measure {measure!r} 无效：请使用 'orr' 或 'hr'",
        "en": "measure {measure!r}: use 'orr' or 'hr'",
    },
    "error.trial.no_events": {
        "zh": "有一个组别没有事件",
        "en": "an arm has no events",
    },
    # --- a table shown in its reader's language ----------------------------------------------
    "error.shown.what": {
        "zh": "无法显示 {kind}：请传入数据表（DataFrame）、Table 或带 .table 的分析结果",
        "en": "cannot show a {kind}: give a DataFrame, a Table or an analysis result with a .table",
    },
    "error.shown.part": {
        "zh": "该结果没有名为 {part!r} 的表；它的表有 {parts}",
        "en": "the result has no table {part!r}; its tables are {parts}",
    },
    "error.shown.rows": {
        "zh": "rows={rows!r} 无效：请给出至少为 0 的行数，或 None 显示全部",
        "en": "rows={rows!r}: give a number of rows of at least 0, or None for all",
    },
    # --- charts -------------------------------------------------------------------------------
    "error.chart.rows": {
        "zh": "{rows:,} 行数据对一张图表来说太多；请先汇总",
        "en": "{rows:,} rows are too many for one chart; aggregate first",
    },
    "error.chart.nothing_to_draw": {
        "zh": "没有可画的内容：数值为零或没有任何对象",
        "en": "nothing to draw: the value is zero or there are no entities",
    },
    "error.chart.no_curve": {
        "zh": "{source} 中没有可画的 {param} 曲线",
        "en": "no {param} curve to draw at {source}",
    },
    "error.chart.no_curve_in_cut": {
        "zh": "该数据截点中没有可画的 {param} 曲线",
        "en": "no {param} curve to draw at this cut",
    },
    "error.chart.file_type": {
        "zh": "无法将图表保存为 {suffix!r}；请使用 .png、.svg 或 .html",
        "en": "cannot save a chart as {suffix!r}; use .png, .svg or .html",
    },
    "error.chart.pareto_columns": {
        "zh": "帕累托图需要列 {missing}；请传入分析返回的表（它现有的列为 {has}）",
        "en": "a Pareto chart needs column(s) {missing}; give it the analysis' table "
        "(it has {has})",
    },
    "error.chart.pareto_curve_columns": {
        "zh": "帕累托曲线需要列 {missing}；请传入分析返回的表（它现有的列为 {has}）",
        "en": "a Pareto curve needs column(s) {missing}; give it the analysis' table "
        "(it has {has})",
    },
    "error.chart.lorenz_columns": {
        "zh": "洛伦兹曲线需要列 {missing}；请传入分析返回的表（它现有的列为 {has}）",
        "en": "a Lorenz curve needs column(s) {missing}; give it the analysis' table "
        "(it has {has})",
    },
    "error.chart.deciles_columns": {
        "zh": "十分位图需要列 {missing}；请传入分析返回的表（它现有的列为 {has}）",
        "en": "a deciles chart needs column(s) {missing}; give it the analysis' table "
        "(it has {has})",
    },
    "error.chart.calls_columns": {
        "zh": "拜访次数图需要列 {missing}；请传入分析返回的表（它现有的列为 {has}）",
        "en": "a calls chart needs column(s) {missing}; give it the analysis' table (it has {has})",
    },
    "error.chart.reach_frequency_columns": {
        "zh": "覆盖率 × 频次图需要列 {missing}；请传入分析返回的表（它现有的列为 {has}）",
        "en": "a reach × frequency chart needs column(s) {missing}; give it the analysis' table "
        "(it has {has})",
    },
    "error.chart.activity_columns": {
        "zh": "拜访活动图需要列 {missing}；请传入分析返回的表（它现有的列为 {has}）",
        "en": "an activity chart needs column(s) {missing}; give it the analysis' table "
        "(it has {has})",
    },
    "error.chart.segments_columns": {
        "zh": "客户细分图需要列 {missing}；请传入分析返回的表（它现有的列为 {has}）",
        "en": "a segments chart needs column(s) {missing}; give it the analysis' table "
        "(it has {has})",
    },
    "error.chart.km_columns": {
        "zh": "Kaplan–Meier 图需要列 {missing}；请传入分析返回的表（它现有的列为 {has}）",
        "en": "a Kaplan–Meier chart needs column(s) {missing}; give it the analysis' table "
        "(it has {has})",
    },
    "error.chart.forest_columns": {
        "zh": "森林图需要列 {missing}；请传入分析返回的表（它现有的列为 {has}）",
        "en": "a forest plot needs column(s) {missing}; give it the analysis' table (it has {has})",
    },
}
