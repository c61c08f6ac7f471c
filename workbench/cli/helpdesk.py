"""``workbench helpdesk``: reps' questions after a camp, their answers, and a summary."""

from __future__ import annotations

import click

from workbench.cli._common import database_option, friendly, open_database

__all__ = ["helpdesk", "helpdesk_answer", "helpdesk_ask", "helpdesk_summary"]


@click.group()
def helpdesk() -> None:
    """The help desk after a camp: reps' questions, answers, and a summary."""


@helpdesk.command(name="ask")
@click.argument("camp_name", metavar="CAMP")
@click.option("--employee-id", "employee_id", required=True, help="Who asks (on the roster).")
@click.option("--channel", default="phone", show_default=True,
              help="How it came in: phone, wechat, email or visit.")
@click.option("--question", required=True, help="The question, in the rep's words.")
@click.option("--category", help="login, master_data, calls, plans, events, quality or other.")
@click.option("--at", "received_at", metavar="TIME", help="When it came in (default now).")
@database_option
@friendly
def helpdesk_ask(
    camp_name: str, employee_id: str, channel: str, question: str, category: str | None,
    received_at: str | None, database: str | None,
) -> None:
    """Keep a rep's question to the help desk of camp CAMP."""
    from workbench.training.helpdesk import ask

    data = {"employee_id": employee_id, "channel": channel, "question": question,
            "category": category, "received_at": received_at}
    request_id = ask(open_database(database), camp_name, data)
    click.echo(f"question {request_id} kept; answer it with `workbench helpdesk answer "
               f"{request_id} --by NAME`")  # fmt: skip


@helpdesk.command(name="answer")
@click.argument("request_id", type=int)
@click.option("--by", "answered_by", required=True, help="Who answered.")
@click.option("--at", "answered_at", metavar="TIME", help="When (default now).")
@click.option("--open", "still_open", is_flag=True, help="Answered, but not resolved yet.")
@database_option
@friendly
def helpdesk_answer(
    request_id: int, answered_by: str, answered_at: str | None, still_open: bool,
    database: str | None,
) -> None:
    """Record the answer to question REQUEST_ID."""
    from workbench.training.helpdesk import answer

    answer(open_database(database), request_id,
           {"answered_by": answered_by, "answered_at": answered_at, "resolved": not still_open})
    click.echo(f"question {request_id} answered" + (" (still open)" if still_open else ""))


@helpdesk.command(name="summary")
@click.argument("camp_name", metavar="CAMP")
@database_option
@friendly
def helpdesk_summary(camp_name: str, database: str | None) -> None:
    """When questions come in, how long they wait, what is open, what comes up most."""
    from workbench.training.helpdesk import summarise

    s = summarise(open_database(database), camp_name)
    click.echo(f"camp {camp_name}: {s.total} questions, median wait {s.median_minutes:.0f} min, "
               f"{len(s.open)} open, {s.outside_window} outside 8:30–22:00")
    click.echo("most asked: " + ", ".join(
        f"{r.category} {r.questions} ({r.share:.0%})" for r in s.categories.itertuples()))
    busiest = s.by_hour.sum(axis=0)
    click.echo("busiest hours: " + ", ".join(
        f"{h}:00 ({n})" for h, n in busiest.sort_values(ascending=False).head(3).items()))
    for r in s.open.itertuples():
        click.echo(f"  open {r.request_id}: {r.received_at:%Y-%m-%d %H:%M} {r.name} "
                   f"[{r.category}] {r.question}")  # fmt: skip
