"""Decentralised cooperation in IATI: the subnational governments of a project as
``participating-org`` elements.

An Argentine province and a foreign state, region, department or municipality is a
local government (OrganisationType 11) that carries the project out on its side
(OrganisationRole 4, implementing). They have no IATI organisation identifier: the
element names them, in each language, with the municipality that takes part and
the country, e.g. "Godoy Cruz, Mendoza, Argentina", "Valparaíso, Chile".
"""

from partners.models import IatiOrganisationType

from .formatting import LANGUAGES, translated

LOCAL_GOVERNMENT = IatiOrganisationType.LOCAL_GOVERNMENT.value
IMPLEMENTING = "4"


def government_names(row):
    """{language: name} of a subnational partner row (``project.contents``'s,
    whose ``country`` is Argentina for a province)."""
    names = {}
    for language in LANGUAGES:
        government = translated(row.province or row.subdivision, "name", language)
        country = translated(row.country, "name", language)
        parts = (row.municipality, government, country)
        names[language] = ", ".join(part for part in parts if part)
    return names


def subnational_orgs(project):
    """[(participating-org attributes, {language: name})] of a decentralised
    project's subnational partners, Argentine ones first; none for the others."""
    if not project.is_decentralised:
        return []
    rows = sorted(project.contents.subnational, key=lambda row: row.province is None)
    return [
        ({"type": LOCAL_GOVERNMENT, "role": IMPLEMENTING}, government_names(row))
        for row in rows
    ]
