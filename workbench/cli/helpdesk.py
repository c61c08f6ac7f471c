"""``workbench helpdesk``: reps' questions after a camp, their answers, and a summary."""

from __future__ import annotations

import click

from workbench.cli._common import database_option, friendly, open_database, said, say

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
    say("cli.say.question_kept", id=request_id)


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
    say("cli.say.question_answered_open" if still_open else "cli.say.question_answered",
        id=request_id)  # fmt: skip


@helpdesk.command(name="summary")
@click.argument("camp_name", metavar="CAMP")
@database_option
@friendly
def helpdesk_summary(camp_name: str, database: str | None) -> None:
    """When questions come in, how long they wait, what is open, what comes up most."""
    from workbench.training.helpdesk import summarise

    s = summarise(open_database(database), camp_name)
    say("cli.say.helpdesk_summary", camp=camp_name, total=s.total, median=s.median_minutes,
        open=len(s.open), outside=s.outside_window)  # fmt: skip
    # the categories are the codes `--category` takes, the same in every language
    sep = said("cli.say.list_separator")
    say("cli.say.most_asked", categories=sep.join(
        said("cli.say.category_count", category=r.category, questions=r.questions, share=r.share)
        for r in s.categories.itertuples()))  # fmt: skip
    busiest = s.by_hour.sum(axis=0)
    say("cli.say.busiest_hours", hours=sep.join(
        said("cli.say.hour_count", hour=h, n=n)
        for h, n in busiest.sort_values(ascending=False).head(3).items()))  # fmt: skip
    for r in s.open.itertuples():
        say("cli.say.open_question", id=r.request_id, at=f"{r.received_at:%Y-%m-%d %H:%M}",
            name=r.name, category=r.category, question=r.question)  # fmt: skip
