from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProjectsConfig(AppConfig):
    name = "projects"
    verbose_name = _("Projects")

    def ready(self):
        from django.db.models.signals import (
            m2m_changed,
            post_delete,
            post_migrate,
            post_save,
        )

        from directory.models import Unit
        from partners.models import Bloc, BlocMembership, Country, Province, Region

        from . import facets, models, search

        # Counts follow projects; option labels follow the reference lists.
        for model in (
            models.Project,
            models.Participation,
            models.ProjectSector,
            models.Budget,  # the figures' budgeted cost (opendata.money_stats)
            models.SubnationalParticipation,
            models.Location,
            models.SectorCategory,
            models.SdgGoal,
            Region,
            Country,
            Bloc,
            BlocMembership,
            Province,
            Unit,
        ):
            post_save.connect(facets.invalidate, sender=model)
            post_delete.connect(facets.invalidate, sender=model)
        for field in ("provinces", "blocs", "sdg_goals"):
            m2m_changed.connect(
                facets.invalidate, sender=getattr(models.Project, field).through
            )

        # A database from before the search gets its index after the migrate.
        post_migrate.connect(search.index_after_migrate, sender=self)
        # A project's search text names its partners (a project's own save sets it).
        post_save.connect(search.participation_changed, sender=models.Participation)
        post_delete.connect(search.participation_changed, sender=models.Participation)
        for partner in search.PARTNER_FIELDS:
            post_save.connect(search.partner_saved, sender=partner)
