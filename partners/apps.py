from django.apps import AppConfig
from django.db.backends.signals import connection_created
from django.utils.translation import gettext_lazy as _


class PartnersConfig(AppConfig):
    name = "partners"
    verbose_name = _("Partners")

    def ready(self):
        from .collation import register_sqlite_collation

        connection_created.connect(
            register_sqlite_collation, dispatch_uid="partners.spanish_collation"
        )
