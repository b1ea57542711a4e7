"""Country names, Kosovo, organisations and identifiers (the reference-data work).

Corrects a database that loaded the reference data before these corrections, as
partners/data/ now has them (country_names.json, organisations.json, with their
sources):

- a country still named as django-countries 9.1.0 named it takes the UN short name,
  language by language, so a name staff changed stays as they left it;
- Kosovo (XK) is added where the countries are loaded and it is missing;
- the IDB's identifier becomes XI-IATI-IADB where it is still XM-DAC-46012; CAF, AECID
  and GIZ get the identifiers they publish where theirs is still empty; AFD's FR-3
  (no registration-agency prefix) is emptied where it is still FR-3;
- FONPLATA and the EU are added where the organisations are loaded and the slug is
  free.

A fresh database has no reference rows yet: the loaders then create them as corrected.
Each change gets a history record, as an edit in the admin would. The identifier
check of ``Organisation.iati_identifier`` changes too (every prefix of the IATI
OrganisationRegistrationAgency codelist).
"""

import unicodedata

from django.db import migrations, models
from django.utils import timezone

import partners.identifiers

REASON = "Reference data corrected (migration 0005)"
HELP_TEXT = "As published by the organisation, e.g. XM-DAC-41114 for UNDP."

# code: (django-countries Spanish, English; UN short name Spanish, English).
COUNTRY_NAMES = {
    "AD": ("Principado de Andorra", "Andorra", "Andorra", "Andorra"),
    "BD": ("Bangladés", "Bangladesh", "Bangladesh", "Bangladesh"),
    "BH": ("Baréin", "Bahrain", "Bahrein", "Bahrain"),
    "BJ": ("Benín", "Benin", "Benin", "Benin"),
    "BN": ("Brunéi", "Brunei", "Brunei Darussalam", "Brunei Darussalam"),
    "BO": (
        "Bolivia",
        "Bolivia",
        "Bolivia (Estado Plurinacional de)",
        "Bolivia (Plurinational State of)",
    ),
    "BS": ("Bahamas", "Bahamas (The)", "Bahamas", "Bahamas"),
    "BT": ("Bután", "Bhutan", "Bhután", "Bhutan"),
    "BW": ("Botsuana", "Botswana", "Botswana", "Botswana"),
    "BY": ("Bielorrusia", "Belarus", "Belarús", "Belarus"),
    "CF": (
        "República de África Central",
        "Central African Republic",
        "República Centroafricana",
        "Central African Republic",
    ),
    "CI": ("Costa de Marfil", "Côte d'Ivoire", "Côte d'Ivoire", "Côte d'Ivoire"),
    "CY": ("República de Chipre", "Cyprus", "Chipre", "Cyprus"),
    "DJ": ("República de Yibuti", "Djibouti", "Djibouti", "Djibouti"),
    "FJ": ("Fiyi", "Fiji", "Fiji", "Fiji"),
    "FM": (
        "Estados Federados de Micronesia",
        "Micronesia",
        "Micronesia (Estados Federados de)",
        "Micronesia (Federated States of)",
    ),
    "GB": (
        "Reino Unido",
        "United Kingdom",
        "Reino Unido de Gran Bretaña e Irlanda del Norte",
        "United Kingdom of Great Britain and Northern Ireland",
    ),
    "GW": ("Guinea-Bisáu", "Guinea-Bissau", "Guinea-Bissau", "Guinea-Bissau"),
    "IQ": ("Irak", "Iraq", "Iraq", "Iraq"),
    "IR": (
        "Irán",
        "Iran",
        "Irán (República Islámica del)",
        "Iran (Islamic Republic of)",
    ),
    "KE": ("Kenia", "Kenya", "Kenya", "Kenya"),
    "KN": (
        "San Cristóbal y Nieves",
        "Saint Kitts and Nevis",
        "Saint Kitts y Nevis",
        "Saint Kitts and Nevis",
    ),
    "KP": (
        "Corea del Norte",
        "North Korea",
        "República Popular Democrática de Corea",
        "Democratic People's Republic of Korea",
    ),
    "KR": ("Corea del Sur", "South Korea", "República de Corea", "Republic of Korea"),
    "KZ": ("Kazajistán", "Kazakhstan", "Kazajstán", "Kazakhstan"),
    "LA": (
        "Laos",
        "Laos",
        "República Democrática Popular Lao",
        "Lao People's Democratic Republic",
    ),
    "LS": ("Lesoto", "Lesotho", "Lesotho", "Lesotho"),
    "MD": ("Moldavia", "Moldova", "República de Moldova", "Republic of Moldova"),
    "MM": ("Birmania", "Myanmar", "Myanmar", "Myanmar"),
    "MW": ("Malaui", "Malawi", "Malawi", "Malawi"),
    "NL": (
        "Países Bajos",
        "Netherlands",
        "Países Bajos (Reino de los)",
        "Netherlands (Kingdom of the)",
    ),
    "NR": ("Nauru", "Naoero", "Nauru", "Nauru"),
    "NZ": ("Nueva Zelanda", "New Zealand", "Nueva Zelandia", "New Zealand"),
    "PG": (
        "Papúa Nueva Guinea",
        "Papua New Guinea",
        "Papua Nueva Guinea",
        "Papua New Guinea",
    ),
    "PS": (
        "Estado de Palestina",
        "Palestine",
        "Estado de Palestina",
        "State of Palestine",
    ),
    "PW": ("Palaos", "Palau", "Palau", "Palau"),
    "QA": ("Catar", "Qatar", "Qatar", "Qatar"),
    "RU": ("Rusia", "Russia", "Federación de Rusia", "Russian Federation"),
    "RW": ("Ruanda", "Rwanda", "Rwanda", "Rwanda"),
    "SR": ("Surinam", "Suriname", "Suriname", "Suriname"),
    "SY": ("Siria", "Syria", "República Árabe Siria", "Syrian Arab Republic"),
    "SZ": ("Suazilandia", "Eswatini", "Eswatini", "Eswatini"),
    "TD": ("República del Chad", "Chad", "Chad", "Chad"),
    "TL": ("Timor Oriental", "Timor-Leste", "Timor-Leste", "Timor-Leste"),
    "TR": ("Turquía", "Türkiye", "Türkiye", "Türkiye"),
    "TT": (
        "Trinidad yTobago",
        "Trinidad and Tobago",
        "Trinidad y Tabago",
        "Trinidad and Tobago",
    ),
    "TZ": (
        "Tanzania",
        "Tanzania",
        "República Unida de Tanzanía",
        "United Republic of Tanzania",
    ),
    "US": (
        "Estados Unidos",
        "United States of America",
        "Estados Unidos de América",
        "United States of America",
    ),
    "VA": ("Santa Sede", "Vatican City", "Santa Sede", "Holy See"),
    "VE": (
        "Venezuela",
        "Venezuela",
        "Venezuela (República Bolivariana de)",
        "Venezuela (Bolivarian Republic of)",
    ),
    "VN": ("Vietnam", "Vietnam", "Viet Nam", "Viet Nam"),
    "ZW": ("Zimbabue", "Zimbabwe", "Zimbabwe", "Zimbabwe"),
}

