"""Issue 12: the focal points' page counts what the data holds, and says what is
missing instead of claiming that no province has designated its focal point."""

import pytest

from directory.models import FocalPoint
from partners.models import Province

pytestmark = pytest.mark.django_db


def test_without_focal_points_the_page_says_they_are_not_entered(client, references):
    FocalPoint.objects.all().delete()
    es = client.get("/directory/focal-points/").content.decode()
    en = client.get("/en/directory/focal-points/").content.decode()
    assert "Todavía no se cargaron los puntos focales" in es
    assert "have not been entered in this portal yet" in en
    assert "0 de" not in es
    assert "0 of" not in en


def test_the_count_is_the_number_of_focal_points_in_the_data(client, references):
    for code in ("AR-X", "AR-W"):
        FocalPoint.objects.create(
            province=Province.objects.get(code=code), institution=f"Agencia {code}"
        )
    es = client.get("/directory/focal-points/").content.decode()
    en = client.get("/en/directory/focal-points/").content.decode()
    total = Province.objects.count()
    assert f"los puntos focales de 2 de las {total} jurisdicciones" in es
    assert f"focal points of 2 of the {total} jurisdictions are listed" in en
    assert "Agencia AR-X" in es
    assert 'href="/partners/province/ar-x/"' in es
