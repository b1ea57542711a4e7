"""Maps on other apps' pages: a province's page shows where the province lies on
the bicontinental map of Argentina (the shapes of manage.py build_argentina_map)."""

from django import template

from .. import maps

register = template.Library()


@register.inclusion_tag("opendata/includes/province_locator.html")
def province_locator(province):
    """The bicontinental map with ``province`` highlighted; no query."""
    shapes = maps.argentina()
    return {
        "province": province,
        "width": shapes["width"],
        "height": shapes["height"],
        # The province last, drawn over its neighbours' outlines.
        "provinces": sorted(
            (
                {"code": code, "path": path, "chosen": code == province.code}
                for code, path in shapes["provinces"].items()
            ),
            key=lambda shape: shape["chosen"],
        ),
        "sector": shapes["sector"],
    }
