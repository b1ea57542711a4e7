"""The focal points' proposal form, in sections, and its attachments."""

from itertools import groupby

from django import forms
from django.conf import settings
from django.db.models import Q
from django.db.models.functions import Coalesce
from django.http import QueryDict
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.text import format_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from directory.models import validate_phone_number
from partners.collation import Collated
from partners.models import Country
from partners.widgets import GroupedCheckboxes
from projects.models import Currency, Sector, SegibSector
from projects.validators import MAX_ATTACHMENT_SIZE, validate_attachment_file

from .models import MAX_ATTACHMENTS, Call, Proposal, ProposalAttachment
from .sections import FIELDS, PUBLIC_FIELDS, SECTIONS

# Said beside every field, so the focal point knows what may be published.
PUBLIC_NOTE = gettext_lazy(
    "Public: it will appear on the project's page if the proposal is accepted."
)
PRIVATE_NOTE = gettext_lazy("Not published: only the directorate sees it.")


def grouped(objects, group_label, label):
    """Choices in <optgroup>s: [(group, [(pk, label), ...]), ...]."""
    return [
        (group, [(obj.pk, label(obj)) for obj in members])
        for group, members in groupby(objects, key=group_label)
    ]


def call_label(call):
    """A call as the form offers it: until when, or from when if not open yet."""
    if call.opens_on > timezone.localdate():
        text = _("%(title)s (opens on %(day)s)")
        day = call.opens_on
    else:
        text, day = _("%(title)s (until %(day)s)"), call.closes_on
    return text % {"title": call.title, "day": date_format(day, "SHORT_DATE_FORMAT")}


class ProposalForm(forms.ModelForm):
    """A draft may leave everything empty but the title;
    ``workflow.missing_fields`` says what a submission needs."""

    class Meta:
        model = Proposal
        fields = FIELDS
        widgets = {
            "summary": forms.Textarea(attrs={"rows": 4}),
            "background": forms.Textarea(attrs={"rows": 6}),
            "general_objective": forms.Textarea(attrs={"rows": 3}),
            "specific_objectives": forms.Textarea(attrs={"rows": 4}),
            "expected_results": forms.Textarea(attrs={"rows": 4}),
            "target_population": forms.Textarea(attrs={"rows": 3}),
            "partner_institutions": forms.Textarea(attrs={"rows": 4}),
            "cofinancing": forms.Textarea(attrs={"rows": 3}),
            "partner_countries": GroupedCheckboxes,
            "sdg_goals": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args, province=None, **kwargs):
        super().__init__(*args, **kwargs)
        fields = self.fields
        self.province = province
        self.setup_call(fields["call"])
        countries = (
            Country.objects.exclude(code=settings.HOME_COUNTRY)
            .select_related("region__parent")
            .order_by(
                Coalesce("region__parent__position", "region__position").asc(
                    nulls_last=True
                ),
                "region__position",
                Collated("name"),
            )
        )
        fields["partner_countries"].queryset = countries
        fields["partner_countries"].choices = grouped(
            countries,
            lambda c: str(c.region.parent or c.region) if c.region else _("Other"),
            lambda c: c.name,
        )
        fields["partner_countries"].help_text = _(
            "Tick one or more, under their region."
        )
        sectors = Sector.objects.select_related("category").order_by(
            "category__code", "code"
        )
        fields["dac_sector"].queryset = sectors
        fields["dac_sector"].choices = [
            ("", "---------"),
            *grouped(sectors, lambda s: str(s.category), str),
        ]
        segib = SegibSector.objects.select_related("area")
        fields["segib_sector"].choices = [
            ("", "---------"),
            *grouped(segib, lambda s: s.area.name, str),
        ]
        # Withdrawn currencies are not offered, but a draft keeps the one it has.
        currencies = (
            Currency.objects.offered()
            | Currency.objects.filter(pk=self.instance.currency_id)
        ).order_by("code")
        fields["currency"].queryset = currencies
        fields["currency"].label_from_instance = lambda c: f"{c.code} · {c.name}"
        fields["duration_months"].widget.attrs.update({"min": 1, "max": 120})
        fields["estimated_budget"].widget.attrs["min"] = 0
        fields["contact_phone"].validators.append(validate_phone_number)
        fields["contact_email"].widget.attrs["autocomplete"] = "email"
        fields["contact_name"].widget.attrs["autocomplete"] = "name"
        fields["contact_phone"].widget.attrs["autocomplete"] = "tel"
        for name in FIELDS:
            note = PUBLIC_NOTE if name in PUBLIC_FIELDS else PRIVATE_NOTE
            help_text = fields[name].help_text
            fields[name].help_text = (
                format_lazy("{} {}", note, help_text) if help_text else note
            )

    def setup_call(self, field):
        """The calls the province may answer, open or opening soon (a draft may be
        started before the opening and sent once it opens), and the one the
        proposal already answers even once it has closed (a draft keeps it)."""
        calls = Call.objects.filter(closes_on__gte=timezone.localdate())
        if self.province is not None:
            calls = calls.for_province(self.province)
        calls = Call.objects.filter(
            Q(pk__in=calls.values("pk")) | Q(pk=self.instance.call_id)
        )
        field.queryset = calls.select_related("country").order_by("closes_on", "pk")
        field.empty_label = _("None: the proposal answers no call")
        field.label_from_instance = call_label

    def clean_call(self):
        call = self.cleaned_data["call"]
        if call is None or call.pk == self.instance.call_id:
            return call
        if call.has_closed():
            raise forms.ValidationError(
                _("This call is closed: it takes no new proposals.")
            )
        if self.province is not None and not call.admits(self.province):
            raise forms.ValidationError(
                _("Your province is not among the provinces this call is open to.")
            )
        return call

    def clean_estimated_budget(self):
        value = self.cleaned_data["estimated_budget"]
        if value is not None and value < 0:
            raise forms.ValidationError(_("The budget cannot be negative."))
        return value

    def clean_duration_months(self):
        value = self.cleaned_data["duration_months"]
        if value is not None and not 1 <= value <= 120:
            raise forms.ValidationError(_("Write a duration between 1 and 120 months."))
        return value

    def sections(self):
        return [
            (section.title, section.help_text, [self[name] for name in section.fields])
            for section in SECTIONS
        ]

    @classmethod
    def bound_from(cls, proposal, province=None):
        """A bound form holding ``proposal``'s saved values, so that errors can be
        shown beside its fields."""
        initial = cls(instance=proposal, province=province)
        data = QueryDict(mutable=True)
        for name in initial.fields:
            value = initial[name].value()
            if isinstance(value, (list, tuple)):
                data.setlist(name, [str(item) for item in value])
            else:
                data[name] = "" if value is None else str(value)
        return cls(data, instance=proposal, province=province)


