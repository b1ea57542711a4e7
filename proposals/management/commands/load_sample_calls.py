"""Load clearly marked sample calls for proposals (development and demonstration):
one open now, whatever the day it is run, and one closed that prepared the sample
V Joint Commission with Bolivia and its programme. Refused on production settings
unless --allow-production is given; a second run adds nothing."""

import datetime

from django.db import transaction
from django.utils import timezone

from directory.models import Unit
from partners.models import Country, Province
from partners.seeding import SampleDataCommand
from projects.models import JointCommission, Programme
from proposals.models import Call

DESCRIPTION = (
    "Convocatoria de ejemplo, con datos ficticios para probar el portal. "
    "La Dirección reúne propuestas de las provincias y de los organismos "
    "nacionales para la próxima reunión de la Comisión Mixta de Cooperación "
    "Técnica con Bolivia. Prioridades: salud, agua y saneamiento, desarrollo "
    "productivo y gestión de riesgos."
)


def sample_calls(today):
    bolivia = Country.objects.get(code="BO")
    directorate = Unit.objects.get(slug="bilateral-cooperation")
    held = JointCommission.objects.filter(country=bolivia, number=5).first()
    return [
        {
            "title": "Convocatoria de ejemplo: VI Comisión Mixta Argentina–Bolivia",  # noqa: RUF001
            "country": bolivia,
            "directorate": directorate,
            "description": DESCRIPTION,
            "eligible": "Organismos nacionales, universidades nacionales y "
            "ministerios provinciales, con el aval de la provincia.",
            "opens_on": today - datetime.timedelta(days=14),
            "closes_on": today + datetime.timedelta(days=45),
            "provinces": [],
        },
        {
            "title": "Convocatoria de ejemplo: V Comisión Mixta Argentina–Bolivia",  # noqa: RUF001
            "country": bolivia,
            "directorate": directorate,
            "description": DESCRIPTION,
            "eligible": "",
            "opens_on": datetime.date(2023, 7, 3),
            "closes_on": datetime.date(2023, 8, 31),
            "commission": held,
            "programme": Programme.objects.filter(commission=held).first(),
            "provinces": ["AR-A", "AR-Y", "AR-T", "AR-J"],
        },
    ]


class Command(SampleDataCommand):
    what = "Sample calls"
    help = "Load the sample calls for proposals (development and demonstration only)."

    def handle(self, *args, **options):
        added = 0
        with transaction.atomic():
            for row in sample_calls(timezone.localdate()):
                provinces = row.pop("provinces")
                if Call.objects.filter(title=row["title"]).exists():
                    continue
                call = Call(**row)
                call.full_clean()
                call.save()
                call.provinces.set(Province.objects.filter(code__in=provinces))
                added += 1
        self.stdout.write(f"Sample calls for proposals: {added} added.")
