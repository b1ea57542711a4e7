from django.utils.functional import SimpleLazyObject

from .models import Unit


def head_office(request):
    """The General Directorate, for the footer's address and switchboard."""
    return {"head_office": SimpleLazyObject(Unit.objects.head_office)}
