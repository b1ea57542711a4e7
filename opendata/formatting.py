"""Values as every open-data file writes them: numbers without exponents, dates in
ISO 8601, texts in each language."""

from django.conf import settings
from django.utils import translation

LANGUAGES = [code for code, _name in settings.LANGUAGES]


def decimal_text(value):
    """A decimal without exponent or trailing zeros: 100.00 -> "100"."""
    if value is None:
        return None
    text = format(value, "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text


def money_text(value):
    return None if value is None else f"{value:.2f}"


def iso(day):
    return day.isoformat() if day else None


def in_languages(instance, field):
    """{language: the field's text in that language, or None where not written}."""
    return {
        language: getattr(instance, f"{field}_{language}", None) or None
        for language in LANGUAGES
    }


def translated(instance, field, language):
    """The field in ``language``, else in the fallback languages (as the pages show
    it), read straight from the translation columns: far cheaper per row than the
    translated field's descriptor."""
    for code in (language, *settings.MODELTRANSLATION_FALLBACK_LANGUAGES):
        value = getattr(instance, f"{field}_{code}", "")
        if value:
            return value
    return ""


def document_href(document):
    """The document's link, in the default language (files are served at a
    language-neutral address under it)."""
    with translation.override(settings.LANGUAGE_CODE):
        return document.href
