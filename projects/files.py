"""Stored files go when no row refers to them any more.

- ``removes_files(Model)``: when a row of ``Model`` is deleted, or one of its files
  is replaced or cleared, the old file is deleted once the transaction commits
  (nothing is deleted when it rolls back), and only if no row of any model still
  names it.
- ``orphans()`` lists the stored files no row names, for ``manage.py orphan_files``.

Every model is found through the app registry, so this module imports no app.
"""

import datetime
from functools import partial

from django.apps import apps
from django.core.files.storage import default_storage
from django.db import models, transaction
from django.db.models.signals import post_delete, post_save, pre_save
from django.utils import timezone

# Where ``uploads`` keeps a file chosen in a form that came back with an error,
# and for how long the form may still take it.
PENDING_DIR = "pending"
KEPT_FOR = datetime.timedelta(days=1)


def file_fields():
    """(model, field) for every file field of every installed model (historical
    copies keep a file's name as text, and do not count)."""
    return [
        (model, field)
        for model in apps.get_models()
        for field in model._meta.concrete_fields
        if isinstance(field, models.FileField)
    ]


def referenced(name):
    """Whether some row names the stored file ``name``."""
    return any(
        model._base_manager.filter(**{field.name: name}).exists()
        for model, field in file_fields()
    )


def delete_unreferenced(storage, name):
    if name and not referenced(name):
        storage.delete(name)


def delete_on_commit(storage, name, using=None):
    if name:
        transaction.on_commit(partial(delete_unreferenced, storage, name), using)


def removes_files(model):
    """Connect ``model``'s rows to the clean-up of their files."""
    names = [
        field.name
        for field in model._meta.concrete_fields
        if isinstance(field, models.FileField)
    ]
    uid = f"files.{model._meta.label}"

    def remember(sender, instance, raw=False, **kwargs):
        if raw or instance.pk is None or instance._state.adding:
            return
        instance.__dict__["_stored_files"] = (
            sender._base_manager.filter(pk=instance.pk).values(*names).first() or {}
        )

    def replaced(sender, instance, raw=False, using=None, **kwargs):
        before = instance.__dict__.pop("_stored_files", {})
        for name in names:
            old, new = before.get(name), getattr(instance, name)
            if old and old != new.name:
                delete_on_commit(new.storage, old, using)

    def deleted(sender, instance, using=None, **kwargs):
        for name in names:
            stored = getattr(instance, name)
            delete_on_commit(stored.storage, stored.name, using)

    pre_save.connect(remember, sender=model, weak=False, dispatch_uid=f"{uid}.pre")
    post_save.connect(replaced, sender=model, weak=False, dispatch_uid=f"{uid}.post")
    post_delete.connect(deleted, sender=model, weak=False, dispatch_uid=f"{uid}.del")


def stored_files(storage, folder=""):
    """Every file name under ``folder`` of ``storage``."""
    directories, files = storage.listdir(folder)
    for name in sorted(files):
        yield f"{folder}/{name}".lstrip("/")
    for directory in sorted(directories):
        yield from stored_files(storage, f"{folder}/{directory}".lstrip("/"))


def orphans(min_age=datetime.timedelta(days=1), storage=None):
    """The files of ``storage`` (the default storage: MEDIA_ROOT or the bucket)
    that no row names and that are older than ``min_age``: a newer file may belong
    to a save under way, or be an upload kept for a form that came back
    (``uploads``)."""
    storage = storage or default_storage
    names = set()
    for model, field in file_fields():
        names.update(
            model._base_manager.exclude(**{field.name: ""})
            .values_list(field.name, flat=True)
            .order_by()
            .distinct()
        )
    now = timezone.now()

    def old_enough(name):
        age = now - storage.get_modified_time(name)
        # A kept upload is left for as long as its form may take it.
        kept = name.startswith(f"{PENDING_DIR}/")
        return age > (max(min_age, KEPT_FOR) if kept else min_age)

    return [
        name for name in stored_files(storage) if name not in names and old_enough(name)
    ]
