"""The people and objects the permission matrix asks about, built once per module.

Every role is a real user in the group ``accounts/roles.py`` ships. The objects
belong to the Directorate of Bilateral Cooperation ("own"); the second editor
works in the Directorate of Multilateral Cooperation ("other"). The reviewer, the
reader and the administration user also work in the owning directorate: a
membership alone must grant nothing their group does not.
"""

import datetime
from types import SimpleNamespace

from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.db.models.deletion import Collector, ProtectedError, RestrictedError
from django.test import Client
from django.utils import timezone
from django_tasks_db.models import DBTaskResult, get_date_max

from directory.models import (
    FocalPoint,
    FocalPointAccount,
    InstitutionalText,
    Representation,
    StaffMembership,
    Unit,
)
from partners.models import (
    Bloc,
    BlocMembership,
    Country,
    Organisation,
    Province,
    Region,
)
from projects.models import (
    Currency,
    DocumentCategory,
    Indicator,
    JointCommission,
    Mission,
    Participation,
    Programme,
    Project,
    ProjectSector,
    Result,
    SdgGoal,
    SdgTarget,
    Sector,
    SectorCategory,
    SegibSector,
    Transaction,
)
from proposals import workflow
from proposals.models import Call, Proposal, ProposalAttachment

PASSWORD = "a-Str0ng-passphrase"
PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
)


def person(username, *, group=None, unit=None, **fields):
    user = get_user_model().objects.create_user(
        username,
        email=f"{username}@example.gob.ar",
        password=PASSWORD,
        first_name=username.capitalize(),
        last_name="Matriz",
        **fields,
    )
    if group:
        user.groups.add(Group.objects.get(name=group))
    if unit:
        StaffMembership.objects.create(user=user, unit=unit)
    return user


def focal_point(province_code, username, password=True):
    province = Province.objects.get(code=province_code)
    point, _ = FocalPoint.objects.get_or_create(
        province=province,
        defaults={"institution": f"Relaciones Internacionales de {province.name}"},
    )
    user = person(username)
    if not password:
        user.set_unusable_password()
        user.save()
    account = FocalPointAccount.objects.create(user=user, focal_point=point)
    return user, account


def project(directorate, publication, number):
    """A project ready to publish (partners, sector, dates), as a draft or not."""
    item = Project.objects.create(
        title_es=f"Proyecto de la matriz {number}",
        title_en=f"Matrix project {number}",
        summary_es="Resumen del proyecto.",
        summary_en="Project summary.",
        slug=f"matrix-project-{number}",
        modality=Project.Modality.BILATERAL,
        status=Project.Status.IMPLEMENTATION,
        publication=publication,
        directorate=directorate,
        planned_start=datetime.date(2024, 3, 1),
        planned_end=datetime.date(2026, 2, 28),
    )
    # An identifier from before DGCIN's reference: the re-key action has work to do.
    Project.objects.filter(pk=item.pk).update(iati_identifier=f"XM-OLD-{number}")
    for position, (code, role) in enumerate([("AR", "provider"), ("PY", "recipient")]):
        Participation.objects.create(
            project=item,
            country=Country.objects.get(code=code),
            segib_role=role,
            iati_role="1" if position == 0 else "4",
            amount=50000 if position == 0 else None,
            currency=Currency.objects.get(code="USD") if position == 0 else None,
            position=position,
        )
    ProjectSector.objects.create(
        project=item, sector=Sector.objects.get(code="31120"), percentage=100
    )
    result = Result.objects.create(project=item, title_es="Técnicos capacitados")
    Indicator.objects.create(result=result, title_es="Técnicos")
    Mission.objects.create(
        project=item,
        country=Country.objects.get(code="PY"),
        planned_start=datetime.date(2024, 5, 6),
        planned_end=datetime.date(2024, 5, 10),
        place="Asunción",
        purpose_es="Taller de control de plagas.",
    )
    Transaction.objects.create(
        project=item,
        participation=item.participations.first(),
        type=Transaction.Type.DISBURSEMENT,
        date=datetime.date(2024, 6, 3),
        value=1000,
        currency=Currency.objects.get(code="USD"),
        value_date=datetime.date(2024, 6, 3),
        description_es="Primer desembolso.",
    )
    return item


