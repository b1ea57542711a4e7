"""Issue 12: lists are sorted as a Spanish reader expects ("Córdoba" before
"Corrientes", "Á" as "A", "ñ" after "n"), the same on SQLite and PostgreSQL."""

import pytest
from django.utils import translation

from directory.models import Representation
from partners.collation import Collated, collation_key
from partners.models import Country, Organisation, Province

pytestmark = pytest.mark.django_db


def test_the_sort_key_follows_spanish_rules():
    words = ["Oro", "Ñandú", "Nuevo", "Corrientes", "avena", "Córdoba", "Álamo", "Azul"]
    assert sorted(words, key=collation_key) == [
        "Álamo",
        "avena",
        "Azul",
        "Córdoba",
        "Corrientes",
        "Nuevo",
        "Ñandú",
        "Oro",
    ]


@pytest.mark.parametrize("language", ["es", "en"])
@pytest.mark.parametrize("model", [Country, Province, Organisation])
def test_the_database_sorts_names_as_the_key_does(partners_data, language, model):
    with translation.override(language):
        names = [str(row.name) for row in model.objects.all()]
    assert len(names) > 20
    assert names == sorted(names, key=collation_key)


def test_related_names_and_pages_follow_the_spanish_order(client, partners_data):
    names = list(Province.objects.values_list("name_es", flat=True))
    assert names.index("Córdoba") < names.index("Corrientes")
    assert names.index("Entre Ríos") < names.index("Formosa")
    order = Representation.objects.order_by(Collated("country__name")).query
    assert "COLLATE" in str(order)
    page = client.get("/directory/focal-points/").content.decode()
    assert page.index(">Córdoba<") < page.index(">Corrientes<")
    countries = client.get(
        "/partners/", {"kind": "country", "scope": "all"}
    ).content.decode()
    assert countries.index("Afganistán") < countries.index("Albania")
    assert countries.index("Albania") < countries.index("Alemania")
