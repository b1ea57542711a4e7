"""Fixtures the projects' tests share."""

import pytest

from dgcin.media_storage import FILESYSTEM


@pytest.fixture
def other_client(client, django_user_model):
    """A second coordinator, in a browser of her own."""
    beatriz = django_user_model.objects.create_superuser(
        "beatriz",
        "beatriz@example.gob.ar",
        "x",
        first_name="Beatriz",
        last_name="Gómez",
    )
    client.force_login(beatriz)
    return client


@pytest.fixture
def media(settings, tmp_path):
    """MEDIA_ROOT in a temporary folder, with the file system storage."""
    settings.MEDIA_ROOT = tmp_path
    settings.STORAGES = settings.STORAGES | {"default": {"BACKEND": FILESYSTEM}}
    return tmp_path
