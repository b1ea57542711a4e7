"""Proposals and calls keep no translated fields (both are written in Spanish for
and by the provinces' focal points); their history is registered here, where each
app registers its own."""

from simple_history import register as register_history

from .models import Call, Proposal

register_history(
    Proposal, app=__package__, m2m_fields=["partner_countries", "sdg_goals"]
)
register_history(Call, app=__package__, m2m_fields=["provinces"])
