"""The fields a focal point fills in, in the sections of the proposal: the one list
that the form, the submission check, the review admin and the proposal's page follow.
A new field of the proposal is added here, and only here."""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Section:
    slug: str
    title: str
    help_text: str
    fields: tuple
    # Fields a proposal may still leave empty when it is submitted (a draft may
    # leave every field empty but the title).
    optional: tuple = ()
    # Fields that become public text of the project when the proposal is accepted;
    # the form says so beside each of them. Every other field stays with the
    # directorate (the proposal and the admin), never on a public page or file.
    public: tuple = ()

    @property
    def required(self):
        """The fields a proposal needs before it is submitted, in order."""
        return [name for name in self.fields if name not in self.optional]


SECTIONS = (
    Section(
        "call",
        _("Call for proposals"),
        _(
            "Before a joint commission with a partner country, the directorate opens "
            "a call for proposals. Choose the open call your proposal answers, or "
            "none: proposals outside any call are welcome too."
        ),
        ("call",),
        optional=("call",),
    ),
    Section(
        "proposal",
        _("The proposal"),
        _("What the project is about and why it is needed."),
        (
            "title",
            "summary",
            "background",
            "general_objective",
            "specific_objectives",
            "expected_results",
            "target_population",
        ),
        public=(
            "title",
            "summary",
            "background",
            "general_objective",
            "specific_objectives",
            "expected_results",
            "target_population",
        ),
    ),
    Section(
        "cooperation",
        _("Cooperation"),
        _(
            "How the cooperation would work and who would take part. In triangular "
            "cooperation, a first provider and a second provider (often an "
            "international organisation) support a recipient country."
        ),
        (
            "modality",
            "instrument",
            "argentina_role",
            "partner_countries",
            "partner_institutions",
            "executing_institution",
        ),
        public=(
            "modality",
            "instrument",
            "argentina_role",
            "partner_countries",
            "partner_institutions",
            "executing_institution",
        ),
    ),
    Section(
        "sectors",
        _("Sectors and goals"),
        _(
            "The SEGIB sector classifies South-South cooperation in Ibero-America; "
            "the DAC sector is the international code for the project's purpose."
        ),
        ("segib_sector", "dac_sector", "sdg_goals"),
        public=("segib_sector", "dac_sector", "sdg_goals"),
    ),
    Section(
        "budget",
        _("Duration and budget"),
        _("Estimates are enough at this stage."),
        ("duration_months", "estimated_budget", "currency", "cofinancing"),
        optional=("cofinancing",),
        public=("duration_months", "estimated_budget", "currency", "cofinancing"),
    ),
    Section(
        "contact",
        _("Endorsement and contact"),
        _(
            "The provincial authority that endorses the proposal, and the person the "
            "directorate should talk to about it. These details stay with the "
            "directorate: they are never published."
        ),
        ("endorsing_authority", "contact_name", "contact_email", "contact_phone"),
        optional=("contact_phone",),
    ),
)

# Every field a focal point fills in, in the order of the form.
FIELDS = [name for section in SECTIONS for name in section.fields]
# The fields a proposal needs before it is submitted, in the same order.
REQUIRED_FIELDS = [name for section in SECTIONS for name in section.required]
# The fields whose content may be published once the proposal is accepted.
PUBLIC_FIELDS = [name for section in SECTIONS for name in section.public]
