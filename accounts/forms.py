"""Forms of the accounts pages and of the focal-point accounts in the admin."""

import re

from django import forms
from django.conf import settings
from django.contrib.auth import forms as auth_forms
from django.contrib.auth import get_user_model
from django.contrib.auth.forms import AuthenticationForm
from django.db.models import Q
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from directory.models import FocalPointAccount, Profile, language_of

from .people import save_person
from .tasks import send_password_reset
from .two_factor import normalise


class ProfileForm(forms.ModelForm):
    class Meta:
        model = Profile
        fields = ["language"]
        help_texts = {
            "language": _("The language of the e-mails the portal sends you.")
        }


class LoginForm(AuthenticationForm):
    def clean_username(self):
        """Focal points' user names are their e-mails, kept in lower case."""
        username = self.cleaned_data["username"].strip()
        return username.lower() if "@" in username else username


class PasswordResetForm(auth_forms.PasswordResetForm):
    def save(self, **kwargs):
        """Look nothing up now: a background task finds the accounts with this
        address, if any, and e-mails them (see accounts/tasks.py)."""
        send_password_reset.enqueue(self.cleaned_data["email"], get_language())


class CodeForm(forms.Form):
    """The code after the password: six digits from the app, or a backup code."""

    pattern = r"\d{6}|[a-z2-7]{8}"
    message = _("Write the six digits your app shows, or one of your backup codes.")

    code = forms.CharField(
        label=_("Code"),
        max_length=20,
        help_text=_("The six digits your app shows, or a backup code."),
        widget=forms.TextInput(
            attrs={
                "autocomplete": "one-time-code",
                "autocapitalize": "none",
                "spellcheck": "false",
            }
        ),
    )

    def clean_code(self):
        code = normalise(self.cleaned_data["code"])
        if not re.fullmatch(self.pattern, code):
            raise forms.ValidationError(self.message)
        return code


class SetupCodeForm(CodeForm):
    """The first code of a new app: six digits."""

    pattern = r"\d{6}"
    message = _("Write the six digits your app shows.")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["code"].widget.attrs["inputmode"] = "numeric"
        self.fields["code"].help_text = _("The six digits your app shows now.")


class FocalPointAccountForm(forms.ModelForm):
    """A new account is created here with no password: the person chooses one
    through the invitation e-mail."""

    first_name = forms.CharField(label=_("first name"), max_length=150)
    last_name = forms.CharField(label=_("last name"), max_length=150)
    email = forms.EmailField(label=_("e-mail"))
    language = forms.ChoiceField(
        label=_("language of e-mails"),
        choices=settings.LANGUAGES,
        initial=settings.LANGUAGE_CODE,
    )

    class Meta:
        model = FocalPointAccount
        fields = ["focal_point"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            user = self.instance.user
            self.fields["first_name"].initial = user.first_name
            self.fields["last_name"].initial = user.last_name
            self.fields["email"].initial = user.email
            self.fields["language"].initial = language_of(user)

    def clean_email(self):
        email = self.cleaned_data["email"].strip().lower()
        users = get_user_model().objects.filter(
            Q(email__iexact=email) | Q(username__iexact=email)
        )
        if self.instance.pk:
            users = users.exclude(pk=self.instance.user_id)
        if users.exists():
            raise forms.ValidationError(
                _("There is already an account with this e-mail.")
            )
        return email

    def save(self, commit=True):
        account = super().save(commit=False)
        data = self.cleaned_data
        account.user = save_person(
            account.user if account.pk else None,
            email=data["email"],
            first_name=data["first_name"],
            last_name=data["last_name"],
            language=data["language"],
        )
        if commit:
            account.save()
        return account
