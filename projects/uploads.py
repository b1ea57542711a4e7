"""Uploads that survive a failed save.

A browser never sends a chosen file twice: when the change form comes back with an
error somewhere else, the document someone chose would be lost. So a valid upload
of a form that fails is stored under ``pending/`` and the form comes back with a
signed token for it (a ticked "keep" box beside the file field). The next submit
that carries the token, and no new file, takes the file from there; the pending
copy is deleted once the save commits. Pending files older than a day
(``files.KEPT_FOR``) are no longer taken; ``manage.py orphan_files --delete``
removes them.
"""

import secrets
from pathlib import Path

from django import forms
from django.contrib.admin.widgets import AdminFileWidget
from django.core import signing
from django.core.files import File
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.forms.boundfield import BoundField
from django.utils.functional import cached_property
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .files import KEPT_FOR, PENDING_DIR

SALT = "projects.uploads.kept"


class KeptUpload(File):
    """A file kept from an earlier try, read from the storage when it is used."""

    def __init__(self, pending_name, original_name, token):
        self.pending_name = pending_name
        self.name = original_name
        self.token = token
        self.mode = "rb"

    @cached_property
    def file(self):
        return default_storage.open(self.pending_name, "rb")

    @property
    def size(self):
        return default_storage.size(self.pending_name)

    def discard_on_commit(self):
        """Delete the pending copy once the save that took it commits."""

        def discard():
            self.close()
            default_storage.delete(self.pending_name)

        transaction.on_commit(discard)


# What the widget gives for a token that no longer leads to a file.
EXPIRED = object()


def keep(upload):
    """Store ``upload`` under ``pending/``; the token that finds it again."""
    suffix = Path(upload.name).suffix.lower()[:10]
    upload.seek(0)
    name = f"{PENDING_DIR}/{secrets.token_hex(16)}{suffix}"
    name = default_storage.save(name, upload)
    original = Path(upload.name).name[-200:]
    return signing.dumps({"name": name, "original": original}, salt=SALT)


def kept(token):
    """The ``KeptUpload`` of ``token``, or EXPIRED when it is too old, forged or
    its file is gone."""
    try:
        data = signing.loads(token, salt=SALT, max_age=KEPT_FOR)
    except signing.BadSignature:
        return EXPIRED
    name = data.get("name", "")
    if not name.startswith(f"{PENDING_DIR}/") or not default_storage.exists(name):
        return EXPIRED
    return KeptUpload(name, data.get("original") or Path(name).name, token)


class KeptFileInput(AdminFileWidget):
    """The admin's file input, plus a ticked box that keeps the file chosen on the
    last try (untick it, or choose another file, to drop it)."""

    def kept_name(self, name):
        return f"{name}-kept"

    def value_from_datadict(self, data, files, name):
        upload = super().value_from_datadict(data, files, name)
        token = data.get(self.kept_name(name))
        if upload is None and token:
            return kept(token)
        return upload

    def value_omitted_from_data(self, data, files, name):
        return super().value_omitted_from_data(data, files, name) and not data.get(
            self.kept_name(name)
        )

    def render(self, name, value, attrs=None, renderer=None):
        if not isinstance(value, KeptUpload):
            return super().render(name, value, attrs, renderer)
        box_id = f"id_{self.kept_name(name)}"
        return format_html(
            '{}<p class="help"><input type="checkbox" name="{}" id="{}" value="{}" '
            'checked> <label for="{}">{}</label></p>',
            super().render(name, None, attrs, renderer),
            self.kept_name(name),
            box_id,
            value.token,
            box_id,
            _(
                "Keep “%(name)s”, the file you chose before: it is saved when the "
                "form is. Untick this, or choose another file, to drop it."
            )
            % {"name": value.name},
        )


class KeptFileBoundField(BoundField):
    """Gives the widget the upload to keep when the form comes back with an error
    elsewhere (a file that failed its own checks is not kept: its message says
    why)."""

    @cached_property
    def kept_value(self):
        data = self.data
        if isinstance(data, UploadedFile):
            data = kept(keep(data))
        return data if isinstance(data, KeptUpload) else None

    def value(self):
        if self.form.is_bound and not self.errors and self.kept_value is not None:
            return self.kept_value
        return super().value()


class KeptFileField(forms.FileField):
    bound_field_class = KeptFileBoundField
    widget = KeptFileInput
    default_error_messages = {
        "expired": gettext_lazy(
            "The file you chose before is no longer kept (a day has passed, or it "
            "was removed): choose it again."
        ),
    }

    def clean(self, data, initial=None):
        if data is EXPIRED:
            raise forms.ValidationError(self.error_messages["expired"], "expired")
        return super().clean(data, initial)


class KeptUploadsForm(forms.ModelForm):
    """A model form whose file fields keep their upload across failed saves
    (list them in ``Meta.field_classes`` and ``Meta.widgets``)."""

    def save(self, commit=True):
        instance = super().save(commit)
        for value in self.cleaned_data.values():
            if isinstance(value, KeptUpload):
                value.discard_on_commit()
        return instance