def proposal(user, *, sent=False, reviewer=None):
    """A complete proposal of ``user``'s province: a draft, sent, or under review."""
    item = workflow.start(
        Proposal(
            title="Fortalecimiento de la apicultura en el Chaco paraguayo",
            summary="Transferir técnicas de apicultura.",
            background="Baja productividad de las cooperativas apícolas.",
            general_objective="Mejorar los ingresos de los apicultores.",
            specific_objectives="Capacitar a 40 técnicos.",
            expected_results="40 técnicos capacitados.",
            target_population="Cooperativas del Chaco.",
            modality="bilateral",
            instrument="project",
            argentina_role="provider",
            partner_institutions="Ministerio de Agricultura y Ganadería (PY).",
            executing_institution="INTA Estación Experimental Famaillá",
            segib_sector=SegibSector.objects.first(),
            dac_sector=Sector.objects.get(code="31195"),
            duration_months=24,
            estimated_budget=85000,
            currency=Currency.objects.get(code="USD"),
            endorsing_authority="Ministra de Producción de la provincia",
            contact_name="Ana Pérez",
            contact_email="ana.perez@example.gob.ar",
        ),
        user,
    )
    item.partner_countries.set(Country.objects.filter(code="PY"))
    item.sdg_goals.set(SdgGoal.objects.filter(number__in=[1, 2]))
    attachment = ProposalAttachment(
        proposal=item,
        kind="endorsement",
        original_name="aval.pdf",
        content_type="application/pdf",
        size=len(PDF),
        uploaded_by=user,
    )
    attachment.file.save("aval.pdf", ContentFile(PDF), save=False)
    attachment.save()
    if sent or reviewer:
        workflow.apply(item, "submit", user)
    if reviewer:
        workflow.apply(item, "start-review", reviewer)
    item.refresh_from_db()
    return item


def session_of(user):
    """The key of a session signed in as ``user``."""
    client = Client()
    client.force_login(user)
    return client.cookies[settings.SESSION_COOKIE_NAME].value


def deletable(queryset):
    """The first of ``queryset`` that nothing protects from deletion, so that a
    permitted delete is seen to delete; None if every one is protected."""
    for item in queryset.order_by("pk")[:50]:
        try:
            Collector(using="default").collect([item])
        except (ProtectedError, RestrictedError):
            continue
        return item
    return None


def with_history(item):
    """``item``, saved once more if the loaders left it without a history."""
    if hasattr(item, "history") and not item.history.exists():
        item.save()
    return item


def commission(directorate, number):
    return JointCommission.objects.create(
        country=Country.objects.get(code="BO"),
        number=number,
        date=datetime.date(2015 + number, 5, 12),
        venue="La Paz",
        directorate=directorate,
    )


def programme(approved_at):
    return Programme.objects.create(
        title_es=f"Programa de prueba {approved_at.number}",
        slug=f"programa-de-prueba-{approved_at.number}",
        commission=approved_at,
        number=approved_at.number,
        period_start=approved_at.date,
        period_end=approved_at.date + datetime.timedelta(days=730),
        is_published=True,
    )


def with_minutes(item, public):
    """``item``, a programme, with signed minutes on its commission, published or
    not."""
    approved_at = item.commission
    approved_at.minutes.save("acta.pdf", ContentFile(b"%PDF-1.4 acta"), save=False)
    approved_at.minutes_are_public = public
    approved_at.save()
    return item


def call_for_proposals(directorate):
    """An open call of ``directorate`` that every province may answer."""
    today = timezone.localdate()
    return Call.objects.create(
        title="Convocatoria de prueba con Bolivia",
        country=Country.objects.get(code="BO"),
        directorate=directorate,
        description="Proyectos de agua y saneamiento.",
        opens_on=today - datetime.timedelta(days=5),
        closes_on=today + datetime.timedelta(days=25),
    )


