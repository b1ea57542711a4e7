"""A bilateral programme's public page: the joint commission that approved it, its
period and mid-term evaluation, its projects with their status, the budget per
currency and the sectors its projects cover."""

from pathlib import Path

from django.db.models import Count, Sum
from django.shortcuts import get_object_or_404
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.generic import DetailView

from accounts.permissions import (
    commissions_with_readable_minutes,
    may_read_minutes,
    programmes_with_readable_minutes,
    visible_programmes,
    visible_projects,
)
from partners.collation import Collated

from . import costs
from .downloads import download
from .models import (
    Budget,
    Currency,
    JointCommission,
    Programme,
    Project,
    ProjectSector,
    SectorCategory,
)


class ProgrammeDetailView(DetailView):
    template_name = "projects/programme_detail.html"
    context_object_name = "programme"

    def get_queryset(self):
        return visible_programmes(
            self.request.user, Programme.objects.all()
        ).select_related("commission__country")

    def get_context_data(self, **kwargs):
        programme = self.object
        projects = visible_projects(
            self.request.user, Project.objects.filter(programme=programme)
        )
        listed = list(
            projects.select_related("segib_sector").order_by(Collated("title"))
        )
        totals = (
            Budget.objects.filter(project__in=projects)
            .values("currency")
            .annotate(total=Sum("value"))
            .order_by("currency__code")
        )
        executed = costs.executed_totals(projects)
        currencies = Currency.objects.in_bulk(
            {row["currency"] for row in totals} | set(executed)
        )
        statuses = {}
        for project in listed:
            label = project.get_status_display()
            statuses[label] = statuses.get(label, 0) + 1
        return super().get_context_data(
            projects=listed,
            has_sample=any(project.is_sample for project in listed),
            decentralised=sum(project.is_decentralised for project in listed),
            statuses=sorted(statuses.items()),
            budget_totals=[
                (currencies[row["currency"]], row["total"]) for row in totals
            ],
            execution=execution(totals, executed, currencies),
            sectors=self.sectors(projects),
            may_read_minutes=may_read_minutes(self.request.user, programme),
            **kwargs,
        )

    def sectors(self, projects):
        """[(DAC sector category, number of projects)], most projects first."""
        counts = dict(
            ProjectSector.objects.filter(project__in=projects)
            .values_list("sector__category")
            .annotate(projects=Count("project", distinct=True))
            .values_list("sector__category", "projects")
        )
        categories = SectorCategory.objects.filter(pk__in=counts).order_by(
            Collated("name")
        )
        return sorted(
            ((category, counts[category.pk]) for category in categories),
            key=lambda item: -item[1],
        )


def execution(totals, executed, currencies):
    """[(currency, budgeted, executed Amounts, executed share)] by currency code:
    what the projects disbursed and spent (missions included) against their budget
    lines, currency by currency."""
    budgeted = {row["currency"]: row["total"] for row in totals}
    rows = []
    for pk in budgeted.keys() | executed.keys():
        amounts = executed.get(pk, costs.Amounts())
        share = costs.percentage(amounts.executed, budgeted.get(pk))
        rows.append((currencies[pk], budgeted.get(pk), amounts, share))
    return sorted(rows, key=lambda row: row[0].code)


def minutes_download(request, slug):
    """The signed minutes of the joint commission that approved the programme,
    when staff chose to publish them, of a programme the visitor may read, as an
    attachment; staff who may view programmes also get unpublished minutes."""
    programme = get_object_or_404(
        programmes_with_readable_minutes(
            request.user, Programme.objects.select_related("commission__country")
        ),
        slug=slug,
    )
    return minutes_of(programme.commission)


def commission_minutes_download(request, pk):
    """The minutes of a joint commission, by the commission: the admin's link,
    also before the commission's programme is entered."""
    commission = get_object_or_404(
        commissions_with_readable_minutes(
            request.user, JointCommission.objects.select_related("country")
        ),
        pk=pk,
    )
    return minutes_of(commission)


def minutes_of(commission):
    name = slugify(f"{_('minutes')} {commission.name} {commission.date.year}")
    suffix = Path(commission.minutes.name).suffix
    return download(commission.minutes, f"{name[:80]}{suffix}")
