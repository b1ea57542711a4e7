"""Bloc membership periods: every one sourced, flagged ones explained, the issue's
corrections in place, a database loaded from the old data brought up to date by
migration partners 0004, and the public bloc page showing sources and reasons."""

import datetime
import itertools
import json
from collections import defaultdict
from importlib import import_module
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from model_bakery import baker

from partners.models import Bloc, BlocMembership, Country

pytestmark = pytest.mark.django_db

DATA = Path(settings.BASE_DIR) / "partners" / "data" / "blocs.json"
MIGRATION = ("partners", "0004_correct_bloc_memberships")
FIELDS = ("status", "since", "until", "needs_review", "note", "source")


def date(value):
    return datetime.date.fromisoformat(value) if value else None


def data_periods():
    """{(bloc, country): sorted periods} as the data file has them."""
    periods = defaultdict(list)
    for bloc in json.loads(DATA.read_text(encoding="utf-8"))["blocs"]:
        for row in bloc["memberships"]:
            periods[bloc["slug"], row["country"]].append(
                (
                    row["status"],
                    date(row["since"]),
                    date(row["until"]),
                    row["needs_review"],
                    row["note"],
                    row["source"],
                )
            )
    return {key: sorted(rows, key=sort_key) for key, rows in periods.items()}


def database_periods():
    periods = defaultdict(list)
    for row in BlocMembership.objects.values("bloc__slug", "country__code", *FIELDS):
        key = (row["bloc__slug"], row["country__code"])
        periods[key].append(tuple(row[field] for field in FIELDS))
    return {key: sorted(rows, key=sort_key) for key, rows in periods.items()}


def sort_key(period):
    return tuple((value is not None, value) for value in period)


def period(bloc, country, status):
    return BlocMembership.objects.get(
        bloc__slug=bloc, country__code=country, status=status
    )


def six_months_after(day):
    month = day.month + 6
    year, month = day.year + (month - 1) // 12, (month - 1) % 12 + 1
    return day.replace(year=year, month=month)


# The data file.


def test_every_period_names_its_source():
    for (bloc, country), rows in data_periods().items():
        for row in rows:
            source = row[5]
            assert source.strip(), (bloc, country, row)
            assert len(source) <= BlocMembership._meta.get_field("source").max_length


def test_flagged_periods_say_why_and_are_few():
    rows = [row for rows in data_periods().values() for row in rows]
    flagged = [row for row in rows if row[3]]
    assert all(row[4].strip() for row in flagged)
    # The issue: a third of the periods showed as unconfirmed.
    assert len(flagged) < len(rows) / 20


def test_no_country_has_overlapping_periods_in_a_bloc():
    for key, rows in data_periods().items():
        open_periods = [row for row in rows if row[2] is None]
        assert len(open_periods) <= 1, key
        for _status, since, until, *_ in rows:
            assert since is None or until is None or since <= until, key
        dated = sorted(rows, key=lambda row: row[1] or datetime.date.min)
        for earlier, later in itertools.pairwise(dated):
            # Half-open periods: the next status may start the day one ends.
            assert earlier[2] is not None, key
            assert later[1] is not None, key
            assert earlier[2] <= later[1], key


def test_the_loader_carries_every_period_and_its_source():
    assert database_periods() == data_periods()


# The corrections the issue names.


def test_bolivia_is_a_full_member_from_the_protocols_entry_into_force():
    deposit = datetime.date(2024, 7, 8)
    full = period("mercosur", "BO", "full")
    assert full.since == deposit + datetime.timedelta(days=30)
    assert full.since == datetime.date(2024, 8, 7)
    assert full.until is None
    assert not full.needs_review
    assert period("mercosur", "BO", "acceding").until == full.since
    assert "art. 13" in full.source


def test_venezuela_associate_from_puerto_iguazu_and_full_from_entry_into_force():
    associate = period("mercosur", "VE", "associate")
    assert (associate.since, associate.until) == (
        datetime.date(2004, 7, 8),
        datetime.date(2006, 7, 4),
    )
    assert "Decisión CMC N° 42/04" in associate.source
    assert period("mercosur", "VE", "full").since == datetime.date(2012, 8, 12)
    suspended = period("mercosur", "VE", "suspended")
    assert suspended.until is None
    assert suspended.since == period("mercosur", "VE", "full").until


@pytest.mark.parametrize(("code", "decision"), [("CO", "44/04"), ("EC", "43/04")])
def test_colombia_and_ecuador_associates_by_their_council_decisions(code, decision):
    associate = period("mercosur", code, "associate")
    assert associate.since == datetime.date(2004, 12, 16)
    assert f"Decisión CMC N° {decision}" in associate.source
    assert not associate.needs_review


@pytest.mark.parametrize(
    ("code", "notice"),
    [
        ("AR", datetime.date(2019, 4, 12)),
        ("BR", datetime.date(2019, 4, 15)),
        ("PY", datetime.date(2019, 4, 11)),
        ("CL", datetime.date(2019, 6, 11)),
        ("UY", datetime.date(2020, 3, 10)),
    ],
)
def test_unasur_withdrawals_end_six_months_after_the_notice(code, notice):
    ended = BlocMembership.objects.filter(
        bloc__slug="unasur", country__code=code, until__isnull=False
    ).latest("until")
    assert ended.until == six_months_after(notice)
    assert "art. 24" in ended.source