def build():
    own = Unit.objects.get(slug="bilateral-cooperation")
    other = Unit.objects.get(slug="multilateral-cooperation")
    focal_user, _ = focal_point("AR-T", "punto-focal")
    users = {
        "anonymous": None,
        "editor_own": person(
            "editora", group="Editor de proyectos", unit=own, is_staff=True
        ),
        "editor_other": person(
            "editor-multilateral",
            group="Editor de proyectos",
            unit=other,
            is_staff=True,
        ),
        "coordination": person("coordinacion", group="Coordinación", is_staff=True),
        "reviewer": person(
            "revisora", group="Revisor de propuestas", unit=own, is_staff=True
        ),
        "reader": person("lectura", group="Lectura", unit=own, is_staff=True),
        "administration": person(
            "administracion", group="Administración", unit=own, is_staff=True
        ),
        "focal_point": focal_user,
        "superuser": person("raiz", is_staff=True, is_superuser=True),
    }
    # Signed in once, here: each sign-in makes django-axes clean up expired
    # attempts, and the clients of the tests reuse these sessions.
    sessions = {role: session_of(user) for role, user in users.items() if user}
    salta_user, _ = focal_point("AR-A", "punto-focal-salta")
    _, invited = focal_point("AR-T", "invitada", password=False)
    draft, published = project(own, "draft", 1), project(own, "published", 2)
    colleague = person("colega", is_staff=True)
    group = Group.objects.create(name="Grupo de prueba")
    proposals = {
        "submitted": proposal(focal_user, sent=True),
        "draft": proposal(focal_user),
        "under review": proposal(focal_user, reviewer=users["reviewer"]),
        "other province": proposal(salta_user, sent=True),
    }
    text = InstitutionalText.objects.first() or InstitutionalText.objects.create(
        page="about", title_es="Quiénes somos", title_en="About us"
    )
    now = timezone.now()
    attempt = AccessAttempt.objects.create(
        username="alguien", ip_address="203.0.113.7", failures_since_start=1
    )
    # Expired (the clean-up action removes it); the field is set on creation.
    AccessAttempt.objects.filter(pk=attempt.pk).update(
        attempt_time=now - datetime.timedelta(days=2)
    )
    log = AccessLog.objects.create(
        username="alguien", ip_address="203.0.113.7", attempt_time=now
    )
    failure = AccessFailureLog.objects.create(
        username="alguien", ip_address="203.0.113.7", attempt_time=now
    )
    task = DBTaskResult.objects.create(
        args_kwargs={"args": [], "kwargs": {}},
        task_path="accounts.emails.send_invitation",
        backend_name="default",
        run_after=get_date_max(),
    )
    single = {
        "partners.region": deletable(Region.objects.all()),
        "partners.country": deletable(Country.objects.all()),
        "partners.province": deletable(Province.objects.all()),
        "partners.bloc": deletable(Bloc.objects.all()),
        "partners.blocmembership": BlocMembership.objects.first(),
        "partners.organisation": deletable(Organisation.objects.all()),
        "directory.unit": deletable(Unit.objects.all()),
        "directory.representation": Representation.objects.first()
        or Representation.objects.create(
            country=Country.objects.get(code="PY"),
            kind=Representation.Kind.EMBASSY,
            city="Asunción",
        ),
        "directory.staffmembership": StaffMembership.objects.get(
            user=users["editor_own"]
        ),
        "directory.focalpoint": FocalPoint.objects.get(province__code="AR-T"),
        "directory.focalpointaccount": invited,
        "directory.institutionaltext": text,
        # Every loaded category has sectors and every goal targets: a new one.
        "projects.sectorcategory": SectorCategory.objects.create(
            code="999", name_es="Categoría de prueba", name_en="Test category"
        ),
        "projects.sector": deletable(Sector.objects.all()),
        "projects.segibsector": deletable(SegibSector.objects.all()),
        "projects.sdggoal": SdgGoal.objects.create(
            code="18",
            number=18,
            short_name_es="Objetivo de prueba",
            short_name_en="Test goal",
            name_es="Objetivo de prueba",
            name_en="Test goal",
        ),
        "projects.sdgtarget": deletable(SdgTarget.objects.all()),
        "projects.currency": deletable(Currency.objects.all()),
        "projects.documentcategory": deletable(DocumentCategory.objects.all()),
        # Of the Directorate of Bilateral Cooperation, as the projects.
        "projects.jointcommission": commission(own, 6),
        "projects.programme": programme(commission(own, 5)),
        "proposals.call": call_for_proposals(own),
        "axes.accessattempt": attempt,
        "axes.accesslog": log,
        "axes.accessfailurelog": failure,
        "django_tasks_database.dbtaskresult": task,
    }
    if missing := [name for name, item in single.items() if item is None]:
        raise LookupError(f"Nothing to delete in {missing}: add one to the world")
    subjects = {name: {"": with_history(item)} for name, item in single.items()}
    subjects["projects.project"] = {"draft": draft, "published": published}
    subjects["projects.result"] = {
        "draft": draft.results.get(),
        "published": published.results.get(),
    }
    subjects["projects.indicator"] = {
        "draft": Indicator.objects.get(result__project=draft),
        "published": Indicator.objects.get(result__project=published),
    }
    for name, rows in (("mission", "missions"), ("transaction", "transactions")):
        subjects[f"projects.{name}"] = {
            "draft": getattr(draft, rows).get(),
            "published": getattr(published, rows).get(),
        }
    # Accounts: a colleague's and a superuser's; groups: one of this installation
    # and a shipped role (accounts/roles.py keeps it).
    subjects["auth.user"] = {"staff": colleague, "superuser": users["superuser"]}
    subjects["auth.group"] = {
        "local": group,
        "role": Group.objects.get(name="Lectura"),
    }
    subjects["proposals.proposal"] = {
        name: proposals[name] for name in ("submitted", "draft", "under review")
    }
    # Programmes whose commission's minutes are published or not (the
    # programmes' admin asks about the one above, which has none).
    minutes = {
        "not public": with_minutes(programme(commission(own, 4)), public=False),
        "public": with_minutes(programme(commission(own, 3)), public=True),
    }
    return SimpleNamespace(
        minutes=minutes,
        users=users,
        subjects=subjects,
        proposals=proposals,
        own=own,
        other=other,
        sessions=sessions,
        forms={},  # the pages' forms, as the superuser reads them, by URL
    )
