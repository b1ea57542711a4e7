"""Calls for proposals: DGCIN opens a call before a joint commission, the
provinces answer it until its deadline, and accepted proposals become draft
projects of the programme it prepares."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone, translation

from directory.models import Unit
from partners.models import Country, Province
from proposals import workflow
from proposals.models import Call, Proposal, ProposalEvent
from tests.proposals.conftest import form_data

Status = Proposal.Status
Action = ProposalEvent.Action

pytestmark = pytest.mark.django_db


def errors_of(call):
    with pytest.raises(ValidationError) as refused:
        call.full_clean()
    return refused.value.message_dict


# The model's rules


def test_a_call_cannot_close_before_it_opens_nor_be_with_argentina(make_call):
    call = make_call()
    call.opens_on = call.closes_on + datetime.timedelta(days=1)
    call.country = Country.objects.get(code="AR")
    with translation.override("es"):
        errors = errors_of(call)
    assert errors["closes_on"] == ["La fecha límite es anterior a la apertura."]
    assert errors["country"] == ["Elegí el país socio, no la Argentina."]


def test_its_commission_and_programme_are_with_the_same_country(make_call):
    call = make_call(programme=True)
    call.full_clean()
    call.country = Country.objects.get(code="BO")
    with translation.override("es"):
        errors = errors_of(call)
    assert errors["commission"] == ["Esta comisión mixta es con otro país."]
    assert errors["programme"] == ["Este programa es con otro país."]


def test_open_calls_and_the_provinces_they_are_open_to(make_call):
    everyone = make_call(title="Para todas")
    salta_only = make_call(title="Solo Salta", provinces=["AR-A"])
    make_call(title="Cerrada", opens_in=-30, closes_in=-1)
    make_call(title="Futura", opens_in=3, closes_in=30)
    tucuman = Province.objects.get(code="AR-T")
    assert set(Call.objects.open()) == {everyone, salta_only}
    assert list(Call.objects.open().for_province(tucuman)) == [everyone]
    assert (everyone.admits(tucuman), salta_only.admits(tucuman)) == (True, False)
    # The last day counts whole; the day after does not.
    last_day = salta_only.closes_on
    assert salta_only.is_open(last_day)
    assert not salta_only.is_open(last_day + datetime.timedelta(days=1))


# The focal points' area


def test_a_focal_point_sees_the_calls_open_to_their_province(
    client, make_focal_point, make_call, django_assert_max_num_queries
):
    make_call(title="Convocatoria abierta a todas")
    make_call(title="Convocatoria solo para Salta", provinces=["AR-A"])
    make_call(title="Convocatoria para Tucumán y Salta", provinces=["AR-T", "AR-A"])
    make_call(title="Convocatoria ya cerrada", opens_in=-40, closes_in=-5)
    client.force_login(make_focal_point("AR-T"))
    with django_assert_max_num_queries(12):
        page = client.get(reverse("proposals:call-list")).text
    assert "Convocatoria abierta a todas" in page
    assert "Convocatoria para Tucumán y Salta" in page
    assert "Convocatoria ya cerrada" in page  # under "closed"
    assert "Convocatoria solo para Salta" not in page
    assert page.index("Convocatoria abierta") < page.index("Convocatoria ya cerrada")
    listing = client.get(reverse("proposals:proposal-list")).text
    box = listing[listing.index('id="calls-title"') :]
    box = box[: box.index("</section>")]
    assert "Convocatoria abierta a todas" in box
    assert "Convocatoria ya cerrada" not in box  # only open ones there


def test_a_call_of_another_province_is_not_found(client, make_focal_point, make_call):
    call = make_call(provinces=["AR-A"])
    client.force_login(make_focal_point("AR-T"))
    assert client.get(call.get_absolute_url()).status_code == 404
    client.force_login(make_focal_point("AR-A"))
    page = client.get(call.get_absolute_url())
    assert page.status_code == 200
    assert f"?call={call.pk}" in page.text  # "write a proposal for this call"


def test_the_form_starts_on_the_call_and_offers_only_those_not_closed(
    client, make_focal_point, make_call
):
    open_call = make_call(title="Abierta")
    coming = make_call(title="Próxima", opens_in=5, closes_in=40)
    closed = make_call(title="Cerrada", opens_in=-40, closes_in=-5)
    client.force_login(make_focal_point("AR-T"))
    page = client.get(reverse("proposals:proposal-create") + f"?call={open_call.pk}")
    form = page.context["form"]
    assert list(form.fields["call"].queryset) == [open_call, coming]
    assert "Próxima (abre el " in page.text
    assert f'<option value="{open_call.pk}" selected>' in page.text
    response = client.post(
        reverse("proposals:proposal-create"), form_data(call=closed.pk)
    )
    assert response.status_code == 400
    assert not Proposal.objects.exists()


def test_a_closed_call_refuses_a_choice_the_form_did_not_offer(
    make_focal_point, make_call
):
    from proposals.forms import ProposalForm

    closed = make_call(opens_in=-40, closes_in=-5)
    salta = make_call(provinces=["AR-A"])
    tucuman = Province.objects.get(code="AR-T")
    with translation.override("es"):
        for call, message in (
            (closed, "Esta convocatoria está cerrada: no recibe propuestas nuevas."),
            (salta, "Tu provincia no está entre las provincias de esta convocatoria."),
        ):
            form = ProposalForm(
                form_data(call=call.pk), instance=Proposal(), province=tucuman
            )
            form.fields["call"].queryset = Call.objects.all()  # as if offered
            assert not form.is_valid()
            assert form.errors["call"] == [message]


def test_a_proposal_answers_an_open_call(
    client, make_focal_point, make_proposal, make_call
):
    call = make_call()
    user = make_focal_point()
    proposal = make_proposal(user, call=call)
    workflow.apply(proposal, Action.SUBMIT, user)
    proposal.refresh_from_db()
    assert (proposal.status, proposal.call) == (Status.SUBMITTED, call)
    client.force_login(user)
    page = client.get(proposal.get_absolute_url()).text
    assert call.title in page


def test_after_the_deadline_a_call_takes_no_new_submission_and_keeps_the_draft(
    client, make_focal_point, make_proposal, make_call
):
    call = make_call(opens_in=-40, closes_in=-1)
    user = make_focal_point()
    proposal = make_proposal(user, call=call)
    with translation.override("es"), pytest.raises(workflow.TransitionError) as refused:
        workflow.apply(proposal, Action.SUBMIT, user)
    day = call.closes_on
    assert refused.value.message.startswith(
        f"La convocatoria “{call.title}” cerró el {day.day} de "
    )
    assert "Tu borrador queda guardado" in refused.value.message
    proposal.refresh_from_db()
    assert (proposal.status, proposal.call) == (Status.DRAFT, call)

    # Through the page: the message, and the call field marked on the form.
    client.force_login(user)
    response = client.post(
        reverse("proposals:proposal-transition", args=[proposal.pk, "submit"]),
        follow=True,
    )
    assert "no recibe propuestas nuevas" in response.text
    assert response.context["form"].errors["call"]
    # Outside any call, it goes.
    proposal.call = None
    proposal.save()
    workflow.apply(proposal, Action.SUBMIT, user)
    proposal.refresh_from_db()
    assert proposal.status == Status.SUBMITTED


def test_a_proposal_sent_in_time_may_be_sent_again_after_the_deadline(
    make_focal_point, make_proposal, make_call, reviewer
):
    call = make_call()
    user = make_focal_point()
    proposal = make_proposal(user, call=call, sent=True)
    workflow.apply(proposal, Action.START_REVIEW, reviewer)
    workflow.apply(proposal, Action.REQUEST_CHANGES, reviewer, "Sumá el presupuesto.")
    Call.objects.filter(pk=call.pk).update(
        opens_on=timezone.localdate() - datetime.timedelta(days=60),
        closes_on=timezone.localdate() - datetime.timedelta(days=1),
    )
    proposal.refresh_from_db()
    workflow.apply(proposal, Action.RESUBMIT, user)
    proposal.refresh_from_db()
    assert proposal.status == Status.SUBMITTED


def test_a_call_not_open_yet_asks_to_wait(make_focal_point, make_proposal, make_call):
    call = make_call(opens_in=3, closes_in=30)
    user = make_focal_point()
    proposal = make_proposal(user, call=call)
    with translation.override("es"), pytest.raises(workflow.TransitionError) as refused:
        workflow.apply(proposal, Action.SUBMIT, user)
    assert "abre el" in refused.value.message
    assert Proposal.objects.get(pk=proposal.pk).status == Status.DRAFT


# Accepting into the programme


def test_an_accepted_proposal_becomes_a_draft_project_of_the_calls_programme(
    make_focal_point, make_proposal, make_call, reviewer
):
    multilateral = Unit.objects.get(slug="multilateral-cooperation")
    call = make_call(programme=True, directorate=multilateral)
    user = make_focal_point()
    proposal = make_proposal(user, call=call, sent=True)
    workflow.apply(proposal, Action.START_REVIEW, reviewer)
    workflow.apply(proposal, Action.ACCEPT, reviewer)
    project = Proposal.objects.get(pk=proposal.pk).project
    assert project.programme == call.programme
    # The call's directorate, not the reviewer's own (Bilateral Cooperation).
    assert project.directorate == multilateral
    assert project.publication == project.Publication.DRAFT


def test_the_reviewer_may_accept_into_another_programme(
    client, make_focal_point, make_proposal, make_call, reviewer
):
    call = make_call(programme=True)
    other = make_call(
        programme=False, title="Otra", commission=None
    )  # a call without programme
    user = make_focal_point()
    proposal = make_proposal(user, call=other, sent=True)
    workflow.apply(proposal, Action.START_REVIEW, reviewer)
    client.force_login(reviewer)
    page = client.get(reverse("admin:proposals_proposal_change", args=[proposal.pk]))
    assert 'name="programme"' in page.text
    client.post(
        reverse("admin:proposals_proposal_review", args=[proposal.pk]),
        {"action": Action.ACCEPT, "programme": call.programme.pk},
    )
    project = Proposal.objects.get(pk=proposal.pk).project
    assert project.programme == call.programme


# The staff's view of a call


def test_staff_see_how_many_proposals_each_call_received(
    client, make_focal_point, make_proposal, make_call, reviewer, admin_user
):
    call = make_call()
    tucuman, salta = make_focal_point("AR-T"), make_focal_point("AR-A")
    sent = make_proposal(tucuman, call=call, sent=True, title="Propuesta enviada")
    make_proposal(salta, call=call, title="Borrador de Salta")  # unsent: not counted
    make_proposal(salta, sent=True, title="Fuera de convocatoria")
    client.force_login(admin_user)
    listing = client.get(reverse("admin:proposals_call_changelist")).text
    assert f"?call__id__exact={call.pk}" in listing
    assert '<td class="field-state">Abierta</td>' in listing  # a call, feminine
    page = client.get(reverse("admin:proposals_call_change", args=[call.pk])).text
    assert sent.title in page
    assert "Borrador de Salta" not in page  # a draft is its province's
    assert "Fuera de convocatoria" not in page
    filtered = client.get(
        reverse("admin:proposals_proposal_changelist") + f"?call__id__exact={call.pk}"
    ).text
    assert sent.title in filtered
    assert "Fuera de convocatoria" not in filtered


# The institutions a proposal names in free text


def test_accepting_turns_the_named_institutions_into_executing_organisations(
    make_focal_point, make_proposal, reviewer
):
    from partners.models import Organisation

    ministry = Organisation.objects.create(
        slug="mag-paraguay",
        acronym="MAG",
        name="Ministerio de Agricultura y Ganadería",
        kind=Organisation.Kind.PARTNER_INSTITUTION,
        country=Country.objects.get(code="PY"),
        iati_type="10",
    )
    user = make_focal_point()
    proposal = make_proposal(
        user,
        sent=True,
        executing_institution="INTA Estación Experimental Famaillá",
        partner_institutions="Ministerio de Agricultura y Ganaderia (Paraguay); "
        "una cooperativa local",
    )
    workflow.apply(proposal, Action.START_REVIEW, reviewer)
    workflow.apply(proposal, Action.ACCEPT, reviewer)
    project = Proposal.objects.get(pk=proposal.pk).project
    rows = [
        (row.organisation.acronym, row.segib_role, row.iati_role)
        for row in project.participations.filter(organisation__isnull=False)
    ]
    assert rows == [("INTA", "provider", "4"), ("MAG", "recipient", "4")]
    assert ministry.participations.get().project == project


def test_an_acronym_is_matched_as_a_whole_word_in_its_case():
    from partners.models import Organisation
    from proposals.acceptance import named_in

    inta = Organisation(acronym="INTA", name="Instituto Nacional de Tecnología")
    ina = Organisation(acronym="INA", name="Instituto Nacional del Agua")
    inti = Organisation(
        acronym="INTI", name="Instituto Nacional de Tecnología Industrial"
    )
    candidates = [inta, ina, inti]
    assert named_in("El INTA de Famaillá", candidates) == [inta]
    assert named_in("Trabajo con la intendencia", candidates) == []
    assert named_in("instituto nacional del agua e INTI", candidates) == [ina, inti]


def test_the_sample_calls_have_one_open_whatever_the_day(references):
    import io

    from django.core.management import call_command

    call_command("load_sample_projects", allow_production=True, stdout=io.StringIO())
    call_command("load_sample_calls", allow_production=True, stdout=io.StringIO())
    out = io.StringIO()
    call_command("load_sample_calls", allow_production=True, stdout=out)
    assert "0 added" in out.getvalue()
    assert Call.objects.open().count() == 1
    closed = Call.objects.exclude(pk__in=Call.objects.open()).get()
    assert closed.programme.slug == "v-programa-argentina-bolivia-2024-2025"
    assert all("ejemplo" in call.title for call in Call.objects.all())


@pytest.mark.parametrize("command", ["load_sample_calls", "load_sample_projects"])
def test_sample_data_is_refused_on_production_settings(settings, command):
    from django.core.management import CommandError, call_command

    settings.DEBUG = False
    with pytest.raises(CommandError, match="DEBUG is off"):
        call_command(command)
    assert not Call.objects.exists()


def test_the_partner_countrys_public_page_announces_its_open_calls(client, make_call):
    make_call(title="Convocatoria abierta con Paraguay", provinces=["AR-A", "AR-T"])
    make_call(title="Convocatoria cerrada", opens_in=-60, closes_in=-1)
    with translation.override("es"):
        url = Country.objects.get(code="PY").get_absolute_url()
    page = client.get(url).text
    assert "Convocatoria abierta con Paraguay" in page
    assert "Salta, Tucumán" in page
    assert reverse("proposals:call-list") in page
    assert "Convocatoria cerrada" not in page
    assert (
        "Convocatoria abierta"
        not in client.get(Country.objects.get(code="BO").get_absolute_url()).text
    )


def test_a_calls_programme_is_of_its_own_commission(make_call):
    from projects.models import JointCommission

    call = make_call(programme=True)
    call.commission = JointCommission.objects.create(
        country=call.country,
        number=7,
        date=call.commission.date + datetime.timedelta(days=700),
        directorate=call.directorate,
    )
    with translation.override("es"):
        assert errors_of(call)["programme"] == [
            "Este programa se aprobó en otra comisión mixta: elegí el programa de la "
            "comisión de la convocatoria, o esa comisión."
        ]
    with translation.override("en"):
        assert errors_of(call)["programme"] == [
            "This programme was approved at another joint commission: choose the "
            "programme of the call's commission, or that commission."
        ]


def test_an_unpublished_programme_is_named_on_the_calls_page_to_staff_only(
    client, make_focal_point, make_call, django_user_model
):
    call = make_call(programme=True)
    call.programme.is_published = False
    call.programme.save()
    client.force_login(make_focal_point("AR-T"))
    assert call.programme.title not in client.get(call.get_absolute_url()).text
    call.programme.is_published = True
    call.programme.save()
    assert call.programme.title in client.get(call.get_absolute_url()).text
    call.programme.is_published = False
    call.programme.save()
    client.force_login(django_user_model.objects.create_superuser("jefa", "j@x.ar"))
    assert call.programme.title in client.get(call.get_absolute_url()).text


def test_drafts_accepted_before_the_programme_existed_join_it_when_it_is_set(
    make_focal_point, make_proposal, make_call, reviewer
):
    """Call, selection, then the commission approves the programme: when the call
    gets its programme, the drafts of its accepted proposals without one join it,
    each saved with its history; a published project or one already in another
    programme is left as it is."""
    from projects.models import Programme, Project

    with_programme = make_call(programme=True)
    programme = with_programme.programme
    call = make_call(title="Sin programa todavía")
    user = make_focal_point()
    proposals = [
        make_proposal(user, call=call, sent=True, title=f"Propuesta {n}")
        for n in range(4)
    ]
    for proposal in proposals:
        workflow.apply(proposal, Action.START_REVIEW, reviewer)
        workflow.apply(proposal, Action.ACCEPT, reviewer)
    drafts = [Proposal.objects.get(pk=p.pk).project for p in proposals]
    published, elsewhere = drafts[2], drafts[3]
    Project.objects.filter(pk=published.pk).update(
        publication=Project.Publication.PUBLISHED
    )
    other = Programme.objects.create(
        title_es="Otro programa",
        slug="otro-programa",
        commission=programme.commission,
        number=9,
        period_start=programme.period_start,
        period_end=programme.period_end,
    )
    elsewhere.programme = other
    elsewhere.save()
    pending = make_proposal(user, call=call, sent=True, title="Todavía en revisión")
    versions = {d.pk: d.history.count() for d in drafts[:2]}

    call.programme = programme
    call.save()

    for draft in drafts[:2]:
        draft.refresh_from_db()
        assert draft.programme == programme
        assert draft.history.count() == versions[draft.pk] + 1
    for project, expected in ((published, None), (elsewhere, other)):
        project.refresh_from_db()
        assert project.programme == expected
    pending.refresh_from_db()
    assert pending.project is None
    # Saving the call again changes nothing.
    call.save()
    assert drafts[0].history.count() == versions[drafts[0].pk] + 1
