from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationAdmin
from simple_history.admin import SimpleHistoryAdmin

from .models import PhoneLine, Unit


class PhoneLineInline(admin.TabularInline):
    model = PhoneLine
    extra = 1
    fields = ("kind", "number", "extensions", "position")


@admin.register(Unit)
class UnitAdmin(SimpleHistoryAdmin, TranslationAdmin):
    list_display = (
        "name",
        "acronym",
        "kind",
        "parent",
        "floor",
        "office",
        "updated_at",
    )
    list_filter = ("kind", "parent")
    list_select_related = ("parent",)
    search_fields = ("name", "acronym", "street", "lines__number", "lines__extensions")
    ordering = ("parent__position", "position", "name")
    prepopulated_fields = {"slug": ("name_es",)}
    inlines = [PhoneLineInline]
    fieldsets = [
        (None, {"fields": ("name", "acronym", "slug", "kind", "parent", "position")}),
        (_("Description"), {"fields": ("description",)}),
        (
            _("Address"),
            {"fields": ("street", "floor", "office", "postcode", "city", "country")},
        ),
        (_("E-mail"), {"fields": ("email",)}),
    ]
    history_list_display = ("name", "kind", "floor", "office")
