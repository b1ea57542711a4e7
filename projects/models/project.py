"""Cooperation projects and the partners that take part in them."""

import secrets
from decimal import Decimal
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models, transaction
from django.db.models import F, Prefetch, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from partners.collation import Collated
from partners.search import Searchable, SearchQuerySet, fold

from ..identifiers import give_identifier
from .classification import IatiDefaults
from .money import budget_totals
from .reference import Currency, SdgGoal, SdgTarget


class ProjectQuerySet(SearchQuerySet):
    def published(self):
        return self.filter(publication=Project.Publication.PUBLISHED)

    def exclude_published_by_index(self):
        """The projects not published, named by their publications so that the
        index of publications finds them (``!=`` would read every row)."""
        return self.filter(
            publication__in=[
                value
                for value in Project.Publication.values
                if value != Project.Publication.PUBLISHED
            ]
        )

    def for_catalogue(self):
        """What a catalogue row shows, in a fixed number of queries, without the
        long texts it does not show."""
        return self.defer(
            "search_text",
            *(
                f"{field}_{language}"
                for field in ("description", "objectives")
                for language in ("es", "en")
            ),
            "description",
            "objectives",
        ).prefetch_related(
            Prefetch(
                "participations",
                queryset=Participation.objects.select_related(
                    "country", "organisation"
                ),
            )
        )


# Document.file's upload_to; it stays here because migration 0001 points here.
def document_upload_path(instance, filename):
    """Random stored names: the original name is never trusted or exposed as a path."""
    return f"documents/{secrets.token_hex(16)}{Path(filename).suffix.lower()[:10]}"


