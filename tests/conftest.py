import io
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command

SOURCES = Path(settings.BASE_DIR).parent / "shared" / "sources"


@pytest.fixture
def directory_data(db):
    """The four units and their lines, loaded as `make setup` loads them."""
    from directory.models import Unit

    call_command("load_directory", stdout=io.StringIO())
    return {unit.slug: unit for unit in Unit.objects.all()}


@pytest.fixture
def partners_data(db):
    """Regions, countries, provinces, blocs and organisations, as `make setup` loads."""
    call_command("load_partners", stdout=io.StringIO())


@pytest.fixture
def source_directory_text():
    """The contact section of the source document the directory comes from."""
    path = SOURCES / "000_d3720c5cad29d7ce.txt"
    if not path.exists():
        pytest.fail(f"Source document missing: {path} (shared/ sits beside the repo).")
    return path.read_text(encoding="utf-8")
