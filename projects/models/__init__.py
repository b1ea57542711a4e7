from .documents import Document
from .money import Budget, budget_totals
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

__all__ = [
    "Budget",
    "Currency",
    "Document",
    "DocumentCategory",
    "Indicator",
    "Participation",
    "Project",
    "ProjectSector",
    "Result",
    "SdgGoal",
    "SdgTarget",
    "Sector",
    "SectorCategory",
    "SegibArea",
    "SegibSector",
    "budget_totals",
]
