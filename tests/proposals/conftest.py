"""Shared by the proposals' tests: clean file storage and a blank form POST."""

import pytest
from django.core.files.storage import default_storage


@pytest.fixture(autouse=True)
def _empty_storage():
    """Each test starts with empty in-memory file storage."""
    from django.core.files.storage import storages
    from django.utils.functional import empty

    storages._storages.pop("default", None)
    default_storage._wrapped = empty


def form_data(**fields):
    """A POST of the proposal form with no new files."""
    data = {
        "attachments-TOTAL_FORMS": "3",
        "attachments-INITIAL_FORMS": "0",
        "attachments-MIN_NUM_FORMS": "0",
        "attachments-MAX_NUM_FORMS": "10",
        "title": "Agua segura para comunidades rurales",
        "save": "draft",
    }
    return data | fields


@pytest.fixture
def make_call(references):
    """make_call(opens_in=-10, closes_in=20, provinces=(), programme=False, **fields):
    a call for proposals with Paraguay, days counted from today (negative: past);
    ``programme`` gives it a joint commission and a published programme."""
    import datetime

    from django.utils import timezone

    from directory.models import Unit
    from partners.models import Country, Province
    from projects.models import JointCommission, Programme
    from proposals.models import Call

    def make(opens_in=-10, closes_in=20, provinces=(), programme=False, **fields):
        today = timezone.localdate()
        paraguay = Country.objects.get(code="PY")
        directorate = Unit.objects.get(slug="bilateral-cooperation")
        values = {
            "title": "Convocatoria para la VI Comisión Mixta con Paraguay",
            "country": paraguay,
            "directorate": directorate,
            "description": "Proyectos de desarrollo productivo y agua.",
            "opens_on": today + datetime.timedelta(days=opens_in),
            "closes_on": today + datetime.timedelta(days=closes_in),
        }
        if programme:
            commission = JointCommission.objects.create(
                country=paraguay,
                number=6,
                date=today + datetime.timedelta(days=closes_in + 30),
                venue="Asunción",
                directorate=directorate,
            )
            values["commission"] = commission
            values["programme"] = Programme.objects.create(
                title_es="VI Programa de Cooperación Técnica Argentina–Paraguay",  # noqa: RUF001
                slug="vi-programa-argentina-paraguay",
                commission=commission,
                number=6,
                period_start=commission.date,
                period_end=commission.date + datetime.timedelta(days=730),
                is_published=True,
            )
        call = Call.objects.create(**values | fields)
        call.provinces.set(Province.objects.filter(code__in=provinces))
        return call

    return make
