from .classification import Beneficiary, PolicyMarker
from .documents import Document
from .facet_rows import FacetCount, FacetRow
from .iati_codes import AidType
from .identifiers import PreviousIdentifier
from .locations import Location
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
from .results import Indicator, IndicatorPeriod, Result
from .sectors import ProjectSector
from .subnational import SubnationalParticipation
from .transactions import Transaction

__all__ = [
    "AidType",
    "Beneficiary",
    "Budget",
    "Currency",
    "Document",
    "DocumentCategory",
    "FacetCount",
    "FacetRow",
    "Indicator",
    "IndicatorPeriod",
    "JointCommission",
    "Location",
    "Mission",
    "Participation",
    "PolicyMarker",
    "PreviousIdentifier",
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
    "Transaction",
    "budget_totals",
]
