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
        "zh": "开设培训营，实时查看学员进度与常见错误，两周后跟进真实录入。",
        "en": "Set up a camp, watch who is stuck and the common mistakes, "
        "follow up two weeks later.",
    },
    "role.rep": {"zh": "新代表", "en": "New reps"},
    "role.rep.text": {
        "zh": "在样本数据上练习录入医院、科室、医生、拜访和周计划：training_modules/ 从 01 开始。",
        "en": "Practise entering hospitals, departments, doctors, calls and weekly plans: "
        "training_modules/, starting at 01.",
    },
    "role.analyst": {"zh": "分析师", "en": "Analysts"},
    "role.analyst.text": {
        "zh": "在 JupyterLab 中打开 notebooks/analysis/：客户集中度、分级、拜访频率。",
        "en": "Open notebooks/analysis/ in JupyterLab: concentration, segments, call frequency.",
    },
    "role.manager": {"zh": "经理", "en": "Managers"},
    "role.manager.text": {
        "zh": "周一上午审阅每位代表的周计划，查看重点客户与数据质量。",
        "en": "Review every rep's weekly plan on Monday morning; key accounts and data quality.",
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
