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
    # --- entry problems: {field} is the field's label; each message says the fix ----------
    "entry.required": {
        "zh": "请填写「{field}」：这一项必填。",
        "en": "{field} is required: fill it in or choose one from the list.",
    },
    "entry.not_integer": {
        "zh": "「{field}」应为整数，「{value}」不是；请只填数字。",
        "en": '{field} must be a whole number, not "{value}"; type digits only.',
    },
    "entry.out_of_range": {
        "zh": "「{field}」为 {value}，超出范围；应在 {low} 到 {high} 之间。",
        "en": "{field} is {value}, out of range; it must be between {low} and {high}.",
    },
    "entry.not_text": {
        "zh": "「{field}」应为文字，「{value}」不是；请重新填写。",
        "en": '{field} must be text, not "{value}"; type it again.',
    },
    "entry.too_long": {
        "zh": "「{field}」太长：{length} 个字符，最多 {max} 个；请缩短。",
        "en": "{field} is too long: {length} characters, at most {max}; shorten it.",
    },
    "entry.not_chinese": {
        "zh": "「{field}」应使用中文汉字，「{value}」不是；拼音和英文请填在各自的栏目。",
        "en": '{field} must be written in Chinese characters, not "{value}"; '
        "pinyin and English go in their own fields.",
    },
    "entry.not_latin": {
        "zh": "「{field}」应使用英文字母，「{value}」不是；中文请填在「名称」。",
        "en": '{field} must be written in Latin letters, not "{value}"; '
        "the Chinese name goes in name.",
    },
    "entry.not_pinyin": {
        "zh": "「{field}」应为拼音（字母），「{value}」不是；例如 Zhang Wei。",
        "en": '{field} must be pinyin in Latin letters, not "{value}"; e.g. Zhang Wei.',
    },
    "entry.not_a_choice": {
        "zh": "「{field}」不能是「{value}」；可选：{choices}。",
        "en": '{field} cannot be "{value}"; choose one of: {choices}.',
    },
    "entry.bad_mobile": {
        "zh": "「{field}」号码「{value}」格式不对：手机号为 11 位数字、以 1 开头，"
        "例如 13812345678。",
        "en": '{field} "{value}" is not a mobile number: 11 digits starting with 1, '
        "e.g. 13812345678.",
    },
    "entry.bad_phone": {
        "zh": "「{field}」号码「{value}」格式不对：座机如 021-64370045，手机如 13812345678。",
        "en": '{field} "{value}" is not a phone number: a landline like 021-64370045 '
        "or a mobile like 13812345678.",
    },
    "entry.unknown": {
        "zh": "「{field}」{value} 不存在；请从列表中选择。",
        "en": "{field} {value} does not exist; choose one from the list.",
    },
    "entry.hospital_exists": {
        "zh": "{city}已有「{value}」（医院 {id}）；请选择已有的医院，不要重复录入。",
        "en": '{city} already has "{value}" (hospital {id}); pick the existing hospital '
        "instead of entering it again.",
    },
    "entry.department_exists": {
        "zh": "「{hospital}」已有「{value}」（科室 {id}）；请选择已有的科室。",
        "en": '"{hospital}" already has "{value}" (department {id}); pick the existing department.',
    },
    "entry.department_not_in_hospital": {
        "zh": "科室「{department}」不属于「{hospital}」；该医院的科室有：{choices}。",
        "en": 'Department "{department}" is not in hospital "{hospital}"; its '
        "departments are: {choices}.",
    },
    "entry.not_a_date": {
        "zh": "「{field}」「{value}」不是日期；请用日期选择器，或写成 2026-06-01。",
        "en": '{field} "{value}" is not a date; use the date picker or write 2026-06-01.',
    },
    "entry.in_future": {
        "zh": "「{field}」{value} 在今天之后；只能记录已经发生的事。",
        "en": "{field} {value} is after today; record only what has happened.",
    },
    "entry.help_unknown_camp": {
        "zh": "没有名为 {value} 的培训营；workbench camp list 列出所有培训营。",
        "en": "there is no camp {value}; `workbench camp list` lists them.",
    },
    "entry.help_not_a_time": {
        "zh": "「{field}」{value} 不是时间；请写成 2026-12-08 09:15 的样子。",
        "en": "{field} {value} is not a time; write it like 2026-12-08 09:15.",
    },
    "entry.help_too_short": {
        "zh": "「{field}」“{value}”太短；请把问题写完整（至少 5 个字）。",
        "en": '{field} "{value}" is too short; write the whole question (5 characters or more).',
    },
    "entry.help_not_on_roster": {
        "zh": "工号 {value} 不在培训营 {camp} 的花名册上；请核对工号"
        "（workbench camp status {camp}）。",
        "en": "employee ID {value} is not on the roster of camp {camp}; check it "
        "(`workbench camp status {camp}`).",
    },
    "entry.help_before_question": {
        "zh": "「{field}」{value} 早于收到问题的时间 {received}；请填写解答的实际时间。",
        "en": "{field} {value} is before the question came in ({received}); give the time it "
        "was answered.",
    },
    "entry.not_yes_no": {
        "zh": "「{field}」应为是或否，「{value}」不是。",
        "en": '{field} must be yes or no, not "{value}".',
    },
    "entry.before_hired": {
        "zh": "「{field}」{value} 早于{rep}的入职日期 {hired}；请检查日期或代表。",
        "en": "{field} {value} is before {rep} was hired ({hired}); check the date or the rep.",
    },
    "entry.after_left": {
        "zh": "「{field}」{value} 晚于{rep}的离职日期 {left}；请检查日期或代表。",
        "en": "{field} {value} is after {rep} left ({left}); check the date or the rep.",
    },
    "entry.joint_rep_without_joint_visit": {
        "zh": "填了「{field}」但没有勾选协访；请勾选协访，或清空协访同事。",
        "en": "{field} is filled in but joint visit is not ticked; tick it or clear the colleague.",
    },
    "entry.joint_rep_is_rep": {
        "zh": "「{field}」不能是拜访代表本人；请选择同行的同事。",
        "en": "{field} cannot be the calling rep; choose the colleague who came along.",
    },
    "entry.out_of_territory": {
        "zh": "医生「{doctor}」在 {day} 不在你的辖区（负责人：{owners}）；"
        "请选择你辖区的医生，或勾选协访。",
        "en": 'Doctor "{doctor}" is not in your territory on {day} (owned by: {owners}); '
        "choose one of your doctors, or tick joint visit.",
    },
    "entry.no_products": {
        "zh": "请至少选择一个讨论的产品，并填写关键信息。",
        "en": "Choose at least one product discussed, with its key message.",
    },
    "entry.not_a_list": {
        "zh": "「{field}」应为列表，「{value}」不是。",
        "en": '{field} must be a list, not "{value}".',
    },
    "entry.product_twice": {
        "zh": "产品「{value}」选了两次；每个产品只记一次。",
        "en": 'Product "{value}" is listed twice; list each product once.',
    },
    "entry.not_a_monday": {
        "zh": "「{field}」{value} 是星期{weekday}；周计划从星期一开始，请选 {monday}。",
        "en": "{field} {value} is not a Monday; weekly plans start on Monday, choose {monday}.",
    },
    "entry.plan_submitted": {
        "zh": "{value} 这一周的计划已经提交（{status}）；不能再改，请联系经理退回。",
        "en": "The plan for the week of {value} is already {status}; ask your manager to "
        "return it before changing it.",
    },
    "entry.empty_plan": {
        "zh": "计划中没有拜访；提交前请至少安排一次拜访。",
        "en": "The plan has no calls; plan at least one before submitting.",
    },
    "entry.outside_week": {
        "zh": "「{field}」{value} 不在 {week} 这一周内；请选这一周的日期。",
        "en": "{field} {value} is not in the week of {week}; choose a day of that week.",
    },
    "entry.planned_twice": {
        "zh": "医生「{doctor}」在 {day} 安排了两次；同一天只安排一次。",
        "en": 'Doctor "{doctor}" is planned twice on {day}; plan them once a day.',
    },
    "entry.after_event": {
        "zh": "「{field}」{value} 晚于会议「{event}」的日期 {held}；请检查日期。",
        "en": '{field} {value} is after the event "{event}" ({held}); check the date.',
    },
    "entry.invited_twice": {
        "zh": "你已经邀请过医生「{doctor}」参加「{event}」；不要重复邀请。",
        "en": 'You already invited doctor "{doctor}" to "{event}"; do not invite them twice.',
    },
    "entry.invited_by_another_rep": {
        "zh": "医生「{doctor}」已由{reps}邀请参加「{event}」；请先和同事确认，确认后可以仍然保存。",
        "en": 'Doctor "{doctor}" was already invited to "{event}" by {reps}; check '
        "with your colleague, then save anyway if you agree.",
    },
    "entry.before_consent": {
        "zh": "「{field}」{value} 早于受试者 {subject} 的知情同意日期 {consented}；请核对日期。",
        "en": "{field} {value} is before subject {subject} consented ({consented}); "
        "check the date.",
    },
    "entry.after_death": {
        "zh": "「{field}」{value} 晚于受试者 {subject} 的死亡日期 {died}；请核对日期或受试者。",
        "en": "{field} {value} is after subject {subject} died ({died}); check the date "
        "or the subject.",
    },
    "entry.before_baseline": {
        "zh": "「{field}」{value} 不晚于受试者 {subject} 的基线（首次给药 {baseline}）："
        "疗效评估只能在基线之后；基线评估不在此上报。",
        "en": "{field} {value} is not after subject {subject}'s baseline (first dose "
        "{baseline}): response is assessed after baseline only.",
    },
    "entry.visit_not_next": {
        "zh": "受试者 {subject} 的下一次访视是第 {next} 次，不是第 {value} 次；"
        "更正已上报的访视请填它原来的序号。",
        "en": "Subject {subject}'s next visit is {next}, not {value}; to correct a visit "
        "already reported, give its own number.",
    },
    "entry.not_after_previous": {
        "zh": "「{field}」{value} 不晚于第 {visit} 次访视（{previous}）；访视日期应依次递增。",
        "en": "{field} {value} is not after visit {visit} ({previous}); visits must be in "
        "date order.",
    },
    "entry.ends_before_start": {
        "zh": "「{field}」{value} 早于开始日期 {start}；请核对两个日期。",
        "en": "{field} {value} is before the start date {start}; check both dates.",
    },
    "entry.possible_duplicate": {
        "zh": "可能重复录入。{candidates}。如果是同一人（同一家医院），请选择已有的记录；"
        "如果确实是新的，请确认后再保存。",
        "en": "This may be entered already. {candidates}. If it is the same one, pick the "
        "existing record; if it really is new, confirm and save.",
    },
    # --- the camp roster: {field} is the column (or "roster" for the whole file) -------
    "entry.roster_wrong_kind": {
        "zh": "「{field}」文件「{value}」不是 CSV 或 .xlsx 文件；请在 Excel 中“另存为”"
        "Excel 工作簿（.xlsx）或“CSV UTF-8（逗号分隔）”。",
        "en": '{field} file "{value}" is not a CSV or .xlsx file; in Excel, use Save As and '
        'choose Excel Workbook (.xlsx) or "CSV UTF-8 (Comma delimited)".',
    },
    "entry.roster_unreadable": {
        "zh": "「{field}」文件「{value}」无法读取：文件已损坏，或不是 UTF-8/GB18030 编码的文本；"
        "请在 Excel 中打开，另存为 .xlsx 或“CSV UTF-8（逗号分隔）”。",
        "en": '{field} file "{value}" cannot be read: it is damaged, or not text in UTF-8 or '
        'GB18030; open it in Excel and Save As .xlsx or "CSV UTF-8 (Comma delimited)".',
    },
    "entry.roster_empty": {
        "zh": "「{field}」文件「{value}」是空的；第 1 行写列名 name,employee_id,phone,email，"
        "从第 2 行起每行一位学员。",
        "en": '{field} file "{value}" is empty; write the column names '
        "name,employee_id,phone,email on line 1 and one trainee a line from line 2.",
    },
    "entry.roster_no_trainees": {
        "zh": "「{field}」文件「{value}」只有列名，没有学员；从第 2 行起每行填写一位学员。",
        "en": '{field} file "{value}" has the column names but no trainees; '
        "add one trainee a line from line 2.",
    },
    "entry.roster_too_many": {
        "zh": "「{field}」文件「{value}」有 {count} 位学员，超过上限 {max} 位；请分成几个培训营。",
        "en": '{field} file "{value}" has {count} trainees, more than the limit of {max}; '
        "split them into several camps.",
    },
    "entry.roster_unknown_columns": {
        "zh": "「{field}」有多余的列：{value}；只能有 name、employee_id、phone、email 四列，"
        "请删除其余的列。",
        "en": "{field} has columns it does not use: {value}; keep only name, employee_id, "
        "phone and email, and delete the others.",
    },
    "entry.roster_missing_columns": {
        "zh": "「{field}」缺少列：{value}；第 1 行应为 name,employee_id,phone,email。",
        "en": "{field} lacks the columns {value}; line 1 must read name,employee_id,phone,email.",
    },
    "entry.roster_column_twice": {
        "zh": "「{field}」的列「{value}」出现了不止一次；请只保留一列。",
        "en": '{field} has the column "{value}" more than once; keep one of them.',
    },
    "entry.roster_extra_cells": {
        "zh": "这一行在四列之外还有内容「{value}」；请删除，或移到正确的列。",
        "en": 'this line has "{value}" outside the four columns; delete it or move it to its '
        "column.",
    },
    "entry.roster_required": {
        "zh": "「{field}」为空；每位学员都必须填写。",
        "en": "{field} is empty; every trainee needs one.",
    },
    "entry.roster_not_chinese": {
        "zh": "「{field}」「{value}」应使用汉字书写，不含空格、字母或数字；少数民族姓名用间隔号 · "
        "分开，例如 阿依古丽·买买提。",
        "en": '{field} "{value}" must be written in Chinese characters, without spaces, letters '
        "or digits; parts of a minority name are joined by a middle dot, e.g. 阿依古丽·买买提.",
    },
    "entry.roster_name_length": {
        "zh": "「{field}」「{value}」有 {length} 个汉字；应为 2 到 8 个（间隔号不计）。",
        "en": '{field} "{value}" has {length} Chinese character(s); it must have 2 to 8 '
        "(the middle dot not counted).",
    },
    "entry.roster_bad_id": {
        "zh": "「{field}」「{value}」含有不允许的字符；只能用字母、数字、- 和 _，例如 E0012。",
        "en": '{field} "{value}" has characters it cannot have; use letters, digits, - and _ '
        "only, e.g. E0012.",
    },
    "entry.roster_id_too_long": {
        "zh": "「{field}」「{value}」有 {length} 个字符，最多 {max} 个；请缩短。",
        "en": '{field} "{value}" has {length} characters, at most {max}; shorten it.',
    },
    "entry.roster_id_twice": {
        "zh": "「{field}」「{value}」在名单中出现多次，也在第 {others} 行（不分大小写）；"
        "每位学员的工号必须不同。",
        "en": '{field} "{value}" is also on line {others} (ignoring case); every trainee needs '
        "an employee ID of their own.",
    },
    "entry.roster_no_contact": {
        "zh": "「{field}」和「邮箱」都为空；请至少填写一项。",
        "en": "{field} and email are both empty; fill in at least one of them.",
    },
    "entry.roster_bad_phone": {
        "zh": "「{field}」「{value}」不是手机号：应为以 1 开头的 11 位半角数字，例如 13812345678"
        "（可以带空格或 -）。",
        "en": '{field} "{value}" is not a mobile number: 11 digits starting with 1, '
        "e.g. 13812345678 (spaces and dashes are fine).",
    },
    "entry.roster_bad_email": {
        "zh": "「{field}」「{value}」不是有效的邮箱地址；应形如 wang.xiaoming@example.com"
        "（一个 @，域名中有点，不含空格）。",
        "en": '{field} "{value}" is not an email address; write it like '
        "wang.xiaoming@example.com (one @, a dot in the domain, no spaces).",
    },
    "roster.cell": {
        "zh": "第 {line} 行 · {column}：{message}",
        "en": "line {line} · {column}: {message}",
    },
    "roster.line": {"zh": "第 {line} 行：{message}", "en": "line {line}: {message}"},
    "dup.doctor": {
        "zh": "已有医生「{name}」（编号 {id}，{place}）：{why}",
        "en": 'Existing doctor "{name}" (id {id}, {place}): {why}',
    },
    "dup.hospital": {
        "zh": "已有医院「{name}」（编号 {id}，{place}）：{why}",
        "en": 'Existing hospital "{name}" (id {id}, {place}): {why}',
    },
    "dup.and": {"zh": "，", "en": ", "},
    "dup.same_department": {"zh": "同一医院同一科室", "en": "same hospital and department"},
    "dup.name_same": {"zh": "姓名相同", "en": "the same name"},
    "dup.name_similar": {"zh": "名称相近", "en": "a similar name"},
    "dup.pinyin_similar": {"zh": "拼音相近", "en": "similar pinyin"},
    "dup.same_mobile": {"zh": "手机号相同", "en": "the same mobile number"},
    "dup.same_phone": {"zh": "电话相同", "en": "the same phone number"},
    "form.hospital": {"zh": "新增医院", "en": "New hospital"},
    "form.department": {"zh": "新增科室", "en": "New department"},
    "form.doctor": {"zh": "新增医生", "en": "New doctor"},
    "form.call": {"zh": "拜访报告", "en": "Call report"},
    "form.plan": {"zh": "周拜访计划", "en": "Weekly call plan"},
    "form.invitation": {"zh": "学术会议邀请", "en": "Event invitation"},
    "form.assessment": {"zh": "疗效评估上报", "en": "Response assessment report"},
    "form.adverse_event": {"zh": "不良事件上报", "en": "Adverse event report"},
    "form.help_request": {"zh": "帮助台：记录一个问题", "en": "Help desk: a question"},
    "form.save": {"zh": "保存", "en": "Save"},
    "form.save_anyway": {"zh": "确认无误，仍然保存", "en": "Checked, save anyway"},
    "form.saved": {"zh": "已保存（编号 {id}）。", "en": "Saved (id {id})."},
    "form.editing": {
        "zh": "更正已有{what}的记录（编号 {id}）",
        "en": "Correcting an existing {what}'s record (id {id})",
    },
    "form.editing_named": {
        "zh": "更正已有{what}的记录：{name}（编号 {id}）",
        "en": "Correcting an existing {what}'s record: {name} (id {id})",
    },
    "form.mine": {"zh": "我录入的记录", "en": "My earlier entries"},
    "form.correct": {"zh": "更正刚保存的记录", "en": "Correct the record just saved"},
    "form.restore": {"zh": "恢复上次未保存的草稿", "en": "Restore the unsaved draft"},
    "form.new": {"zh": "改为新增", "en": "Enter a new one instead"},
    "noun.hospital": {"zh": "医院", "en": "hospital"},
    "noun.department": {"zh": "科室", "en": "department"},
    "noun.doctor": {"zh": "医生", "en": "doctor"},
    "noun.call": {"zh": "拜访报告", "en": "call report"},
    "noun.plan": {"zh": "周拜访计划", "en": "weekly call plan"},
    "noun.invitation": {"zh": "学术会议邀请", "en": "event invitation"},
    "noun.assessment": {"zh": "疗效评估", "en": "response assessment"},
    "noun.adverse_event": {"zh": "不良事件", "en": "adverse event"},
    "noun.help_request": {"zh": "问题", "en": "question"},
    "pick.region": {"zh": "大区", "en": "Region"},
    "pick.city": {"zh": "城市", "en": "City"},
    "pick.hospital": {"zh": "医院", "en": "Hospital"},
    "pick.department": {"zh": "科室", "en": "Department"},
    "pick.doctor": {"zh": "医生", "en": "Doctor"},
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
