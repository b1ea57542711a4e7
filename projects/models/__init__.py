from .project import (
    Budget,
    Document,
    Indicator,
    Participation,
    Project,
    ProjectSector,
    Result,
)
from .proposal import Proposal, ProposalAttachment, ProposalEvent
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
    "Proposal",
    "ProposalAttachment",
    "ProposalEvent",
    "Result",
    "SdgGoal",
    "SdgTarget",
    "Sector",
    "SectorCategory",
    "SegibArea",
    "SegibSector",
]
