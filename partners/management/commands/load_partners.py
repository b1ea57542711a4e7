"""Load regions, countries, provinces, blocs (with memberships), organisations and
foreign subnational governments.

Idempotent: only what is missing is added; nothing staff edited is overwritten.
"""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import translation
from django_countries import countries
from simple_history.utils import bulk_create_with_history

from partners.models import (
    ARGENTINE_TERRITORY_CODES,
    Bloc,
    BlocMembership,
    Country,
    Organisation,
    Province,
    Region,
    Subdivision,
)
from partners.seeding import create_missing, read_data

APP_DIR = Path(__file__).resolve().parents[2]


class Command(BaseCommand):
    help = "Load the partners reference data where it is missing."

    @transaction.atomic
    def handle(self, *args, **options):
        counts = {
            "regions": self.load_regions(),
            "countries": self.load_countries(),
            "provinces": len(
                create_missing(
                    Province, "code", read_data(APP_DIR, "provinces.json", "provinces")
                )
            ),
            "blocs": self.load_blocs(),
            "memberships": self.load_memberships(),
            "organisations": self.load_organisations(),
            "foreign subnational governments": self.load_subdivisions(),
        }
        added = ", ".join(f"{count} {name}" for name, count in counts.items())
        self.stdout.write(f"Partners: added {added}; existing rows left as they are.")

    def load_regions(self):
        rows = read_data(APP_DIR, "regions.json", "regions")
        created = create_missing(
            Region, "slug", [row | {"parent": None} for row in rows]
        )
        by_slug = {region.slug: region for region in Region.objects.all()}
        for row in rows:
            region = created.get(row["slug"])
            if region and row["parent"]:
                region.parent = by_slug[row["parent"]]
                region.save(update_fields=["parent"])
        return len(created)

    def load_countries(self):
        """ISO 3166-1 countries by django-countries' names, except where
        country_names.json gives the UN's short names (or adds a code, XK); never
        the parts of Argentina that ISO 3166-1 lists apart."""
        region_of = read_data(APP_DIR, "country_regions.json", "regions")
        corrected = read_data(APP_DIR, "country_names.json", "countries")
        regions = {region.slug: region for region in Region.objects.all()}
        names = {}
        for language in ("es", "en"):
            with translation.override(language):
                names[language] = {code: str(name) for code, name in countries}
        for code, row in corrected.items():
            names["es"][code], names["en"][code] = row["name_es"], row["name_en"]
        rows = [
            {
                "code": code,
                "name_es": names["es"][code],
                "name_en": names["en"][code],
                "region": regions.get(region_of.get(code)),
            }
            for code in sorted(names["en"])
            if code not in ARGENTINE_TERRITORY_CODES
        ]
        return len(create_missing(Country, "code", rows))

    def load_blocs(self):
        rows = [
            {key: value for key, value in bloc.items() if key != "memberships"}
            for bloc in read_data(APP_DIR, "blocs.json", "blocs")
        ]
        return len(create_missing(Bloc, "slug", rows))

    def load_memberships(self):
        """A bloc's periods for a country, each with its note and source, are added
        only if it has none at all (migration partners 0004 corrected the periods
        an older file had loaded)."""
        countries_by_code = {country.code: country for country in Country.objects.all()}
        blocs = {bloc.slug: bloc for bloc in Bloc.objects.all()}
        present = set(BlocMembership.objects.values_list("bloc__slug", "country__code"))
        new = [
            BlocMembership(
                bloc=blocs[entry["slug"]],
                **row | {"country": countries_by_code[row["country"]]},
            )
            for entry in read_data(APP_DIR, "blocs.json", "blocs")
            for row in entry["memberships"]
            if (entry["slug"], row["country"]) not in present
        ]
        for membership in new:
            membership.full_clean(validate_constraints=False)
        return len(bulk_create_with_history(new, BlocMembership))

    def load_organisations(self):
        countries_by_code = {country.code: country for country in Country.objects.all()}
        # identifier_source documents the data; the model has no field for it.
        rows = [
            {key: value for key, value in row.items() if key != "identifier_source"}
            | {"country": countries_by_code.get(row["country"])}
            for row in read_data(APP_DIR, "organisations.json", "organisations")
        ]
        return len(create_missing(Organisation, "slug", rows))

    def load_subdivisions(self):
        """First-level ISO 3166-2 subdivisions of the partner countries present
        (subdivisions.json, copied from Debian's iso-codes: its source and licence
        are in the file); never one of Argentina or of Argentine territory."""
        countries_by_code = {
            country.code: country
            for country in Country.objects.exclude(
                code__in=(settings.HOME_COUNTRY, *ARGENTINE_TERRITORY_CODES)
            )
        }
        rows = [
            row | {"country": countries_by_code[row["country"]]}
            for row in read_data(APP_DIR, "subdivisions.json", "subdivisions")
            if row["country"] in countries_by_code
        ]
        return len(create_missing(Subdivision, "code", rows))
