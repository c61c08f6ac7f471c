"""The messages, one entry per key with its Chinese and English text."""

from __future__ import annotations

__all__ = ["MESSAGES"]

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
        "zh": "运行 workbench train 你的名字：在自己的沙盒里按培训模块 01–07 练习录入医生、"
        "拜访、周计划和邀请，练习会即时评分。",
        "en": "Run `workbench train YOUR-NAME`: practise entering doctors, calls, weekly "
        "plans and invitations in training modules 01–07, in a sandbox of your own, graded "
        "as you go.",
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
        "zh": "周一审阅各代表的周计划，查看重点客户、数据质量与临床试验：见下方的应用。",
        "en": "On Monday review every rep's weekly plan; see key accounts, data quality and "
        "the trial: the apps below.",
    },
    "home.apps": {"zh": "应用", "en": "Apps"},
    "app.trial-monitor.title": {"zh": "临床试验监测", "en": "Trial monitor"},
    "app.trial-monitor.text": {
        "zh": "某个数据截点的入组、按组疗效、生存曲线、不良事件与各中心上报及时性，"
        "以及与上一截点相比的变化。",
        "en": "Enrolment, response by arm, survival curves, adverse events and each site's "
        "reporting timeliness at a data cut, and what changed since the last cut.",
    },
    "app.board.title": {"zh": "培训营看板", "en": "Camp board"},
    "app.opening": {"zh": "正在打开，请稍候……", "en": "Opening, one moment…"},
    "app.not_opened": {"zh": "这个应用没能打开：", "en": "This app could not be opened:"},
    "app.failed": {
        "zh": "出现了意外错误。请刷新页面；若仍不行，请把服务器日志交给管理员。",
        "en": "Something unexpected went wrong. Reload the page; if that does not help, "
        "give the server's log to your administrator.",
    },
    "app.board.text": {
        "zh": "培训师实时查看：谁卡住了、每道练习的进度、常见错误；生成结业报告。",
        "en": "For trainers, live: who is stuck, each exercise's progress, the common "
        "mistakes; the completion report.",
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
    # --- training -------------------------------------------------------------------
    "train.points": {"zh": "{points} 分", "en": "{points} points"},
    "train.check": {"zh": "检查", "en": "Check"},
    "train.trainee": {
        "zh": "学员 <b>{name}</b>：在你的沙盒里，你是医药代表{rep}。",
        "en": "Trainee <b>{name}</b>: in your sandbox you are the rep {rep}.",
    },
    "train.overview": {
        "zh": "{name} 的进度：{earned}/{total} 分（{share}）",
        "en": "{name}'s progress: {earned}/{total} points ({share})",
    },
    "train.submit": {"zh": "提交", "en": "Submit"},
    "train.hint_button": {"zh": "提示", "en": "Hint"},
    "train.reset_button": {"zh": "重做", "en": "Start again"},
    "train.visible_pass": {
        "zh": "可见的 {n} 项检查都通过了；提交后还会运行 {hidden} 项隐藏检查。",
        "en": "The {n} visible checks pass; {hidden} more checks run when you submit.",
    },
    "train.all_pass": {
        "zh": "全部 {n} 项检查通过，得 {points}/{points} 分。",
        "en": "All {n} checks pass: {points}/{points} points.",
    },
    "train.checked": {
        "zh": "目前得分 {score}/{points}；{wrong} 项还不对，按下面的说明修改：",
        "en": "Score so far {score}/{points}; {wrong} not right yet, fix them as below:",
    },
    "train.submitted": {
        "zh": "提交得分 {score}/{points}；{wrong} 项不对，按下面的说明修改后再提交：",
        "en": "Submitted: {score}/{points}; {wrong} not right, fix them as below and submit again:",
    },
    "train.hint": {"zh": "提示 {n}/{of}：", "en": "Hint {n} of {of}: "},
    "train.hint_locked": {
        "zh": "再尝试 {n} 次后可以看下一条提示（每次检查、提交或保存成功都算一次尝试）。",
        "en": "The next hint unlocks after {n} more attempts (each Check, Submit, or save "
        "that goes through is one).",
    },
    "train.attempts": {
        "zh": "本轮第 {n} 次尝试：每次检查、提交或保存成功（保存后会自动检查）都算一次。",
        "en": "Attempt {n} this round: each Check, Submit, or save that goes through (it is "
        "checked at once) counts as one.",
    },
    "train.no_more_hints": {"zh": "没有更多提示了。", "en": "There are no more hints."},
    "train.reset": {
        "zh": "已撤销你在本练习中录入的数据，第 {round} 轮开始；以前的尝试仍保留在记录中。",
        "en": "What you entered for this exercise is undone; round {round} starts, and your "
        "earlier attempts stay in your history.",
    },
    "train.reload": {
        "zh": "练习单元格已恢复：请在菜单 文件 → 从磁盘重新加载笔记本。",
        "en": "Its cells are restored: use File → Reload Notebook from Disk.",
    },
    # --- trial monitor ----------------------------------------------------------------
    "trial.title": {"zh": "临床试验监测", "en": "Trial monitor"},
    "trial.cut": {"zh": "数据截点", "en": "Data cut"},
    "trial.new_cut": {"zh": "生成新截点", "en": "New cut"},
    "trial.no_cut": {
        "zh": "还没有数据截点：点“生成新截点”。",
        "en": "No data cut yet: press New cut.",
    },
    "trial.cutoff": {"zh": "数据截至 {cutoff}", "en": "data to {cutoff}"},
    "trial.from": {"zh": "取自数据库 {database}", "en": "from the database {database}"},
    "trial.changed": {"zh": "与上一个截点相比", "en": "Changed since the last cut"},
    "trial.delta.subjects": {"zh": "新入组受试者", "en": "subjects randomised"},
    "trial.delta.reports": {"zh": "新收到的上报", "en": "reports received"},
    "trial.delta.responders": {"zh": "确认缓解者", "en": "confirmed responders"},
    "trial.delta.overdue": {"zh": "逾期评估", "en": "overdue assessments"},
    "trial.enrolment": {"zh": "各中心入组", "en": "Enrolment by site"},
    "trial.response": {"zh": "按组的最佳总体疗效", "en": "Best overall response by arm"},
    "trial.adverse": {"zh": "治疗期不良事件", "en": "Treatment-emergent adverse events"},
    "trial.timeliness": {"zh": "各中心上报及时性", "en": "Site reporting timeliness"},
    # --- camps ---------------------------------------------------------------------------------
    "camp.created": {
        "zh": "已创建培训营 {camp}：{n} 位学员，每人一个沙盒。学员用 workbench train --camp {camp} "
        "开始练习。",
        "en": "camp {camp} created: {n} trainees, a sandbox each. Trainees start with "
        "`workbench train --camp {camp}`.",
    },
    "board.camp": {"zh": "培训营", "en": "Camp"},
    "board.module": {"zh": "模块", "en": "Module"},
    "board.all_modules": {"zh": "全部模块", "en": "All modules"},
    "board.no_camp": {
        "zh": "还没有培训营：先运行 workbench camp create。",
        "en": "No camp yet: run `workbench camp create` first.",
    },
    "board.title": {"zh": "培训营看板：{camp}", "en": "Camp board: {camp}"},
    "board.summary": {
        "zh": "{trainees} 位学员，{stuck} 位需要帮助；更新于 {at}（UTC），每 5 秒自动刷新。",
        "en": "{trainees} trainees, {stuck} need help; read at {at} (UTC), refreshed every 5 s.",
    },
    "board.report": {
        "zh": "下载结业报告（HTML，可打印）",
        "en": "Download the completion report (HTML, printable)",
    },
    "board.make_report": {"zh": "生成结业报告", "en": "Make the completion report"},
    "board.cell": {
        "zh": "{attempts} 次尝试 · {minutes} 分钟 · {hints} 个提示",
        "en": "{attempts} attempts · {minutes} min · {hints} hints",
    },
    "board.stuck": {"zh": "卡住了：{why}", "en": "stuck: {why}"},
    "board.idle": {"zh": "{minutes} 分钟没有动静", "en": "idle for {minutes} min"},
    "board.employee_id": {"zh": "工号", "en": "Employee id"},
    "board.name": {"zh": "姓名", "en": "Name"},
    "board.done": {"zh": "已完成", "en": "Done"},
    "board.score": {"zh": "得分", "en": "Score"},
    "board.last": {"zh": "最近活动", "en": "Last activity"},
    "board.flag": {"zh": "提醒", "en": "Flag"},
    "board.mistakes": {"zh": "常见错误", "en": "Common mistakes"},
    "board.no_mistakes": {"zh": "还没有未通过的检查。", "en": "No failed checks yet."},
    "board.exercise": {"zh": "练习", "en": "Exercise"},
    "board.check": {"zh": "检查项", "en": "Check"},
    "board.message": {"zh": "提示信息", "en": "Message"},
    "board.trainees": {"zh": "学员数", "en": "Trainees"},
    "board.times": {"zh": "次数", "en": "Times"},
    "camp.nothing_created": {
        "zh": "花名册有问题，什么都没有创建：请按上面各行改正后再运行。",
        "en": "the roster has problems and nothing was created: fix the lines above and run "
        "it again.",
    },
    # how texts said apart are put together (:func:`workbench.i18n.joined`)
    "said.clauses": {"zh": "；", "en": "; "},
    "said.items": {"zh": "、", "en": ", "},
}
