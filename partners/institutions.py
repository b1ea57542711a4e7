"""Executing institutions (issue 15): the organisations that carry a project out.

An executing institution is a project's participation with an organisation and the
IATI role Implementing. It is on the Argentine side when the organisation is in
Argentina (``HOME_COUNTRY``) or is an Argentine public body, and on the partner's
side when it is an organisation of another country; international bodies (no
country) are on neither. /partners/institutions/ lists the Argentine institutions
with the number of published projects they execute, so that each can point to its
international work.
"""

from django.conf import settings
from django.db.models import Count, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.utils.translation import gettext as _
from django.views.generic import ListView

from .collation import Collated
from .models import Organisation

# IATI OrganisationRole "Implementing".
IMPLEMENTING = "4"


def argentine_condition(prefix=""):
    """Q for Argentine organisations, optionally through a relation prefix."""
    return Q(**{f"{prefix}country__code": settings.HOME_COUNTRY}) | Q(
        **{f"{prefix}kind": Organisation.Kind.ARGENTINE_INSTITUTION}
    )


def is_argentine(organisation):
    """Whether ``organisation`` is on the Argentine side (its country loaded)."""
    return organisation.kind == Organisation.Kind.ARGENTINE_INSTITUTION or (
        organisation.country is not None
        and organisation.country.code == settings.HOME_COUNTRY
    )


def executing_sides(participations):
    """(Argentine, partner-country) organisations among the executing institutions
    of ``participations`` (with their organisation and its country loaded), each
    once, in the rows' order."""
    argentine, partner = {}, {}
    for participation in participations:
        organisation = participation.organisation
        if organisation is None or participation.iati_role != IMPLEMENTING:
            continue
        if is_argentine(organisation):
            argentine.setdefault(organisation.pk, organisation)
        elif organisation.country is not None:
            partner.setdefault(organisation.pk, organisation)
    return list(argentine.values()), list(partner.values())


def argentine_institutions():
    """Argentine organisations, each with ``project_count``: the published projects
    it executes. One query (partners imports nothing above it: the participations
    are reached through the relation)."""
    participations = Organisation._meta.get_field("participations").related_model
    executed = (
        participations.objects.filter(
            organisation=OuterRef("pk"),
            iati_role=IMPLEMENTING,
            project__publication="published",
        )
        .order_by()
        .values("organisation")
        .annotate(projects=Count("project", distinct=True))
        .values("projects")
    )
    return Organisation.objects.filter(argentine_condition()).annotate(
        project_count=Coalesce(Subquery(executed), 0)
    )


class InstitutionListView(ListView):
    """The Argentine institutions that execute published projects, with how many;
    ``?scope=all`` lists every Argentine institution."""

    template_name = "partners/institution_list.html"
    context_object_name = "institutions"

    def get(self, request, *args, **kwargs):
        self.notices = []
        scope = request.GET.get("scope", "")
        self.show_all = scope == "all"
        if scope and not self.show_all:
            self.notices.append(
                _(
                    "“%(scope)s” is not an option of this list; showing the "
                    "institutions with projects."
                )
                % {"scope": scope[:30]}
            )
        return super().get(request, *args, **kwargs)

    def get_queryset(self):
        institutions = argentine_institutions()
        if not self.show_all:
            institutions = institutions.filter(project_count__gt=0)
        return institutions.order_by(Collated("name"), "pk")

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            show_all=self.show_all, notices=self.notices, **kwargs
        )
