"""The home page described for search engines: DGCIN as a schema.org
``GovernmentOrganization`` (https://schema.org/GovernmentOrganization) in JSON-LD,
part of the Ministry, with the head office's address and lines from the
directory."""

from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext as _

from partners.seo import absolute_url

from .models import PhoneLine

MINISTRY = "Ministerio de Relaciones Exteriores, Comercio Internacional y Culto"
MINISTRY_URL = "https://www.cancilleria.gob.ar/"


def organisation_data(unit):
    """The JSON-LD of DGCIN, the General Directorate ``unit`` (its lines
    prefetched, as the footer has them)."""
    data = {
        "@context": "https://schema.org",
        "@type": "GovernmentOrganization",
        "@id": f"{absolute_url(reverse('home'))}#organization",
        "name": unit.name,
        "url": absolute_url(reverse("home")),
        "parentOrganization": {
            "@type": "GovernmentOrganization",
            "name": MINISTRY,
            # In English pages, the Ministry's name in English beside its own.
            "alternateName": _(
                "Ministry of Foreign Affairs, International Trade and Worship"
            ),
            "url": MINISTRY_URL,
        },
    }
    if data["parentOrganization"]["alternateName"] == MINISTRY:
        del data["parentOrganization"]["alternateName"]
    if unit.acronym:
        data["alternateName"] = unit.acronym
    if unit.description:
        data["description"] = unit.description
    if unit.email:
        data["email"] = unit.email
    if unit.street or unit.city:
        address = {
            "@type": "PostalAddress",
            "streetAddress": unit.street_line,
            "postalCode": unit.postcode,
            "addressLocality": unit.city,
            # ISO 3166-1, as schema.org advises, for the usual "Argentina".
            "addressCountry": settings.HOME_COUNTRY
            if unit.country in ("", "Argentina")
            else unit.country,
        }
        data["address"] = {key: value for key, value in address.items() if value}
    lines = list(unit.lines.all())
    voice = [line for line in lines if line.kind != PhoneLine.Kind.FAX]
    # The switchboard first: the number the footer gives.
    voice.sort(key=lambda line: line.kind != PhoneLine.Kind.SWITCHBOARD)
    if voice:
        data["telephone"] = voice[0].e164
    if fax := [line for line in lines if line.kind == PhoneLine.Kind.FAX]:
        data["faxNumber"] = fax[0].e164
    return data
