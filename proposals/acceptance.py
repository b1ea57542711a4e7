"""What an accepted proposal becomes: a draft project that carries its data, made
through the one function ``projects`` offers for that."""

import re

from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import override

from directory.models import Unit
from partners.institutions import argentine_condition
from partners.models import Organisation
from partners.search import fold
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


def named_in(text, organisations):
    """The organisations of ``organisations`` that ``text`` names, in the text's
    order: by acronym as a whole word, in its own case ("INTA", never the "inta"
    of another word), or by full name, accents and case aside."""
    folded = fold(text)
    found = []
    for organisation in organisations:
        acronyms = {organisation.acronym_es, organisation.acronym_en} - {""}
        names = {fold(organisation.name_es), fold(organisation.name_en)} - {""}
        places = [
            match.start()
            for acronym in acronyms
            if (match := re.search(rf"(?<!\w){re.escape(acronym)}(?!\w)", text))
        ] + [folded.index(name) for name in names if name in folded]
        if places:
            found.append((min(places), organisation))
    return [organisation for _place, organisation in sorted(found, key=lambda f: f[0])]


def executing_institutions(proposal, partners, partner_role):
    """(organisation, SEGIB role) of the institutions the proposal names in its
    free text that the reference list knows: the Argentine executing institution
    with Argentina's role, the partners' with theirs (when it follows from
    Argentina's). Names it does not know stay in the text for staff."""
    argentine = Organisation.objects.filter(argentine_condition())
    rows = [
        (organisation, proposal.argentina_role)
        for organisation in named_in(proposal.executing_institution, argentine)
    ]
    if partner_role and partners:
        theirs = Organisation.objects.filter(country__in=partners)
        rows += [
            (organisation, partner_role)
            for organisation in named_in(proposal.partner_institutions, theirs)
        ]
    return rows


def paragraphs(*pairs):
    return "\n\n".join(f"{label}:\n{text}" for label, text in pairs if text)


def default_directorate(user, proposal=None):
    """The directorate an accepted proposal goes to: its call's, or else the
    reviewer's when they work in exactly one; else None (the reviewer chooses)."""
    if proposal is not None and proposal.call_id:
        return proposal.call.directorate
    units = list(Unit.objects.filter(staff__user=user)[:2])
    return units[0] if len(units) == 1 else None


def programme_of(proposal):
    """The programme accepted proposals of the proposal's call join, if any."""
    return proposal.call.programme if proposal.call_id else None


def create_project(proposal, user, directorate, programme=None):
    """A draft project of ``directorate`` carrying the proposal's data, for staff
    to complete, in ``programme`` (by default the programme of the proposal's
    call, if it has one).

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
            programme_id=getattr(programme or programme_of(proposal), "pk", None),
            provinces=[proposal.province],
            sdg_goals=list(proposal.sdg_goals.all()),
            home_role=proposal.argentina_role,
            participants=[(country, partner_role) for country in partners]
            if partner_role
            else [],
            institutions=executing_institutions(proposal, partners, partner_role)
            if proposal.argentina_role
            else [],
        )
        return create_draft_project(draft)
