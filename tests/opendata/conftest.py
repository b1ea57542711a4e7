import json
import os
from pathlib import Path

import pytest
from django.conf import settings


def in_ci():
    """CI says so (CI=true), or points the tests at the IATI files explicitly."""
    return os.environ.get("CI", "").lower() in {"1", "true", "yes"} or bool(
        os.environ.get("IATI_SCHEMA_DIR")
    )


def missing(what, path):
    """Fail in CI, where the IATI files must be; skip, saying why, elsewhere."""
    reason = f"{what} not found at {path} (set IATI_SCHEMA_DIR to its folder)"
    if in_ci():
        pytest.fail(f"{reason}: CI must check the IATI export against it.")
    pytest.skip(f"{reason}; the IATI export is not checked against it here.")


@pytest.fixture(scope="session")
def iati_schema():
    """The official IATI 2.03 activity schema (``settings.IATI_SCHEMA_DIR``)."""
    from opendata.iati import SCHEMA_FILE, load_schema

    schema = load_schema(settings.IATI_SCHEMA_DIR)
    if schema is None:
        missing("The IATI schema", Path(settings.IATI_SCHEMA_DIR) / SCHEMA_FILE)
    return schema


@pytest.fixture(scope="session")
def iati_shared():
    """The IATI folder beside the schema: codelists, examples and rules."""
    folder = Path(settings.IATI_SCHEMA_DIR).parent
    if not (folder / "rules" / "standard.json").is_file():
        missing("The IATI ruleset", folder / "rules" / "standard.json")
    return folder


@pytest.fixture(scope="session")
def iati_ruleset(iati_shared):
    return json.loads((iati_shared / "rules" / "standard.json").read_text())
