from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = _("Accounts")

    def ready(self):
        from .roles import sync_after_migrate

        # After every migrate (and every test database flush): the shipped roles
        # are groups with exactly the permissions accounts/roles.py lists.
        post_migrate.connect(sync_after_migrate, dispatch_uid="accounts.sync_roles")
