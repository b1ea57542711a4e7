"""IATI codelists a project picks its defaults and policy markers from.

The codes are IATI's (version 2.03 codelists, active codes only); the labels are
ours, in English with their Spanish in the catalogue, since IATI publishes its
codelists in English and French only.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class FlowType(models.TextChoices):
    """IATI FlowType (active codes)."""

    ODA = "10", _("ODA (official development assistance)")
    OOF_NON_EXPORT = "21", _("Non-export credit official flows (OOF)")
    EXPORT_CREDITS = "22", _("Officially supported export credits")
    PRIVATE_DEVELOPMENT = "30", _("Private development finance")
    PRIVATE_FDI = "36", _("Private foreign direct investment")
    PRIVATE_MARKET = "37", _("Other private flows at market terms")
    NON_FLOW = "40", _("Non flow")
    OTHER = "50", _("Other flows")


class FinanceType(models.TextChoices):
    """IATI FinanceType: the active codes an activity can carry. Left out: the
    aggregates of category 0 (GNI, population: not a finance type of an activity)
    and the debt relief codes (categories 600), which DGCIN does not grant."""

    STANDARD_GRANT = "110", _("Standard grant")
    INTEREST_SUBSIDY = "210", _("Interest subsidy")
    CAPITAL_DEPOSIT = "310", _("Capital subscription on deposit basis")
    CAPITAL_ENCASHMENT = "311", _("Capital subscription on encashment basis")
    STANDARD_LOAN = "421", _("Standard loan")
    REIMBURSABLE_GRANT = "422", _("Reimbursable grant")
    BONDS = "423", _("Bonds")
    ASSET_BACKED = "424", _("Asset-backed securities")
    OTHER_DEBT = "425", _("Other debt securities")
    SUBORDINATED_LOAN = "431", _("Subordinated loan")
    PREFERRED_EQUITY = "432", _("Preferred equity")
    OTHER_HYBRID = "433", _("Other hybrid instruments")
    COMMON_EQUITY = "510", _("Common equity")
    COLLECTIVE_INVESTMENT = "520", _("Shares in collective investment vehicles")
    REINVESTED_EARNINGS = "530", _("Reinvested earnings")
    GUARANTEES = "1100", _("Guarantees/insurance")


class AidType(models.TextChoices):
    """IATI AidType, vocabulary 1 (OECD DAC), active codes."""

    A01 = "A01", _("General budget support")
    A02 = "A02", _("Sector budget support")
    B01 = (
        "B01",
        _("Core support to NGOs, other private bodies, PPPs and research institutes"),
    )
    B02 = "B02", _("Core contributions to multilateral institutions and global funds")
    B021 = "B021", _("Core contributions to multilateral institutions")
    B022 = "B022", _("Core contributions to global funds")
    B03 = (
        "B03",
        _(
            "Contributions to specific-purpose programmes and funds managed "
            "by implementing partners"
        ),
    )
    B031 = "B031", _("Contributions to multi-donor/multi-entity funding mechanisms")
    B032 = "B032", _("Contributions to multi-donor/single-entity funding mechanisms")
    B033 = (
        "B033",
        _(
            "Contributions to single-donor funding mechanisms and "
            "earmarked contributions"
        ),
    )
    B04 = "B04", _("Basket funds/pooled funding")
    C01 = "C01", _("Project-type interventions")
    D01 = "D01", _("Donor country personnel")
    D02 = "D02", _("Other technical assistance")
    E01 = "E01", _("Scholarships/training in donor country")
    E02 = "E02", _("Imputed student costs")
    F01 = "F01", _("Debt relief")
    G01 = "G01", _("Administrative costs not included elsewhere")
    H01 = "H01", _("Development awareness")
    H02 = "H02", _("Refugees/asylum seekers in donor countries")
    H03 = "H03", _("Asylum-seekers ultimately accepted")
    H04 = "H04", _("Asylum-seekers ultimately rejected")
    H05 = "H05", _("Recognised refugees")
    H06 = "H06", _("Refugees and asylum seekers in other provider countries")


class TiedStatus(models.TextChoices):
    """IATI TiedStatus."""

    PARTIALLY_TIED = "3", _("Partially tied")
    TIED = "4", _("Tied")
    UNTIED = "5", _("Untied")


class PolicyMarkerCode(models.TextChoices):
    """IATI PolicyMarker, vocabulary 1 (OECD DAC CRS)."""

    GENDER = "1", _("Gender equality")
    ENVIRONMENT = "2", _("Aid to environment")
    GOVERNANCE = "3", _("Participatory development/good governance")
    TRADE = "4", _("Trade development")
    BIODIVERSITY = "5", _("Biological diversity")
    CLIMATE_MITIGATION = "6", _("Climate change mitigation")
    CLIMATE_ADAPTATION = "7", _("Climate change adaptation")
    DESERTIFICATION = "8", _("Desertification")
    RMNCH = "9", _("Reproductive, maternal, newborn and child health")
    DISASTER_RISK = "10", _("Disaster risk reduction")
    DISABILITY = "11", _("Disability")
    NUTRITION = "12", _("Nutrition")


class PolicySignificance(models.TextChoices):
    """IATI PolicySignificance. 3 is for the desertification marker (and the
    RMNCH marker's 0 to 4 scale), 4 for the RMNCH marker only."""

    NOT_TARGETED = "0", pgettext_lazy("policy marker", "Not targeted")
    SIGNIFICANT = "1", pgettext_lazy("policy marker", "Significant objective")
    PRINCIPAL = "2", pgettext_lazy("policy marker", "Principal objective")
    ACTION_PROGRAMME = (
        "3",
        _("Principal objective and in support of an action programme"),
    )
    EXPLICIT_PRIMARY = "4", _("Explicit primary objective")


# Which markers may carry significance 3 and 4 (PolicySignificance's descriptions).
SIGNIFICANCE_MARKERS = {
    PolicySignificance.ACTION_PROGRAMME: {
        PolicyMarkerCode.DESERTIFICATION,
        PolicyMarkerCode.RMNCH,
    },
    PolicySignificance.EXPLICIT_PRIMARY: {PolicyMarkerCode.RMNCH},
}


class GeographicExactness(models.TextChoices):
    """IATI GeographicExactness: how exactly a location's point is known."""

    EXACT = "1", _("Exact")
    APPROXIMATE = "2", _("Approximate")


class GeographicLocationClass(models.TextChoices):
    """IATI GeographicLocationClass: what kind of place a location is."""

    ADMINISTRATIVE_REGION = "1", _("Administrative region")
    POPULATED_PLACE = "2", _("Populated place")
    STRUCTURE = "3", _("Structure")
    TOPOGRAPHICAL_FEATURE = "4", _("Other topographical feature")
