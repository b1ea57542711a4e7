"""The home page's JSON-LD (directory/structured_data.py):
``{% organisation_json_ld head_office %}``."""

from django import template

from directory.structured_data import organisation_data
from partners.seo import json_ld_script

register = template.Library()


@register.simple_tag
def organisation_json_ld(unit):
    if not unit:
        return ""
    return json_ld_script(organisation_data(unit))
