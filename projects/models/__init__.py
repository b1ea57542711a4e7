from .project import (
    Budget,
    Document,
    Indicator,
    Participation,
    Project,
    ProjectSector,
    Result,
    budget_totals,
)
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
