"""A project's history as the saves people made, one entry per save.

django-simple-history writes one record per saved row: creating a project with its
partners, sectors and budget writes a record for the project, one for each row and
one more each time a many-to-many field is set. Every record written during one
request (one admin save, one import, one accepted proposal), or inside
``saving_together()`` outside a request, carries the same ``history_save``
identifier, and ``saves()`` groups a project's records (its own, its rows', its
results' indicators') by it. Records written before the identifier existed are
grouped by user and a short time window. ``history_lines`` puts each save into words.
"""

import contextlib
import contextvars
import datetime
import uuid
from dataclasses import dataclass, field

from django.db import models
from django.dispatch import receiver
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords
from simple_history.signals import pre_create_historical_record

# Records without a save identifier that one person wrote this close together are
# taken as one save.
WINDOW = datetime.timedelta(seconds=10)

_current_save = contextvars.ContextVar("history_save", default=None)


class SavedTogether(models.Model):
    """The abstract base of the historical models of a project and its rows."""

    history_save = models.UUIDField(
        _("save"),
        null=True,
        blank=True,
        editable=False,
        help_text=_("The same for every record one save wrote."),
    )

    class Meta:
        abstract = True
        app_label = "projects"


@contextlib.contextmanager
def saving_together():
    """Marks every historical record written inside as one save (for writes outside
    a request: commands and tasks)."""
    token = _current_save.set(uuid.uuid4())
    try:
        yield
    finally:
        _current_save.reset(token)


def current_save():
    """The identifier of the save under way: ``saving_together()``'s, else one per
    request (the request HistoryRequestMiddleware holds), else None."""
    if (save := _current_save.get()) is not None:
        return save
    request = getattr(HistoricalRecords.context, "request", None)
    if request is None:
        return None
    if not hasattr(request, "history_save"):
        request.history_save = uuid.uuid4()
    return request.history_save


@receiver(pre_create_historical_record, dispatch_uid="projects.history_save")
def mark_save(sender, history_instance, **kwargs):
    if isinstance(history_instance, SavedTogether):
        history_instance.history_save = current_save()


@dataclass
class Save:
    """The records one save wrote, oldest first."""

    records: list = field(default_factory=list)
    lines: list = field(default_factory=list)  # set by history_lines.describe
    version: object = None  # the main object's record to link to, if any

    @property
    def date(self):
        return self.records[-1].history_date

    @property
    def user(self):
        return next((r.history_user for r in self.records if r.history_user), None)

    def record_of(self, model):
        """The last record of ``model`` (a historical model) in this save."""
        return next(
            (r for r in reversed(self.records) if isinstance(r, model)),
            None,
        )


def history_of(model, pk):
    """The querysets of historical records that make ``model``'s object ``pk``
    history: its own and its rows', including rows deleted since."""
    from .models import (
        Beneficiary,
        Budget,
        Document,
        Indicator,
        IndicatorPeriod,
        Location,
        Mission,
        Participation,
        PolicyMarker,
        Project,
        ProjectSector,
        Result,
        SubnationalParticipation,
        Transaction,
    )

    if model is Indicator:
        return [
            Indicator.history.filter(id=pk),
            IndicatorPeriod.history.filter(indicator_id=pk),
        ]
    if model is Result:
        indicators = Indicator.history.filter(result_id=pk).values("id")
        return [
            Result.history.filter(id=pk),
            Indicator.history.filter(result_id=pk),
            IndicatorPeriod.history.filter(indicator_id__in=indicators),
        ]
    if model is not Project:
        raise LookupError(model)
    results = Result.history.filter(project_id=pk).values("id")
    indicators = Indicator.history.filter(result_id__in=results).values("id")
    return [
        Project.history.filter(id=pk),
        Participation.history.filter(project_id=pk),
        ProjectSector.history.filter(project_id=pk),
        Budget.history.filter(project_id=pk),
        Transaction.history.filter(project_id=pk),
        Document.history.filter(project_id=pk),
        Result.history.filter(project_id=pk),
        Indicator.history.filter(result_id__in=results),
        Mission.history.filter(project_id=pk),
        IndicatorPeriod.history.filter(indicator_id__in=indicators),
        PolicyMarker.history.filter(project_id=pk),
        Beneficiary.history.filter(project_id=pk),
        SubnationalParticipation.history.filter(project_id=pk),
        Location.history.filter(project_id=pk),
    ]


def load(querysets):
    """Every record of ``querysets`` (with its user), oldest first: one query each."""
    records = [
        record
        for queryset in querysets
        for record in queryset.select_related("history_user").order_by()
    ]
    records.sort(key=lambda r: (r.history_date, r.history_id))
    return records


def group(records):
    """The saves ``records`` (oldest first) make, newest save first."""
    saves, by_id, window = [], {}, None
    for record in records:
        save_id = getattr(record, "history_save", None)
        if save_id is not None:
            save = by_id.get(save_id)
            if save is None:
                save = by_id[save_id] = Save()
                saves.append(save)
        elif (
            window is not None
            and window.records[-1].history_user_id == record.history_user_id
            and record.history_date - window.records[-1].history_date <= WINDOW
        ):
            save = window
        else:
            save = window = Save()
            saves.append(save)
        save.records.append(record)
    saves.sort(key=lambda save: save.date, reverse=True)
    return saves


def previous_records(records):
    """{record: the record before it of the same object}, for every record."""
    last, previous = {}, {}
    for record in records:
        key = object_key(record)
        previous[id(record)] = last.get(key)
        last[key] = record
    return previous


def object_key(record):
    """The object a historical record is a state of: (historical model, pk)."""
    return type(record), getattr(record, record.instance_type._meta.pk.attname)
