"""The messages of the key accounts app."""

from __future__ import annotations

__all__ = ["MESSAGES"]

MESSAGES: dict[str, dict[str, str]] = {
    "app.key-accounts.title": {"zh": "重点客户", "en": "Key accounts"},
    "app.key-accounts.text": {
        "zh": "经理用：销售在医院间的集中度，按大区、城市和医院的同比增长，主要客户，"
        "以及每家医院的科室、医生、拜访和产品销售。",
        "en": "For managers: how concentrated sales are over hospitals, growth by region, city "
        "and hospital, the top customers, and each hospital's departments, doctors, calls and "
        "sales by product.",
    },
    "accounts.title": {"zh": "重点客户", "en": "Key accounts"},
    "accounts.cut": {
        "zh": "数据截点 {cut}（{created} UTC）",
        "en": "Data cut {cut} (taken {created} UTC)",
    },
    "accounts.compare.year": {
        "zh": "比较最近一个完整年度 {after} 与上一年度 {before}",
        "en": "Comparing the latest full year, {after}, with the year before, {before}",
    },
    "accounts.compare.months": {
        "zh": "比较最近 {months} 个完整月（{after}）与之前 {months} 个月（{before}）",
        "en": "Comparing the latest {months} full months ({after}) with the {months} months "
        "before ({before})",
    },
    "accounts.no_sales": {
        "zh": "这个数据截点的销售不足两个完整月，无法比较。",
        "en": "This data cut's sales cover fewer than two full months: there is nothing to "
        "compare yet.",
    },
    "accounts.concentration": {"zh": "销售在医院间的集中度", "en": "How concentrated sales are"},
    "accounts.carry": {
        "zh": "{period}：{m} 家医院中的 {n} 家贡献了 {rule} 的销售额；基尼系数 {gini}。",
        "en": "{period}: {n} of {m} hospitals carry {rule} of sales; Gini coefficient {gini}.",
    },
    "accounts.chart.title": {"zh": "医院销售额帕累托曲线", "en": "Pareto curve of hospital sales"},
    "accounts.chart.x": {"zh": "医院（其余按排名）", "en": "hospital (the rest by rank)"},
    "accounts.chart.value": {"zh": "每家医院销售额（元）", "en": "sales per hospital (yuan)"},
    "accounts.chart.cum": {"zh": "累计占比", "en": "cumulative share"},
    "accounts.chart.legend": {"zh": "曲线上的点", "en": "points of the curve"},
    "accounts.chart.entity": {"zh": "医院或排名", "en": "hospital or ranks"},
    "accounts.chart.entities": {"zh": "医院数", "en": "hospitals"},
    "accounts.chart.total": {"zh": "销售额合计（元）", "en": "total sales (yuan)"},
    "accounts.chart.mark": {"zh": "{n} 家：{rule}", "en": "{n} hospitals: {rule}"},
    "accounts.part.entity": {"zh": "单家医院", "en": "one hospital"},
    "accounts.part.group": {"zh": "按排名合并的医院", "en": "hospitals grouped by rank"},
    "accounts.part.tail": {"zh": "其余全部医院", "en": "all other hospitals"},
    "accounts.growth": {"zh": "销售增长", "en": "Sales growth"},
    "accounts.level": {"zh": "按", "en": "By"},
    "accounts.level.region": {"zh": "大区", "en": "region"},
    "accounts.level.city": {"zh": "城市", "en": "city"},
    "accounts.level.hospital": {"zh": "医院", "en": "hospital"},
    "accounts.growth.total": {
        "zh": "销售额合计：{before} → {after}，增长 {growth}。",
        "en": "Total sales: {before} → {after}, growth {growth}.",
    },
    "accounts.growth.shown": {
        "zh": "共 {n} 家，显示本期销售额最大的 {shown} 家。",
        "en": "{n} in all; the {shown} with the largest sales now are shown.",
    },
    "accounts.growth.note": {
        "zh": "红色底色：销售额下降。增长 = 本期 ÷ 上期 − 1；占比为占本期合计的比例。",
        "en": "Pale red: sales fell. Growth = now ÷ before − 1; share of the total now.",
    },
    "accounts.top": {
        "zh": "主要客户（销售额最大的 {n} 家医院）",
        "en": "Top customers (the {n} hospitals with the largest sales)",
    },
    "accounts.top.note": {
        "zh": "红色底色：销售额下降的 A 类医院，需要跟进。A 类：排在它前面的医院合计不足 80%。",
        "en": "Pale red: class A hospitals whose sales fell; follow them up. Class A: the "
        "hospitals ranked above it hold less than 80%.",
    },
    "accounts.drill": {"zh": "客户详情", "en": "One account in detail"},
    "accounts.hospital": {"zh": "医院", "en": "Hospital"},
    "accounts.drill.where": {
        "zh": "{city}，{region}；等级 {grade}；本期销售额 {sales} 元，排名第 {rank}。",
        "en": "{city}, {region}; grade {grade}; sales now {sales} yuan, rank {rank}.",
    },
    "accounts.departments": {"zh": "科室", "en": "Departments"},
    "accounts.doctors": {"zh": "医生", "en": "Doctors"},
    "accounts.doctors.shown": {
        "zh": "共 {n} 位医生，显示本期拜访最多的 {shown} 位。",
        "en": "{n} doctors; the {shown} called most in the later period are shown.",
    },
    "accounts.calls": {"zh": "最近的拜访", "en": "Recent calls"},
    "accounts.products": {"zh": "按产品的销售额", "en": "Sales by product"},
    "accounts.empty": {"zh": "（无记录）", "en": "(none recorded)"},
    "accounts.yes": {"zh": "是", "en": "yes"},
    "accounts.no": {"zh": "否", "en": "no"},
    "accounts.col.rank": {"zh": "排名", "en": "rank"},
    "accounts.col.region": {"zh": "大区", "en": "region"},
    "accounts.col.city": {"zh": "城市", "en": "city"},
    "accounts.col.hospital": {"zh": "医院", "en": "hospital"},
    "accounts.col.grade": {"zh": "等级", "en": "grade"},
    "accounts.col.sales": {"zh": "销售额 {period}", "en": "sales {period}"},
    "accounts.col.growth": {"zh": "增长", "en": "growth"},
    "accounts.col.share": {"zh": "占比", "en": "share"},
    "accounts.col.cum_share": {"zh": "累计占比", "en": "cumulative"},
    "accounts.col.abc": {"zh": "分类", "en": "class"},
    "accounts.col.department": {"zh": "科室", "en": "department"},
    "accounts.col.specialty": {"zh": "专业", "en": "specialty"},
    "accounts.col.doctors": {"zh": "医生数", "en": "doctors"},
    "accounts.col.calls": {"zh": "拜访 {period}", "en": "calls {period}"},
    "accounts.col.doctor": {"zh": "医生", "en": "doctor"},
    "accounts.col.title": {"zh": "职称", "en": "title"},
    "accounts.col.last_call": {"zh": "最近拜访", "en": "last call"},
    "accounts.col.date": {"zh": "日期", "en": "date"},
    "accounts.col.rep": {"zh": "代表", "en": "rep"},
    "accounts.col.joint": {"zh": "协访", "en": "joint visit"},
    "accounts.col.products": {"zh": "沟通的产品", "en": "products discussed"},
    "accounts.col.product": {"zh": "产品", "en": "product"},
}
