"""DGCIN's own contact directory and its networks."""

from .content import InstitutionalText, parse_text
from .network import (
    FocalPoint,
    FocalPointAccount,
    Profile,
    StaffMembership,
    language_of,
    province_of,
)
from .representations import Representation
from .units import (
    DEFAULT_COUNTRY_CODE,
    PhoneLine,
    Unit,
    to_e164,
    validate_extensions,
    validate_international_number,
    validate_phone_number,
)

__all__ = [
    "DEFAULT_COUNTRY_CODE",
    "FocalPoint",
    "FocalPointAccount",
    "InstitutionalText",
    "PhoneLine",
    "Profile",
    "Representation",
    "StaffMembership",
    "Unit",
    "language_of",
    "parse_text",
    "province_of",
    "to_e164",
    "validate_extensions",
    "validate_international_number",
    "validate_phone_number",
]
