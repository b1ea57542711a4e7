"""The read-only open-data API at /api/v1/: ``service`` builds it from the
resources of ``projects``, ``partners`` and ``directory``."""
