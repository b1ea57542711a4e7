"""A project's page described for search engines: schema.org ``Project`` in JSON-LD
(https://schema.org/Project), from the data the page shows.

- ``identifier``: the IATI identifier the page and the open data give.
- ``foundingDate`` / ``dissolutionDate``: the start (actual, else planned) and the
  actual end; a planned end is no end yet.
- ``funder``: the partners with the IATI role "Funding"; ``sponsor``: those that
  provide cooperation (SEGIB provider roles).
- ``areaServed``: the countries the project serves (its recipients, or every
  participant of a regional project; no ``Country`` row can be Argentine territory
  such as the Malvinas, ARCHITECTURE.md) and the Argentine provinces it names.
"""

from partners.seo import absolute_url

from .models import Participation

PROVIDER_ROLES = {
    Participation.SegibRole.PROVIDER,
    Participation.SegibRole.BOTH,
    Participation.SegibRole.FIRST_PROVIDER,
    Participation.SegibRole.SECOND_PROVIDER,
}

# The roles of the partners a project serves: its recipients, or every participant
# of a regional project.
SERVED_ROLES = {
    Participation.SegibRole.RECIPIENT,
    Participation.SegibRole.BOTH,
    Participation.SegibRole.PARTICIPANT,
}


def partner_data(participation):
    if participation.country_id:
        country = participation.country
        return {
            "@type": "Country",
            "name": country.name,
            "identifier": country.code,
            "url": absolute_url(country.get_absolute_url()),
        }
    organisation = participation.organisation
    data = {
        "@type": "Organization",
        "name": organisation.name,
        "url": absolute_url(organisation.get_absolute_url()),
    }
    if organisation.acronym:
        data["alternateName"] = organisation.acronym
    if organisation.iati_identifier:
        data["identifier"] = organisation.iati_identifier
    return data


def once(items):
    """``items`` without repeats (a partner with two roles is named once)."""
    seen, kept = set(), []
    for item in items:
        key = item["url"]
        if key not in seen:
            seen.add(key)
            kept.append(item)
    return kept


def project_data(project, identifier):
    """The JSON-LD of ``project`` (participations, provinces and directorate
    prefetched, as the project page has them) with its public ``identifier``."""
    participations = list(project.participations.all())
    data = {
        "@context": "https://schema.org",
        "@type": "Project",
        "@id": f"{absolute_url(project.get_absolute_url())}#project",
        "name": project.title,
        "url": absolute_url(project.get_absolute_url()),
        "identifier": identifier,
    }
    if description := project.summary or project.description:
        data["description"] = description
    if project.start_date:
        data["foundingDate"] = project.start_date.isoformat()
    if project.actual_end:
        data["dissolutionDate"] = project.actual_end.isoformat()
    funders = once(
        partner_data(p)
        for p in participations
        if p.iati_role == Participation.IatiRole.FUNDING
    )
    sponsors = once(
        partner_data(p) for p in participations if p.segib_role in PROVIDER_ROLES
    )
    areas = once(
        partner_data(p)
        for p in participations
        if p.country_id and p.segib_role in SERVED_ROLES
    )
    areas += [
        {
            "@type": "AdministrativeArea",
            "name": province.name,
            "identifier": province.code,
            "url": absolute_url(province.get_absolute_url()),
        }
        for province in project.provinces.all()
    ]
    for key, value in (("funder", funders), ("sponsor", sponsors)):
        if value:
            data[key] = value
    if areas:
        data["areaServed"] = areas
    if project.directorate_id:
        directorate = project.directorate
        data["parentOrganization"] = {
            "@type": "GovernmentOrganization",
            "name": directorate.name,
            "url": absolute_url(directorate.get_absolute_url()),
        }
    return data
