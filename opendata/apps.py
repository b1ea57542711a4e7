from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OpendataConfig(AppConfig):
    name = "opendata"
    verbose_name = _("Open data")

    def ready(self):
        from django.db.models.signals import post_delete, post_save

        from projects.models import Programme, Project

        from . import tasks

        # The published IATI files follow the published projects (opendata.tasks).
        for signal in (post_save, post_delete):
            signal.connect(tasks.project_changed, sender=Project, dispatch_uid="iati")
            signal.connect(
                tasks.programme_changed, sender=Programme, dispatch_uid="iati"
            )
