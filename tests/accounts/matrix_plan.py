"""What the permission matrix asks, and how: {(section, row): request}.

The admin's part is read from the site: every model admin in
``admin.site._registry`` and the kinds of URL the resolver gives it, every action
it offers a superuser, every autocomplete field, every app index. A kind with an
argument is asked about each of the admin's objects (``matrix_world``); a change,
delete or version page is also sent back as the browser would send it (its POST
row). How to ask the views outside the admin is written here; a view the site has
and this does not know gets no row, and the completeness test names it.
"""

import csv
import io

from django.conf import settings
from django.contrib import admin
from django.contrib.contenttypes.models import ContentType
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.test import Client, RequestFactory
from django.urls import reverse

from . import matrix_site as site
from .matrix_world import PASSWORD


def client_for(world, role):
    """A client in the session ``role`` signed in with (none for anonymous)."""
    client = Client()
    if role in world.sessions:
        client.cookies[settings.SESSION_COOKIE_NAME] = world.sessions[role]
    return client


# A request: ask(world, client, role) -> (method, response, writes, error).


def get(url, data=None):
    def ask(world, client, role):
        return ("GET", *site.ask(client, "GET", url, data))

    return ask


def post(url, data=None, signs_out=False):
    """A POST; one that ends the session (signing out, a new password) is sent by
    a client of its own (the rollback after it brings the session back)."""

    def ask(world, client, role):
        payload = data(world) if callable(data) else data
        if signs_out:
            client = client_for(world, role)
        return ("POST", *site.ask(client, "POST", url, payload))

    return ask


def page_form(url):
    """The form on ``url`` as the superuser sees it, sent back unchanged (nothing
    when not even the superuser sees the page: an unsent draft); read once."""

    def data(world):
        if url not in world.forms:
            client = client_for(world, "superuser")
            response, _writes, error = site.ask(client, "GET", url)
            assert error is None, (url, error)
            ok = response.status_code == 200
            world.forms[url] = site.form_data(response) if ok else {}
        return world.forms[url]

    return data


def import_file(model_admin, item):
    """The admin's own export of ``item`` as CSV, with one text cell edited."""
    resource = model_admin.get_import_resource_classes(None)[0]()
    dataset = resource.export(queryset=type(item)._default_manager.filter(pk=item.pk))
    row = next(csv.DictReader(io.StringIO(dataset.csv)))
    kept = {
        *(resource._meta.import_id_fields or ["id"]),
        *getattr(resource._meta, "readonly_fields", ()),
    }
    for field in resource.get_import_fields():
        model_field = type(item)._meta._forward_fields_map.get(field.attribute)
        if (
            field.column_name not in kept
            and not field.readonly
            and row.get(field.column_name)
            and model_field is not None
            and model_field.get_internal_type() in ("CharField", "TextField")
            and not model_field.choices
            and not model_field.unique
        ):
            row[field.column_name] += " (importado)"
            break
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(row))
    writer.writeheader()
    writer.writerow(row)
    return buffer.getvalue().encode()


def process_import(prefix, model_admin, item):
    """The import's confirmation: the role previews the file; what its preview
    offers is confirmed, or (when it offers nothing) the superuser's."""
    content = import_file(model_admin, item)

    def preview(client):
        upload = SimpleUploadedFile("matrix.csv", content, content_type="text/csv")
        with transaction.atomic():
            response = client.post(
                reverse(f"{prefix}_import"),
                {"resource": "0", "format": "0", "import_file": upload},
            )
            transaction.set_rollback(True)
        form = (response.context or {}).get("confirm_form")
        if response.status_code != 200 or not form:
            return None
        return {name: form[name].value() for name in form.fields}

    def ask(world, client, role):
        data = preview(client) or preview(client_for(world, "superuser"))
        assert data, f"{prefix}: the superuser's import preview offers nothing"
        url = reverse(f"{prefix}_process_import")
        return ("POST", *site.ask(client, "POST", url, data))

    return ask


def row_name(kind, subject):
    return f"{kind} [{subject}]" if subject else kind


