"""The errors of the store, settings, files, cuts, sample worlds, the command line, the server.

One message per key, each saying what is wrong and what to do.
"""

from __future__ import annotations

__all__ = ["MESSAGES"]

MESSAGES: dict[str, dict[str, str]] = {
    "cli.error": {"zh": "错误：", "en": "error: "},
    # --- settings ------------------------------------------------------------------------
    "error.config.lang": {
        "zh": "不支持语言 {value!r}：请选择 {choices} 之一",
        "en": "lang {value!r} is not supported; choose one of {choices}",
    },
    "error.config.over_visit": {
        "zh": "过度拜访阈值 {value} 必须是 0 次或以上的拜访",
        "en": "over-visit threshold {value} must be 0 or more calls",
    },
    "error.config.stuck": {
        "zh": "尝试 {attempts} 次或 {minutes} 分钟后视为卡住：两者都必须是 1 或以上",
        "en": "stuck after {attempts} attempts or {minutes} minutes: both must be 1 or more",
    },
    "error.config.port": {
        "zh": "端口 {value} 超出范围：请选择 1 到 65535 之间的端口",
        "en": "port {value} is out of range; choose a port from 1 to 65535",
    },
    "error.config.refund_months": {
        "zh": "服务满 {value} 个月后报销：请选择 1 个月或以上",
        "en": "refund after {value} months of service: choose 1 month or more",
    },
    "error.config.refund_entry_days": {
        "zh": "拜访在 {value} 天内录入：请选择 0 天或以上",
        "en": "calls entered within {value} days: choose 0 days or more",
    },
    "error.config.share": {
        "zh": "{name} {value} 不是一个比例：请选择 0 到 1 之间的数，例如 {example}",
        "en": "{name} {value} is not a share; choose a number from 0 to 1, e.g. {example}",
    },
    "error.config.env_number": {
        "zh": "{variable}={value!r} 不是数字：请使用例如 {example}",
        "en": "{variable}={value!r} is not a number; use e.g. {example}",
    },
    "error.config.env_whole": {
        "zh": "{variable}={value!r} 不是整数：请使用例如 {example}",
        "en": "{variable}={value!r} is not a whole number; use e.g. {example}",
    },
    "error.config.unknown_setting": {
        "zh": "{names} 不是设置项；设置项有 {settings}",
        "en": "{names} is not a setting; the settings are {settings}",
    },
    # --- the package's own files and the server ---------------------------------------------
    "error.resource.not_files": {
        "zh": "工作台的 {what} 不是磁盘上的文件（{where}）",
        "en": "the workbench's {what} are not files on disk ({where})",
    },
    "error.app.unknown": {
        "zh": "没有名为 {name!r} 的应用；应用有 {apps}",
        "en": "there is no app {name!r}; the apps are {apps}",
    },
    "error.serve.port_busy": {
        "zh": "无法在 {host}:{port} 上提供服务（{reason}）：工作台是否已在那里运行？"
        "请停止它，或用 --port 或 WORKBENCH_PORT 选择另一个端口",
        "en": "cannot serve on {host}:{port} ({reason}); is the workbench already running "
        "there? Stop it, or choose another port with --port or WORKBENCH_PORT",
    },
    "error.serve.stopped": {
        "zh": "服务器尚未开始服务就已停止（退出码 {code}）；原因见上方它输出的信息",
        "en": "the server stopped before it served (exit code {code}); its messages above say why",
    },
    "error.serve.silent": {
        "zh": "{seconds:.0f} 秒后 {host}:{port} 上仍无服务在监听；原因见上方它输出的信息",
        "en": "nothing listened on {host}:{port} after {seconds:.0f} s; its messages above say why",
    },
    # --- data cuts ---------------------------------------------------------------------------
    "error.cut.not_a_cut": {
        "zh": "{path} 不是数据截点（其中没有 {manifest}）；请用 `workbench cut` 生成一个",
        "en": "{path} is not a data cut (it has no {manifest}); make one with `workbench cut`",
    },
    "error.cut.unreadable": {
        "zh": "无法读取 {path}（{reason}）：请检查该文件夹的权限",
        "en": "cannot read {path} ({reason}); check the folder's permissions",
    },
    "error.cut.damaged": {
        "zh": "{path} 已损坏（{detail!r}）：请用 `workbench cut` 生成新的截点",
        "en": "{path} is damaged ({detail!r}); make a new cut with `workbench cut`",
    },
    "error.cut.no_table": {
        "zh": "该截点没有表 {table!r}；它的表有 {tables}",
        "en": "the cut has no table {table!r}; its tables are {tables}",
    },
    "error.cut.query": {
        "zh": "在 {cut} 上的查询失败：{detail}",
        "en": "query on {cut} failed: {detail}",
    },
    "error.cut.unwritable": {
        "zh": "无法在 {folder} 中写入截点（{reason}）：请用 --out 选择另一个文件夹",
        "en": "cannot write a cut into {folder} ({reason}); choose another folder with --out",
    },
    "error.cut.write_failed": {
        "zh": "向 {folder} 写入截点失败（{reason}），没有保留任何内容。"
        "请腾出一些磁盘空间，或用 --out 选择另一个文件夹",
        "en": "writing the cut into {folder} failed ({reason}); nothing was kept. "
        "Free some disk space or choose another folder with --out",
    },
    "error.cut.none": {
        "zh": "还没有数据截点；请用 `workbench cut` 生成一个",
        "en": "there is no data cut yet; make one with `workbench cut`",
    },
    "error.cut.no_name": {
        "zh": "{folder} 中已没有可用的截点名称；请删除其中的旧截点",
        "en": "no free name for a cut in {folder}; remove old cuts there",
    },
    # --- the database --------------------------------------------------------------------
    "error.store.url_unusable": {
        "zh": "无法使用数据库 URL {url}：{detail}",
        "en": "database URL {url} cannot be used: {detail}",
    },
    "error.store.url_invalid": {
        "zh": "数据库 URL {url!r} 无效；请使用例如 sqlite:///path/to/workbench.db "
        "或 postgresql://user@host:5432/dbname",
        "en": "database URL {url!r} is not valid; use e.g. sqlite:///path/to/workbench.db "
        "or postgresql://user@host:5432/dbname",
    },
    "error.store.folder_unusable": {
        "zh": "无法在 {folder} 中存放数据库（{reason}）；请选择一个可写的文件夹"
        "（WORKBENCH_DATA_DIR 或 --database）",
        "en": "cannot keep the database in {folder} ({reason}); choose a folder you can write "
        "to (WORKBENCH_DATA_DIR or --database)",
    },
    "error.store.table_missing": {
        "zh": "数据库 {where} 缺少工作台的一张表（{detail}）：它已损坏或由别的程序创建。"
        "请从备份恢复，或用 --database 指向另一个数据库",
        "en": "the database {where} is missing a workbench table ({detail}): it is damaged or "
        "was made by something else. Restore it from a copy, or point --database at another",
    },
    "error.store.rule_broken": {
        "zh": "数据库中有 {n} 组行违反唯一规则 {rule}，例如 {rows}；结构未升级。"
        "请先更正或删除重复的行，再运行 `workbench init`",
        "en": "{n} sets of rows in the database break the unique rule {rule}, e.g. {rows}; the "
        "schema was not upgraded. Correct or remove the doubled rows, then run "
        "`workbench init`",
    },
    "error.store.locked": {
        "zh": "数据库 {where} 被另一个程序锁定；请关闭该程序（或等它完成）后重试",
        "en": "the database {where} is locked by another program; close that program "
        "(or wait for it to finish) and try again",
    },
    "error.store.foreign": {
        "zh": "{where} 不是工作台数据库（甚至不是 SQLite）；请将 WORKBENCH_DATABASE_URL "
        "指向一个工作台数据库或一个新文件",
        "en": "{where} is not a workbench database (not even SQLite); point "
        "WORKBENCH_DATABASE_URL at a workbench database or a new file",
    },
    "error.store.cannot_open": {
        "zh": "无法打开 {where}：请检查其所在文件夹是否存在且可写",
        "en": "cannot open {where}: check that its folder exists and is writable",
    },
    "error.store.no_database": {
        "zh": "{where} 上：{detail}；请先创建它（例如 `createdb NAME`），或使用另一个 URL",
        "en": "{detail} at {where}; create it first (e.g. `createdb NAME`) or use another URL",
    },
    "error.store.rule": {
        "zh": "数据违反了数据库的一条规则（{detail}）；没有写入任何内容",
        "en": "the data breaks a rule of the database ({detail}); nothing was written",
    },
    "error.store.read_only": {
        "zh": "数据库 {where} 是只读的（{detail}）；没有写入任何内容。请使其可写，"
        "或将 WORKBENCH_DATABASE_URL 指向一个你可以写入的数据库",
        "en": "the database {where} is read-only ({detail}); nothing was written. Make it "
        "writable, or point WORKBENCH_DATABASE_URL at a database you can write to",
    },
    "error.store.disk_full": {
        "zh": "存放 {where} 的磁盘已满（{detail}）；没有写入任何内容。请腾出一些磁盘空间后重试",
        "en": "the disk holding {where} is full ({detail}); nothing was written. "
        "Free some disk space and try again",
    },
    "error.store.permission": {
        "zh": "数据库 {where} 不允许此用户执行该操作（{detail}）；请向其所有者申请权限，"
        "或以另一个用户连接",
        "en": "the database {where} does not let this user do that ({detail}); ask its "
        "owner for the right, or connect as another user",
    },
    "error.store.unreachable": {
        "zh": "无法连接到 {where} 的数据库服务器（{detail}）；请启动服务器，"
        "或检查 URL 中的主机、端口和用户",
        "en": "cannot reach the database server at {where} ({detail}); start the server "
        "or check the host, port and user in the URL",
    },
    "error.store.refused": {
        "zh": "数据库 {where} 拒绝了该操作：{detail}",
        "en": "the database {where} refused the operation: {detail}",
    },
    "error.store.not_workbench": {
        "zh": "{where} 已有表（{tables}, …），但不是工作台数据库；请使用空数据库或新文件",
        "en": "{where} already holds tables ({tables}, …) but is not a workbench database; "
        "use an empty database or a new file",
    },
    "error.store.newer": {
        "zh": "{where} 的结构版本为 {version}，比此工作台所知的更新；请升级工作台后再使用它",
        "en": "{where} has schema version {version}, newer than this workbench knows; "
        "upgrade the workbench to use it",
    },
    "error.store.no_name": {
        "zh": "数据库 URL {url} 没有指明数据库；请加上 /NAME",
        "en": "the database URL {url} names no database; add /NAME",
    },
    "error.store.bad_suffix": {
        "zh": "{suffix!r} 不能作为数据库名称的一部分；请使用字母和数字",
        "en": "{suffix!r} cannot be part of a database name; use letters and digits",
    },
    "error.store.name_too_long": {
        "zh": "数据库名称 {name!r} 有 {size} 字节，超过 PostgreSQL 的上限 {limit}："
        "主数据库名称短一些（最多 {room} 字节）就能容下它；没有创建任何数据库",
        "en": "the database name {name!r} is {size} bytes, over PostgreSQL's {limit}: "
        "a shorter main database name (at most {room} bytes) leaves room for it; "
        "nothing was created",
    },
    "error.store.drop_refused": {
        "zh": "拒绝删除 {name!r}：只有主库 {base!r} 旁边的数据库（{base}_…）可以这样删除",
        "en": "refusing to drop {name!r}: only a database beside the main store {base!r} "
        "({base}_…) is dropped this way",
    },
    # --- loading tables ----------------------------------------------------------------
    "error.load.unknown_tables": {
        "zh": "不是工作台的表：{tables}；工作台的表有 {choices}",
        "en": "not workbench tables: {tables}; the tables are {choices}",
    },
    "error.load.not_empty": {
        "zh": "{url} 中已有数据；加上 --replace 用样本世界覆盖它，或用 --database 选择另一个数据库",
        "en": "{url} already holds data; add --replace to overwrite it with the "
        "sample world, or choose another --database",
    },
    "error.load.foreign_keys": {
        "zh": "要载入的行违反了外键（{rows}）；没有载入任何内容",
        "en": "the rows to load break foreign keys ({rows}); nothing was loaded",
    },
    "error.load.columns": {
        "zh": "{table} 数据框缺少列 {missing}；请给出该表的每一列：{columns}",
        "en": "the {table} frame lacks columns {missing}; "
        "give it every column of the table: {columns}",
    },
    # --- the Excel workbook ------------------------------------------------------------
    "error.export.not_empty": {
        "zh": "文件夹 {path} 里已有文件；请导出到一个新文件夹，或加上 --force 替换其中的同名文件",
        "en": "the folder {path} already holds files; export into a new folder, or give "
        "--force to replace the files of the same names in it",
    },
    "error.export.not_a_folder": {
        "zh": "{path} 是一个文件，不是文件夹；请给出一个文件夹（不存在时会创建）",
        "en": "{path} is a file, not a folder; give a folder (it is created when missing)",
    },
    "error.export.unwritable": {
        "zh": "无法导出到 {path}（{reason}）；那里没有任何改动。"
        "请检查磁盘空间，或选择另一个可写的文件夹",
        "en": "cannot export into {path} ({reason}); nothing there was changed. Check the disk "
        "has room, or choose another folder you can write to",
    },
    "error.workbook.exists": {
        "zh": "{path} 已经存在；请换一个文件名，或加上 --force 覆盖它",
        "en": "{path} already exists; choose another name, or give --force to write over it",
    },
    "error.workbook.unwritable": {
        "zh": "无法写入工作簿 {path}（{reason}）；没有写入任何内容。请选择另一个位置。",
        "en": "cannot write the workbook {path} ({reason}); nothing was written. "
        "Choose another place.",
    },
    "error.workbook.too_big": {
        "zh": "{sheet}有 {rows:,} 行，超过一个工作表的上限 {limit:,} 行："
        "请改为导出 CSV（不加 --excel）。",
        "en": "{sheet} would have {rows:,} rows, more than a sheet holds ({limit:,}): "
        "export CSV instead (without --excel).",
    },
    # --- entries, sample worlds, trial sites ---------------------------------------------
    "error.entry.kind": {
        "zh": "未知的录入类型 {kind!r}；请选择 {choices} 之一",
        "en": "entry kind {kind!r} is not known; choose one of {choices}",
    },
    "error.entry.no_duplicates": {
        "zh": "只在 {kinds} 中查找重复项，不在 {kind} 中",
        "en": "duplicates are looked for among {kinds}, not {kind}",
    },
    "error.sample.multiply": {
        "zh": "multiply 必须是至少为 1 的整数，而不是 {value}",
        "en": "multiply must be a whole number of at least 1, not {value}",
    },
    "error.sample.scale": {
        "zh": "未知的规模 {name!r}；请选择 {choices} 之一",
        "en": "scale {name!r} is not known; choose one of {choices}",
    },
    "error.sample.story_told": {
        "zh": "代表 {reps} 已在库中；这个故事已经讲过了",
        "en": "reps {reps} are already in the store; the story was told",
    },
    "error.sample.none": {
        "zh": "库中没有样本世界；请用 `workbench sample` 载入一个",
        "en": "the store holds no sample world; load one with `workbench sample`",
    },
    "error.site.missing": {
        "zh": "中心 {site} 不在数据库中；请从列表中选择一个",
        "en": "site {site} is not in the database; pick one from the list",
    },
}
