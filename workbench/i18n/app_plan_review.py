"""The messages of the Monday plan review: its screen, and the problems of a decision."""

from __future__ import annotations

__all__ = ["MESSAGES"]

MESSAGES: dict[str, dict[str, str]] = {
    "app.plan-review.title": {"zh": "周一计划审阅", "en": "Monday plan review"},
    "app.plan-review.text": {
        "zh": "按大区和周查看每位代表的周计划及其状态，发现重复拜访、重复邀请、超频拜访、"
        "无人计划的重点客户和未提交的计划；批准或附意见退回。",
        "en": "Each rep's weekly plan by region and week, with its status; catch doctors "
        "planned or invited by several reps, over-visits, key customers nobody planned and "
        "plans not submitted; approve, or return with a comment.",
    },
    # --- problems of a decision ----------------------------------------------------------
    "entry.not_for_review": {
        "zh": "这份计划的状态是「{status}」，只有已提交的计划可以审阅；请等代表提交后再审阅。",
        "en": "This plan is {status}; only a submitted plan can be reviewed. Wait until the "
        "rep submits it.",
    },
    "entry.not_a_manager": {
        "zh": "{name} 不是经理；请选择一位经理审阅计划。",
        "en": "{name} is not a manager; choose a manager to review the plan.",
    },
    "entry.other_region": {
        "zh": "{name} 不是 {rep} 所在大区的经理；请由本大区的经理审阅。",
        "en": "{name} manages another region than {rep}'s; a manager of {rep}'s region reviews it.",
    },
    # --- the screen ------------------------------------------------------------------------
    "review.title": {
        "zh": "周一计划审阅：{region}，{week} 这一周",
        "en": "Monday plan review: {region}, week of {week}",
    },
    "review.region": {"zh": "大区", "en": "Region"},
    "review.week": {"zh": "计划周", "en": "Week"},
    "review.reviewer": {"zh": "审阅人", "en": "Reviewer"},
    "review.live": {
        "zh": "数据来自数据库 {database}（实时），超频阈值：每月超过 {threshold} 次。",
        "en": "Live from the database {database}; over-visit rule: more than {threshold} "
        "calls a month.",
    },
    "review.summary": {
        "zh": "{reps} 位代表：{submitted} 份待审阅，{approved} 份已批准，{returned} 份已退回，"
        "{missing} 份未提交；{flags} 个提醒。",
        "en": "{reps} reps: {submitted} to review, {approved} approved, {returned} returned, "
        "{missing} not submitted; {flags} flags.",
    },
    "review.plans": {"zh": "各代表的计划", "en": "Each rep's plan"},
    "review.flags": {"zh": "提醒", "en": "Flags"},
    "review.no_flags": {"zh": "这一周没有提醒。", "en": "No flags this week."},
    "review.decide": {"zh": "审阅", "en": "Decide"},
    "review.plan": {"zh": "计划", "en": "Plan"},
    "review.comment": {"zh": "意见", "en": "Comment"},
    "review.comment_hint": {
        "zh": "退回时必填：告诉代表要改什么",
        "en": "Needed to return: tell the rep what to change",
    },
    "review.approve": {"zh": "批准", "en": "Approve"},
    "review.return": {"zh": "退回", "en": "Return"},
    "review.decided": {
        "zh": "{rep} 的计划：{status}。",
        "en": "{rep}'s plan: {status}.",
    },
    "review.nothing_to_decide": {"zh": "没有待审阅的计划。", "en": "No plan waits for review."},
    "review.col.rep": {"zh": "代表", "en": "Rep"},
    "review.col.status": {"zh": "状态", "en": "Status"},
    "review.col.calls": {"zh": "计划拜访", "en": "Planned calls"},
    "review.col.doctors": {"zh": "医生", "en": "Doctors"},
    "review.col.submitted": {"zh": "提交时间", "en": "Submitted"},
    "review.col.reviewed": {"zh": "审阅时间", "en": "Reviewed"},
    "review.col.comment": {"zh": "经理意见", "en": "Manager's comment"},
    "review.col.flags": {"zh": "提醒", "en": "Flags"},
    "review.col.kind": {"zh": "类型", "en": "Kind"},
    "review.col.doctor": {"zh": "医生", "en": "Doctor"},
    "review.col.detail": {"zh": "详情", "en": "Detail"},
    "review.flag.shared_doctor": {
        "zh": "多位代表计划同一医生",
        "en": "Doctor planned by several reps",
    },
    "review.flag.repeat_invitation": {"zh": "多位代表重复邀请", "en": "Invited by several reps"},
    "review.flag.over_visit": {"zh": "超频拜访", "en": "Over-visit"},
    "review.flag.key_unplanned": {"zh": "重点客户无人计划", "en": "Key customer nobody planned"},
    "review.flag.not_submitted": {"zh": "计划未提交", "en": "Plan not submitted"},
    "review.detail.shared_doctor": {"zh": "也由 {others} 计划", "en": "also planned by {others}"},
    "review.detail.repeat_invitation": {
        "zh": "{event}（{held}）：{reps} 都发了邀请",
        "en": "{event} ({held}): invited by {reps}",
    },
    "review.detail.over_visit": {
        "zh": "{month} 月已拜访 {calls} 次，又计划 {planned} 次，超过 {threshold} 次",
        "en": "{calls} calls in {month} and {planned} more planned: over {threshold}",
    },
    "review.detail.key_unplanned": {
        "zh": "潜力 {potential}（本大区前 {share:.0%}），近四周无人计划",
        "en": "potential {potential} (top {share:.0%} of the region), in no plan for four weeks",
    },
    "review.detail.not_submitted": {"zh": "状态：{status}", "en": "status: {status}"},
    "plan.status_banner": {
        "zh": "{week} 这一周的计划：{status}",
        "en": "Plan for the week of {week}: {status}",
    },
    "plan.manager_said": {"zh": "经理意见：{comment}", "en": "Your manager said: {comment}"},
    "plan.resubmit": {
        "zh": "计划已退回：请按意见修改后重新提交。",
        "en": "The plan was returned: change it as the comment says and submit it again.",
    },
}
