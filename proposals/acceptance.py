"""What an accepted proposal becomes: a draft project that carries its data, made
through the one function ``projects`` offers for that."""

from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import override

from directory.models import Unit
from projects.drafts import DraftProject, create_draft_project

# The partner countries' SEGIB role, from Argentina's, where it follows from it.
PARTNER_ROLE = {
    ("bilateral", "provider"): "recipient",
    ("bilateral", "recipient"): "provider",
    ("bilateral", "both"): "both",
    ("multilateral", "provider"): "recipient",
    ("multilateral", "recipient"): "provider",
    ("multilateral", "both"): "both",
    ("regional", "participant"): "participant",
}


def paragraphs(*pairs):
    return "\n\n".join(f"{label}:\n{text}" for label, text in pairs if text)


def default_directorate(user):
    """The directorate an accepted proposal goes to when the reviewer works in
    exactly one; else None (the reviewer chooses)."""
    units = list(Unit.objects.filter(staff__user=user)[:2])
    return units[0] if len(units) == 1 else None


def create_project(proposal, user, directorate):
    """A draft project of ``directorate`` carrying the proposal's data, for staff
    to complete.

    Its texts are made only of the fields the form marks as public
    (``sections.PUBLIC_FIELDS``): the endorsing authority and the contact person stay
    in the proposal, which the project's admin page links to."""
    partners = list(proposal.partner_countries.all())
    partner_role = PARTNER_ROLE.get((proposal.modality, proposal.argentina_role))
    # Focal points write in Spanish; the English texts are for staff to translate.
    with override("es"):
        budget = ""
        if proposal.estimated_budget is not None:
            amount = number_format(proposal.estimated_budget, 2, force_grouping=True)
            budget = f"{amount} {proposal.currency.code}"
        facts = [
            (_("Province"), proposal.province.name),
            (_("Argentine executing institution"), proposal.executing_institution),
            (_("Partner institutions"), proposal.partner_institutions),
            (_("Target population"), proposal.target_population),
            (
                _("Duration"),
                _("%(months)s months") % {"months": proposal.duration_months}
                if proposal.duration_months
                else "",
            ),
            (_("Estimated budget"), budget),
            (_("Co-financing"), proposal.cofinancing),
        ]
        if partners and not partner_role:
            facts.append(
                (
                    _("Partner countries proposed (assign their roles)"),
                    ", ".join(country.name for country in partners),
                )
            )
        draft = DraftProject(
            title=proposal.title,
            summary=proposal.summary,
            description=paragraphs(
                (_("Background and problem"), proposal.background), *facts
            ),
            objectives=paragraphs(
                (_("General objective"), proposal.general_objective),
                (_("Specific objectives"), proposal.specific_objectives),
                (_("Expected results"), proposal.expected_results),
            ),
            modality=proposal.modality,
            instrument=proposal.instrument,
            segib_sector=proposal.segib_sector,
            dac_sector=proposal.dac_sector,
            directorate_id=directorate.pk,
            provinces=[proposal.province],
            sdg_goals=list(proposal.sdg_goals.all()),
            home_role=proposal.argentina_role,
            participants=[(country, partner_role) for country in partners]
            if partner_role
            else [],
        )
        return create_draft_project(draft)
