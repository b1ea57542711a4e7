from django.contrib import admin, messages
from django.db.models import Exists, OuterRef
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from modeltranslation.admin import TranslationAdmin, TranslationTabularInline

from accounts import permissions
from partners.models import Country
from partners.spreadsheet_admin import SpreadsheetAdmin

from . import (
    admin_programmes,  # noqa: F401  (registers joint commissions and programmes)
    admin_references,  # noqa: F401  (registers the reference lists)
    admin_rows,  # noqa: F401  (registers missions and transactions)
    facets,
    publishing,
)
from .admin_forms import (
    DocumentForm,
    KeepsWorkAdmin,
    ParticipationFormSet,
    SectorFormSet,
)
from .admin_iati_fields import BeneficiaryInline, IndicatorInline, PolicyMarkerInline
from .admin_missions import MissionInline
from .admin_rekey import rekey_iati_identifier
from .admin_subnational import LocationInline, SubnationalInline
from .admin_transactions import TransactionInline
from .history_admin import SavesHistoryAdmin
from .locking import RowsRaiseVersion
from .models import (
    Budget,
    Document,
    Participation,
    Project,
    ProjectSector,
    Result,
)
from .models.subnational import add_row_provinces
from .publishing_admin import (
    ProjectForm,
    PublicationRefused,
    SubmittedRowsFormSet,
    checklist_html,
    publish_ready,
)
from .resources import ProjectResource


class ParticipationInline(admin.TabularInline):
    model = Participation
    formset = ParticipationFormSet
    extra = 1
    autocomplete_fields = ("country", "organisation", "currency")
    fields = (
        "country",
        "organisation",
        "segib_role",
        "iati_role",
        "amount",
        "in_kind_amount",
        "currency",
        "position",
    )


class SectorInline(admin.TabularInline):
    model = ProjectSector
    formset = SectorFormSet
    extra = 1
    autocomplete_fields = ("sector",)


class BudgetInline(admin.TabularInline):
    model = Budget
    formset = SubmittedRowsFormSet
    extra = 0
    autocomplete_fields = ("currency",)
    fields = (
        "period_start",
        "period_end",
        "value",
        "currency",
        "value_date",
        "type",
        "status",
    )


class DocumentInline(TranslationTabularInline):
    model = Document
    form = DocumentForm  # keeps a chosen file when the save fails elsewhere
    formset = SubmittedRowsFormSet
    extra = 0
    fields = ("title", "category", "language", "file", "url", "position")


class ResultInline(TranslationTabularInline):
    model = Result
    formset = SubmittedRowsFormSet
    extra = 0
    fields = ("title", "type", "position", "indicators_link")
    readonly_fields = ("indicators_link",)

    @admin.display(description=_("Indicators"))
    def indicators_link(self, result):
        if not result.pk:
            return "—"
        return format_html(
            '<a href="{}">{}</a>',
            reverse("admin:projects_result_change", args=[result.pk]),
            _("Edit indicators"),
        )


class PartnerCountryFilter(admin.SimpleListFilter):
    """Countries that take part in some project; the list is cached like the
    catalogue's counts, since it is costly to find among many projects."""

    title = _("partner country")
    parameter_name = "country"

    def lookups(self, request, model_admin):
        codes = facets.cached(
            {"admin": "partner-countries"},
            lambda: sorted(
                Participation.objects.filter(country__isnull=False)
                .order_by()  # the default ordering would defeat DISTINCT
                .values_list("country__code", flat=True)
                .distinct()
            ),
        )
        return Country.objects.filter(code__in=codes).values_list("code", "name")

    def queryset(self, request, queryset):
        if not self.value():
            return queryset
        return queryset.filter(
            Exists(
                Participation.objects.filter(
                    project=OuterRef("pk"), country__code=self.value()
                )
            )
        )


