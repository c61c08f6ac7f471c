"""The entry layer's words: problems and their fixes, forms, pickers, duplicates, the roster.

``{field}`` in a problem is the field's label (``field.<name>``, :mod:`workbench.i18n.fields`).
"""

from __future__ import annotations

__all__ = ["MESSAGES"]

MESSAGES: dict[str, dict[str, str]] = {
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
    "entry.verbatim_phone": {
        "zh": "「{field}」里像有一个电话号码：病人的身份信息不能录入，请删掉它，只写症状。",
        "en": "{field} seems to hold a phone number: nothing that identifies a patient may be "
        "entered; delete it and describe the event only.",
    },
    "entry.verbatim_id_number": {
        "zh": "「{field}」里像有一个身份证号：病人的身份信息不能录入，请删掉它，只写症状。",
        "en": "{field} seems to hold an ID card number: nothing that identifies a patient may "
        "be entered; delete it and describe the event only.",
    },
    "entry.verbatim_date": {
        "zh": "「{field}」里有一个日期（可能是出生日期）：病人的身份信息不能录入；"
        "事件的日期请填在开始和结束日期里。",
        "en": "{field} holds a date (perhaps a birth date): nothing that identifies a patient "
        "may be entered; the event's dates go in its start and end dates.",
    },
    "entry.soc_of_term": {
        "zh": "「{field}」{value} 与首选术语 {term} 不符；按试验词典，它属于 {soc}。",
        "en": "{field} {value} does not go with the preferred term {term}; in the study's "
        "dictionary it belongs to {soc}.",
    },
    "entry.saved_meanwhile": {
        "zh": "就在同一时刻，别人保存了同样的记录，或数据库拒绝了它；请先查看现在已保存的内容，"
        "仍需要时再保存。",
        "en": "someone else saved the same record at the same moment, or the database refuses "
        "it; look at what is stored now, and save again if it is still needed.",
    },
    "entry.unsafe_text": {
        "zh": "「{field}」含有一个不可见的控制字符（{char}），可能是从别处粘贴来的；"
        "请删掉后重新输入。",
        "en": "{field} holds an invisible control character ({char}), perhaps pasted from "
        "elsewhere; delete it and type the text again.",
    },
    "entry.not_a_record": {
        "zh": "录入内容应为一组字段（名称和值），而不是 {value}；请通过表单或字典提交。",
        "en": "an entry is a record of fields (names and values), not {value}; submit it "
        "through a form or as a dict.",
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
    "form.draft_kept": {
        "zh": "你填写的内容都还在，也已存为草稿；问题解决后再点「保存」。",
        "en": "What you typed is still here, and kept as a draft; save again once that is solved.",
    },
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
}
