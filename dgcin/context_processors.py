from django.conf import settings
from django.urls import reverse, translate_url
from django.utils.functional import SimpleLazyObject
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import get_language_info, override

from accounts.permissions import is_reviewer, province_of


def language_link(path, code):
    """``path`` in the language ``code``, always on this site: an address a browser
    would read as another site's ("//evil.example/", "/%2F%2Fevil.example/")
    gives the home page in that language instead."""
    url = translate_url(path, code)
    if url_has_allowed_host_and_scheme(url, allowed_hosts=None):
        return url
    with override(code):
        return reverse("home")


def language_links(request):
    """The current page in every language, each named in its own language."""
    path = request.get_full_path()
    return {
        "language_links": [
            {
                "code": code,
                "name": get_language_info(code)["name_local"],
                "url": language_link(path, code),
            }
            for code, _name in settings.LANGUAGES
        ]
    }


def proposals_link(request):
    """Whether the menu links to the proposals area: for the focal points and the
    staff who review proposals, as accounts.permissions decides; the public reaches
    it through "Focal points: sign in". Asked only when a template reads it."""
    user = getattr(request, "user", None)

    def may_use_proposals():
        if user is None or not user.is_authenticated:
            return False
        return is_reviewer(user) or province_of(user) is not None

    return {"shows_proposals": SimpleLazyObject(may_use_proposals)}