class AttachmentForm(forms.Form):
    kind = forms.ChoiceField(
        label=gettext_lazy("Kind of document"),
        choices=[("", "---------"), *ProposalAttachment.Kind.choices],
        required=False,
    )
    file = forms.FileField(label=gettext_lazy("File"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Worked out for each form, in the language of its request: interpolated in
        # the class, the text would stay in the language active when it was imported.
        self.fields["file"].help_text = _(
            "PDF, DOCX, XLSX, ODT, ODS, PNG or JPG; %(size)s MB at most."
        ) % {"size": MAX_ATTACHMENT_SIZE // (1024 * 1024)}

    def clean(self):
        data = super().clean()
        if data.get("file") and not data.get("kind"):
            self.add_error("kind", _("Say what kind of document this is."))
        if data.get("kind") and not data.get("file"):
            self.add_error("file", _("Choose the file to attach."))
        if upload := data.get("file"):
            try:
                validate_attachment_file(upload)
            except forms.ValidationError as error:
                self.add_error("file", error)
        return data


class BaseAttachmentFormSet(forms.BaseFormSet):
    def __init__(self, *args, proposal=None, removed=(), **kwargs):
        self.proposal = proposal
        self.removed = set(removed)
        super().__init__(*args, **kwargs)

    def uploads(self):
        return [
            (form.cleaned_data["kind"], form.cleaned_data["file"])
            for form in self.forms
            if form.cleaned_data.get("file")
        ]

    def clean(self):
        if any(self.errors):
            return
        kept = 0
        if self.proposal is not None and self.proposal.pk:
            kept = self.proposal.attachments.exclude(pk__in=self.removed).count()
        if kept + len(self.uploads()) > MAX_ATTACHMENTS:
            raise forms.ValidationError(
                ngettext(
                    "A proposal can have at most %(limit)d attachment.",
                    "A proposal can have at most %(limit)d attachments.",
                    MAX_ATTACHMENTS,
                )
                % {"limit": MAX_ATTACHMENTS}
            )


AttachmentFormSet = forms.formset_factory(
    AttachmentForm, formset=BaseAttachmentFormSet, extra=3, max_num=MAX_ATTACHMENTS
)
