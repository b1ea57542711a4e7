from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProposalsConfig(AppConfig):
    name = "proposals"
    verbose_name = _("Proposals")

    def ready(self):
        from django.db.models.signals import post_delete, post_save

        from projects import facets

        from .models import Call

        # A partner country's page announces its open calls: a call is public data.
        post_save.connect(facets.invalidate, sender=Call)
        post_delete.connect(facets.invalidate, sender=Call)
