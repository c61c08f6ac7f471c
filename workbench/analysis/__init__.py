"""The analyst's library: segments and call activity over data cuts (or pandas frames).

>>> import workbench
>>> from workbench import analysis
>>> cut = workbench.cut(workbench.connect())                       # doctest: +SKIP
>>> analysis.concentration(cut, value="amount", by="hospital", period=2025).n_for_share(0.8)
... # doctest: +SKIP
"""

from workbench.analysis._source import DIMENSIONS, MEASURES, Period, period_of
from workbench.analysis.activity import (
    CallFrequency,
    HandoverPack,
    InvitationConflicts,
    Turnover,
    call_frequency,
    calls_vs_goal,
    growth,
    handover_pack,
    invitation_conflicts,
    plan_conflicts,
    reach_frequency,
    turnover,
    under_served,
)
from workbench.analysis.segments import (
    DEFAULT_GOALS,
    DEFAULT_SEGMENTS,
    Clusters,
    Concentration,
    Deciles,
    PotentialAdoption,
    cluster_doctors,
    concentration,
    deciles,
    doctor_goals,
    engagement,
    potential_adoption,
    segment_migration,
)

__all__ = [
    "DEFAULT_GOALS",
    "DEFAULT_SEGMENTS",
    "DIMENSIONS",
    "MEASURES",
    "CallFrequency",
    "Clusters",
    "Concentration",
    "Deciles",
    "HandoverPack",
    "InvitationConflicts",
    "Period",
    "PotentialAdoption",
    "Turnover",
    "call_frequency",
    "calls_vs_goal",
    "cluster_doctors",
    "concentration",
    "deciles",
    "doctor_goals",
    "engagement",
    "growth",
    "handover_pack",
    "invitation_conflicts",
    "period_of",
    "plan_conflicts",
    "potential_adoption",
    "reach_frequency",
    "segment_migration",
    "turnover",
    "under_served",
]
