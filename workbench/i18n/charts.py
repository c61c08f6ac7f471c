"""The charts' words: titles, axes, legends, tooltips and marks (``chart.*``).

A chart's own words are ``chart.<chart>.<word>``, those several charts share ``chart.<word>``.
``chart.many.<entity>`` says how entities are counted: the plural in English ("hospitals"),
the measure word in Chinese (家, as in 330 家医院). The columns a chart names that neither the
export workbook nor the analyses label are labelled here (``column.*``), and the codes only a
chart draws are read here (``code.*``: decile methods and a subject's sex).
"""

from __future__ import annotations

__all__ = ["MESSAGES"]

#: how many of an entity there are: (the measure word in Chinese, the plural in English)
_MANY = {
    "region": ("个", "regions"),
    "city": ("个", "cities"),
    "hospital": ("家", "hospitals"),
    "department": ("个", "departments"),
    "doctor": ("位", "doctors"),
    "product": ("个", "products"),
    "rep": ("名", "reps"),
    "dealer": ("家", "dealers"),
    "segment": ("个", "segments"),
}

#: columns and parameters a chart draws that no other part labels
_COLUMNS = {
    "product": ("产品", "product"),
    "dealer": ("经销商", "dealer"),
}

_CODES = {
    "decile_method": {"count": ("按个数等分", "count"), "volume": ("按量等分", "volume")},
    "sex": {"F": ("女", "female"), "M": ("男", "male")},
}

