"""How rows are named to people: dates in the reader's language (never ISO in a
sentence), one beneficiary in the singular, and the policies a project furthers
only when it targets one."""

import datetime

import pytest
from django.utils import translation
from django.utils.translation import gettext

from projects.models import Beneficiary, IndicatorPeriod, PolicyMarker

pytestmark = pytest.mark.django_db


def es(message, **params):
    with translation.override("es"):
        return str(gettext(message)) % params if params else str(gettext(message))


def test_rows_name_their_dates_as_the_language_writes_them():
    from decimal import Decimal

    from projects.models import Budget, Transaction

    start, end = datetime.date(2024, 1, 1), datetime.date(2024, 12, 31)
    period = IndicatorPeriod(period_start=start, period_end=end)
    budget = Budget(period_start=start, period_end=end, value=Decimal("1500.00"))
    payment = Transaction(type="3", date=end, value=Decimal(10))
    with translation.override("en"):
        assert str(period) == "1 Jan 2024 to 31 Dec 2024"
        assert str(budget) == "1 Jan 2024 to 31 Dec 2024: 1500.00"
        assert str(payment).endswith("of 31 Dec 2024: 10.00")
    with translation.override("es"):
        assert str(period) == es(
            "%(start)s to %(end)s", start="01/01/2024", end="31/12/2024"
        )
        assert "2024-" not in str(budget) + str(payment)


@pytest.mark.parametrize(
    ("kind", "number", "named"),
    [
        ("institutions", 1, "1 institution"),
        ("institutions", 3, "3 institutions"),
        ("people", 1, "1 person"),
        ("trained", 1, "1 trained technician or professional"),
        ("families", 2, "2 families"),
    ],
)
def test_a_group_of_one_is_named_in_the_singular(kind, number, named):
    with translation.override("en"):
        assert str(Beneficiary(kind=kind, number=number)) == named


def test_a_summary_counts_women_and_men_in_the_singular_too():
    group = Beneficiary(kind="people", number=2, women=1, men=1, description="x")
    with translation.override("en"):
        assert group.summary() == "2 people (1 woman, 1 man): x"
        assert group.summary("y") == "2 people (1 woman, 1 man): y"


def test_the_page_names_one_institution_in_the_singular(client, make_project):
    project = make_project()
    Beneficiary.objects.create(project=project, kind="institutions", number=1)
    page = client.get(f"/en{project.get_absolute_url()}").text
    assert "<strong>1</strong> institution</li>" in page


def test_the_policies_appear_only_with_a_marker_the_project_targets(
    client, make_project
):
    project = make_project()
    PolicyMarker.objects.create(project=project, code="1", significance="0")
    PolicyMarker.objects.create(project=project, code="2", significance="0")
    url = f"/en{project.get_absolute_url()}"
    assert "Policies it furthers" not in client.get(url).text
    PolicyMarker.objects.create(project=project, code="7", significance="1")
    page = client.get(url).text
    assert "Policies it furthers" in page
    assert "Climate change adaptation</strong>" in page
    assert "Gender equality</strong>" not in page
