"""The command line's words: each command's help and each option's, and the help's headings.

A command's key is ``cli.`` and its path (``cli.camp.create``); an option's is the command's
key and the option's name (``cli.sample.seed``), or ``cli.option.NAME`` for an option that
reads the same in every command (``--database``). The English is the help written beside
each command and option; ``tests/test_cli_language.py`` keeps the two the same.

What the commands print for a person to read is under ``cli.say.`` (``cli.say.database_ready``),
said in the terminal's language by :func:`workbench.cli._common.say`; its English is the line
the command printed before it spoke Chinese, word for word.
"""

from __future__ import annotations

__all__ = ["MESSAGES"]

_DATABASE_EN = (
    "SQLAlchemy URL of the database, e.g. postgresql://postgres@127.0.0.1:5432/crm. "
    "Default: WORKBENCH_DATABASE_URL, else the embedded SQLite file in the data folder "
    "(WORKBENCH_DATA_DIR)."
)

MESSAGES: dict[str, dict[str, str]] = {
    # --- click's own headings and help option --------------------------------------------
    "cli.heading.usage": {"zh": "用法：", "en": "Usage: "},
    "cli.heading.options": {"zh": "选项", "en": "Options"},
    "cli.heading.commands": {"zh": "命令", "en": "Commands"},
    "cli.heading.arguments": {"zh": "参数", "en": "Arguments"},
    "cli.note.default": {"zh": "默认：", "en": "default: "},
    "cli.note.required": {"zh": "必填", "en": "required"},
    "cli.option.help": {"zh": "显示本帮助并退出。", "en": "Show this message and exit."},
    "cli.option.version": {"zh": "显示版本并退出。", "en": "Show the version and exit."},
    "cli.option.database": {
        "zh": "数据库的 SQLAlchemy URL，例如 postgresql://postgres@127.0.0.1:5432/crm。"
        "默认：WORKBENCH_DATABASE_URL，否则为数据文件夹（WORKBENCH_DATA_DIR）中内置的 "
        "SQLite 文件。",
        "en": _DATABASE_EN,
    },
    "cli.option.port": {"zh": "JupyterLab 的端口。", "en": "JupyterLab's port."},
    "cli.option.starts": {
        "zh": "培训营结束后上岗的第一天（默认：开营一周后）。",
        "en": "The first day at work after the camp (default: a week after it began).",
    },
    "cli.option.production": {
        "zh": "代表真实录入的数据库（默认：工作台的数据库）。",
        "en": "The store of the reps' real entries (default: the workbench's database).",
    },
    # --- the commands' own errors ---------------------------------------------------------
    "error.cli.no_trainees": {
        "zh": "培训营 {camp!r} 没有学员；`workbench camp list` 会列出所有培训营",
        "en": "camp {camp!r} has no trainees; `workbench camp list` lists camps",
    },
    "error.cli.no_first_day": {
        "zh": "培训营 {camp!r} 没有第一天；请给出 --starts DATE",
        "en": "camp {camp!r} has no first day; give --starts DATE",
    },
    # --- the commands ----------------------------------------------------------------------
    "cli.main": {
        "zh": "CRM 工作台：练习、分析和审阅医药代表的现场销售数据。\n\n"
        "从 `workbench start` 开始：它创建数据库、载入培训营样本世界，"
        "并在 http://127.0.0.1:8866/ 提供各个应用。",
        "en": "The CRM workbench: practise, analyse and review pharmaceutical field-sales "
        "data.\n\nStart with `workbench start`: it creates the database, loads the camp "
        "sample world and serves the apps on http://127.0.0.1:8866/.",
    },
    "cli.init": {
        "zh": "创建数据库（或把它的结构升级到最新），并说明它在哪里。",
        "en": "Create the database (or bring its schema up to date) and say where it is.",
    },
    "cli.sample": {
        "zh": "用合成的样本世界填充数据库（绝非真实人物）。",
        "en": "Fill the database with a synthetic sample world (never real people).",
    },
    "cli.sample.scale": {
        "zh": "camp：20 家医院、20 位代表、几个月；region：约 300 家医院、两年；"
        "national：9 个大区、约 3,000 家医院、两年。",
        "en": "camp: 20 hospitals, 20 reps, a few months; region: ~300 hospitals, two years; "
        "national: 9 regions, ~3,000 hospitals, two years.",
    },
    "cli.sample.seed": {
        "zh": "同一个种子总是给出同一个世界，逐行相同。",
        "en": "The same seed always gives the same world, row for row.",
    },
    "cli.sample.multiply": {
        "zh": "把医院、医生、代表和销售放大 N 倍（用于基准测试）。",
        "en": "Scale hospitals, doctors, reps and sales by N (for benchmarks).",
    },
    "cli.sample.replace": {
        "zh": "先清空数据库。不加此选项时，已有数据的数据库会被拒绝。",
        "en": "Empty the database first. Without it a database holding data is refused.",
    },
    "cli.sample.to_csv": {
        "zh": "把世界按导出格式写成 CSV 文件放进 DIR，而不是写入数据库"
        "（sample_data/ 就是这样重新生成的）。",
        "en": "Write the world as the export's CSV files into DIR instead of a database "
        "(how sample_data/ is regenerated).",
    },
    "cli.info": {
        "zh": "数据库在哪里、它的结构版本，以及每张表有多少行。",
        "en": "Where the database is, its schema version, and how many rows each table holds.",
    },
    "cli.export": {
        "zh": "把每张表写成一个 UTF-8 CSV 文件，放进文件夹 PATH（格式见 docs/export.md）。",
        "en": "Write one UTF-8 CSV per table into the folder PATH (format: docs/export.md).",
    },
    "cli.export.excel": {
        "zh": "改为写一个可以分发的 Excel 工作簿：每张表一个工作表、使用一种语言，"
        "编号旁写上名称，代码显示为标签，标题行冻结。PATH 是 .xlsx 文件，"
        "或一个文件夹（写入其中的 workbench.xlsx）。",
        "en": "One Excel workbook to hand out instead of CSVs: a sheet per table in one "
        "language, names beside ids, coded values as labels, the header row frozen. PATH is "
        "the .xlsx file, or a folder to write workbench.xlsx into.",
    },
    "cli.export.lang": {
        "zh": "工作簿的语言。默认：WORKBENCH_LANG，否则为 zh。",
        "en": "The workbook's language. Default: WORKBENCH_LANG, else zh.",
    },
    "cli.export.bom": {
        "zh": "每个 CSV 以字节顺序标记（BOM）开头，方便 Excel 打开。",
        "en": "Start each CSV with a byte-order mark, for Excel.",
    },
    "cli.export.force": {
        "zh": "替换那里已有的文件。不加此选项时，已有文件的文件夹或已存在的工作簿会被拒绝。",
        "en": "Replace files already there. Without it a folder holding files, or an existing "
        "workbook, is refused.",
    },
    "cli.cut": {
        "zh": "生成一个数据截点：数据库的一份冻结的 Parquet 快照，供分析使用。",
        "en": "Write a data cut: a frozen Parquet snapshot of the database for analysis.",
    },
    "cli.cut.out": {
        "zh": "存放数据截点的文件夹。默认：数据文件夹中的 cuts/。",
        "en": "Folder to keep cuts in. Default: cuts/ in the data folder.",
    },
    "cli.cut.list_": {
        "zh": "改为列出该文件夹中这个数据库的数据截点。",
        "en": "List the database's cuts in the folder instead.",
    },
    "cli.start": {
        "zh": "把培训营世界载入空数据库，并提供工作台的全部应用。\n\n"
        "只有一个服务器：首页是主页应用，它链接到其余各个应用（周一计划审阅、重点客户、"
        "数据质量、试验中心上报、临床试验监测、培训营看板）。无需网络："
        "每个页面和脚本都由本机提供。",
        "en": "Load the camp world into an empty database and serve every workbench app.\n\n"
        "One server: the front page is the home app, which links to the others (the Monday "
        "plan review, key accounts, data quality, trial site reporting, the trial monitor, "
        "the camp board). Works with no network: every page and script is served from this "
        "machine.",
    },
    "cli.start.host": {
        "zh": "服务的地址。默认：WORKBENCH_HOST，否则为 127.0.0.1（仅本机）；"
        "其他任何地址都需要令牌（WORKBENCH_TOKEN，否则自动生成并打印出来）。",
        "en": "Address to serve on. Default: WORKBENCH_HOST, else 127.0.0.1 (this machine "
        "only); any other address needs a token (WORKBENCH_TOKEN, else one is made up and "
        "printed).",
    },
    "cli.start.port": {
        "zh": "服务的端口。默认：WORKBENCH_PORT，否则为 8866。",
        "en": "Port to serve on. Default: WORKBENCH_PORT, else 8866.",
    },
    "cli.start.seed": {
        "zh": "载入空数据库的培训营世界所用的种子。",
        "en": "Seed of the camp world loaded into an empty database.",
    },
    "cli.train": {
        "zh": "练习：你自己的沙盒（培训营世界）、培训模块和 JupyterLab。\n\n"
        "在培训营中：`workbench train --camp CAMP --employee-id ID`。自己练习时："
        "NAME 是练习者（默认：WORKBENCH_TRAINEE，否则为你的用户名）。在笔记本电脑上，"
        "沙盒是数据文件夹中的一个文件；使用 PostgreSQL URL 时，每位学员在该服务器上"
        "有自己的数据库。从 00_index.ipynb 开始。",
        "en": "Practise: your own sandbox (the camp world), the training modules, "
        "JupyterLab.\n\nIn a camp: `workbench train --camp CAMP --employee-id ID`. On your "
        "own: NAME is who is practising (default: WORKBENCH_TRAINEE, else your user name). "
        "On a laptop the sandbox is a file in the data folder; with a PostgreSQL URL each "
        "trainee gets a database of their own on that server. Start with 00_index.ipynb.",
    },
    "cli.train.camp": {
        "zh": "作为这个培训营的学员练习。",
        "en": "Practise as a trainee of this camp.",
    },
    "cli.train.employee_id": {
        "zh": "你在培训营名单上的工号（只给出 --camp 时会询问）。",
        "en": "Your employee id on the camp's roster (asked for when --camp is given alone).",
    },
    "cli.train.no_lab": {
        "zh": "只准备沙盒和笔记本。",
        "en": "Only prepare the sandbox and the notebooks.",
    },
    "cli.lab": {
        "zh": "在本机的 JupyterLab 中、在当前数据库上打开分析笔记本。\n\n"
        "空数据库会先载入培训营样本世界，与 `workbench start` 相同。第一次会按 WORKBENCH_LANG "
        "的语言把笔记本复制到数据文件夹的 analysis/ 中（你在那里的修改会保留；删掉的笔记本会以"
        "原样回来）。无需网络。",
        "en": "Open the analysis notebooks in JupyterLab, on this machine, on the current "
        "database.\n\nAn empty database gets the camp sample world first, as with `workbench "
        "start`. The notebooks are copied into analysis/ in the data folder the first time, "
        "in the language of WORKBENCH_LANG (your edits there are kept; a notebook you delete "
        "comes back fresh). Works with no network.",
    },
    "cli.camp": {
        "zh": "培训营：根据名单创建、跟进、结束。",
        "en": "Training camps: create one from a roster, follow it, close it.",
    },
    "cli.camp.create": {
        "zh": "根据名单创建培训营 NAME：每位学员都报名，各有一个沙盒。\n\n"
        "先检查整份名单：每一行错误都会连同行号列出，文件改对之前什么都不会创建。",
        "en": "Create camp NAME from a roster: every trainee enrolled, each with a "
        "sandbox.\n\nThe whole roster is checked first: every bad row is listed with its line "
        "number and nothing is created until the file is right.",
    },
    "cli.camp.create.roster_file": {
        "zh": "CSV 或 .xlsx 文件，列为 name,employee_id,phone,email。",
        "en": "CSV or .xlsx with columns name,employee_id,phone,email.",
    },
    "cli.camp.create.region": {
        "zh": "培训营举办的地方，例如 北京。",
        "en": "Where the camp is held, e.g. 北京.",
    },
    "cli.camp.create.starts": {
        "zh": "培训营的第一天，例如 2026-12-07。",
        "en": "The camp's first day, e.g. 2026-12-07.",
    },
    "cli.camp.create.trainer": {"zh": "培训营的培训师。", "en": "Who runs the camp."},
    "cli.camp.list": {
        "zh": "列出培训营：地区、第一天、培训师、状态和学员人数。",
        "en": "List the camps: region, first day, trainer, status and trainees.",
    },
    "cli.camp.status": {
        "zh": "培训营 NAME 的每位学员：完成的模块、得分、尝试次数、最近活动。",
        "en": "Per trainee of camp NAME: modules done, score, attempts, last activity.",
    },
    "cli.camp.close": {
        "zh": "结束培训营 NAME：成绩保留；不再有新人加入。",
        "en": "Close camp NAME: its results stay; nobody new joins it.",
    },
    "cli.camp.report": {
        "zh": "写出培训营 NAME 的结业报告：report.html（用于打印）和 report.csv。",
        "en": "Write camp NAME's completion report: report.html (to print) and report.csv.",
    },
    "cli.camp.report.out": {
        "zh": "写入 report.html 和 report.csv 的文件夹。",
        "en": "Folder to write report.html and report.csv into.",
    },
    "cli.camp.export": {
        "zh": "把这台笔记本电脑上培训营 NAME 的成绩写成一个数据包，交给培训师。",
        "en": "Write this laptop's results of camp NAME into one bundle for the trainer.",
    },
    "cli.camp.export.out": {
        "zh": "要写出的数据包，例如 U 盘上的 E0012.wbcamp。",
        "en": "The bundle to write, e.g. E0012.wbcamp on a USB stick.",
    },
    "cli.camp.import": {
        "zh": "把一台笔记本电脑的数据包 BUNDLE 合并进它的培训营：只添加新的内容。",
        "en": "Merge a laptop's BUNDLE into its camp: only what is new is added.",
    },
    "cli.camp.import.camp_name": {
        "zh": "数据包不属于这个培训营时拒绝它。",
        "en": "Refuse the bundle unless it is of this camp.",
    },
    "cli.camp.story": {
        "zh": "讲述培训营 NAME 的样本故事：结业后上岗的六周，以及它的帮助台。\n\n"
        "学员加入样本世界并录入拜访（大多按计划，有的迟交，有的不完整，有一位中途停下）；"
        "帮助台收到他们的问题。同一个种子总是讲同一个故事。",
        "en": "Tell camp NAME's sample story: six weeks at work after it, and its help "
        "desk.\n\nThe trainees join the sample world and enter their calls (most on track, "
        "some late, some incomplete, one who stops); the help desk hears their questions. "
        "The same seed always tells the same story.",
    },
    "cli.camp.story.seed": {
        "zh": "同一个种子总是讲同一个故事。",
        "en": "The same seed always tells the same story.",
    },
    "cli.camp.followup": {
        "zh": "把每位学员的真实录入与分阶段目标比较；谁需要一个电话。",
        "en": "Compare each trainee's real entries with the phased goals; who needs a call.",
    },
    "cli.camp.followup.goals_file": {
        "zh": "CSV 文件，列为 week,min_calls,max_days,complete（默认：第 1 周 10 次拜访、"
        "3 天内录入；之后 20 次、2 天内录入且完整）。",
        "en": "CSV week,min_calls,max_days,complete (default: week 1 10 calls within 3 "
        "days; then 20 within 2 days, complete).",
    },
    "cli.camp.followup.today": {
        "zh": "以这一天为准评判已结束的各周（默认：今天）。",
        "en": "Judge the weeks finished by this day (default: today).",
    },
    "cli.helpdesk": {
        "zh": "培训营之后的帮助台：代表的问题、解答和汇总。",
        "en": "The help desk after a camp: reps' questions, answers, and a summary.",
    },
    "cli.helpdesk.ask": {
        "zh": "记下一位代表向培训营 CAMP 帮助台提的问题。",
        "en": "Keep a rep's question to the help desk of camp CAMP.",
    },
    "cli.helpdesk.ask.employee_id": {
        "zh": "提问的人（在名单上）。",
        "en": "Who asks (on the roster).",
    },
    "cli.helpdesk.ask.channel": {
        "zh": "问题从哪里来：phone（电话）、wechat（微信）、email（邮件）或 visit（当面）。",
        "en": "How it came in: phone, wechat, email or visit.",
    },
    "cli.helpdesk.ask.question": {
        "zh": "问题，用代表自己的话。",
        "en": "The question, in the rep's words.",
    },
    "cli.helpdesk.ask.category": {
        "zh": "login、master_data、calls、plans、events、quality 或 other。",
        "en": "login, master_data, calls, plans, events, quality or other.",
    },
    "cli.helpdesk.ask.received_at": {
        "zh": "收到的时间（默认现在）。",
        "en": "When it came in (default now).",
    },
    "cli.helpdesk.answer": {
        "zh": "记录问题 REQUEST_ID 的解答。",
        "en": "Record the answer to question REQUEST_ID.",
    },
    "cli.helpdesk.answer.answered_by": {"zh": "解答的人。", "en": "Who answered."},
    "cli.helpdesk.answer.answered_at": {
        "zh": "解答时间（默认现在）。",
        "en": "When (default now).",
    },
    "cli.helpdesk.answer.still_open": {
        "zh": "已解答，但尚未解决。",
        "en": "Answered, but not resolved yet.",
    },
    "cli.helpdesk.summary": {
        "zh": "问题何时进来、等了多久、哪些还未解决、最常见的是什么。",
        "en": "When questions come in, how long they wait, what is open, what comes up most.",
    },
    # --- what the commands say: cli.say.* (the English is what they printed before) --------
    "cli.say.list_separator": {"zh": "、", "en": ", "},
    "cli.say.prompt_suffix": {"zh": "：", "en": ": "},
    "cli.say.database_ready": {
        "zh": "数据库已就绪：{where}（结构版本 {version}）",
        "en": "database ready: {where} (schema {version})",
    },
    "cli.say.scale.camp": {"zh": "培训营", "en": "camp"},
    "cli.say.scale.region": {"zh": "大区", "en": "region"},
    "cli.say.scale.national": {"zh": "全国", "en": "national"},
    "cli.say.step.customers": {"zh": "客户", "en": "customers"},
    "cli.say.step.field_force": {"zh": "销售团队", "en": "field force"},
    "cli.say.step.activity": {"zh": "拜访与活动", "en": "activity"},
    "cli.say.step.business": {"zh": "业务数据", "en": "business"},
    "cli.say.step.clinical_trial": {"zh": "临床试验", "en": "clinical trial"},
    "cli.say.building": {"zh": "正在生成{step}…", "en": "building {step}…"},
    "cli.say.sample_written": {
        "zh": "已把{scale}规模的样本世界（种子 {seed}）写入 {folder}：{n} 个文件",
        "en": "wrote the {scale} world (seed {seed}) to {folder}: {n} files",
    },
    "cli.say.sample_loaded": {
        "zh": "已把{scale}规模的样本世界（种子 {seed}）载入 {where}：共 {rows:,} 行",
        "en": "loaded the {scale} world (seed {seed}) into {where}: {rows:,} rows",
    },
    "cli.say.database": {"zh": "数据库：{where}", "en": "database: {where}"},
    # the two spaces line the value up under the database's, in either language
    "cli.say.backend": {
        "zh": "后端：  {dialect}，结构版本 {version}",
        "en": "backend:  {dialect}, schema {version}",
    },
    "cli.say.workbook_written": {
        "zh": "已写出 {target}：{sheets} 个工作表，共 {rows:,} 行",
        "en": "wrote {target}: {sheets} sheets, {rows:,} rows",
    },
    "cli.say.exported": {
        "zh": "已写出 {n} 个文件，共 {rows:,} 行，位于 {folder}",
        "en": "wrote {n} files, {rows:,} rows, to {folder}",
    },
    "cli.say.cut_row": {
        "zh": "{path}  {rows:>12,} 行  来自 {source}",
        "en": "{path}  {rows:>12,} rows  from {source}",
    },
    "cli.say.cut_written": {
        "zh": "已写出数据截点 {path}（{rows:,} 行，{seconds:.1f} 秒）",
        "en": "wrote {path} ({rows:,} rows, {seconds:.1f} s)",
    },
    "cli.say.loading_camp_seed": {
        "zh": "正在把培训营样本世界（种子 {seed}）载入 {where}",
        "en": "loading the camp sample world (seed {seed}) into {where}",
    },
    "cli.say.loading_camp": {
        "zh": "正在把培训营样本世界载入 {where}",
        "en": "loading the camp sample world into {where}",
    },
    "cli.say.first_cut": {
        "zh": "正在生成第一个数据截点，供读取数据截点的应用使用",
        "en": "taking the first data cut, for the apps that read one",
    },
    "cli.say.starting_server": {
        "zh": "正在 {host}:{port} 上启动应用服务器 …",
        "en": "starting the apps' server on {host}:{port} …",
    },
    # read by tests and scripts: "workbench: " and the address stay the same in every
    # language; only the hint after them is translated
    "cli.say.serving": {
        "zh": "workbench: {url}  （按 Ctrl-C 停止）",
        "en": "workbench: {url}  (Ctrl-C stops it)",
    },
    "cli.say.token_needed": {
        "zh": "  已对本机以外开放：每位访问者都需要上面的令牌",
        "en": "  served beyond this machine: each visitor needs the token above",
    },
    "cli.say.trainee": {
        "zh": "学员 {name}：沙盒 {where}",
        "en": "trainee {name}: sandbox {where}",
    },
    "cli.say.notebooks": {"zh": "笔记本：{folder}", "en": "notebooks: {folder}"},
    "cli.say.starting_lab": {"zh": "正在启动 JupyterLab …", "en": "starting JupyterLab …"},
    "cli.say.open_lab": {
        "zh": "  在浏览器中打开上面的地址（按 Ctrl-C 停止 JupyterLab）",
        "en": "  open that address in your browser (Ctrl-C stops JupyterLab)",
    },
    "cli.say.which_trainee": {"zh": "你是哪一位（序号）", "en": "which one are you (number)"},
    "cli.say.no_camps": {
        "zh": "还没有培训营：`workbench camp create NAME --roster FILE`",
        "en": "no camps yet: `workbench camp create NAME --roster FILE`",
    },
    "cli.say.camp_status.open": {"zh": "进行中", "en": "open"},
    "cli.say.camp_status.closed": {"zh": "已结束", "en": "closed"},
    # a status reads three characters wide in Chinese (进行中, 已结束), six in English
    "cli.say.camp_row": {
        "zh": "{code:<24} {region:<8} {starts:<10} {trainer:<10} {status:<3} {trainees:>3} 位学员",
        "en": "{code:<24} {region:<8} {starts:<10} {trainer:<10} {status:<6} {trainees:>3} "
        "trainees",
    },
    "cli.say.camp_status": {
        "zh": "培训营 {camp}（{status}）：{n} 位学员",
        "en": "camp {camp} ({status}): {n} trainees",
    },
    "cli.say.trainee_row": {
        "zh": "  {employee_id:<12} {name:<8} 模块 {done}/{modules}  得分 {score:g}/{points}"
        "  尝试 {attempts:>3} 次  {last}",
        "en": "  {employee_id:<12} {name:<8} modules {done}/{modules}  score {score:g}/{points}"
        "  attempts {attempts:>3}  {last}",
    },
    "cli.say.camp_closed": {"zh": "培训营 {camp} 已结束", "en": "camp {camp} closed"},
    "cli.say.report_written": {"zh": "已写出 {page} 和 {csv}", "en": "wrote {page} and {csv}"},
    "cli.say.bundle_written": {
        "zh": "已写出 {path}：请交给培训师（`workbench camp import {name}`）",
        "en": "wrote {path}: bring it to the trainer (`workbench camp import {name}`)",
    },
    "cli.say.bundle_imported": {
        "zh": "已导入 {bundle}：新增 {attempts} 次尝试、{hints} 次提示、{resets} 次重置、"
        "{entries} 条录入",
        "en": "imported {bundle}: {attempts} new attempts, {hints} hints, {resets} resets, "
        "{entries} entries",
    },
    "cli.say.profile.on_track": {"zh": "按计划", "en": "on track"},
    "cli.say.profile.late": {"zh": "迟交", "en": "late"},
    "cli.say.profile.incomplete": {"zh": "不完整", "en": "incomplete"},
    "cli.say.profile.stops": {"zh": "中途停下", "en": "stops"},
    "cli.say.story_trainees": {
        "zh": "{n} 位学员自 {first} 起上岗：{profiles}",
        "en": "{n} trainees at work from {first}: {profiles}",
    },
    "cli.say.story_questions": {
        "zh": "六周内帮助台收到 {questions} 个问题（`workbench helpdesk summary {camp}`）",
        "en": "{questions} questions to the help desk over six weeks "
        "(`workbench helpdesk summary {camp}`)",
    },
    "cli.say.followup": {
        "zh": "培训营 {camp}：第 1 周自 {starts} 开始，评判截至 {today}",
        "en": "camp {camp}: week 1 from {starts}, judged to {today}",
    },
    "cli.say.followup_row": {
        "zh": "  {employee_id:<10} {name:<6} 达标 {met}/{finished}  {counts}{flag}",
        "en": "  {employee_id:<10} {name:<6} met {met}/{finished}  {counts}{flag}",
    },
    "cli.say.followup_call": {
        "zh": "  需致电（{manager}）：{why}",
        "en": "  CALL ({manager}): {why}",
    },
    "cli.say.followup_no_manager": {"zh": "无经理", "en": "no manager"},
    "cli.say.followup_missed": {"zh": "第 {week} 周未达标", "en": "missed week {week}"},
    "cli.say.followup_no_rep": {
        "zh": "生产库中没有这个工号的代表",
        "en": "no rep with this employee id in the production store",
    },
    "cli.say.question_kept": {
        "zh": "问题 {id} 已记下；用 `workbench helpdesk answer {id} --by NAME` 记录解答",
        "en": "question {id} kept; answer it with `workbench helpdesk answer {id} --by NAME`",
    },
    "cli.say.question_answered": {"zh": "问题 {id} 已解答", "en": "question {id} answered"},
    "cli.say.question_answered_open": {
        "zh": "问题 {id} 已解答（仍未解决）",
        "en": "question {id} answered (still open)",
    },
    "cli.say.helpdesk_summary": {
        "zh": "培训营 {camp}：{total} 个问题，等待时间中位数 {median:.0f} 分钟，{open} 个未解决，"
        "{outside} 个在 8:30–22:00 之外",
        "en": "camp {camp}: {total} questions, median wait {median:.0f} min, {open} open, "
        "{outside} outside 8:30–22:00",
    },
    "cli.say.most_asked": {"zh": "最常问的类别：{categories}", "en": "most asked: {categories}"},
    "cli.say.category_count": {
        "zh": "{category} {questions}（{share:.0%}）",
        "en": "{category} {questions} ({share:.0%})",
    },
    "cli.say.busiest_hours": {"zh": "最忙的时段：{hours}", "en": "busiest hours: {hours}"},
    "cli.say.hour_count": {"zh": "{hour}:00（{n}）", "en": "{hour}:00 ({n})"},
    "cli.say.open_question": {
        "zh": "  未解决 {id}：{at} {name} [{category}] {question}",
        "en": "  open {id}: {at} {name} [{category}] {question}",
    },
}
