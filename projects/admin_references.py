"""The reference lists projects pick from (DAC and SEGIB sectors, SDGs, currencies,
document categories), in the admin. Registered when ``projects.admin`` imports this
module."""

from django.contrib import admin
from modeltranslation.admin import TranslationAdmin

from partners.history_admin import HistoryAdmin

from .models import (
    Currency,
    DocumentCategory,
    SdgGoal,
    SdgTarget,
    Sector,
    SectorCategory,
    SegibSector,
)


class CodeListAdmin(HistoryAdmin, TranslationAdmin):
    list_display = ("code", "name")
    search_fields = ("code", "name_es", "name_en")


@admin.register(SectorCategory)
class SectorCategoryAdmin(CodeListAdmin):
    pass


@admin.register(Sector)
class SectorAdmin(CodeListAdmin):
    list_display = ("code", "name", "category")
    list_filter = ("category",)
    list_select_related = ("category",)


@admin.register(SdgGoal)
class SdgGoalAdmin(CodeListAdmin):
    list_display = ("number", "short_name", "name")
    search_fields = ("code", "short_name_es", "short_name_en", "name_es", "name_en")


@admin.register(SdgTarget)
class SdgTargetAdmin(CodeListAdmin):
    list_filter = ("goal",)


@admin.register(Currency)
class CurrencyAdmin(CodeListAdmin):
    list_display = ("code", "name", "is_offered", "withdrawn")
    list_filter = ("is_offered",)

    def get_search_results(self, request, queryset, search_term):
        """The budget and contribution pickers (the admin's autocomplete) offer only
        the currencies offered for new lines; a line keeps the one it has."""
        queryset, may_have_duplicates = super().get_search_results(
            request, queryset, search_term
        )
        match = getattr(request, "resolver_match", None)
        if match is not None and match.url_name == "autocomplete":
            queryset = queryset.filter(is_offered=True)
        return queryset, may_have_duplicates


@admin.register(DocumentCategory)
class DocumentCategoryAdmin(CodeListAdmin):
    pass


@admin.register(SegibSector)
class SegibSectorAdmin(HistoryAdmin, TranslationAdmin):
    list_display = ("name", "area")
    list_filter = ("area",)
    search_fields = ("name_es", "name_en", "slug")
