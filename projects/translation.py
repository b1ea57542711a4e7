"""Translated content fields; history is registered here so it records them too."""

from modeltranslation.translator import TranslationOptions, register
from simple_history import register as register_history

from .history import SavedTogether
from .models import (
    Beneficiary,
    Budget,
    Currency,
    Document,
    DocumentCategory,
    Indicator,
    IndicatorPeriod,
    JointCommission,
    Location,
    Mission,
    Participation,
    PolicyMarker,
    Programme,
    Project,
    ProjectSector,
    Result,
    SdgGoal,
    SdgTarget,
    Sector,
    SectorCategory,
    SegibArea,
    SegibSector,
    SubnationalParticipation,
    Transaction,
)


class NameTranslationOptions(TranslationOptions):
    fields = ("name",)
    required_languages = ("es",)


for model in (
    SectorCategory,
    Sector,
    SegibArea,
    SegibSector,
    SdgTarget,
    Currency,
    DocumentCategory,
):
    register(model)(
        type(f"{model.__name__}TranslationOptions", (NameTranslationOptions,), {})
    )


@register(SdgGoal)
class SdgGoalTranslationOptions(TranslationOptions):
    fields = ("name", "short_name")
    required_languages = ("es",)


@register(Project)
class ProjectTranslationOptions(TranslationOptions):
    fields = ("title", "summary", "description", "objectives", "target_groups")
    required_languages = ("es",)


@register(Document)
class DocumentTranslationOptions(TranslationOptions):
    fields = ("title",)
    required_languages = ("es",)


@register(Result)
class ResultTranslationOptions(TranslationOptions):
    fields = ("title", "description")
    required_languages = ("es",)


@register(Indicator)
class IndicatorTranslationOptions(TranslationOptions):
    fields = ("title",)
    required_languages = ("es",)


@register(IndicatorPeriod)
class IndicatorPeriodTranslationOptions(TranslationOptions):
    fields = ("comment",)


@register(Beneficiary)
class BeneficiaryTranslationOptions(TranslationOptions):
    fields = ("description",)


@register(Mission)
class MissionTranslationOptions(TranslationOptions):
    fields = ("purpose",)
    required_languages = ("es",)


@register(Transaction)
class TransactionTranslationOptions(TranslationOptions):
    fields = ("description",)


@register(Programme)
class ProgrammeTranslationOptions(TranslationOptions):
    fields = ("title", "midterm_outcome")
    required_languages = ("es",)


# A project and its rows carry the save that wrote each record (projects/history.py).
register_history(
    Project,
    app=__package__,
    m2m_fields=["provinces", "blocs", "sdg_goals", "sdg_targets"],
    bases=[SavedTogether],
)
for model in (
    Participation,
    ProjectSector,
    Budget,
    Document,
    Result,
    Indicator,
    PolicyMarker,
    Beneficiary,
    IndicatorPeriod,
    Transaction,
    SubnationalParticipation,
    Location,
):
    register_history(model, app=__package__, bases=[SavedTogether])
# A change of a mission's institutions alone is a record of its own.
register_history(
    Mission, app=__package__, m2m_fields=["institutions"], bases=[SavedTogether]
)
for model in (
    SectorCategory,
    Sector,
    SegibArea,
    SegibSector,
    SdgGoal,
    SdgTarget,
    Currency,
    DocumentCategory,
    JointCommission,
    Programme,
):
    register_history(model, app=__package__)
