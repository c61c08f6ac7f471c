"""The messages, one entry per key with its Chinese and English text."""

from __future__ import annotations

MESSAGES: dict[str, dict[str, str]] = {
    "app.title": {"zh": "医药代表 CRM 工作台", "en": "Pharma CRM Workbench"},
    "app.subtitle": {
        "zh": "练习、分析与审阅：一个离线可用的培训与分析平台",
        "en": "Practise, analyse, review: a training and analysis workbench that works offline",
    },
    "home.database": {"zh": "数据库", "en": "Database"},
    "home.period": {"zh": "数据期间", "en": "Data period"},
    "home.world": {"zh": "样本世界", "en": "The sample world"},
    "home.start_here": {"zh": "从这里开始", "en": "Where to start"},
    "home.no_calls": {"zh": "尚无拜访记录", "en": "no calls yet"},
    "role.trainer": {"zh": "培训师", "en": "Trainers"},
    "role.trainer.text": {
        "zh": "用 workbench sample 给每位学员同一个培训营样本世界；"
        "workbench export --excel 导出给 Excel。",
        "en": "Give every trainee the same camp world with `workbench sample`; "
        "`workbench export --excel` for spreadsheets.",
    },
    "role.rep": {"zh": "新代表", "en": "New reps"},
    "role.rep.text": {
        "zh": "在 JupyterLab 中浏览样本世界：医院 → 科室 → 医生，你的辖区与拜访。",
        "en": "Explore the sample world in JupyterLab: hospital → department → doctor, "
        "your territory and your calls.",
    },
    "role.analyst": {"zh": "分析师", "en": "Analysts"},
    "role.analyst.text": {
        "zh": "在 JupyterLab 中打开 notebooks/analysis/ 的分析笔记本（集中度、细分、"
        "拜访与冲突、人员流动）；全国规模：workbench sample --scale national。",
        "en": "Open the notebooks in notebooks/analysis/ in JupyterLab (concentration, "
        "segments, calls and conflicts, turnover); for a national world, "
        "`workbench sample --scale national`.",
    },
    "role.manager": {"zh": "经理", "en": "Managers"},
    "role.manager.text": {
        "zh": "本页：数据库中有什么、覆盖哪段时间。",
        "en": "This page: what the database holds and the period it covers.",
    },
    "table.region": {"zh": "大区", "en": "Regions"},
    "table.city": {"zh": "城市", "en": "Cities"},
    "table.hospital": {"zh": "医院", "en": "Hospitals"},
    "table.department": {"zh": "科室", "en": "Departments"},
    "table.doctor": {"zh": "医生", "en": "Doctors"},
    "table.rep": {"zh": "代表与经理", "en": "Reps and managers"},
    "table.call": {"zh": "拜访", "en": "Calls"},
    "table.plan": {"zh": "周计划", "en": "Weekly plans"},
    "table.event": {"zh": "学术会议", "en": "Academic events"},
    "table.sale": {"zh": "销售记录", "en": "Sales lines"},
}
