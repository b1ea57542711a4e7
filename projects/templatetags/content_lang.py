"""The language of a translated text as shown: an English page that falls back to a
project's Spanish text marks that text lang="es", so screen readers and browsers
read it as Spanish."""

from django import template
from django.conf import settings
from django.utils.html import format_html
from django.utils.translation import get_language

register = template.Library()


def shown_language(obj, field):
    """The language whose value of `field` modeltranslation shows in the current
    language (the current one if filled, else the first fallback that is)."""
    current = (get_language() or settings.LANGUAGE_CODE).split("-")[0]
    for code in (current, *settings.MODELTRANSLATION_FALLBACK_LANGUAGES):
        if getattr(obj, f"{field}_{code}", None):
            return code
    return current


@register.filter
def lang_attr(obj, field):
    """` lang="es"` when `obj.field` is shown in another language than the page's;
    empty otherwise. Use inside a tag: <h1{{ project|lang_attr:"title" }}>."""
    current = (get_language() or settings.LANGUAGE_CODE).split("-")[0]
    code = shown_language(obj, field)
    return format_html(' lang="{}"', code) if code != current else ""
