from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationAdmin

from .collation import Collated
from .history_admin import HistoryAdmin
from .models import (
    Bloc,
    BlocMembership,
    Country,
    Organisation,
    Province,
    Region,
    Subdivision,
)
from .resources import (
    BlocMembershipResource,
    BlocResource,
    CountryResource,
    OrganisationResource,
    ProvinceResource,
    RegionResource,
)
from .spreadsheet_admin import SpreadsheetAdmin


class ReferenceAdmin(SpreadsheetAdmin, HistoryAdmin, TranslationAdmin):
    """Search, filters, CSV/XLSX import with a preview, export, and history."""


class PartnerAdmin(ReferenceAdmin):
    """Search (and so autocomplete) ignores accents and case and looks at both
    languages: "peru" finds "Perú"."""

    def get_search_results(self, request, queryset, search_term):
        if not search_term:
            return queryset, False
        return queryset.search(search_term), False


@admin.register(Region)
class RegionAdmin(ReferenceAdmin):
    resource_classes = [RegionResource]
    list_display = ("name", "parent", "iati_code", "position")
    list_filter = ("parent",)
    search_fields = ("name", "slug", "iati_code")
    ordering = ("position",)


@admin.register(Country)
class CountryAdmin(PartnerAdmin):
    resource_classes = [CountryResource]
    list_display = ("name", "code", "region", "is_active")
    list_filter = ("is_active", "region", "blocs")
    list_select_related = ("region",)
    list_editable = ("region", "is_active")
    search_fields = ("name_es", "name_en", "code")
    ordering = (Collated("name"),)


@admin.register(Province)
class ProvinceAdmin(ReferenceAdmin):
    resource_classes = [ProvinceResource]
    list_display = ("name", "code")
    search_fields = ("name_es", "name_en", "code")
    ordering = (Collated("name"),)


class BlocMembershipInline(admin.TabularInline):
    model = BlocMembership
    extra = 1
    autocomplete_fields = ("country",)
    fields = ("country", "status", "since", "until", "needs_review", "note", "source")


@admin.register(Bloc)
class BlocAdmin(PartnerAdmin):
    resource_classes = [BlocResource]
    list_display = ("acronym", "name", "kind", "founded")
    list_filter = ("kind",)
    search_fields = ("acronym_es", "acronym_en", "name_es", "name_en")
    inlines = [BlocMembershipInline]


@admin.register(BlocMembership)
class BlocMembershipAdmin(SpreadsheetAdmin, HistoryAdmin):
    resource_classes = [BlocMembershipResource]
    list_display = ("country", "bloc", "status", "since", "until", "needs_review")
    list_filter = ("bloc", "status", "needs_review", "country__region")
    list_select_related = ("country", "bloc")
    search_fields = (
        "country__name",
        "country__code",
        "bloc__acronym",
        "note",
        "source",
    )
    autocomplete_fields = ("country", "bloc")
    date_hierarchy = "since"


@admin.register(Organisation)
class OrganisationAdmin(PartnerAdmin):
    resource_classes = [OrganisationResource]
    list_display = (
        "name",
        "acronym",
        "kind",
        "country",
        "iati_type",
        "iati_identifier",
    )
    list_filter = (
        "kind",
        "iati_type",
        ("country", admin.RelatedOnlyFieldListFilter),
        "is_sample",
    )
    list_select_related = ("country",)
    search_fields = (
        "name_es",
        "name_en",
        "acronym_es",
        "acronym_en",
        "iati_identifier",
    )
    autocomplete_fields = ("country",)
    prepopulated_fields = {"slug": ("acronym_en",)}
    fieldsets = [
        (None, {"fields": ("name", "acronym", "slug", "kind")}),
        (_("Where and what"), {"fields": ("country", "website")}),
        (_("IATI"), {"fields": ("iati_type", "iati_identifier")}),
    ]


@admin.register(Subdivision)
class SubdivisionAdmin(HistoryAdmin, TranslationAdmin):
    """Foreign states, regions, departments and municipalities: first-level ones
    come from ISO 3166-2 (``load_partners``), staff add municipalities. Search
    (and so a project's autocomplete) ignores accents and case, in both
    languages, and also looks at the country's names."""

    list_display = ("name", "code", "kind", "country")
    list_filter = ("kind", ("country", admin.RelatedOnlyFieldListFilter))
    list_select_related = ("country",)
    search_fields = (
        "name_es",
        "name_en",
        "code",
        "country__name_es",
        "country__name_en",
    )
    autocomplete_fields = ("country",)
    ordering = (Collated("name"),)
    fields = ("country", "kind", "name", "code")

    def get_queryset(self, request):
        # Named with their country, in the list and in a project's autocomplete.
        return super().get_queryset(request).select_related("country")

    def get_search_results(self, request, queryset, search_term):
        if not search_term:
            return queryset, False
        return queryset.search(search_term), False
