"""The errors of camps, exercises, forms and entry.

One message per key, each saying what is wrong and what to do.
"""

from __future__ import annotations

__all__ = ["MESSAGES"]

MESSAGES: dict[str, dict[str, str]] = {
    # --- camps and their trainees ----------------------------------------------------------
    "error.camp.name": {
        "zh": "培训营名称 {code!r} 须由 1 到 40 个字母、数字、'-' 或 '_' 组成，"
        "例如 beijing-2026-12",
        "en": "camp name {code!r} must be 1 to 40 letters, digits, '-' or '_', "
        "e.g. beijing-2026-12",
    },
    "error.camp.exists": {
        "zh": "培训营 {code!r} 已存在：请换一个名称，或用 `workbench camp status {code}` 查看它",
        "en": "camp {code!r} exists already; choose another name, or see it with "
        "`workbench camp status {code}`",
    },
    "error.camp.missing": {
        "zh": "没有培训营 {code!r}：`workbench camp list` 会列出所有培训营",
        "en": "there is no camp {code!r}; `workbench camp list` lists them",
    },
    "error.camp.missing_here": {
        "zh": "这台机器上没有培训营 {code!r}：`workbench camp list` 会列出所有培训营",
        "en": "there is no camp {code!r} here; `workbench camp list` lists them",
    },
    "error.camp.no_trainees": {
        "zh": "培训营 {code!r} 没有学员（或者不存在）",
        "en": "camp {code!r} has no trainees (or does not exist)",
    },
    "error.trainee.missing": {
        "zh": "培训营 {camp!r} 中没有学员 {employee_id!r}；该培训营的学员有 {known}",
        "en": "no trainee {employee_id!r} in camp {camp!r}; its trainees are {known}",
    },
    "error.trainee.missing_none_yet": {
        "zh": "培训营 {camp!r} 中没有学员 {employee_id!r}；该培训营还没有学员",
        "en": "no trainee {employee_id!r} in camp {camp!r}; its trainees are none yet",
    },
    "error.trainee.camp_and_id": {
        "zh": "培训营的学员需要同时给出培训营和工号",
        "en": "a camp's trainee needs both the camp and their employee id",
    },
    "error.trainee.no_name": {
        "zh": "学员需要一个名字：请在 `workbench train` 后写上名字，或设置 WORKBENCH_TRAINEE",
        "en": "a trainee needs a name: give it after `workbench train` or set WORKBENCH_TRAINEE",
    },
    # --- rosters -------------------------------------------------------------------------
    "error.roster.missing": {
        "zh": "{path} 处没有名单：请检查路径和文件名",
        "en": "no roster at {path}: check the path and the file name",
    },
    "error.roster.unreadable": {
        "zh": "无法打开名单 {path}（{reason}）",
        "en": "the roster {path} cannot be opened ({reason})",
    },
    "error.roster.employee_id": {
        "zh": "工号 {employee_id!r} 不能用作沙盒名：只能用字母、数字、- 和 _，最多 {most} 个",
        "en": "employee id {employee_id!r} cannot name a sandbox: use letters, digits, - and _, "
        "at most {most} of them",
    },
    # --- bundles from offline laptops ----------------------------------------------------
    "error.bundle.unwritable": {
        "zh": "无法写入数据包 {path}（{reason}）：请用 --out 换一个位置",
        "en": "cannot write the bundle {path} ({reason}); choose another place with --out",
    },
    "error.bundle.missing": {
        "zh": "{path} 处没有数据包",
        "en": "there is no bundle at {path}",
    },
    "error.bundle.no_manifest": {
        "zh": "{name} 不是培训营数据包：其中没有 manifest",
        "en": "{name} is not a camp bundle: it has no manifest",
    },
    "error.bundle.damaged": {
        "zh": "{name} 已损坏或不完整（{detail}）：请在那台笔记本电脑上重新导出",
        "en": "{name} is damaged or cut short ({detail}); export it again on the laptop",
    },
    "error.bundle.edited": {
        "zh": "{name} 已被改动（其 manifest 校验不符）",
        "en": "{name} has been edited (its manifest does not add up)",
    },
    "error.bundle.part_changed": {
        "zh": "{name} 已被改动或不完整（有一部分与 manifest 不符）",
        "en": "{name} has been edited or cut short (a part does not match)",
    },
    "error.bundle.other_camp": {
        "zh": "{name} 是培训营 {code!r} 的数据包，不是 {camp!r} 的",
        "en": "{name} is a bundle of camp {code!r}, not of {camp!r}",
    },
    "error.bundle.camp_absent": {
        "zh": "{name} 属于培训营 {code!r}，而这台机器上没有这个培训营",
        "en": "{name} is of camp {code!r}, which is not on this machine",
    },
    "error.bundle.strangers": {
        "zh": "{name} 列出了培训营 {code!r} 没有的学员：{strangers}",
        "en": "{name} names trainees camp {code!r} does not have: {strangers}",
    },
    "error.bundle.entries_unwritable": {
        "zh": "无法把录入记录保存到 {path}（{reason}）",
        "en": "cannot keep the entries in {path} ({reason})",
    },
    # --- exercises and sandboxes ---------------------------------------------------------
    "error.exercise.missing": {
        "zh": "练习 {exercise_id!r} 不存在；现有的练习是 {known}",
        "en": "exercise {exercise_id!r} does not exist; the exercises are {known}",
    },
    "error.exercise.no_form": {
        "zh": "练习 {exercise_id} 没有表单：请在它的 notebook 中完成",
        "en": "exercise {exercise_id} has no form; use its notebook",
    },
    "error.sandbox.no_rep": {
        "zh": "沙盒里没有在岗的代表：请用培训营的样本世界重建沙盒",
        "en": "the sandbox has no serving rep; rebuild it from the camp world",
    },
    "error.sandbox.no_department": {
        "zh": "医院 {hospital_id} 没有科室 {name}：请重建沙盒",
        "en": "hospital {hospital_id} has no {name}; rebuild the sandbox",
    },
    # --- follow-up, reports, the help desk -----------------------------------------------
    "error.followup.unreadable": {
        "zh": "无法读取目标文件 {path}（{reason}）",
        "en": "cannot read the goals {path} ({reason})",
    },
    "error.followup.line": {
        "zh": "{path} 第 {line} 行：week、min_calls 和 max_days 须为整数（complete 填 yes 或 no）",
        "en": "{path} line {line}: give week, min_calls and max_days as whole numbers "
        "(and complete as yes or no)",
    },
    "error.followup.weeks": {
        "zh": "{path}：请每周给出一个目标，从第 1 周开始",
        "en": "{path}: give one goal per week, from week 1 on",
    },
    "error.report.unwritable": {
        "zh": "无法把报告写入 {folder}（{reason}）：请用 --out 换一个文件夹",
        "en": "cannot write the report into {folder} ({reason}); choose another folder with --out",
    },
    "error.helpdesk.missing": {
        "zh": "帮助台没有编号为 {request_id} 的问题",
        "en": "there is no help-desk question {request_id}",
    },
    "error.helpdesk.no_trainees": {
        "zh": "培训营 {camp!r} 没有可以提问的学员",
        "en": "camp {camp!r} has no trainees to ask questions",
    },
    # --- forms ---------------------------------------------------------------------------
    "error.form.no_correct": {
        "zh": "{kind} 表单不能更正已保存的记录：请新录入一条",
        "en": "the {kind} form cannot correct saved records; enter a new one",
    },
    "error.form.no_doctor": {
        "zh": "数据库中没有医生 {doctor_id}：请从列表中选择一位",
        "en": "doctor {doctor_id} is not in the database; pick one from the list",
    },
    "error.form.picker_levels": {
        "zh": "层级 {levels} 须从 region 开始，并按 {order} 的顺序排列",
        "en": "levels {levels} must start at region and follow {order}",
    },
}