def test_colombia_left_unasur_in_2019_and_returned_in_december_2023():
    periods = BlocMembership.objects.filter(
        bloc__slug="unasur", country__code="CO"
    ).order_by("since")
    assert [(p.since, p.until) for p in periods] == [
        (datetime.date(2008, 5, 23), datetime.date(2019, 3, 1)),
        (datetime.date(2023, 12, 5), None),
    ]
    assert "cancilleria.gov.co" in periods[0].source


def test_argentinas_unasur_status_today_stays_flagged_with_its_reason():
    today = BlocMembership.objects.current().get(
        bloc__slug="unasur", country__code="AR"
    )
    assert today.needs_review
    assert "2024" in today.note
    assert "instrument of ratification" in today.note


# Migration partners 0004 on a database loaded from the old data.


def run_correction():
    """Run migration 0004's data step on the test database, with the models of its
    own state, as `migrate` runs it."""
    loader = MigrationExecutor(connection).loader
    migration = loader.get_migration(*MIGRATION)
    state = loader.project_state(MIGRATION, at_end=False)
    (operation,) = migration.operations
    operation.code(state.apps, None)
    return migration


def load_old_data(old, skip=()):
    """Replace every period with those the old data file held (empty source)."""
    BlocMembership.objects.all().delete()
    blocs = {bloc.slug: bloc for bloc in Bloc.objects.all()}
    countries = {country.code: country for country in Country.objects.all()}
    BlocMembership.objects.bulk_create(
        BlocMembership(
            bloc=blocs[slug],
            country=countries[code],
            status=status,
            since=date(since),
            until=date(until),
            needs_review=needs_review,
            note=note,
        )
        for (slug, code), rows in old.items()
        if (slug, code) not in skip
        for status, since, until, needs_review, note in rows
    )


def old_table():
    """The old data file's periods, as the migration embeds them."""
    loader = MigrationExecutor(connection).loader
    return import_module(loader.get_migration(*MIGRATION).__module__).OLD


def test_the_migration_brings_an_old_database_to_the_corrected_data():
    old = old_table()
    # The old file: 207 periods, 39 of them flagged "being confirmed".
    assert sum(len(rows) for rows in old.values()) == 207
    assert sum(row[3] for rows in old.values() for row in rows) == 39
    load_old_data(old)
    assert database_periods() != data_periods()

    run_correction()

    assert database_periods() == data_periods()
    history = BlocMembership.history.filter(
        history_change_reason__startswith="Corrected and sourced bloc data"
    )
    assert history.filter(history_type="+").count() == BlocMembership.objects.count()
    assert history.filter(history_type="-").exists()


def test_the_migration_leaves_pairs_staff_edited_or_emptied_alone():
    old = old_table()
    load_old_data(old, skip={("unasur", "UY")})
    edited = BlocMembership.objects.get(bloc__slug="mercosur", country__code="CO")
    edited.since = datetime.date(2004, 12, 17)
    edited.save()
    extra = BlocMembership.objects.create(
        bloc=Bloc.objects.get(slug="mercosur"),
        country=Country.objects.get(code="MX"),
        status=BlocMembership.Status.OBSERVER,
        note="Added by staff.",
    )

    run_correction()

    corrected, expected = database_periods(), data_periods()
    edited.refresh_from_db()
    assert edited.since == datetime.date(2004, 12, 17)
    assert edited.source == ""
    assert BlocMembership.objects.filter(pk=extra.pk).exists()
    assert ("unasur", "UY") not in corrected
    assert corrected["mercosur", "BO"] == expected["mercosur", "BO"]
    untouched = {("mercosur", "CO"), ("mercosur", "MX"), ("unasur", "UY")}
    assert {key for key in expected if corrected.get(key) != expected[key]} == {
        ("mercosur", "CO"),
        ("unasur", "UY"),
    }
    assert set(corrected) - set(expected) <= untouched


def test_the_migration_is_reversible_as_a_no_op():
    loader = MigrationExecutor(connection).loader
    (operation,) = loader.get_migration(*MIGRATION).operations
    assert operation.reversible


# The public bloc page.


def test_the_bloc_page_shows_each_periods_source(client):
    text = client.get("/partners/bloc/mercosur/").text
    assert (
        'href="https://mercosur.int/pt-br/a-bolivia-depositou-o-instrumento-de-'
        'ratificacao-do-protocolo-de-adesao-ao-mercosul"'
    ) in text
    assert "Decisión CMC N° 44/04" in text
    assert "<summary>" in text
    # Earlier statuses carry theirs too.
    assert "dec4204p.asp" in text


def test_a_source_that_is_a_web_address_is_a_link(client, no_reference_data):
    bloc = baker.make(Bloc, slug="forum", acronym="FRM", name="Forum", kind="forum")
    country = baker.make(Country, code="UY", name="Uruguay")
    baker.make(
        BlocMembership,
        bloc=bloc,
        country=country,
        status="full",
        until=None,
        source="https://example.org/decision-1",
    )
    text = client.get("/en/partners/bloc/forum/").text
    assert '<a href="https://example.org/decision-1" rel="external noopener">' in text
    assert "(Uruguay, Full member)" in text


def test_a_flagged_period_shows_its_reason_not_a_bare_badge(client):
    text = client.get("/en/partners/bloc/unasur/").text
    assert "being confirmed" not in text
    assert "Not yet confirmed by an official source:" in text
    note = (
        BlocMembership.objects.current()
        .get(bloc__slug="unasur", country__code="AR")
        .note
    )
    assert f'<span lang="en">{note}</span>' in text.replace("&#x27;", "'")


def test_the_bloc_page_queries_do_not_grow_with_members(client, count_queries):
    assert count_queries(client, "/partners/bloc/mercosur/") == count_queries(
        client, "/partners/bloc/asa/"
    )
