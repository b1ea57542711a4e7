"""What SEGIB and IATI ask of a project besides its sectors: the main SDG, the
IATI defaults of its flows, its policy markers and who it benefits.

- **Main SDG.** SEGIB's report counts one main goal per project; the others are
  secondary. The main goal is always one of the project's goals, whatever saves
  it (the admin, a spreadsheet, a draft, code): saving a project adds it to them
  and removing it from them puts it back (``main_sdg_kept``, ``main_sdg_not_dropped``
  below), so it can be chosen alone and can never point outside them. It is
  listed first, everywhere.
- **IATI defaults.** What FO.AR technical cooperation is, unless a project says
  otherwise: see ``IatiDefaults``.
- **Policy markers** (OECD DAC, IATI vocabulary 1), each with its significance.
- **Beneficiaries**: how many people or institutions of which kind, optionally
  women and men, and the target groups in words (IATI's description of type 3).
"""

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Length
from django.db.models.signals import m2m_changed, post_save
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext, npgettext_lazy, pgettext_lazy

from .iati_codes import (
    SIGNIFICANCE_MARKERS,
    AidType,
    FinanceType,
    FlowType,
    PolicyMarkerCode,
    PolicySignificance,
    TiedStatus,
)


class IatiDefaults(models.Model):
    """The project's fields for SEGIB's main SDG, the IATI defaults and the target
    groups (an abstract base of ``Project``).

    The defaults fit FO.AR's technical cooperation:

    - flow type 10, ODA: the flow is official (the Argentine State's fund),
      concessional (grants) and its main objective is the partner's development,
      which is what FlowType 10 describes, whoever the provider; 21 (non-export
      credit OOF) is what an official grant to a country no longer on the DAC list
      of ODA recipients (Chile and Uruguay since 2018) is reported as, and a
      project with such a partner should say so. 30 ("private development
      finance") and the other private codes never fit an official provider;
    - finance type 110, standard grant: FO.AR pays tickets and per diems, nothing
      is repaid;
    - aid type D02, other technical assistance: technical assistance in the
      partner country outside a project-type intervention (training, exchange
      visits, workshops, studies, joint research), the kind of work FO.AR funds.
      D01, donor country personnel, covers the experts, consultants, teachers,
      researchers and volunteers the provider sends to developing countries (and
      its contributions to bodies that send them), not only its own staff posted
      abroad; it is reported apart from other technical assistance, so an
      activity that is essentially such experts' missions may say D01. C01,
      project-type interventions, is a set of inputs agreed with the partner for
      set results, with its own budget, time frame and place;
    - tied status 5, untied: the partner is not required to buy the goods or
      services paid for in the provider's country (IATI TiedStatus, the OECD's
      "tied aid").
    """

    main_sdg = models.ForeignKey(
        "projects.SdgGoal",
        verbose_name=_("main SDG"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="main_projects",
        help_text=_(
            "The one goal SEGIB counts the project under; it is added to the "
            "project's SDGs, which are its secondary goals."
        ),
    )
    default_flow_type = models.CharField(
        _("flow type"),
        max_length=2,
        choices=FlowType,
        default=FlowType.ODA,
        help_text=_(
            "ODA for a grant to a country on the DAC list of ODA recipients; "
            "non-export credit official flows for one that is not (Chile, Uruguay)."
        ),
    )
    default_finance_type = models.CharField(
        _("finance type"),
        max_length=4,
        choices=FinanceType,
        default=FinanceType.STANDARD_GRANT,
    )
    default_aid_type = models.CharField(
        _("aid type"),
        max_length=4,
        choices=AidType,
        default=AidType.D02,
        help_text=_("Technical cooperation is “Other technical assistance”."),
    )
    default_tied_status = models.CharField(
        pgettext_lazy("IATI", "tied status"),
        max_length=1,
        choices=TiedStatus,
        default=TiedStatus.UNTIED,
        help_text=_(
            "Whether the partner must buy what the aid pays for in the provider's "
            "country: FO.AR's cooperation is untied."
        ),
    )
    target_groups = models.TextField(
        _("target groups"),
        blank=True,
        default="",
        help_text=_(
            "Who the project is for, in words: e.g. the extension officers of the "
            "partner's agriculture ministry and the families they advise."
        ),
    )

    class Meta:
        abstract = True

    def sdg_goals_main_first(self):
        """The project's goals (prefetched ones when there are), the main first."""
        goals = list(self.sdg_goals.all())
        return sorted(goals, key=lambda goal: goal.pk != self.main_sdg_id)

    def targeted_policy_markers(self):
        """The policy markers that are one of the project's objectives (prefetched
        ones when there are): "not targeted" says nothing worth showing."""
        return [
            marker
            for marker in self.policy_markers.all()
            if marker.significance != PolicySignificance.NOT_TARGETED
        ]


class PolicyMarker(models.Model):
    # What each significance means, in plain words, for the project's page.
    PLAIN = {
        PolicySignificance.NOT_TARGETED: _("not one of the project's objectives"),
        PolicySignificance.SIGNIFICANT: _(
            "an important objective, though not the main reason for the project"
        ),
        PolicySignificance.PRINCIPAL: _("a main objective: the project is done for it"),
        PolicySignificance.ACTION_PROGRAMME: _(
            "a main objective, in support of a national action programme"
        ),
        PolicySignificance.EXPLICIT_PRIMARY: _(
            "the project's explicit first objective"
        ),
    }

    project = models.ForeignKey(
        "projects.Project",
        verbose_name=_("project"),
        on_delete=models.CASCADE,
        related_name="policy_markers",
    )
    code = models.CharField(_("policy marker"), max_length=2, choices=PolicyMarkerCode)
    significance = models.CharField(
        _("significance"),
        max_length=1,
        choices=PolicySignificance,
        help_text=_(
            "“Principal and action programme” is for desertification (and the "
            "RMNCH marker); “explicit primary objective” for RMNCH only."
        ),
    )

    class Meta:
        ordering = ["project", Length("code"), "code"]  # 1, 2, … 10, 11, 12
        verbose_name = _("policy marker")
        verbose_name_plural = _("policy markers")
        constraints = [
            models.UniqueConstraint(
                fields=["project", "code"],
                name="projects_policymarker_once",
                violation_error_message=_(
                    "The project has this policy marker already."
                ),
            ),
            models.CheckConstraint(
                condition=~Q(significance=PolicySignificance.ACTION_PROGRAMME)
                | Q(
                    code__in=sorted(
                        SIGNIFICANCE_MARKERS[PolicySignificance.ACTION_PROGRAMME]
                    )
                ),
                name="projects_policymarker_action_programme",
                violation_error_message=_(
                    "Only the desertification and RMNCH markers may be in support "
                    "of an action programme."
                ),
            ),
            models.CheckConstraint(
                condition=~Q(significance=PolicySignificance.EXPLICIT_PRIMARY)
                | Q(code=PolicyMarkerCode.RMNCH),
                name="projects_policymarker_explicit_primary",
                violation_error_message=_(
                    "Only the RMNCH marker may be an explicit primary objective."
                ),
            ),
        ]

    def __str__(self):
        return f"{self.get_code_display()}: {self.get_significance_display()}"

    def get_absolute_url(self):
        return self.project.get_absolute_url()

    def plain_significance(self):
        return self.PLAIN.get(self.significance, "")

    def clean(self):
        allowed = SIGNIFICANCE_MARKERS.get(self.significance)
        if allowed is not None and self.code and self.code not in allowed:
            raise ValidationError(
                {
                    "significance": _(
                        "“%(significance)s” does not apply to the %(marker)s marker."
                    )
                    % {
                        "significance": self.get_significance_display(),
                        "marker": self.get_code_display(),
                    }
                }
            )


class Beneficiary(models.Model):
    class Kind(models.TextChoices):
        PEOPLE = "people", _("people")
        TRAINED = "trained", _("trained technicians and professionals")
        FAMILIES = "families", _("families")
        PRODUCERS = "producers", _("producers")
        STUDENTS = "students", _("students")
        INSTITUTIONS = "institutions", _("institutions")
        COMMUNITIES = "communities", _("communities")

    # Kinds counted as persons, which may be split into women and men.
    PERSONS = {Kind.PEOPLE, Kind.TRAINED, Kind.PRODUCERS, Kind.STUDENTS}
    # What a number of each kind is called: "1 institution", "3 institutions".
    COUNTED = {
        Kind.PEOPLE: npgettext_lazy("beneficiaries", "person", "people"),
        Kind.TRAINED: npgettext_lazy(
            "beneficiaries",
            "trained technician or professional",
            "trained technicians and professionals",
        ),
        Kind.FAMILIES: npgettext_lazy("beneficiaries", "family", "families"),
        Kind.PRODUCERS: npgettext_lazy("beneficiaries", "producer", "producers"),
        Kind.STUDENTS: npgettext_lazy("beneficiaries", "student", "students"),
        Kind.INSTITUTIONS: npgettext_lazy(
            "beneficiaries", "institution", "institutions"
        ),
        Kind.COMMUNITIES: npgettext_lazy("beneficiaries", "community", "communities"),
    }

    project = models.ForeignKey(
        "projects.Project",
        verbose_name=_("project"),
        on_delete=models.CASCADE,
        related_name="beneficiaries",
    )
    kind = models.CharField(_("kind"), max_length=15, choices=Kind)
    number = models.PositiveIntegerField(_("number"), validators=[MinValueValidator(1)])
    women = models.PositiveIntegerField(_("women"), null=True, blank=True)
    men = models.PositiveIntegerField(_("men"), null=True, blank=True)
    description = models.CharField(
        _("who they are"),
        max_length=200,
        blank=True,
        default="",
        help_text=_("E.g. extension officers of the Ministry of Agriculture."),
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["project", "position", "pk"]
        verbose_name = _("group of beneficiaries")
        verbose_name_plural = _("beneficiaries")
        constraints = [
            models.CheckConstraint(
                condition=Q(number__gte=1),
                name="projects_beneficiary_number",
                violation_error_message=_("Count at least one."),
            ),
            models.CheckConstraint(
                condition=(Q(women__isnull=True) | Q(women__lte=F("number")))
                & (Q(men__isnull=True) | Q(men__lte=F("number")))
                & (
                    Q(women__isnull=True)
                    | Q(men__isnull=True)
                    | Q(number__gte=F("women") + F("men"))
                ),
                name="projects_beneficiary_parts_within_total",
                violation_error_message=_(
                    "Women and men together cannot be more than the total."
                ),
            ),
        ]

    def __str__(self):
        return f"{self.number} {self.counted_kind()}"

    def get_absolute_url(self):
        return self.project.get_absolute_url()

    def counted_kind(self):
        """The kind, singular or plural as the number asks, in the active
        language."""
        counted = self.COUNTED.get(self.kind)
        if counted is None or self.number is None:
            return self.get_kind_display()
        return counted % self.number

    def women_and_men(self):
        """ "19 women, 27 men", "1 woman", or "" when not counted."""
        parts = [
            ngettext("%(women)s woman", "%(women)s women", self.women)
            % {"women": self.women}
            if self.women is not None
            else None,
            ngettext("%(men)s man", "%(men)s men", self.men) % {"men": self.men}
            if self.men is not None
            else None,
        ]
        return ", ".join(part for part in parts if part)

    def summary(self, description=None):
        """ "46 trained technicians and professionals (19 women, 27 men): public
        extension officers" in the active language; ``description`` is the group's
        own in the active language unless given (the exports give it per
        language)."""
        text = str(self)
        if split := self.women_and_men():
            text += f" ({split})"
        description = self.description if description is None else description
        return f"{text}: {description}" if description else text

    def clean(self):
        errors = {}
        women, men = self.women or 0, self.men or 0
        if self.kind and self.kind not in self.PERSONS and (women or men):
            errors["women" if women else "men"] = _(
                "Only people can be counted as women and men; leave it empty for "
                "%(kind)s."
            ) % {"kind": self.get_kind_display()}
        elif self.number is not None and women + men > self.number:
            field = "men" if self.men else "women"
            errors[field] = _(
                "Women and men together (%(parts)s) cannot be more than the total "
                "(%(total)s)."
            ) % {"parts": women + men, "total": self.number}
        if errors:
            raise ValidationError(errors)


# The main SDG among the project's goals -------------------------------------------


def main_sdg_kept(sender, instance, raw=False, **kwargs):
    """post_save of a project: its main goal is one of its goals."""
    if not raw and instance.main_sdg_id:
        instance.sdg_goals.add(instance.main_sdg_id)


def main_sdg_not_dropped(sender, instance, action, reverse, model, pk_set, **kwargs):
    """m2m_changed of the projects' goals, from either side: a project's main goal
    taken out of its goals (``remove``, ``clear``, or ``set`` without it, as a
    form's or an import's goals do) is put back."""
    if action not in ("post_remove", "post_clear"):
        return
    if reverse:  # ``instance`` is a goal; ``model`` is Project
        projects = model.objects.filter(main_sdg=instance)
        if pk_set is not None:
            projects = projects.filter(pk__in=pk_set)
        if kept := list(projects):
            instance.projects.add(*kept)
    elif instance.main_sdg_id and (pk_set is None or instance.main_sdg_id in pk_set):
        instance.sdg_goals.add(instance.main_sdg_id)


post_save.connect(main_sdg_kept, sender="projects.Project", dispatch_uid="main-sdg")
m2m_changed.connect(
    main_sdg_not_dropped, sender="projects.Project_sdg_goals", dispatch_uid="main-sdg"
)
