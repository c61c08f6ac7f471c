"""The completion report a trainer hands out: per trainee, each module's score and completion.

``report.html`` is printable (one page a trainee, in Chinese and English, with a certificate
line); ``report.csv`` holds the same numbers for a spreadsheet (UTF-8 with a byte-order mark,
so Excel reads the Chinese names). A module counts as completed when every exercise in it
was submitted with every check passing.
"""

from __future__ import annotations

import html
from pathlib import Path

import pandas as pd
from sqlalchemy import select

from workbench.db.engine import Database
from workbench.db.gradebook import Attempt, Camp, Trainee
from workbench.errors import FileUnusable
from workbench.training.exercises import EXERCISES, MODULES
from workbench.training.gradebook import camp_id as find_camp

__all__ = ["module_scores", "write_report"]


def module_scores(db: Database, code: str) -> pd.DataFrame:
    """One row per trainee and module of camp ``code``.

    Columns: ``employee_id``, ``name``, ``module``, ``title_zh``, ``title_en``, ``score``
    (best submissions summed), ``points`` and ``completed``.

    Raises
    ------
    MissingEntry
        There is no such camp.
    """
    with db.begin() as conn:
        camp_id = find_camp(conn, code)
        trainees = conn.execute(
            select(Trainee.trainee_id, Trainee.employee_id, Trainee.name)
            .where(Trainee.camp_id == camp_id)
            .order_by(Trainee.employee_id)
        ).all()
        submitted = conn.execute(
            select(Attempt.trainee_id, Attempt.exercise_id, Attempt.score).where(
                Attempt.trainee_id.in_([t.trainee_id for t in trainees]),
                Attempt.kind == "submit",
            )
        ).all()
    best = (
        pd.DataFrame(submitted, columns=["trainee_id", "exercise_id", "score"])
        .groupby(["trainee_id", "exercise_id"])["score"]
        .max()
    )
    rows = []
    for t in trainees:
        for module, (title, _file) in MODULES.items():
            mine = [e for e in EXERCISES.values() if e.module == module]
            scores = [float(best.get((t.trainee_id, e.id), 0.0)) for e in mine]
            rows.append(
                {
                    "employee_id": t.employee_id,
                    "name": t.name,
                    "module": module,
                    "title_zh": title.zh,
                    "title_en": title.en,
                    "score": sum(scores),
                    "points": sum(e.points for e in mine),
                    "completed": all(s >= e.points for s, e in zip(scores, mine, strict=True)),
                }
            )
    return pd.DataFrame(
        rows,
        columns=[
            "employee_id", "name", "module", "title_zh", "title_en", "score", "points",
            "completed",
        ],
    )  # fmt: skip


_STYLE = (
    "body{font-family:'Noto Sans CJK SC','Microsoft YaHei',sans-serif;margin:2em}"
    "section{page-break-after:always;margin-bottom:3em}"
    "table{border-collapse:collapse}td,th{padding:3px 10px;border-bottom:1px solid #ccc;"
    "text-align:left}.done{color:#1e7e34}.open{color:#b00020}"
    ".certificate{margin-top:1.5em;font-size:1.1em}"
)


def write_report(db: Database, code: str, out: Path | str) -> tuple[Path, Path]:
    """Write ``report.html`` and ``report.csv`` of camp ``code`` into folder ``out``.

    Returns
    -------
    tuple of Path
        The HTML report and the CSV.

    Raises
    ------
    MissingEntry
        There is no such camp.
    FileUnusable
        The folder cannot be written.
    """
    scores = module_scores(db, code)
    with db.begin() as conn:
        camp = conn.execute(select(Camp).where(Camp.code == code)).one()
    folder = Path(out)
    try:
        folder.mkdir(parents=True, exist_ok=True)
        csv = folder / "report.csv"
        scores.to_csv(csv, index=False, encoding="utf-8-sig")
        page = folder / "report.html"
        page.write_text(_html(camp, scores), encoding="utf-8")
    except OSError as exc:
        raise FileUnusable(
            key="error.report.unwritable", folder=folder, reason=exc.strerror
        ) from exc
    return page, csv


def _html(camp: object, scores: pd.DataFrame) -> str:
    code = html.escape(str(getattr(camp, "code", "")))
    region = html.escape(str(getattr(camp, "region", "") or ""))
    starts = getattr(camp, "starts_on", None) or ""
    trainer = html.escape(str(getattr(camp, "trainer", "") or ""))
    sections = []
    for (employee_id, name), part in scores.groupby(["employee_id", "name"], sort=True):
        rows = "".join(
            f"<tr><td>{r.module}</td><td>{html.escape(r.title_zh)} · {html.escape(r.title_en)}"
            f"</td><td>{r.score:g} / {r.points}</td>"
            + (
                "<td class='done'>✓ 已完成 completed</td></tr>"
                if r.completed
                else "<td class='open'>✘ 未完成 not yet</td></tr>"
            )
            for r in part.itertuples()
        )
        done, total = int(part["completed"].sum()), len(part)
        who = f"{html.escape(str(name))}（{html.escape(str(employee_id))}）"
        certificate = (
            f"兹证明 {who} 参加了 {region or code} 培训营，完成 {done}/{total} 个模块。"
            f"<br>This certifies that {who} took part in the {region or code} training camp "
            f"and completed {done} of {total} modules."
        )
        sections.append(
            f"<section><h2>{who}</h2><table><tr><th>模块 Module</th><th>内容 Title</th>"
            f"<th>得分 Score</th><th>完成 Completed</th></tr>{rows}</table>"
            f"<p class='certificate'>{certificate}</p></section>"
        )
    heading = f"培训营完成报告 · Camp completion report: {code}"
    detail = " · ".join(str(x) for x in (region, starts, trainer) if x)
    return (
        f"<!doctype html>\n<html lang='zh'><head><meta charset='utf-8'><title>{heading}</title>"
        f"<style>{_STYLE}</style></head><body><h1>{heading}</h1><p>{detail}</p>"
        + "".join(sections)
        + "</body></html>\n"
    )
