import re

import pytest
from model_bakery import baker

from directory.models import PhoneLine, Unit

pytestmark = pytest.mark.django_db


def change_form_data(response):
    """The POST data of an admin change form as the browser would send it unchanged."""
    data = {}
    forms = [response.context["adminform"].form]
    for inline in response.context["inline_admin_formsets"]:
        formset = inline.formset
        forms.extend(formset.forms)
        data.update(
            {
                f"{formset.prefix}-{key}": value
                for key, value in formset.management_form.initial.items()
            }
        )
    for form in forms:
        for name in form.fields:
            value = form[name].value()
            if value is None:
                continue
            if isinstance(value, list | tuple):
                value = [str(item) for item in value]
            elif isinstance(value, bool):
                if not value:
                    continue
                value = "on"
            data[form.add_prefix(name)] = value
    return data


def test_changelist_searches_phone_numbers(admin_client, directory_data):
    response = admin_client.get("/admin/directory/unit/", {"q": "8486"})
    assert response.status_code == 200
    assert list(response.context["cl"].result_list) == [
        directory_data["bilateral-cooperation"]
    ]


def test_changelist_queries_do_not_grow_with_units(
    admin_client, directory_data, count_queries
):
    before = count_queries(admin_client, "/admin/directory/unit/")
    baker.make(Unit, kind="office", parent=directory_data["dgcin"], _quantity=30)
    assert count_queries(admin_client, "/admin/directory/unit/") == before


def test_staff_add_a_line_inline_and_history_records_it(admin_client, directory_data):
    unit = directory_data["international-cooperation-projects"]
    url = f"/admin/directory/unit/{unit.pk}/change/"
    data = change_form_data(admin_client.get(url))
    data.update(
        {
            "lines-2-kind": "direct",
            "lines-2-number": "(5411) 4819-7999",
            "lines-2-position": "5",
            "floor": "3",
        }
    )
    response = admin_client.post(url, data)
    assert response.status_code == 302, response.context["errors"]
    assert unit.lines.filter(kind="direct", number="(5411) 4819-7999").exists()
    record = unit.history.first()
    assert record.floor == "3"
    assert record.history_user.is_superuser
    delta = record.diff_against(record.prev_record)
    assert [(c.field, c.old, c.new) for c in delta.changes] == [("floor", "2", "3")]
    history = admin_client.get(f"/admin/directory/unit/{unit.pk}/history/")
    assert history.status_code == 200


def test_a_bad_inline_line_is_explained_and_nothing_is_saved(
    admin_client, directory_data
):
    unit = directory_data["bilateral-cooperation"]
    url = f"/admin/directory/unit/{unit.pk}/change/"
    data = change_form_data(admin_client.get(url))
    data.update(
        {
            "office": "9999",
            "lines-3-kind": "fax",
            "lines-3-number": "(5411) 4819-7000",
            "lines-3-extensions": "12",
        }
    )
    response = admin_client.post(url, data)
    assert response.status_code == 200
    assert (
        "Solo un conmutador o una mesa de entradas puede tener internos."
        in response.text
    )
    unit.refresh_from_db()
    assert unit.office == "1204"
    assert unit.lines.count() == 3
    assert PhoneLine.objects.filter(extensions="12").count() == 0


def test_unit_form_refuses_a_cycle_with_a_message(admin_client, directory_data):
    head = directory_data["dgcin"]
    url = f"/admin/directory/unit/{head.pk}/change/"
    data = change_form_data(admin_client.get(url))
    data["parent"] = str(directory_data["bilateral-cooperation"].pk)
    response = admin_client.post(url, data)
    assert response.status_code == 200
    assert response.context["adminform"].form.errors["parent"]
    head.refresh_from_db()
    assert head.parent is None


def test_view_on_site_points_to_the_public_page(admin_client, directory_data):
    unit = directory_data["dgcin"]
    response = admin_client.get(f"/admin/directory/unit/{unit.pk}/change/")
    shortcut = re.search(
        r'href="(/admin/r/\d+/\d+/)" class="viewsitelink"', response.text
    )
    redirect = admin_client.get(shortcut[1])
    assert redirect.status_code == 302
    assert redirect["Location"].endswith("/directory/dgcin/")
