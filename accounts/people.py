"""People's accounts: created without a password (the invitation sets it), their
details and e-mail language kept together, deactivated when they leave."""

from django.contrib.auth import get_user_model
from django.db import transaction

from directory.models import Profile


@transaction.atomic
def save_person(user, *, email, first_name, last_name, language):
    """Create (``user`` None) or update an account whose user name is its e-mail;
    a new one has no usable password until the person chooses one."""
    if user is None:
        user = get_user_model()(username=email)
        user.set_unusable_password()
    user.username = email
    user.email = email
    user.first_name = first_name
    user.last_name = last_name
    user.save()
    Profile.objects.update_or_create(user=user, defaults={"language": language})
    return user


def set_active(focal_point_accounts, active):
    """(De)activate the users of these focal-point accounts; returns how many."""
    users = get_user_model().objects.filter(
        focal_point_account__in=focal_point_accounts
    )
    return users.update(is_active=active)
