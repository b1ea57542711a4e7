import pytest
from django.test import RequestFactory
from django.utils import translation
from django.views.defaults import server_error

pytestmark = pytest.mark.django_db

PUBLIC_PAGES = ["/", "/about/", "/directory/", "/directory/dgcin/"]


@pytest.mark.parametrize("path", PUBLIC_PAGES)
def test_public_pages_render_in_spanish_at_the_root(client, directory_data, path):
    response = client.get(path)
    assert response.status_code == 200
    assert '<html lang="es">' in response.text
    assert "Saltar al contenido principal" in response.text
    assert 'hreflang="en"' in response.text


@pytest.mark.parametrize("path", PUBLIC_PAGES)
def test_public_pages_render_in_english_under_en(client, directory_data, path):
    response = client.get(f"/en{path}")
    assert response.status_code == 200
    assert '<html lang="en">' in response.text
    assert "Skip to main content" in response.text


def test_language_switch_links_to_the_same_page(client, directory_data):
    spanish = client.get("/directory/bilateral-cooperation/")
    assert 'href="/en/directory/bilateral-cooperation/" hreflang="en"' in spanish.text
    english = client.get("/en/directory/bilateral-cooperation/")
    assert 'href="/directory/bilateral-cooperation/" hreflang="es"' in english.text


def test_an_unprefixed_page_is_spanish_whatever_the_browser_asks(
    client, directory_data
):
    response = client.get("/", headers={"accept-language": "en"})
    assert '<html lang="es">' in response.text


def test_shell_has_landmarks_navigation_and_skip_link(client, directory_data):
    text = client.get("/").text
    assert '<a class="skip-link" href="#main">' in text
    assert '<main id="main"' in text
    assert "<header" in text
    assert "<footer" in text
    assert 'aria-label="Menú principal"' in text
    assert 'href="/directory/"' in text
    assert 'aria-current="page">Inicio</a>' in text


def test_footer_shows_the_general_directorates_address_and_switchboard_from_data(
    client, directory_data
):
    head = directory_data["dgcin"]
    text = client.get("/about/").text
    footer = text[text.index("<footer") :]
    assert "Esmeralda 1212, Piso 12" in footer
    assert 'href="tel:+541148197000"' in footer
    assert 'href="tel:+541148197000;ext=8047"' in footer

    head.street = "Avenida Siempreviva 742"
    head.save()
    footer = client.get("/about/").text.split("<footer", 1)[1]
    assert "Avenida Siempreviva 742" in footer


def test_shell_renders_without_directory_data(client, no_reference_data):
    response = client.get("/")
    assert response.status_code == 200
    assert "<footer" in response.text


def test_home_names_the_directorates_from_the_data(client, directory_data):
    directory_data["bilateral-cooperation"].name_es = "Dirección de Cooperación Sur-Sur"
    directory_data["bilateral-cooperation"].save()
    text = client.get("/").text
    assert "Dirección de Cooperación Sur-Sur" in text
    assert "Dirección de Cooperación Multilateral" in text
    assert "Cooperación Sur-Sur" in text
    assert "Cooperación triangular" in text


def test_about_page_explains_the_policy_in_both_languages(client, directory_data):
    assert "Decreto 878/2008" in client.get("/about/").text
    english = client.get("/en/about/").text
    assert "Non-Aligned Movement" in english


@pytest.mark.parametrize(
    ("prefix", "phrase"), [("", "Página no encontrada"), ("/en", "Page not found")]
)
def test_friendly_404_in_both_languages(client, directory_data, prefix, phrase):
    response = client.get(f"{prefix}/no-such-page/")
    assert response.status_code == 404
    assert phrase in response.text
    assert "<footer" in response.text


@pytest.mark.parametrize(
    ("language", "phrase"), [("es", "Algo salió mal"), ("en", "Something went wrong")]
)
def test_friendly_500_in_both_languages_without_the_database(language, phrase):
    with translation.override(language):
        response = server_error(RequestFactory().get("/"))
    assert response.status_code == 500
    assert phrase in response.content.decode()
    assert f'<html lang="{language}">' in response.content.decode()


def test_favicon_and_stylesheet_are_linked(client, directory_data):
    text = client.get("/").text
    assert 'href="/static/css/site.css"' in text
    assert 'href="/static/img/favicon.svg"' in text


def test_favicon_ico_redirects_to_the_svg(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 302
    assert response["Location"] == "/static/img/favicon.svg"


def test_about_page_lists_the_blocs_from_the_data(client, partners_data):
    text = client.get("/en/about/").text
    assert 'href="/en/partners/bloc/fealac/">FEALAC</a>' in text
    assert "Southern Common Market" in text


def test_home_shows_key_figures_and_the_latest_projects(client, make_project):
    make_project(title_es="Agua segura para el Chaco paraguayo")
    make_project(partners=[("AR", "provider"), ("jica", "recipient")])
    text = client.get("/").text
    assert "<strong>2</strong> proyectos publicados" in text
    assert "<strong>1</strong> país socio" in text
    assert "<strong>1</strong> organismo socio" in text
    assert "Agua segura para el Chaco paraguayo" in text


@pytest.mark.parametrize(
    ("path", "section"),
    [
        ("/projects/", "Proyectos"),
        ("/projects/stats/", "Proyectos"),
        ("/partners/", "Socios"),
        ("/directory/representations/", "Directorio"),
        ("/about/", "Quiénes somos"),
    ],
)
def test_the_menu_marks_the_section_of_every_app_page(
    client, references, path, section
):
    """Open data lives in its own app but is part of the Projects section."""
    text = client.get(path).text
    menu = text[text.index('class="main-nav"') :]
    menu = menu[: menu.index("</nav>")]
    assert menu.count('aria-current="page"') == 1
    assert f'aria-current="page">{section}</a>' in menu
