"""DGCIN's IATI activity identifiers: the organisation reference, then what the
activity is and its row's number. A project is ``AR-DGCIN-000042``, a bilateral
programme ``AR-DGCIN-PRG-000003``. Given once, after the first save (the number is
the primary key), and kept: an identifier never changes once published."""

from django.conf import settings

PROGRAMME = "PRG"


def activity_identifier(number, kind=""):
    """The identifier of row ``number``; ``kind`` tells a programme (``PROGRAMME``)
    from a project (nothing). Plain values only, so migrations may call it."""
    parts = (settings.DGCIN_IATI_ORG_REF, kind, f"{number:06d}")
    return "-".join(part for part in parts if part)


def give_identifier(instance, kind=""):
    """After ``instance``'s save: its identifier, when it has none yet, written
    without another save (no new version or history record). Whether it was
    given now."""
    if instance.iati_identifier:
        return False
    instance.iati_identifier = activity_identifier(instance.pk, kind)
    type(instance)._base_manager.filter(pk=instance.pk).update(
        iati_identifier=instance.iati_identifier
    )
    return True
