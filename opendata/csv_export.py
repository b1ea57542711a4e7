"""The catalogue's projects as a CSV file, one row per project, in one language.

``export_columns`` is the one list of the spreadsheets' columns: the CSV file and
the XLSX file (``xlsx_export``) both read it. Its values are typed (dates, amounts
per currency, counts, yes/no as booleans, texts); ``cell_text`` writes them as the
CSV's text, the XLSX file keeps their types."""

import csv
import datetime

from django.utils import timezone, translation
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy

from partners.institutions import executing_sides
from partners.spreadsheets import spreadsheet_safe
from projects import costs, publishing
from projects.models import Participation, Project, budget_totals

from . import project_fields
from .exports import project_notes
from .formatting import decimal_text, money_text, translated

YES, NO = gettext_lazy("yes"), gettext_lazy("no")


class PerCurrency(tuple):
    """Amounts of one project, one (currency code, Decimal) pair per currency:
    never added across currencies."""


def joined(items):
    return "; ".join(item for item in items if item)


def cell_text(value):
    """A column's value as the CSV writes it (in the active language)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(YES if value else NO)
    if isinstance(value, datetime.datetime):
        return value.isoformat(timespec="seconds")
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, PerCurrency):
        return joined(f"{code} {money_text(amount)}" for code, amount in value)
    return str(value)


def typed(kind, value):
    """``value`` (a column's function) marked with the kind of what it gives, for
    the data catalogue's field types: "date", "date-time", "boolean", "integer",
    "amount" (``PerCurrency``); unmarked columns give text."""
    value.field_type = kind
    return value


def export_columns(absolute_url, language):
    """[(header, value of a project)] in ``language``, which must be active.
    Values are texts, dates, datetimes, booleans, integers or ``PerCurrency``."""
    label = {
        name: {code: str(text) for code, text in choices}
        for name, choices in (
            ("modality", Project.Modality.choices),
            ("instrument", Project.Instrument.choices),
            ("status", Project.Status.choices),
            ("role", Participation.SegibRole.choices),
        )
    }

    def name(instance, field="name"):
        return translated(instance, field, language)

    def role(participation):
        return f"({label['role'][participation.segib_role]})"

    def countries(project):
        return joined(
            f"{p.country.code} {name(p.country)} {role(p)}"
            for p in project.contents.participations
            if p.country
        )

    def organisation(instance):
        """ "XM-DAC-701-8 Japan International Cooperation Agency": its IATI
        identifier, else its acronym, and its name."""
        code = instance.iati_identifier or name(instance, "acronym")
        return " ".join(part for part in (code, name(instance)) if part)

    def organisations(project):
        return joined(
            f"{organisation(p.organisation)} {role(p)}"
            for p in project.contents.participations
            if p.organisation
        )

    def executing(project, side):
        """The executing institutions on one side (0 Argentine, 1 the partner
        countries', each with its country), as the project's page tells them."""
        institutions = executing_sides(project.contents.participations)[side]
        if side == 0:
            return joined(organisation(item) for item in institutions)
        return joined(
            f"{organisation(item)}, {name(item.country)}" for item in institutions
        )

    def programme(project):
        programme = project.published_programme
        if programme is None:
            return ""
        title = name(programme, "title")
        return " ".join(part for part in (programme.iati_identifier, title) if part)

    def locations(project):
        """ "Santa Cruz de la Sierra, BO-S Santa Cruz, Bolivia; AR-M Mendoza"."""
        parts = []
        for location in project.contents.locations:
            area = location.area
            text = " ".join(part for part in (area.code, name(area)) if part)
            if location.place:
                text = f"{location.place}, {text}"
            if location.subdivision is not None:
                text += f", {name(location.country)}"
            parts.append(text)
        return "; ".join(parts)

    def subnational(project):
        """ "AR-M Mendoza (Godoy Cruz); CL-VS Valparaíso, Chile": each government
        by its ISO 3166-2 code where it has one, a foreign one with its country."""
        parts = []
        for row in project.contents.subnational:
            government = row.province or row.subdivision
            text = " ".join(
                part for part in (government.code, name(government)) if part
            )
            if row.subdivision is not None:
                text += f", {name(row.subdivision.country)}"
            if row.municipality:
                text += f" ({row.municipality})"
            parts.append(text)
        return joined(parts)

    def dates(field):
        return typed("date", lambda project: getattr(project, field))

    return [
        (gettext_lazy("IATI identifier"), publishing.public_identifier),
        (gettext_lazy("Title"), lambda p: name(p, "title")),
        (gettext_lazy("Summary"), lambda p: name(p, "summary")),
        (gettext_lazy("Modality code"), lambda p: p.modality),
        (gettext_lazy("Modality"), lambda p: label["modality"][p.modality]),
        (gettext_lazy("Instrument code"), lambda p: p.instrument),
        (gettext_lazy("Instrument"), lambda p: label["instrument"][p.instrument]),
        (gettext_lazy("Status code"), lambda p: p.status),
        (gettext_lazy("Status"), lambda p: label["status"][p.status]),
        (gettext_lazy("Partner countries (SEGIB role)"), countries),
        (gettext_lazy("Organisations (SEGIB role)"), organisations),
        (
            gettext_lazy("DAC sectors (percentage)"),
            lambda p: joined(
                f"{share.sector.code} {name(share.sector)} "
                f"({decimal_text(share.percentage)}%)"
                for share in p.contents.sectors
            ),
        ),
        (
            gettext_lazy("SEGIB sector"),
            lambda p: name(p.segib_sector) if p.segib_sector else "",
        ),
        (
            gettext_lazy("SDGs"),
            lambda p: joined(
                f"{goal.number} {name(goal, 'short_name')}"
                for goal in p.contents.sdg_goals
            ),
        ),
        (
            gettext_lazy("SDG targets"),
            lambda p: joined(target.code for target in p.contents.sdg_targets),
        ),
        (
            gettext_lazy("Directorate"),
            lambda p: name(p.directorate) if p.directorate else "",
        ),
        (
            gettext_lazy("Argentine provinces"),
            lambda p: joined(
                f"{province.code} {name(province)}" for province in p.contents.provinces
            ),
        ),
        (
            gettext_lazy("Blocs and forums"),
            lambda p: joined(name(bloc, "acronym") for bloc in p.contents.blocs),
        ),
        (gettext_lazy("Planned start"), dates("planned_start")),
        (gettext_lazy("Planned end"), dates("planned_end")),
        (gettext_lazy("Actual start"), dates("actual_start")),
        (gettext_lazy("Actual end"), dates("actual_end")),
        (
            gettext_lazy("Budget (total per currency)"),
            typed(
                "amount",
                lambda p: PerCurrency(
                    (currency.code, total)
                    for currency, total in budget_totals(p.contents.budgets)
                ),
            ),
        ),
        (gettext_lazy("FO.AR project number"), lambda p: p.fo_ar_number),
        (gettext_lazy("Web page"), lambda p: absolute_url(p.get_absolute_url())),
        (
            gettext_lazy("Last updated"),
            typed("date-time", lambda p: timezone.localtime(p.updated_at)),
        ),
        # Added in 2026 (main SDG, policy markers, beneficiaries, IATI
        # defaults): after the older columns, which keep their places.
        *project_fields.csv_columns(language),
        # Added with the transactions (after the columns that readers address by
        # position; the notes stay last).
        (
            gettext_lazy("Executed cost in cash (total per currency)"),
            typed("amount", lambda p: executed(p, "executed_cash")),
        ),
        (
            gettext_lazy("Executed cost in kind (total per currency)"),
            typed("amount", lambda p: executed(p, "executed_in_kind")),
        ),
        # Added after the older columns, so those keep their places; the notes
        # stay last.
        (
            gettext_lazy("Decentralised cooperation"),
            typed("boolean", lambda p: p.is_decentralised),
        ),
        (gettext_lazy("Subnational partners"), subnational),
        (gettext_lazy("Locations"), locations),
        # Added with the programmes, executing institutions and missions, after
        # the older columns; the notes stay last.
        (gettext_lazy("Bilateral programme"), programme),
        (gettext_lazy("Approval date"), dates("approved_on")),
        (
            gettext_lazy("Argentine executing institutions"),
            lambda p: executing(p, 0),
        ),
        (gettext_lazy("Counterpart institutions"), lambda p: executing(p, 1)),
        (
            gettext_lazy("Missions"),
            typed("integer", lambda p: len(p.contents.missions)),
        ),
        (
            gettext_lazy("Experts"),
            typed("integer", lambda p: sum(m.experts for m in p.contents.missions)),
        ),
        (gettext_lazy("Expert-days"), typed("integer", expert_days)),
        # Sample data and provisional identifiers, said on each row: a CSV file
        # has no other place for it.
        (
            gettext_lazy("Notes on the data"),
            lambda p: " ".join(str(note) for note in project_notes(p)),
        ),
    ]


def expert_days(project):
    """Experts times days, added over the project's missions (a mission without
    days counts none), as the statistics page counts them."""
    return sum(
        mission.expert_days
        for mission in project.contents.missions
        if mission.expert_days is not None
    )


def executed(project, name):
    """The project's executed cost in cash or in kind, per currency (its
    partners' disbursements and expenditures; FO.AR's missions count as cash)."""
    return PerCurrency(
        (currency.code, getattr(amounts, name))
        for currency, amounts in costs.executed_by_currency(
            project.contents.transactions, project.contents.missions
        )
        if getattr(amounts, name) is not None
    )


class _Echo:
    """A file-like object whose write() hands back what it is given, so that
    csv.writer produces each row as a string to stream."""

    def write(self, value):
        return value


def csv_stream(chunks, absolute_url, language):
    """The CSV file in ``language``: a byte order mark (spreadsheets then read
    UTF-8), a header row, one row per project; CRLF line ends, minimal quoting."""
    # The language is switched for each piece, never across a yield: a generator
    # left unfinished must not leave its language behind in the thread.
    writer = csv.writer(_Echo())
    with translation.override(language):
        columns = export_columns(absolute_url, language)
        header = writer.writerow([capfirst(str(title)) for title, _value in columns])
    yield "\ufeff" + header
    for chunk in chunks:
        with translation.override(language):
            rows = "".join(
                writer.writerow(
                    [
                        spreadsheet_safe(cell_text(value(project)))
                        for _title, value in columns
                    ]
                )
                for project in chunk
            )
        yield rows