@admin.register(Project)
class ProjectAdmin(
    KeepsWorkAdmin, SpreadsheetAdmin, SavesHistoryAdmin, TranslationAdmin
):
    form = ProjectForm
    # Extended by import-export's own change list (see init_change_list_template).
    change_list_template = "admin/projects/project/change_list.html"
    resource_classes = [ProjectResource]
    list_display = (
        "title",
        "modality",
        "status",
        "partner_countries",
        "directorate",
        "publication",
        "updated_at",
    )
    list_filter = (
        "modality",
        "is_decentralised",
        "status",
        "publication",
        "directorate",
        PartnerCountryFilter,
        "updated_at",
        "segib_sector__area",
        "is_sample",
    )
    list_select_related = ("directorate", "programme")
    search_fields = ("title_es", "title_en", "fo_ar_number")
    search_help_text = _(
        "Searches titles and summaries in both languages, partner names and the "
        "FO.AR number; accents do not matter."
    )
    date_hierarchy = "planned_start"
    ordering = ("-updated_at",)
    show_full_result_count = False  # one COUNT per page, not two
    actions = ["publish", "archive", rekey_iati_identifier]
    autocomplete_fields = (
        "segib_sector",
        "provinces",
        "blocs",
        "sdg_targets",
        "programme",
    )
    filter_horizontal = ("sdg_goals",)
    prepopulated_fields = {"slug": ("title_es",)}
    readonly_fields = (
        "publication_checklist",
        "iati_identifier",
        "created_at",
        "updated_at",
    )
    inlines = [
        ParticipationInline,
        SectorInline,
        BudgetInline,
        DocumentInline,
        ResultInline,
        MissionInline,
        PolicyMarkerInline,
        BeneficiaryInline,
        TransactionInline,
        SubnationalInline,
        LocationInline,
    ]
    fieldsets = [
        (_("Ready to publish"), {"fields": ("publication_checklist",)}),
        (
            _("Title and texts"),
            {"fields": ("title", "summary", "description", "objectives")},
        ),
        (
            _("Classification"),
            {
                "fields": (
                    ("modality", "is_decentralised"),
                    "instrument",
                    "status",
                    "segib_sector",
                    "main_sdg",
                    "sdg_goals",
                    "sdg_targets",
                )
            },
        ),
        (
            _("IATI defaults"),
            {
                "fields": (
                    ("default_flow_type", "default_finance_type"),
                    ("default_aid_type", "default_tied_status"),
                )
            },
        ),
        (_("Beneficiaries"), {"fields": ("target_groups",)}),
        (
            _("Dates"),
            {
                "fields": (
                    ("planned_start", "planned_end"),
                    ("actual_start", "actual_end"),
                )
            },
        ),
        (_("Where"), {"fields": ("provinces", "blocs")}),
        (_("Joint commission"), {"fields": (("programme", "approved_on"),)}),
        (
            _("Ownership and publication"),
            {"fields": ("directorate", "fo_ar_number", "publication", "slug")},
        ),
        (
            _("Record"),
            {
                "classes": ("collapse",),
                "fields": ("iati_identifier", "created_at", "updated_at"),
            },
        ),
    ]
    history_list_display = ("status", "publication")

    def get_queryset(self, request):
        """What the user sees in the admin: its list, pages, history and export."""
        return permissions.admin_projects(
            request.user, super().get_queryset(request)
        ).prefetch_related("participations__country")

    @admin.display(description=_("Publish checklist"))
    def publication_checklist(self, project):
        return checklist_html(project)

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except PublicationRefused as refused:  # rolled back: nothing was saved
            self.message_user(
                request,
                _("Nothing was saved: the project cannot be published yet. %(missing)s")
                % {"missing": " ".join(refused.missing)},
                messages.ERROR,
            )
            return HttpResponseRedirect(request.get_full_path())

    def changelist_view(self, request, extra_context=None):
        extra_context = {
            "left_out_of_iati": publishing.left_out_of_iati(),
            **(extra_context or {}),
        }
        return super().changelist_view(request, extra_context)

    @admin.display(description=_("partner countries"))
    def partner_countries(self, project):
        return ", ".join(
            participation.country.name
            for participation in project.participations.all()
            if participation.country_id
        )

    def get_search_results(self, request, queryset, search_term):
        if not search_term:
            return queryset, False
        return queryset.search(search_term), False

    # Object permissions: staff edit their directorates' projects; coordinators
    # (projects.change_all_projects) and superusers edit all.
    def can_edit(self, request, project):
        return permissions.may_change_project(request.user, project)

    def has_change_permission(self, request, obj=None):
        allowed = super().has_change_permission(request, obj)
        return allowed and (obj is None or self.can_edit(request, obj))

    def has_view_permission(self, request, obj=None):
        allowed = super().has_view_permission(request, obj)
        return allowed and (
            obj is None
            or permissions.admin_projects(
                request.user, Project.objects.filter(pk=obj.pk)
            ).exists()
        )

    def may_revert(self, request, current, version):
        return permissions.may_revert_to(request.user, current, version)

    def has_import_permission(self, request):
        return permissions.may_import_projects(request.user, Project)

    def has_export_permission(self, request):
        return permissions.may_export(request.user, Project)

    def has_delete_permission(self, request, obj=None):
        allowed = super().has_delete_permission(request, obj)
        return allowed and (obj is None or self.can_edit(request, obj))

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "directorate":
            kwargs["queryset"] = permissions.directorates_of(request.user)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def has_add_permission(self, request):
        return (
            super().has_add_permission(request)
            and permissions.directorates_of(request.user).exists()
        )

    def save_model(self, request, obj, form, change):
        if obj.directorate_id is None and not permissions.is_coordinator(request.user):
            obj.directorate = permissions.directorates_of(request.user).first()
        super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        project = form.instance
        # The provinces its rows name, which the form saved before the rows.
        add_row_provinces(project)
        # The goals of its targets are among the project's goals (its main goal
        # is kept there by the model: classification.main_sdg_kept).
        project.sdg_goals.add(*{target.goal_id for target in project.sdg_targets.all()})
        # ProjectForm checked the rows as submitted; this checks them as saved
        # (read again: the object's prefetched rows are the old ones), inside the
        # change form's transaction, which the exception rolls back.
        if publishing.published(project) and (
            missing := publishing.missing_for_publication(
                Project.objects.get(pk=project.pk)
            )
        ):
            raise PublicationRefused(missing)

    # Offered to those who may change projects (not to readers who work in a
    # directorate); each project is then checked (set_publication).
    @admin.action(
        description=_("Publish the selected projects"), permissions=["change"]
    )
    def publish(self, request, queryset):
        """Publishes those whose publish checklist passes and names the others."""
        self.set_publication(request, queryset, Project.Publication.PUBLISHED)

    @admin.action(
        description=_("Archive the selected projects"), permissions=["change"]
    )
    def archive(self, request, queryset):
        self.set_publication(request, queryset, Project.Publication.ARCHIVED)

    def set_publication(self, request, queryset, publication):
        editable = queryset.filter(
            pk__in=permissions.editable_projects(
                request.user, Project.objects.all()
            ).values("pk")
        )
        if publication == Project.Publication.PUBLISHED:
            changed = publish_ready(self, request, publishing.with_rows(editable))
            refused = editable.count() - changed
        else:
            changed = refused = 0
            for project in editable:
                project.publication = publication
                project.save(update_fields=["publication", "updated_at"])
                changed += 1
        if changed or not refused:
            self.message_user(
                request,
                ngettext(
                    "%(count)d project updated.", "%(count)d projects updated.", changed
                )
                % {"count": changed},
                messages.SUCCESS,
            )
        if skipped := queryset.count() - changed - refused:
            self.message_user(
                request,
                ngettext(
                    "%(count)d project was left as it was: it belongs to another "
                    "directorate.",
                    "%(count)d projects were left as they were: they belong to another "
                    "directorate.",
                    skipped,
                )
                % {"count": skipped},
                messages.WARNING,
            )


