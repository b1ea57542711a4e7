"""Translated content fields; history is registered here so it records them too."""

from modeltranslation.translator import TranslationOptions, register
from simple_history import register as register_history

from .models import (
    Bloc,
    BlocMembership,
    Country,
    Organisation,
    Province,
    Region,
    Subdivision,
)


@register(Region)
class RegionTranslationOptions(TranslationOptions):
    fields = ("name",)
    required_languages = ("es",)


@register(Country)
class CountryTranslationOptions(TranslationOptions):
    fields = ("name",)
    required_languages = ("es",)


@register(Province)
class ProvinceTranslationOptions(TranslationOptions):
    fields = ("name", "description")
    required_languages = ("es",)


@register(Bloc)
class BlocTranslationOptions(TranslationOptions):
    fields = ("acronym", "name", "description")
    required_languages = ("es",)


@register(Organisation)
class OrganisationTranslationOptions(TranslationOptions):
    fields = ("acronym", "name")
    required_languages = ("es",)


@register(Subdivision)
class SubdivisionTranslationOptions(TranslationOptions):
    fields = ("name",)
    required_languages = ("es",)


for model in (
    Region,
    Country,
    Province,
    Bloc,
    BlocMembership,
    Organisation,
    Subdivision,
):
    register_history(model, app=__package__)
