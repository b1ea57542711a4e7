from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProjectsConfig(AppConfig):
    name = "projects"
    verbose_name = _("Projects")

    def ready(self):
        from django.apps import apps
        from django.db.models.signals import (
            m2m_changed,
            post_delete,
            post_migrate,
            post_save,
        )

        from . import facets, models, search

        # The data generation: counts, cached figures and cached open-data files
        # follow any change to what the public sees, projects and their rows,
        # partners, the directory and the reference lists.
        for label in ("partners", "directory", "projects"):
            for model in apps.get_app_config(label).get_models():
                # History rows follow their object's save; the facet rows follow
                # the project's (facet_index), and deleting them stays one query.
                if model.__name__.startswith("Historical") or model in (
                    models.FacetRow,
                    models.FacetCount,
                ):
                    continue
                post_save.connect(facets.invalidate, sender=model)
                post_delete.connect(facets.invalidate, sender=model)
                for field in model._meta.local_many_to_many:
                    m2m_changed.connect(
                        facets.invalidate, sender=field.remote_field.through
                    )

        # A migration changes rows without signals (data corrections): what was
        # cached of the data before it is not reused after.
        post_migrate.connect(facets.bump_after_migrate, sender=self)
        # A database from before the search gets its index after the migrate.
        post_migrate.connect(search.index_after_migrate, sender=self)
        # A project's search text names its partners (a project's own save sets it).
        post_save.connect(search.participation_changed, sender=models.Participation)
        post_delete.connect(search.participation_changed, sender=models.Participation)
        for partner in search.PARTNER_FIELDS:
            post_save.connect(search.partner_saved, sender=partner)
