"""The home and about pages' institutional texts: content staff edit in the admin, in
both languages and with history, that the pages lay out and never trust as HTML."""

import io

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from directory.models import InstitutionalText, parse_text

pytestmark = pytest.mark.django_db


def texts():
    return {text.page: text for text in InstitutionalText.objects.all()}


def admin_form(text, **changes):
    data = {
        f"{name}_{code}": getattr(text, f"{name}_{code}") or ""
        for name in ("title", "lead", "body")
        for code in ("es", "en")
    }
    return data | changes


def test_the_upgrade_and_the_loader_hold_both_pages_texts_in_both_languages(
    directory_data,
):
    home, about = texts()["home"], texts()["about"]
    assert "Sur Global" in home.lead_es
    assert "Global South" in home.lead_en
    assert "## Qué hacemos" in home.body_es
    assert "### Triangular cooperation" in home.body_en
    assert about.title_es == "Nuestra política de cooperación"
    assert "Decreto 878/2008" in about.body_es
    assert "Non-Aligned Movement" in about.body_en
    assert home.history.count() == about.history.count() == 1


def test_the_pages_read_as_before_the_texts_moved_out_of_the_templates(
    client, directory_data
):
    home = client.get("/").text
    assert '<h2 id="que-hacemos">Qué hacemos</h2>' in home
    assert '<div class="cards">' in home
    assert "<h3>Cooperación triangular</h3>" in home
    assert "comparte conocimientos, políticas públicas y capacidades" in home
    assert "Dos redes institucionales de apoyo" in home
    about = client.get("/en/about/").text
    assert "<h1>Our cooperation policy</h1>" in about
    assert '<h2 id="principles">Principles</h2>' in about
    assert "<li>Solidarity with other peoples" in about
    assert "Under Decree 878/2008" in about


def test_editing_a_text_in_the_admin_changes_its_page_in_both_languages(
    admin_client, directory_data
):
    about = texts()["about"]
    url = f"/admin/directory/institutionaltext/{about.pk}/change/"
    assert admin_client.get(url).status_code == 200
    response = admin_client.post(
        url,
        admin_form(
            about,
            title_es="Nuestra política",
            title_en="Our policy",
            lead_es="Un párrafo nuevo.",
            lead_en="A new paragraph.",
            body_es="## Lo nuevo\n\nTexto **nuevo**.",
            body_en="## What is new\n\n- one\n- two",
        ),
    )
    assert response.status_code == 302

    spanish = client_text(admin_client, "/about/")
    assert "<h1>Nuestra política</h1>" in spanish
    assert '<p class="lead">Un párrafo nuevo.</p>' in spanish
    assert '<h2 id="lo-nuevo">Lo nuevo</h2>' in spanish
    assert "Decreto 878/2008" not in spanish
    english = client_text(admin_client, "/en/about/")
    assert "<h1>Our policy</h1>" in english
    assert "<ul><li>one</li><li>two</li></ul>" in english

    history = InstitutionalText.objects.get(pk=about.pk).history.all()
    assert history.count() == 2
    assert history[0].history_user.is_superuser
    assert history[0].title_en == "Our policy"


def test_the_home_pages_heading_is_the_directorates_name_unless_staff_set_one(
    client, directory_data
):
    assert "Dirección General de Cooperación Internacional</h1>" in client.get("/").text
    home = texts()["home"]
    home.title_en = "International cooperation of Argentina"
    home.save()
    assert (
        '<h1 id="hero-title">International cooperation of Argentina</h1>'
        in client.get("/en/").text
    )