KOSOVO = {
    "code": "XK",
    "name_es": "Kosovo (Resolución 1244 del Consejo de Seguridad de la ONU)",
    "name_en": "Kosovo (UN Security Council Resolution 1244)",
}
KOSOVO_REGION = "europe"

# slug: (identifier to replace, identifier as the organisation publishes it).
IDENTIFIERS = {
    "idb": ("XM-DAC-46012", "XI-IATI-IADB"),
    "caf": ("", "XM-DAC-46008"),
    "aecid": ("", "XM-DAC-50-21"),
    "giz": ("", "XM-DAC-5-52"),
    "afd": ("FR-3", ""),
}

NEW_ORGANISATIONS = [
    {
        "slug": "fonplata",
        "acronym_es": "FONPLATA",
        "acronym_en": "FONPLATA",
        "name_es": "FONPLATA Banco de Desarrollo",
        "name_en": "FONPLATA Development Bank",
        "kind": "multilateral",
        "country": None,
        "iati_type": "40",
        "iati_identifier": "XM-DAC-46027",
        "website": "https://www.fonplata.org/",
    },
    {
        "slug": "european-union",
        "acronym_es": "UE",
        "acronym_en": "EU",
        "name_es": "Unión Europea",
        "name_en": "European Union",
        "kind": "multilateral",
        "country": None,
        "iati_type": "15",
        "iati_identifier": "XI-IATI-EC_INTPA",
        "website": "https://international-partnerships.ec.europa.eu/",
    },
]

COUNTRY_SEARCH_FIELDS = ("code", "name_es", "name_en")
ORGANISATION_SEARCH_FIELDS = (
    "acronym_es",
    "acronym_en",
    "name_es",
    "name_en",
    "iati_identifier",
)


