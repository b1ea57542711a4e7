"""Argentine territory is never a partner country.

ISO 3166-1 lists apart three parts of the province of Tierra del Fuego, Antártida e
Islas del Atlántico Sur (AR-V, Law 23.775 art. 1 as amended by Law 26.552): the
Malvinas (FK), South Georgia and the South Sandwich Islands (GS) and Antarctica (AQ,
whose sector between 25° and 74° W south of 60° S is Argentina's). Earlier loads
created Country rows for them. This migration removes those rows and what hangs on
them (bloc periods, representations, links from proposals; an organisation based
there keeps no country), forbids the codes in the database, and gives the province a
description that says what it comprises. A project that names one of them as a
partner stops the migration with the list of projects to correct: that is data only
staff can fix, and deleting it here would lose their work.
"""

import django.core.validators
from django.db import migrations, models

import partners.models

CODES = ("FK", "GS", "AQ")
PROVINCE = "AR-V"
SOURCE = "Ley 23.775, art. 1, texto según Ley 26.552 (Boletín Oficial, 2009)."
DESCRIPTION_ES = (
    "La provincia comprende la parte oriental de la Isla Grande de Tierra del Fuego, "
    "la Isla de los Estados, las Islas Año Nuevo, las Islas Malvinas, la Isla "
    "Beauchene, las rocas Cormorán y Negra, las Islas Georgias del Sur, las Islas "
    "Sandwich del Sur, las demás islas, islotes y rocas de sus aguas interiores y su "
    "mar territorial, y la Antártida Argentina: el sector entre los meridianos 25° y "
    "74° de longitud Oeste al sur del paralelo 60° Sur. Fuente: " + SOURCE
)
DESCRIPTION_EN = (
    "The province comprises the eastern part of the Isla Grande de Tierra del Fuego, "
    "Isla de los Estados, the Año Nuevo Islands, the Malvinas Islands, Beauchene "
    "Island, the Cormorán and Negra rocks, the South Georgia Islands, the South "
    "Sandwich Islands, the other islands, islets and rocks of its internal waters and "
    "territorial sea, and Argentine Antarctica: the sector between meridians 25° and "
    "74° West south of parallel 60° South. Source: Law 23,775, art. 1, as amended by "
    "Law 26,552 (Official Gazette, 2009)."
)


def remove_territory_countries(apps, schema_editor):
    Country = apps.get_model("partners", "Country")
    Organisation = apps.get_model("partners", "Organisation")
    BlocMembership = apps.get_model("partners", "BlocMembership")
    Representation = apps.get_model("directory", "Representation")
    Participation = apps.get_model("projects", "Participation")
    Proposal = apps.get_model("proposals", "Proposal")
    Province = apps.get_model("partners", "Province")

    territories = Country.objects.filter(code__in=CODES)
    named = Participation.objects.filter(country__in=territories).select_related(
        "project", "country"
    )
    if named.exists():
        projects = ", ".join(
            sorted({f"{p.project.slug} ({p.country.code})" for p in named})
        )
        raise RuntimeError(
            "These projects name Argentine territory as a partner country: "
            f"{projects}. Remove those partner rows in the admin (the province "
            f"{PROVINCE} can be added as an Argentine province) and migrate again."
        )
    Organisation.objects.filter(country__in=territories).update(country=None)
    BlocMembership.objects.filter(country__in=territories).delete()
    Representation.objects.filter(country__in=territories).delete()
    Proposal.partner_countries.through.objects.filter(country__in=territories).delete()
    territories.delete()
    if schema_editor.connection.vendor == "postgresql":
        # Fire the deferred foreign-key checks now, so the constraint below can
        # alter the table in this same transaction.
        schema_editor.execute("SET CONSTRAINTS ALL IMMEDIATE")

    empty = models.Q(description_es="") | models.Q(description_es__isnull=True)
    Province.objects.filter(empty, code=PROVINCE).update(
        description=DESCRIPTION_ES,
        description_es=DESCRIPTION_ES,
        description_en=DESCRIPTION_EN,
    )


class Migration(migrations.Migration):
    dependencies = [
        ("partners", "0001_initial"),
        ("directory", "0004_focal_points_and_profiles"),
        ("projects", "0005_move_proposals_out"),
        ("proposals", "0002_queued_tasks_follow_their_functions"),
    ]

    operations = [
        *[
            migrations.AddField(
                model_name=model,
                name=name,
                field=models.TextField(
                    blank=True,
                    default="",
                    help_text=(
                        "Shown on the province's page: what the jurisdiction comprises."
                    ),
                    null=name != "description",
                    verbose_name="description",
                ),
            )
            for model in ("historicalprovince", "province")
            for name in ("description", "description_es", "description_en")
        ],
        migrations.RunPython(remove_territory_countries, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="country",
            name="code",
            field=models.CharField(
                help_text="ISO 3166-1 alpha-2, e.g. PY for Paraguay.",
                max_length=2,
                unique=True,
                validators=[
                    django.core.validators.RegexValidator(
                        "^[A-Z]{2}$", "Two capital letters, e.g. PY."
                    ),
                    partners.models.validate_not_argentine_territory,
                ],
                verbose_name="ISO code",
            ),
        ),
        migrations.AlterField(
            model_name="historicalcountry",
            name="code",
            field=models.CharField(
                db_index=True,
                help_text="ISO 3166-1 alpha-2, e.g. PY for Paraguay.",
                max_length=2,
                validators=[
                    django.core.validators.RegexValidator(
                        "^[A-Z]{2}$", "Two capital letters, e.g. PY."
                    ),
                    partners.models.validate_not_argentine_territory,
                ],
                verbose_name="ISO code",
            ),
        ),
        migrations.AddConstraint(
            model_name="country",
            constraint=models.CheckConstraint(
                condition=~models.Q(code__in=CODES),
                name="partners_country_not_argentine_territory",
                violation_error_message=(
                    "Argentine territory cannot be a partner country."
                ),
            ),
        ),
    ]