# Which of an admin's objects its actions are tried on, where not on all of them:
# each review step on a proposal in the state it applies to, and on a draft.
ACTION_SUBJECTS = {
    "review_start_review": ("submitted", "draft"),
    "review_request_changes": ("under review", "draft"),
    "review_accept": ("under review", "draft"),
    "review_reject": ("under review", "draft"),
}
# Objects asked about by actions only.
ACTION_ONLY = {"under review"}


def admin_rows(world):
    """The requests of every model admin, by (admin label, row)."""
    rows = {}
    kinds = site.model_admin_kinds()
    request = RequestFactory().get("/admin/")
    request.user = world.users["superuser"]
    for model, model_admin in admin.site._registry.items():
        name = site.label(model)
        prefix = f"admin:{model._meta.app_label}_{model._meta.model_name}"
        subjects = world.subjects.get(name) or {"": model._default_manager.first()}
        pages = {key: item for key, item in subjects.items() if key not in ACTION_ONLY}
        for kind, arguments in sorted(kinds[name].items()):
            url_name = f"{prefix}_{kind}"
            if not arguments and kind == "process_import":
                item = next(iter(pages.values()))
                rows[name, "process_import POST"] = process_import(
                    prefix, model_admin, item
                )
            elif not arguments:
                rows[name, kind] = get(reverse(url_name))
            for subject, item in pages.items() if arguments else ():
                args = [item.pk]
                if arguments == 2:  # django-simple-history's version of the object
                    args.append(item.history.latest("history_date").history_id)
                url = reverse(url_name, args=args)
                if kind in site.POST_ONLY:
                    rows[name, row_name(f"{kind} POST", subject)] = post(
                        url, {**site.POST_ONLY[kind], "directorate": world.own.pk}
                    )
                    continue
                rows[name, row_name(kind, subject)] = get(url)
                if kind == "delete":
                    data = {"post": "yes"}
                    rows[name, row_name("delete POST", subject)] = post(url, data)
                elif kind in site.POSTED_KINDS:
                    rows[name, row_name(f"{kind} POST", subject)] = post(
                        url, page_form(url)
                    )
        changelist = reverse(f"{prefix}_changelist")
        for action in site.action_names(model_admin, request):
            for subject in ACTION_SUBJECTS.get(action, subjects):
                rows[name, row_name(f"action {action}", subject)] = post(
                    changelist,
                    {
                        "action": action,
                        "_selected_action": [subjects[subject].pk],
                        "index": "0",
                        "post": "yes",  # the confirmation of delete_selected
                        "confirm": "1",  # and of the proposals' review steps
                        "comment": "Comentario de prueba.",
                        "directorate": world.own.pk,  # of an accepted proposal
                    },
                )
    return rows


def site_rows(world):
    """The admin site's own URLs, by ("admin site", row)."""
    draft = world.subjects["projects.project"]["draft"]
    content_type = ContentType.objects.get_for_model(draft)
    rows = {
        "index": get(reverse("admin:index")),
        "login": get(reverse("admin:login")),
        "logout POST": post(reverse("admin:logout"), signs_out=True),
        "password_change": get(reverse("admin:password_change")),
        "password_change_done": get(reverse("admin:password_change_done")),
        "jsi18n": get(reverse("admin:jsi18n")),
        "view_on_site": get(
            reverse("admin:view_on_site", args=[content_type.pk, draft.pk])
        ),
        "object link": get(f"/admin/projects/project/{draft.pk}/"),
        "catch-all": get("/admin/no-such-page/"),
    }
    for app_label in sorted({m._meta.app_label for m in admin.site._registry}):
        rows[f"app_list {app_label}"] = get(reverse("admin:app_list", args=[app_label]))
    for field in sorted(site.autocomplete_fields()):
        app_label, model_name, field_name = field.split(".")
        rows[f"autocomplete {field}"] = get(
            reverse("admin:autocomplete"),
            {
                "app_label": app_label,
                "model_name": model_name,
                "field_name": field_name,
                "term": "a",
            },
        )
    return {("admin site", key): value for key, value in rows.items()}


def proposal_form(**fields):
    data = {
        "attachments-TOTAL_FORMS": "3",
        "attachments-INITIAL_FORMS": "0",
        "attachments-MIN_NUM_FORMS": "0",
        "attachments-MAX_NUM_FORMS": "10",
        "title": "Agua segura para comunidades rurales",
        "save": "draft",
    }
    return data | fields


