"""Proposals keep no translated fields (focal points write in Spanish); their
history is registered here, where each app registers its own."""

from simple_history import register as register_history

from .models import Proposal

register_history(
    Proposal, app=__package__, m2m_fields=["partner_countries", "sdg_goals"]
)
