from .documents import Document
from .missions import Mission
from .money import Budget, budget_totals
from .programmes import JointCommission, Programme
from .project import Participation, Project
from .reference import (
    Currency,
    DocumentCategory,
    SdgGoal,
    SdgTarget,
    Sector,
    SectorCategory,
    SegibArea,
    SegibSector,
)
from .results import Indicator, Result
from .sectors import ProjectSector
from .subnational import SubnationalParticipation

__all__ = [
    "Budget",
    "Currency",
    "Document",
    "DocumentCategory",
    "Indicator",
    "JointCommission",
    "Mission",
    "Participation",
    "Programme",
    "Project",
    "ProjectSector",
    "Result",
    "SdgGoal",
    "SdgTarget",
    "Sector",
    "SectorCategory",
    "SegibArea",
    "SegibSector",
    "SubnationalParticipation",
    "budget_totals",
]
