"""A project's locations within countries in IATI: one ``location`` each, after the
recipient countries.

The activity happens there (GeographicLocationReach 1). Its name, in each language,
is the place, the province or division and the country ("Santa Cruz de la Sierra,
Santa Cruz, Bolivia"); ``administrative`` gives the country (GeographicVocabulary
A4, ISO 3166-1, level 0: IATI has no vocabulary for ISO 3166-2); a point, when
known, is WGS 84 (EPSG 4326), exact or approximate as staff say
(GeographicExactness). The class is the one staff chose for a named place
(GeographicLocationClass: populated place, structure, topographical feature), else
an administrative region (1): the province or division itself.
"""

from django.conf import settings

from . import iati
from .formatting import LANGUAGES, translated

ACTIVITY_HAPPENS_HERE = "1"
ISO_COUNTRY = "A4"
WGS84 = "http://www.opengis.net/def/crs/EPSG/0/4326"


def location_names(location):
    """{language: "place, area, country"} of ``location`` (from ``contents``,
    whose ``country`` is Argentina for a province)."""
    names = {}
    for language in LANGUAGES:
        parts = (
            location.place,
            translated(location.area, "name", language),
            translated(location.country, "name", language),
        )
        names[language] = ", ".join(part for part in parts if part)
    return names


def add_locations(activity, project):
    for location in project.contents.locations:
        element = iati.sub(activity, "location")
        iati.sub(element, "location-reach", {"code": ACTIVITY_HAPPENS_HERE})
        iati.add_narratives(iati.sub(element, "name"), location_names(location))
        code = location.country.code if location.country else settings.HOME_COUNTRY
        iati.sub(
            element,
            "administrative",
            {"vocabulary": ISO_COUNTRY, "level": "0", "code": code},
        )
        if location.has_point:
            point = iati.sub(element, "point", {"srsName": WGS84})
            iati.sub(point, "pos", text=f"{location.latitude} {location.longitude}")
            iati.sub(element, "exactness", {"code": location.iati_exactness})
        iati.sub(element, "location-class", {"code": location.iati_class})
