"""Translated content fields; history is registered here so it records them too."""

from modeltranslation.translator import TranslationOptions, register
from simple_history import register as register_history

from .models import (
    FocalPoint,
    FocalPointAccount,
    InstitutionalText,
    PhoneLine,
    Representation,
    StaffMembership,
    Unit,
)


@register(Unit)
class UnitTranslationOptions(TranslationOptions):
    fields = ("name", "description")
    required_languages = ("es",)


@register(InstitutionalText)
class InstitutionalTextTranslationOptions(TranslationOptions):
    fields = ("title", "lead", "body")
    required_languages = {"es": ("body",)}


register_history(Unit, app=__package__)
register_history(PhoneLine, app=__package__)
register_history(Representation, app=__package__)
register_history(StaffMembership, app=__package__)
register_history(FocalPoint, app=__package__)
register_history(FocalPointAccount, app=__package__)
register_history(InstitutionalText, app=__package__)