def client_text(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return response.text


def test_a_text_is_shown_escaped_never_as_html(client, directory_data):
    home = texts()["home"]
    home.lead_es = '<script>alert("x")</script>'
    home.body_es = "## <b>Título</b>\n\nUn <a href='http://x'>enlace</a>."
    home.save()
    text = client.get("/").text
    assert "<script>alert" not in text
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in text
    assert "&lt;b&gt;Título&lt;/b&gt;</h2>" in text
    assert "<a href='http://x'>" not in text


@pytest.mark.parametrize(
    ("path", "heading"),
    [
        ("/", "Dirección General de Cooperación Internacional"),
        ("/about/", "Nuestra política de cooperación"),
        ("/en/about/", "Our cooperation policy"),
    ],
)
def test_a_page_without_its_text_still_renders(client, directory_data, path, heading):
    InstitutionalText.objects.all().delete()
    response = client.get(path)
    assert response.status_code == 200
    assert f"{heading}</h1>" in response.text
    assert "Decreto 878/2008" not in response.text


def test_a_page_without_any_data_still_renders(client, no_reference_data):
    for path in ("/", "/about/", "/en/"):
        assert client.get(path).status_code == 200


@pytest.mark.usefixtures("fresh_pages")
@pytest.mark.parametrize("path", ["/", "/about/"])
def test_the_text_costs_the_page_one_query(client, directory_data, path):
    client.get(path)  # fills the cached figures, which the next requests read
    with CaptureQueriesContext(connection) as queries:
        assert client.get(path).status_code == 200
    with_text = len(queries)
    reads = [q for q in queries if "directory_institutionaltext" in q["sql"]]
    assert len(reads) == 1
    InstitutionalText.objects.all().delete()
    # Deleting texts is a change of data: the cached figures are worked out
    # again once, then read from the cache as before.
    client.get(path)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(path).status_code == 200
    assert len(queries) == with_text


def test_the_loader_adds_a_missing_text_and_keeps_staff_edits(directory_data):
    about = texts()["about"]
    about.title_es = "Editado por el personal"
    about.save()
    InstitutionalText.objects.filter(page="home").delete()
    out = io.StringIO()
    call_command("load_directory", stdout=out)
    assert "Institutional texts: 1 added, 1 already present" in out.getvalue()
    assert texts()["about"].title_es == "Editado por el personal"
    assert "Sur Global" in texts()["home"].lead_es
    assert texts()["home"].history.filter(history_type="+").exists()


def test_staff_edit_texts_with_the_model_permission_only(client, directory_data):
    staff = get_user_model().objects.create_user(
        username="editora", password="a-Str0ng-passphrase", is_staff=True
    )
    client.force_login(staff)
    about = texts()["about"]
    url = f"/admin/directory/institutionaltext/{about.pk}/change/"
    assert client.get(url).status_code == 403
    staff.user_permissions.add(
        Permission.objects.get(codename="view_institutionaltext"),
        Permission.objects.get(codename="change_institutionaltext"),
    )
    assert client.get(url).status_code == 200
    assert client.get(f"{url[: -len('change/')]}history/").status_code == 200


def test_a_page_has_one_text(admin_client, directory_data):
    response = admin_client.post(
        "/admin/directory/institutionaltext/add/",
        {"page": "home", "title_es": "", "body_es": "Otro texto."},
    )
    assert response.status_code == 200
    assert "Esta página ya tiene su texto: editá ese." in response.text
    assert InstitutionalText.objects.filter(page="home").count() == 1


def test_the_format_makes_sections_cards_lists_and_unique_anchors():
    sections = parse_text(
        "Intro line one\nand two.\n\n## Qué hacemos\n### Uno\nA.\n\nB.\n"
        "### Dos\n- x\n- y\n## Qué hacemos\n\n- z"
    )
    assert [s.heading for s in sections] == ["", "Qué hacemos", "Qué hacemos"]
    assert sections[0].blocks[0].text == "Intro line one and two."
    assert [s.anchor for s in sections[1:]] == ["que-hacemos", "que-hacemos-2"]
    cards = sections[1].blocks[0].cards
    assert [c.heading for c in cards] == ["Uno", "Dos"]
    assert [b.text for b in cards[0].blocks] == ["A.", "B."]
    assert cards[1].blocks[0].items == ["x", "y"]
    assert sections[2].blocks[0].items == ["z"]
    assert parse_text("") == []