def fold(text):
    """Lower-case, accent-free text, as partners.search.fold makes it today."""
    decomposed = unicodedata.normalize("NFKD", str(text))
    stripped = "".join(char for char in decomposed if not unicodedata.combining(char))
    return " ".join(stripped.casefold().split())


def search_text(obj, fields):
    return fold(" ".join(str(getattr(obj, name) or "") for name in fields))


def record(apps, model_name, obj, history_type):
    """A history record of ``obj`` as it is now, as simple-history writes one."""
    history = apps.get_model("partners", f"Historical{model_name}")
    own = {"history_id", "history_date", "history_change_reason", "history_type"}
    values = {
        field.attname: getattr(obj, field.attname)
        for field in history._meta.fields
        if field.attname not in own and hasattr(obj, field.attname)
    }
    history.objects.create(
        **values,
        history_date=timezone.now(),
        history_type=history_type,
        history_change_reason=REASON,
    )


def correct_countries(apps):
    Country = apps.get_model("partners", "Country")
    Region = apps.get_model("partners", "Region")
    if not Country.objects.exists():
        return
    for country in Country.objects.filter(code__in=COUNTRY_NAMES):
        old_es, old_en, new_es, new_en = COUNTRY_NAMES[country.code]
        changed = False
        if old_es != new_es and country.name_es == old_es:
            country.name_es = new_es
            if country.name == old_es:
                country.name = new_es
            changed = True
        if old_en != new_en and country.name_en == old_en:
            country.name_en = new_en
            changed = True
        if changed:
            country.search_text = search_text(country, COUNTRY_SEARCH_FIELDS)
            country.save()
            record(apps, "Country", country, "~")
    if not Country.objects.filter(code=KOSOVO["code"]).exists():
        kosovo = Country(**KOSOVO, name=KOSOVO["name_es"], is_active=True)
        kosovo.region = Region.objects.filter(slug=KOSOVO_REGION).first()
        kosovo.search_text = search_text(kosovo, COUNTRY_SEARCH_FIELDS)
        kosovo.save()
        record(apps, "Country", kosovo, "+")


def correct_organisations(apps):
    Organisation = apps.get_model("partners", "Organisation")
    if not Organisation.objects.exists():
        return
    taken = set(
        Organisation.objects.exclude(iati_identifier="").values_list(
            "iati_identifier", flat=True
        )
    )
    for slug, (old, new) in IDENTIFIERS.items():
        organisation = Organisation.objects.filter(slug=slug).first()
        if organisation is None or organisation.iati_identifier != old:
            continue
        if new and new in taken:
            continue
        organisation.iati_identifier = new
        organisation.search_text = search_text(organisation, ORGANISATION_SEARCH_FIELDS)
        organisation.save()
        record(apps, "Organisation", organisation, "~")
        taken.discard(old)
        if new:
            taken.add(new)
    for row in NEW_ORGANISATIONS:
        if Organisation.objects.filter(slug=row["slug"]).exists():
            continue
        organisation = Organisation(
            **row, name=row["name_es"], acronym=row["acronym_es"]
        )
        if organisation.iati_identifier in taken:
            organisation.iati_identifier = ""
        organisation.search_text = search_text(organisation, ORGANISATION_SEARCH_FIELDS)
        organisation.save()
        record(apps, "Organisation", organisation, "+")
        if organisation.iati_identifier:
            taken.add(organisation.iati_identifier)


def correct(apps, schema_editor):
    correct_countries(apps)
    correct_organisations(apps)


class Migration(migrations.Migration):
    dependencies = [("partners", "0004_correct_bloc_memberships")]

    operations = [
        migrations.AlterField(
            model_name="historicalorganisation",
            name="iati_identifier",
            field=models.CharField(
                blank=True,
                default="",
                help_text=HELP_TEXT,
                max_length=100,
                validators=[partners.identifiers.validate_organisation_identifier],
                verbose_name="IATI identifier",
            ),
        ),
        migrations.AlterField(
            model_name="organisation",
            name="iati_identifier",
            field=models.CharField(
                blank=True,
                default="",
                help_text=HELP_TEXT,
                max_length=100,
                validators=[partners.identifiers.validate_organisation_identifier],
                verbose_name="IATI identifier",
            ),
        ),
        migrations.RunPython(correct, migrations.RunPython.noop),
    ]