# The step a focal point takes on a proposal in each state.
STEPS = {"draft": "submit", "submitted": "withdraw", "other province": "withdraw"}
NEW_PASSWORD = "otra-Clave-m4s-larga"


def view_rows(world):
    """The views outside the admin that need signing in, by (section, row)."""
    proposals = {
        "proposal-list": get(reverse("proposals:proposal-list")),
        "proposal-create": get(reverse("proposals:proposal-create")),
        "proposal-create POST": post(
            reverse("proposals:proposal-create"), proposal_form()
        ),
        "call-list": get(reverse("proposals:call-list")),
        "call-detail": get(world.subjects["proposals.call"][""].get_absolute_url()),
    }
    for subject, step in STEPS.items():
        item = world.proposals[subject]
        attachment = item.attachments.get()
        edit = reverse("proposals:proposal-edit", args=[item.pk])
        transition = reverse("proposals:proposal-transition", args=[item.pk, step])
        proposals |= {
            f"proposal-detail [{subject}]": get(
                reverse("proposals:proposal-detail", args=[item.pk])
            ),
            f"proposal-edit [{subject}]": get(edit),
            f"proposal-edit POST [{subject}]": post(
                edit, proposal_form(title="Título cambiado")
            ),
            f"attachment-download [{subject}]": get(
                reverse("proposals:attachment-download", args=[item.pk, attachment.pk])
            ),
            # The file widget's address of the same file (dgcin/stored_files.py).
            f"stored-file [{subject}]": get(
                reverse("stored-file", kwargs={"name": attachment.file.name})
            ),
            f"proposal-transition {step} [{subject}]": get(transition),
            f"proposal-transition {step} POST [{subject}]": post(transition),
        }
    accounts = {
        "account": get(reverse("account")),
        "account POST": post(reverse("account"), {"language": "en"}),
        "password_change": get(reverse("password_change")),
        "password_change POST": post(
            reverse("password_change"),
            {
                "old_password": PASSWORD,
                "new_password1": NEW_PASSWORD,
                "new_password2": NEW_PASSWORD,
            },
            signs_out=True,
        ),
        "password_change_done": get(reverse("password_change_done")),
        "two-factor": get(reverse("two-factor")),
        "two-factor-verify": get(reverse("two-factor-verify")),
        "two-factor-setup": get(reverse("two-factor-setup")),
        "two-factor-backup-codes": get(reverse("two-factor-backup-codes")),
        "two-factor-new-backup-codes POST": post(
            reverse("two-factor-new-backup-codes")
        ),
        "two-factor-off POST": post(reverse("two-factor-off"), {"code": "123456"}),
    }
    programmes = {}
    for subject, item in world.minutes.items():
        programmes[f"minutes-download [{subject}]"] = get(
            reverse("programmes:minutes-download", args=[item.slug])
        )
        programmes[f"commission-minutes-download [{subject}]"] = get(
            reverse("programmes:commission-minutes-download", args=[item.commission.pk])
        )
    return {
        **{("programmes", key): value for key, value in programmes.items()},
        **{("proposals", key): value for key, value in proposals.items()},
        **{("accounts", key): value for key, value in accounts.items()},
    }


# The URL names (or routes) of the views each row of view_rows asks: the
# completeness test checks every view outside the admin is here or public.
VIEWS_ASKED = {
    "programmes:minutes-download",
    "programmes:commission-minutes-download",
    "proposals:proposal-list",
    "proposals:proposal-create",
    "proposals:proposal-detail",
    "proposals:proposal-edit",
    "proposals:attachment-download",
    "stored-file",
    "proposals:proposal-transition",
    "proposals:call-list",
    "proposals:call-detail",
    "account",
    "password_change",
    "password_change_done",
    "two-factor",
    "two-factor-verify",
    "two-factor-setup",
    "two-factor-backup-codes",
    "two-factor-new-backup-codes",
    "two-factor-off",
}


def plan(world):
    return {**admin_rows(world), **site_rows(world), **view_rows(world)}
