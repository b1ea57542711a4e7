"""Shared by the proposals' tests: clean file storage and a blank form POST."""

import pytest
from django.core.files.storage import default_storage


@pytest.fixture(autouse=True)
def _empty_storage():
    """Each test starts with empty in-memory file storage."""
    from django.core.files.storage import storages
    from django.utils.functional import empty

    storages._storages.pop("default", None)
    default_storage._wrapped = empty


def form_data(**fields):
    """A POST of the proposal form with no new files."""
    data = {
        "attachments-TOTAL_FORMS": "3",
        "attachments-INITIAL_FORMS": "0",
        "attachments-MIN_NUM_FORMS": "0",
        "attachments-MAX_NUM_FORMS": "10",
        "title": "Agua segura para comunidades rurales",
        "save": "draft",
    }
    return data | fields
