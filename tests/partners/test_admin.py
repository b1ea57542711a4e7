import io
import re

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from directory.models import Representation
from partners.models import Country, Organisation

pytestmark = pytest.mark.django_db


def test_admin_search_ignores_accents(admin_client, partners_data):
    response = admin_client.get("/admin/partners/country/", {"q": "peru"})
    assert [c.code for c in response.context["cl"].result_list] == ["PE"]
    response = admin_client.get(
        "/admin/partners/organisation/", {"q": "naciones unidas"}
    )
    assert response.context["cl"].result_count >= 10


def test_country_autocomplete_for_other_forms(admin_client, partners_data):
    response = admin_client.get(
        "/admin/autocomplete/",
        {
            "app_label": "partners",
            "model_name": "organisation",
            "field_name": "country",
            "term": "paragu",
        },
    )
    assert response.status_code == 200
    assert [r["text"] for r in response.json()["results"]] == ["Paraguay"]


@pytest.mark.parametrize(
    "path",
    [
        "/admin/partners/country/",
        "/admin/partners/organisation/",
        "/admin/partners/bloc/",
        "/admin/partners/blocmembership/",
        "/admin/partners/region/",
        "/admin/partners/province/",
        "/admin/directory/representation/",
        "/admin/partners/country/import/",
        "/admin/partners/region/import/",
        "/admin/partners/province/import/",
        "/admin/partners/bloc/import/",
        "/admin/partners/blocmembership/import/",
        "/admin/directory/representation/import/",
    ],
)
def test_admin_pages_open(admin_client, partners_data, path):
    assert admin_client.get(path).status_code == 200


def test_admin_lists_filter_by_region_and_bloc(admin_client, partners_data):
    response = admin_client.get(
        "/admin/partners/country/",
        {"region__id__exact": Country.objects.get(code="PY").region_id},
    )
    assert "PY" in {c.code for c in response.context["cl"].result_list}
    bloc = admin_client.get(
        "/admin/partners/blocmembership/", {"needs_review__exact": 1}
    )
    assert all(m.needs_review for m in bloc.context["cl"].result_list)


def import_file(admin_client, url, upload, format_index):
    """Upload, check the preview, confirm: import-export's two steps."""
    preview = admin_client.post(
        f"{url}import/",
        {"resource": "0", "format": format_index, "import_file": upload},
    )
    assert preview.status_code == 200
    return preview


def confirm(admin_client, url, preview):
    form = preview.context["confirm_form"]
    data = {name: form[name].value() for name in form.fields}
    return admin_client.post(f"{url}process_import/", data)


def csv_upload(text):
    return SimpleUploadedFile("rows.csv", text.encode(), content_type="text/csv")


def test_representations_import_from_csv_after_a_preview(admin_client, partners_data):
    url = "/admin/directory/representation/"
    preview = import_file(
        admin_client,
        url,
        csv_upload(
            "country,kind,city,address,phone,email,website\n"
            "PY,embassy,Asunción,Av. España 2387,+595 21 212 320,,\n"
            "JP,embassy,Tokio,,+81 3 5420 7101,,https://ejapo.cancilleria.gob.ar\n"
        ),
        "0",
    )
    assert "Asunción" in preview.text
    assert not Representation.objects.exists()  # nothing saved before confirming
    done = confirm(admin_client, url, preview)
    assert done.status_code == 302
    assert set(Representation.objects.values_list("country__code", "city")) == {
        ("PY", "Asunción"),
        ("JP", "Tokio"),
    }


def test_a_bad_row_is_listed_and_nothing_is_imported(admin_client, partners_data):
    preview = import_file(
        admin_client,
        "/admin/directory/representation/",
        csv_upload(
            "country,kind,city,address,phone,email,website\n"
            "PY,embassy,Asunción,,+595 21 212 320,,\n"
            "ZZ,embassy,Nowhere,,,,\n"
            "BR,embassy,Brasilia,,not a phone,,\n"
        ),
        "0",
    )
    result = preview.context["result"]
    assert result.has_errors() or result.has_validation_errors()
    errors = " ".join(
        str(error) for row in result.invalid_rows for error in row.error_dict.values()
    ) + " ".join(str(e.error) for _, errs in result.row_errors() for e in errs)
    assert "formato internacional" in errors
    assert "“ZZ”" in errors
    assert "confirm_form" not in preview.context or not preview.context["confirm_form"]
    assert not Representation.objects.exists()


def test_organisations_round_trip_through_xlsx(admin_client, partners_data):
    export = admin_client.post(
        "/admin/partners/organisation/export/",
        {
            "format": "1",
            "resource": "0",
            **{
                f"organisationresource_{field}": "on"
                for field in (
                    "slug",
                    "acronym_es",
                    "acronym_en",
                    "name_es",
                    "name_en",
                    "kind",
                    "country",
                    "iati_type",
                    "iati_identifier",
                    "website",
                )
            },
        },
    )
    assert export.status_code == 200
    workbook = openpyxl.load_workbook(io.BytesIO(export.content))
    sheet = workbook.active
    header = [cell.value for cell in sheet[1]]
    rows = list(sheet.iter_rows(min_row=2, values_only=True))
    assert len(rows) == Organisation.objects.count()
    slug_col, name_col = header.index("slug"), header.index("name_en")
    for row in sheet.iter_rows(min_row=2):
        if row[slug_col].value == "undp":
            row[name_col].value = "UN Development Programme"
    edited = io.BytesIO()
    workbook.save(edited)

    preview = import_file(
        admin_client,
        "/admin/partners/organisation/",
        SimpleUploadedFile("orgs.xlsx", edited.getvalue()),
        "1",
    )
    assert not preview.context["result"].has_errors()
    confirm(admin_client, "/admin/partners/organisation/", preview)
    assert Organisation.objects.get(slug="undp").name_en == "UN Development Programme"
    assert Organisation.objects.get(slug="fao").name_en.startswith(
        "Food and Agriculture"
    )
    assert re.match(
        r"XM-DAC-\d+", Organisation.objects.get(slug="undp").iati_identifier
    )