class Project(IatiDefaults, Searchable):
    class Modality(models.TextChoices):
        BILATERAL = "bilateral", _("Bilateral South-South")
        TRIANGULAR = "triangular", _("Triangular")
        REGIONAL = "regional", _("Regional South-South")
        MULTILATERAL = "multilateral", _("Multilateral")

    class Instrument(models.TextChoices):
        PROGRAMME = "programme", _("Programme")
        PROJECT = "project", _("Project")
        ACTION = "action", _("Action")

    class Status(models.TextChoices):
        """IATI ActivityStatus."""

        PIPELINE = "1", _("Pipeline/identification")
        IMPLEMENTATION = "2", _("Implementation")
        FINALISATION = "3", _("Finalisation")
        CLOSED = "4", _("Closed")
        CANCELLED = "5", _("Cancelled")
        SUSPENDED = "6", _("Suspended")

    class Publication(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PUBLISHED = "published", _("Published")
        ARCHIVED = "archived", _("Archived")

    search_fields = ("title_es", "title_en", "summary_es", "summary_en", "fo_ar_number")

    title = models.CharField(_("title"), max_length=300)
    summary = models.TextField(_("summary"), blank=True, default="")
    description = models.TextField(_("description"), blank=True, default="")
    objectives = models.TextField(_("objectives"), blank=True, default="")
    slug = models.SlugField(
        _("slug"),
        max_length=120,
        unique=True,
        help_text=_("Used in the project's web address; change it only if you must."),
    )
    iati_identifier = models.CharField(
        _("IATI identifier"),
        max_length=150,
        blank=True,
        default="",
        help_text=_(
            "Built from DGCIN's organisation reference when the project is first "
            "saved; stable afterwards."
        ),
    )
    modality = models.CharField(_("modality"), max_length=20, choices=Modality)
    is_decentralised = models.BooleanField(
        _("decentralised cooperation"),
        default=False,
        help_text=_(
            "Argentine provinces or municipalities cooperate with foreign "
            "subnational governments, as SEGIB counts it: name both sides under "
            "“Subnational partners”."
        ),
    )
    instrument = models.CharField(
        _("instrument"), max_length=20, choices=Instrument, default=Instrument.PROJECT
    )
    status = models.CharField(
        _("status"), max_length=1, choices=Status, default=Status.PIPELINE
    )
    directorate = models.ForeignKey(
        "directory.Unit",
        verbose_name=_("directorate"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="projects",
        help_text=_("The directorate that owns the project and may edit it."),
    )
    fo_ar_number = models.CharField(
        _("FO.AR project number"),
        max_length=40,
        blank=True,
        default="",
        help_text=_(
            "When funded by the Argentine Fund for South-South and Triangular "
            "Cooperation."
        ),
    )
    segib_sector = models.ForeignKey(
        "projects.SegibSector",
        verbose_name=_("main SEGIB sector"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="projects",
    )
    planned_start = models.DateField(_("planned start"), null=True, blank=True)
    planned_end = models.DateField(_("planned end"), null=True, blank=True)
    actual_start = models.DateField(_("actual start"), null=True, blank=True)
    actual_end = models.DateField(_("actual end"), null=True, blank=True)
    programme = models.ForeignKey(
        "projects.Programme",
        verbose_name=_("bilateral programme"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="projects",
        help_text=_("The programme a joint commission approved it in, if any."),
    )
    approved_on = models.DateField(
        _("approval date"),
        null=True,
        blank=True,
        help_text=_("When the joint commission or DGCIN approved the project."),
    )
    start_year = models.PositiveSmallIntegerField(
        _("start year"), null=True, blank=True, editable=False
    )
    provinces = models.ManyToManyField(
        "partners.Province",
        verbose_name=_("Argentine provinces"),
        blank=True,
        related_name="projects",
    )
    blocs = models.ManyToManyField(
        "partners.Bloc",
        verbose_name=_("bloc or forum framework"),
        blank=True,
        related_name="projects",
    )
    sdg_goals = models.ManyToManyField(
        SdgGoal, verbose_name=_("SDGs"), blank=True, related_name="projects"
    )
    sdg_targets = models.ManyToManyField(
        SdgTarget, verbose_name=_("SDG targets"), blank=True, related_name="projects"
    )
    publication = models.CharField(
        _("publication"),
        max_length=10,
        choices=Publication,
        default=Publication.DRAFT,
        help_text=_("Only published projects are shown to the public."),
    )
    is_sample = models.BooleanField(
        _("sample data"),
        default=False,
        editable=False,
        help_text=_(
            "Fictitious projects loaded for demonstration, never in production."
        ),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("last updated"), auto_now=True)
    version = models.PositiveIntegerField(
        _("version"),
        default=0,
        editable=False,
        help_text=_(
            "Goes up by one with every save. A form or a spreadsheet carries the "
            "version it was opened on; a save over a newer one is refused."
        ),
    )

    objects = ProjectQuerySet.as_manager()

    class Meta:
        ordering = ["-start_year", Collated("title")]
        verbose_name = _("project")
        verbose_name_plural = _("projects")
        permissions = [
            ("change_all_projects", _("Can edit the projects of every directorate")),
            (
                "view_all_projects",
                _("Can read the unpublished projects of every directorate"),
            ),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["iati_identifier"],
                condition=~Q(iati_identifier=""),
                name="projects_project_unique_iati_identifier",
            ),
            models.CheckConstraint(
                condition=Q(planned_start__isnull=True)
                | Q(planned_end__isnull=True)
                | Q(planned_start__lte=F("planned_end")),
                name="projects_project_planned_start_before_end",
                violation_error_message=_(
                    "The planned end is before the planned start."
                ),
            ),
            models.CheckConstraint(
                condition=Q(actual_start__isnull=True)
                | Q(actual_end__isnull=True)
                | Q(actual_start__lte=F("actual_end")),
                name="projects_project_actual_start_before_end",
                violation_error_message=_("The actual end is before the actual start."),
            ),
        ]
        indexes = [
            # The published projects' ids without reading the wide rows (an
            # index-only scan): every count and sum of published projects.
            models.Index(fields=["publication", "id"], name="projects_published_ids"),
            models.Index(fields=["publication", "modality"]),
            models.Index(fields=["publication", "status"]),
            models.Index(fields=["publication", "start_year"]),
            models.Index(fields=["updated_at"]),
            models.Index(fields=["planned_start"]),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("projects:project-detail", kwargs={"slug": self.slug})

    def save(self, *args, **kwargs):
        start = self.actual_start or self.planned_start
        self.start_year = start.year if start else None
        with transaction.atomic(using=kwargs.get("using")):
            # The saved version, locked, plus one: an old version being restored
            # (a history revert) still moves the number forward.
            self.version = self.saved_version(lock=True) + 1
            if kwargs.get("update_fields") is not None:
                kwargs["update_fields"] = {*kwargs["update_fields"], "version"}
            super().save(*args, **kwargs)
        give_identifier(self)

    def saved_version(self, lock=False):
        """The version in the database (0 for a project not saved yet); ``lock``
        holds the row until the transaction ends, so no other save can slip in
        between a check and a save."""
        if self.pk is None or self._state.adding:
            return 0
        rows = type(self)._base_manager.filter(pk=self.pk)
        if lock:
            rows = rows.select_for_update()
        return rows.values_list("version", flat=True).first() or 0

    def clean(self):
        from ..rules import project_errors  # the rules import the models

        if errors := project_errors(self):
            raise ValidationError(errors)

    def build_search_text(self, participations=None):
        """Titles and summaries in both languages, the FO.AR number, and every
        partner's name and acronym in both languages: the partners of
        ``participations`` (with country and organisation), or else the saved ones.
        ``projects.search`` keeps it current when partners change."""
        if participations is None:
            participations = (
                self.participations.select_related("country", "organisation")
                if self.pk
                else ()
            )
        partners = " ".join(p.search_names() for p in participations)
        return f"{super().build_search_text()} {fold(partners)}".strip()

    @property
    def start_date(self):
        return self.actual_start or self.planned_start

    @property
    def end_date(self):
        return self.actual_end or self.planned_end

    def budget_totals(self):
        """[(currency, total)] of the budget lines by currency code (uses prefetched
        budgets when there are)."""
        return budget_totals(self.budgets.all())


class Participation(models.Model):
    """A country or an organisation taking part in a project, with its roles."""

    class SegibRole(models.TextChoices):
        PROVIDER = "provider", _("Provider")
        RECIPIENT = "recipient", _("Recipient")
        BOTH = "both", _("Provider and recipient")
        FIRST_PROVIDER = "first-provider", _("First provider")
        SECOND_PROVIDER = "second-provider", _("Second provider")
        PARTICIPANT = "participant", _("Participant")

    class IatiRole(models.TextChoices):
        FUNDING = "1", _("Funding")
        ACCOUNTABLE = "2", _("Accountable")
        EXTENDING = "3", _("Extending")
        IMPLEMENTING = "4", _("Implementing")

    # The SEGIB roles each modality allows.
    ROLES_BY_MODALITY = {
        Project.Modality.BILATERAL: {"provider", "recipient", "both"},
        Project.Modality.TRIANGULAR: {"first-provider", "second-provider", "recipient"},
        Project.Modality.REGIONAL: {"participant"},
        Project.Modality.MULTILATERAL: {"provider", "recipient", "both"},
    }

    project = models.ForeignKey(
        Project,
        verbose_name=_("project"),
        on_delete=models.CASCADE,
        related_name="participations",
    )
    country = models.ForeignKey(
        "partners.Country",
        verbose_name=_("country"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="participations",
    )
    organisation = models.ForeignKey(
        "partners.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="participations",
    )
    segib_role = models.CharField(_("SEGIB role"), max_length=20, choices=SegibRole)
    iati_role = models.CharField(_("IATI role"), max_length=1, choices=IatiRole)
    amount = models.DecimalField(
        _("contribution"),
        max_digits=16,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal(0))],
    )
    # SEGIB counts a partner's budgeted cost in money and in kind (expert time,
    # premises, equipment valued in money), in the contribution's currency.
    in_kind_amount = models.DecimalField(
        _("in-kind contribution"),
        max_digits=16,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal(0))],
        help_text=_(
            "The budgeted value of what the partner contributes in kind (e.g. "
            "its experts' time), in the contribution's currency."
        ),
    )
    currency = models.ForeignKey(
        Currency,
        verbose_name=_("currency"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["project", "position", "pk"]
        verbose_name = _("participating partner")
        verbose_name_plural = _("participating partners")
        constraints = [
            models.CheckConstraint(
                condition=Q(country__isnull=False, organisation__isnull=True)
                | Q(country__isnull=True, organisation__isnull=False),
                name="projects_participation_country_or_organisation",
                violation_error_message=_(
                    "Choose a country or an organisation, not both."
                ),
            ),
            models.CheckConstraint(
                condition=Q(amount__isnull=True) | Q(currency__isnull=False),
                name="projects_participation_amount_has_currency",
                violation_error_message=_("A contribution needs its currency."),
            ),
            models.CheckConstraint(
                condition=Q(in_kind_amount__isnull=True) | Q(currency__isnull=False),
                name="projects_participation_in_kind_has_currency",
                violation_error_message=_("A contribution needs its currency."),
            ),
        ]

    def __str__(self):
        return f"{self.partner} · {self.get_segib_role_display()}"

    @property
    def partner(self):
        return self.country or self.organisation

    def search_names(self):
        partner = self.partner
        if partner is None:
            return ""
        names = [partner.name_es, partner.name_en]
        if self.organisation:
            names += [partner.acronym_es, partner.acronym_en]
        return " ".join(name for name in names if name)

    def clean(self):
        # Beside the fields (which also spares the database constraint's message).
        if self.country_id and self.organisation_id:
            raise ValidationError(
                {"organisation": _("Choose a country or an organisation, not both.")}
            )
        if not self.country_id and not self.organisation_id:
            raise ValidationError(
                {"country": _("Choose a country or an organisation.")}
            )
        if (
            self.amount is not None or self.in_kind_amount is not None
        ) and not self.currency_id:
            raise ValidationError({"currency": _("A contribution needs its currency.")})


def partner_country_ids(row):
    """The countries of the partners of ``row``'s project (a mission, a
    subnational partner, a location). The admin sets ``row.submitted_countries``
    to the partners typed in the same form, which count instead."""
    submitted = getattr(row, "submitted_countries", None)
    if submitted is not None:
        return {country.pk for country in submitted if country is not None}
    project = row._state.fields_cache.get("project")
    project_id = row.project_id or (project.pk if project else None)
    if project_id is None:
        return set()
    return set(
        Participation.objects.filter(
            project=project_id, country__isnull=False
        ).values_list("country", flat=True)
    )
