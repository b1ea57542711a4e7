"""The people behind the directory: staff in units, provincial focal points and
their accounts, and what each person chooses for their account."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from partners.collation import Collated

from .units import Unit, to_e164, validate_phone_number


class StaffMembership(models.Model):
    """A staff account that works in a unit: it may edit that unit's projects."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="unit_memberships",
    )
    unit = models.ForeignKey(
        Unit, verbose_name=_("unit"), on_delete=models.CASCADE, related_name="staff"
    )

    class Meta:
        ordering = ["unit", "user__username"]
        verbose_name = _("staff member")
        verbose_name_plural = _("staff members")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "unit"],
                name="directory_staffmembership_unique",
                violation_error_message=_("This user already works in this unit."),
            ),
        ]

    def __str__(self):
        return f"{self.user} · {self.unit}"


class FocalPointQuerySet(models.QuerySet):
    def for_listing(self):
        return self.select_related("province").order_by(Collated("province__name"))


class FocalPoint(models.Model):
    """A province's focal point in the federal cooperation network: the institution
    that channels the province's cooperation, its official contact and its person."""

    province = models.OneToOneField(
        "partners.Province",
        verbose_name=_("province"),
        on_delete=models.PROTECT,
        related_name="focal_point",
    )
    institution = models.CharField(_("institution"), max_length=200)
    address = models.CharField(_("address"), max_length=300, blank=True, default="")
    email = models.EmailField(
        _("official e-mail"),
        blank=True,
        default="",
        help_text=_("The institution's address, shown to the public."),
    )
    phone = models.CharField(
        _("official phone"),
        max_length=40,
        blank=True,
        default="",
        validators=[validate_phone_number],
    )
    website = models.URLField(_("website"), blank=True, default="")
    person_name = models.CharField(
        _("focal point's name"), max_length=150, blank=True, default=""
    )
    person_position = models.CharField(
        _("job title"), max_length=200, blank=True, default=""
    )
    person_email = models.EmailField(_("personal e-mail"), blank=True, default="")
    person_phone = models.CharField(
        _("personal phone"),
        max_length=40,
        blank=True,
        default="",
        validators=[validate_phone_number],
    )
    person_is_public = models.BooleanField(
        _("show the person on the public page"),
        default=False,
        help_text=_(
            "Only with the person's consent: their name, position, e-mail and phone "
            "then appear on the public list of focal points."
        ),
    )
    updated_at = models.DateTimeField(_("last updated"), auto_now=True)

    objects = FocalPointQuerySet.as_manager()

    class Meta:
        ordering = [Collated("province__name")]
        verbose_name = _("provincial focal point")
        verbose_name_plural = _("provincial focal points")

    def __str__(self):
        return f"{self.province} · {self.institution}"

    def get_absolute_url(self):
        return f"{reverse('directory:focal-point-list')}#{self.province.code.lower()}"

    @property
    def tel_uri(self):
        return f"tel:{to_e164(self.phone)}" if self.phone else ""

    @property
    def person_tel_uri(self):
        return f"tel:{to_e164(self.person_phone)}" if self.person_phone else ""


class FocalPointAccount(models.Model):
    """A user account that submits proposals for a province's focal point.

    Proposals belong to the province, not to the account: when a person leaves, their
    account is deactivated and the next person's account sees the same proposals."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="focal_point_account",
    )
    focal_point = models.ForeignKey(
        FocalPoint,
        verbose_name=_("focal point"),
        on_delete=models.CASCADE,
        related_name="accounts",
    )
    invited_at = models.DateTimeField(_("last invited"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = [Collated("focal_point__province__name"), "user__last_name"]
        verbose_name = _("focal-point account")
        verbose_name_plural = _("focal-point accounts")

    def __str__(self):
        name = self.user.get_full_name() or self.user.get_username()
        return f"{name} · {self.focal_point.province}"

    @property
    def province(self):
        return self.focal_point.province


class Profile(models.Model):
    """What a person chooses for their own account: the language of their e-mails."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="profile",
    )
    language = models.CharField(
        _("language of e-mails"),
        max_length=5,
        choices=settings.LANGUAGES,
        default=settings.LANGUAGE_CODE,
    )

    class Meta:
        verbose_name = _("profile")
        verbose_name_plural = _("profiles")

    def __str__(self):
        return str(self.user)


def language_of(user):
    """The language ``user`` reads their e-mails in."""
    try:
        return user.profile.language
    except Profile.DoesNotExist:
        return settings.LANGUAGE_CODE


def province_of(user):
    """The province an active focal-point account submits proposals for, or None.

    Read once per user object (so once per request)."""
    if not user.is_authenticated or not user.is_active:
        return None
    if not hasattr(user, "_focal_point_province"):
        account = (
            FocalPointAccount.objects.select_related("focal_point__province")
            .filter(user=user)
            .first()
        )
        user._focal_point_province = account.focal_point.province if account else None
    return user._focal_point_province