@admin.register(Result)
class ResultAdmin(RowsRaiseVersion, SavesHistoryAdmin, TranslationAdmin):
    list_display = ("title", "project", "type")
    list_select_related = ("project",)
    search_fields = ("title_es", "title_en", "project__title_es")
    autocomplete_fields = ("project",)
    inlines = [IndicatorInline]

    def has_module_permission(self, request):
        return False  # reached from the project's page

    # A result is changed, added and deleted by those who may change its project.
    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .filter(
                project__in=permissions.admin_projects(
                    request.user, Project.objects.all()
                )
            )
        )

    def has_view_permission(self, request, obj=None):
        """Its project must be one the user sees (the history of a result of
        another directorate's draft is not theirs to read)."""
        allowed = super().has_view_permission(request, obj)
        return allowed and (
            obj is None
            or permissions.admin_projects(
                request.user, Project.objects.filter(pk=obj.project_id)
            ).exists()
        )

    def has_change_permission(self, request, obj=None):
        allowed = super().has_change_permission(request, obj)
        return allowed and (
            obj is None or permissions.may_change_project(request.user, obj.project)
        )

    def has_delete_permission(self, request, obj=None):
        allowed = super().has_delete_permission(request, obj)
        return allowed and (
            obj is None or permissions.may_change_project(request.user, obj.project)
        )

    def has_add_permission(self, request):
        return (
            super().has_add_permission(request)
            and permissions.directorates_of(request.user).exists()
        )

    def may_revert(self, request, current, version):
        return permissions.may_change_project(request.user, version.project)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "project":
            kwargs["queryset"] = permissions.editable_projects(
                request.user, Project.objects.all()
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)
