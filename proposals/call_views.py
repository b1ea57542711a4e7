"""The calls for proposals in the focal points' area: those open to the user's
province (reviewers see every call), and a call's page with what it asks for and
the province's proposals to it."""

import datetime

from django.db.models import Prefetch
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.views.generic import TemplateView

from accounts.permissions import may_read_programme, visible_proposals
from partners.collation import Collated
from partners.models import Province

from .models import Call, Proposal
from .views import ProposalAccessMixin

# How long a closed call stays listed, in days.
RECENTLY_CLOSED_DAYS = 365


def calls_for(province):
    """The calls ``province`` may answer (every call for a reviewer, ``None``),
    with what their page and list show."""
    calls = Call.objects.select_related(
        "country", "commission__country", "programme"
    ).prefetch_related(
        Prefetch("provinces", queryset=Province.objects.order_by(Collated("name")))
    )
    return calls if province is None else calls.for_province(province)


class CallListView(ProposalAccessMixin, TemplateView):
    template_name = "proposals/call_list.html"

    def get_context_data(self, **kwargs):
        today = timezone.localdate()
        calls = calls_for(self.province)
        since = today - datetime.timedelta(days=RECENTLY_CLOSED_DAYS)
        return super().get_context_data(
            province=self.province,
            open_calls=calls.open(today).order_by("closes_on", "pk"),
            upcoming_calls=calls.filter(opens_on__gt=today).order_by("opens_on"),
            closed_calls=calls.filter(closes_on__lt=today, closes_on__gte=since),
            **kwargs,
        )


class CallDetailView(ProposalAccessMixin, TemplateView):
    template_name = "proposals/call_detail.html"

    def get_context_data(self, **kwargs):
        call = get_object_or_404(calls_for(self.province), pk=self.kwargs["pk"])
        proposals = visible_proposals(
            self.request.user, Proposal.objects.filter(call=call)
        ).select_related("province")
        # An unpublished programme is named to staff who may see it only.
        programme = call.programme
        if programme and not may_read_programme(self.request.user, programme):
            programme = None
        return super().get_context_data(
            call=call,
            programme=programme,
            province=self.province,
            proposals=proposals,
            **kwargs,
        )