_WORDS: dict[str, tuple[str, str]] = {
    # --- shared: the title's lines, the source, the period ------------------------------------
    "chart.subtitle": ("{period}：{detail}", "{period}: {detail}"),
    "chart.source.cut": ("数据截点 {at} UTC", "cut {at} UTC"),
    "chart.source.frame": ("数据表", "data frame"),
    "chart.period.all": ("全部日期", "all dates"),
    "chart.period.months": ("{span}（{n} 个月）", "{span} ({n} months)"),
    "chart.period.data_to": ("数据截至 {date}", "data to {date}"),
    "chart.cumulative_share": ("累计占比", "cumulative share"),
    "chart.rank": ("排名", "rank"),
    "chart.week": ("周", "week"),
    "chart.yes": ("是", "yes"),
    "chart.no": ("否", "no"),
    # --- the Pareto chart -------------------------------------------------------------------
    "chart.pareto.title": ("帕累托图：各{by}{value}", "Pareto: {value} by {by}"),
    "chart.pareto.x": ("{by}（从大到小）", "{many}, largest first"),
    "chart.pareto.per": ("每{many}{by}{value}", "{value} per {by}"),
    "chart.pareto.entities": ("{by}数", "{many}"),
    "chart.pareto.group": ("{by}第 {ranks} 名", "{many} {ranks}"),
    "chart.pareto.tail": ("其余 {n:,} {many}{by}", "the other {n:,}"),
    "chart.pareto.mark": ("前 {n:,} {many}{by}：{share:.1%}", "{n:,} {many}: {share:.1%}"),
    "chart.pareto.part.entity": ("单个{by}", "one {by}"),
    "chart.pareto.part.group": ("按排名合并的{by}", "{many} by rank"),
    "chart.pareto.part.tail": ("其余全部{by}", "all other {many}"),
    "chart.pareto.detail": (
        "{entities:,} {many}{by}中前 {n:,} {many}合计占 {rule:.0%}；前 {top} {many}标出名称",
        "{n:,} of {entities:,} {many} carry {rule:.0%}; top {top} named",
    ),
    "chart.pareto.gini": ("；基尼系数 {gini:.2f}", "; Gini {gini:.2f}"),
    # --- the Pareto curve (the words a screen does not give) --------------------------------
    "chart.pareto_curve.title": ("帕累托曲线", "Pareto curve"),
    "chart.pareto_curve.detail": (
        "{entities:,} 个中前 {n:,} 个合计占 {rule:.0%}",
        "{n:,} of {entities:,} carry {rule:.0%}",
    ),
    "chart.pareto_curve.value": ("单项数值", "value per entity"),
    "chart.pareto_curve.entity": ("对象", "entity"),
    "chart.pareto_curve.entities": ("个数", "entities"),
    "chart.pareto_curve.total": ("合计", "total"),
    "chart.pareto_curve.part.entity": ("逐个", "one each"),
    "chart.pareto_curve.part.group": ("按排名合并", "ranks grouped"),
    "chart.pareto_curve.part.tail": ("其余全部", "all the rest"),
    # --- the Lorenz curve -------------------------------------------------------------------
    "chart.lorenz.title": ("洛伦兹曲线：各{by}{value}", "Lorenz curve: {value} by {by}"),
    "chart.lorenz.x": ("{by}累计占比（从小到大）", "share of {many} (smallest first)"),
    "chart.lorenz.y": ("{value}累计占比", "share of {value}"),
    "chart.lorenz.detail": ("共 {n:,} {many}{by}", "over {n:,} {many}"),
    "chart.lorenz.detail_gini": (
        "基尼系数 {gini:.3f}，共 {n:,} {many}{by}",
        "Gini {gini:.3f} over {n:,} {many}",
    ),
    # --- deciles ----------------------------------------------------------------------------
    "chart.deciles.title": ("十分位", "Deciles"),
    "chart.deciles.title_method": ("十分位（{method}）", "Deciles ({method})"),
    "chart.deciles.x": ("十分位（10 = 最大）", "decile (10 = largest)"),
    "chart.deciles.y": ("占总量的比例", "share of value"),
    # --- segments ---------------------------------------------------------------------------
    "chart.segments.title": ("潜力 × 使用阶段", "Potential × adoption"),
    # --- calls ------------------------------------------------------------------------------
    "chart.calls.title": ("每位医生每月拜访次数", "Calls per doctor per month"),
    "chart.calls.x": (
        "一位代表一个月内拜访同一位医生的次数",
        "calls by one rep on one doctor in a month",
    ),
    "chart.calls.y": ("代表 × 医生的月数", "rep × doctor months"),
    "chart.calls.over": ("超过 {threshold} 次", "more than {threshold}"),
    "chart.calls.detail": (
        "{over:,} 个月超过 {threshold} 次（{share:.2%}）",
        "{over:,} months over {threshold} ({share:.2%})",
    ),
    # --- reach × frequency ------------------------------------------------------------------
    "chart.reach.title": ("各{group}覆盖率 × 频率", "Reach × frequency by {group}"),
    "chart.reach.y": ("每位已覆盖医生的拜访次数", "calls per reached doctor"),
    "chart.reach.size": ("目标医生数", "target doctors"),
    # --- weekly activity --------------------------------------------------------------------
    "chart.activity.title": ("每周拜访次数", "Calls a week"),
    "chart.activity.group": ("分组", "group"),
    # --- Kaplan–Meier -----------------------------------------------------------------------
    "chart.km.title": ("{param} 的 Kaplan–Meier 曲线（按组）", "Kaplan–Meier: {param} by arm"),
    "chart.km.x": ("随机化后天数", "days since randomisation"),
    "chart.km.y": ("{param} 生存概率", "{param} probability"),
    "chart.km.arm": ("组", "arm"),
    "chart.km.at_risk": ("风险人数", "at risk"),
    # --- the forest plot --------------------------------------------------------------------
    "chart.forest.title": ("森林图", "Forest plot"),
    "chart.forest.all": ("全部受试者", "all subjects"),
    "chart.forest.row": ("{subgroup}：{level}", "{subgroup}: {level}"),
    "chart.forest.subgroup": ("亚组", "subgroup"),
    "chart.forest.n": ("例数", "n"),
    "chart.forest.events.hr": ("事件数", "events"),
    "chart.forest.events.orr": ("缓解例数", "responders"),
    "chart.forest.x.hr": ("风险比", "hazard ratio"),
    "chart.forest.x.orr": ("客观缓解率差值", "ORR difference"),
    "chart.forest.estimate": ("估计值", "estimate"),
    "chart.forest.lower": ("置信区间下限", "lower"),
    "chart.forest.upper": ("置信区间上限", "upper"),
}

MESSAGES: dict[str, dict[str, str]] = {
    **{key: {"zh": zh, "en": en} for key, (zh, en) in _WORDS.items()},
    **{f"chart.many.{k}": {"zh": zh, "en": en} for k, (zh, en) in _MANY.items()},
    **{f"column.{k}": {"zh": zh, "en": en} for k, (zh, en) in _COLUMNS.items()},
    **{
        f"code.{field}.{code}": {"zh": zh, "en": en}
        for field, labels in _CODES.items()
        for code, (zh, en) in labels.items()
    },
}
