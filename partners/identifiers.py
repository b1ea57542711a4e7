"""IATI organisation identifiers: a registration agency's code, a hyphen and the
identifier that agency gave, e.g. XM-DAC-41114 (UNDP, by its OECD DAC channel code)
or XI-IATI-IADB (the IDB, in the list the IATI Secretariat keeps).

The agency codes are the IATI OrganisationRegistrationAgency codelist, copied with its
source into ``data/registration_agencies.json``.
"""

import json
import re
from functools import cache
from pathlib import Path

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

AGENCIES_FILE = Path(__file__).resolve().parent / "data" / "registration_agencies.json"

# What an agency's own identifier may hold: no spaces, slashes or other separators
# that IATI identifiers leave out.
AGENCY_IDENTIFIER = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]*")


@cache
def registration_agencies():
    """The codes of the OrganisationRegistrationAgency codelist, as a frozenset."""
    data = json.loads(AGENCIES_FILE.read_text(encoding="utf-8"))
    return frozenset(agency["code"] for agency in data["agencies"])


def split_identifier(value):
    """(agency code, agency's identifier) of ``value``, or None when it does not
    start with a known agency code and a hyphen. Agency codes hold hyphens
    themselves (XM-DAC), so every hyphen is tried, the longest code first."""
    agencies = registration_agencies()
    hyphens = [index for index, char in enumerate(value) if char == "-"]
    for index in reversed(hyphens):
        if value[:index] in agencies:
            return value[:index], value[index + 1 :]
    return None


def validate_organisation_identifier(value):
    parts = split_identifier(value)
    if parts is None:
        raise ValidationError(
            _(
                "“%(value)s” does not start with the code of a registration agency "
                "of the IATI OrganisationRegistrationAgency codelist and a hyphen, "
                "e.g. XM-DAC-41114 or XI-IATI-IADB."
            ),
            code="unknown_registration_agency",
            params={"value": value},
        )
    if not AGENCY_IDENTIFIER.fullmatch(parts[1]):
        raise ValidationError(
            _(
                "After “%(agency)s-” write the identifier that agency gave: "
                "letters, digits, dots, underscores or hyphens, without spaces."
            ),
            code="invalid_agency_identifier",
            params={"agency": parts[0]},
        )
