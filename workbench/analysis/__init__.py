"""The analyst's library over data cuts (or pandas frames), one module a noun.

``concentration`` (Pareto, ABC, Gini, deciles), ``segments`` (potential × adoption, goals,
migration), ``clusters`` (engagement), ``calls`` (frequency, goals, reach), ``conflicts``
(plans and invitations), ``turnover``, ``growth``, ``quality`` (data quality, entry delay
and the laptop refund rule); the clinical trial in ``trials`` (from a
cut), ``adam`` (derivations), ``rates`` and ``survival`` (statistics). Results with more
than a table are frozen dataclasses (:mod:`results`); :func:`shown` renders any of their
tables in the reader's language (``shown(result, "zh")``).

>>> import workbench
>>> from workbench import analysis
>>> cut = workbench.cut(workbench.connect())                       # doctest: +SKIP
>>> analysis.concentration(cut, value="amount", by="hospital", period=2025).n_for_share(0.8)
... # doctest: +SKIP
"""

from workbench.analysis._source import DIMENSIONS, MEASURES, Period, period_of
from workbench.analysis.calls import (
    CallFrequency,
    call_frequency,
    calls_vs_goal,
    reach_frequency,
    under_served,
)
from workbench.analysis.clusters import Clusters, cluster_doctors, engagement
from workbench.analysis.concentration import Concentration, Deciles, concentration, deciles
from workbench.analysis.conflicts import InvitationConflicts, invitation_conflicts, plan_conflicts
from workbench.analysis.growth import Growth, growth
from workbench.analysis.quality import (
    completeness,
    entry_delay,
    refund_eligibility,
    suspected_duplicates,
    weekly_calls,
)
from workbench.analysis.results import Table
from workbench.analysis.segments import (
    DEFAULT_GOALS,
    DEFAULT_SEGMENTS,
    PotentialAdoption,
    doctor_goals,
    potential_adoption,
    segment_migration,
)
from workbench.analysis.shown import Shown, shown
from workbench.analysis.turnover import HandoverPack, Turnover, handover_pack, turnover

__all__ = [
    "DEFAULT_GOALS",
    "DEFAULT_SEGMENTS",
    "DIMENSIONS",
    "MEASURES",
    "CallFrequency",
    "Clusters",
    "Concentration",
    "Deciles",
    "Growth",
    "HandoverPack",
    "InvitationConflicts",
    "Period",
    "PotentialAdoption",
    "Shown",
    "Table",
    "Turnover",
    "call_frequency",
    "calls_vs_goal",
    "cluster_doctors",
    "completeness",
    "concentration",
    "deciles",
    "doctor_goals",
    "engagement",
    "entry_delay",
    "growth",
    "handover_pack",
    "invitation_conflicts",
    "period_of",
    "plan_conflicts",
    "potential_adoption",
    "reach_frequency",
    "refund_eligibility",
    "segment_migration",
    "shown",
    "suspected_duplicates",
    "turnover",
    "under_served",
    "weekly_calls",
]
