"""The admin of calls for proposals: a directorate opens a call before a joint
commission, and reviewers see the proposals each call received.

A call belongs to a directorate, as its joint commissions: staff change those of
the directorates they work in, coordinators all of them
(``accounts.permissions.editable_in_directorates``)."""

from django.contrib import admin
from django.db.models import Count, Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from accounts import permissions
from projects.admin_programmes import DirectorateRowsAdmin
from projects.models import JointCommission, Programme

from .models import Call, Proposal

Status = Proposal.Status
# A call's state, as a feminine noun in Spanish ("convocatoria abierta").
STATES = {
    "open": pgettext_lazy("call", "Open"),
    "upcoming": pgettext_lazy("call", "Not open yet"),
    "closed": pgettext_lazy("call", "Closed"),
}


class CallStateFilter(admin.SimpleListFilter):
    title = _("state")
    parameter_name = "state"

    def lookups(self, request, model_admin):
        return [
            ("open", STATES["open"]),
            ("upcoming", STATES["upcoming"]),
            ("closed", STATES["closed"]),
        ]

    def queryset(self, request, queryset):
        today = timezone.localdate()
        return {
            "open": lambda: queryset.open(today),
            "upcoming": lambda: queryset.filter(opens_on__gt=today),
            "closed": lambda: queryset.filter(closes_on__lt=today),
        }.get(self.value(), lambda: queryset)()


@admin.register(Call)
class CallAdmin(DirectorateRowsAdmin):
    list_display = (
        "title",
        "country",
        "opens_on",
        "closes_on",
        "state",
        "received",
        "accepted",
    )
    list_filter = (CallStateFilter, "directorate", "country")
    list_select_related = ("country",)
    search_fields = ("title", "description", "country__name_es", "country__name_en")
    autocomplete_fields = ("country", "commission", "programme", "provinces")
    date_hierarchy = "closes_on"
    readonly_fields = ("proposal_list",)
    fieldsets = [
        (None, {"fields": ("title", "country", "directorate")}),
        (_("Dates"), {"fields": (("opens_on", "closes_on"),)}),
        (_("What it asks for"), {"fields": ("description", "eligible", "provinces")}),
        (
            _("Joint commission and programme"),
            {"fields": ("commission", "programme")},
        ),
        (_("Proposals received"), {"fields": ("proposal_list",)}),
    ]

    def get_queryset(self, request):
        sent = ~Q(proposals__status=Status.DRAFT)
        return (
            super()
            .get_queryset(request)
            .annotate(
                received_count=Count("proposals", filter=sent),
                accepted_count=Count(
                    "proposals", filter=Q(proposals__status=Status.ACCEPTED)
                ),
            )
        )

    @admin.display(description=_("state"))
    def state(self, call):
        if call.is_open():
            return STATES["open"]
        return STATES["closed"] if call.has_closed() else STATES["upcoming"]

    def get_list_display(self, request):
        """Who may read proposals gets the count as a link to them."""
        if permissions.may_read_proposals(request.user):
            return tuple(
                "received_link" if name == "received" else name
                for name in self.list_display
            )
        return self.list_display

    @admin.display(description=_("proposals received"), ordering="received_count")
    def received(self, call):
        return call.received_count

    @admin.display(description=_("proposals received"), ordering="received_count")
    def received_link(self, call):
        if not call.received_count:
            return 0
        return format_html(
            '<a href="{}?{}">{}</a>',
            reverse("admin:proposals_proposal_changelist"),
            urlencode({"call__id__exact": call.pk}),
            call.received_count,
        )

    @admin.display(description=_("accepted"), ordering="accepted_count")
    def accepted(self, call):
        return call.accepted_count

    def get_object(self, request, object_id, from_field=None):
        call = super().get_object(request, object_id, from_field)
        if call is not None:
            call.viewer = request.user  # whose proposals the list may show
        return call

    @admin.display(description=_("proposals"))
    def proposal_list(self, call):
        if call.pk is None:
            return _("The proposals appear here once the call is saved.")
        proposals = permissions.visible_proposals(
            call.viewer, call.proposals.all()
        ).select_related("province", "project")
        counts = (
            call.proposals.exclude(status=Status.DRAFT)
            .values_list("status")
            .annotate(count=Count("pk"))
            .order_by("status")
        )
        return render_to_string(
            "admin/proposals/call/proposals.html",
            {
                "proposals": proposals,
                "counts": [(Status(status).label, count) for status, count in counts],
                "drafts": call.proposals.filter(status=Status.DRAFT).count(),
            },
        )

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "directorate":
            kwargs["queryset"] = permissions.directorates_of(request.user)
        elif db_field.name == "commission":
            kwargs["queryset"] = permissions.editable_in_directorates(
                request.user, JointCommission.objects.all()
            )
        elif db_field.name == "programme":
            kwargs["queryset"] = permissions.editable_in_directorates(
                request.user, Programme.objects.all()
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)
