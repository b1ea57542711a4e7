"""DGCIN's institutional texts: the words of the home and about pages, which staff
edit in the admin (in Spanish and English) instead of templates.

A text is plain text in a tiny format that the page lays out; it never holds HTML,
and what it holds is escaped when shown:

- a blank line separates paragraphs;
- ``## Heading`` starts a section of the page;
- ``### Heading`` starts a card (the cards of a section sit side by side); the
  paragraphs that follow belong to the card until the next heading;
- ``- item`` lines make a list.
"""

from dataclasses import dataclass, field

from django.db import models
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

FORMAT_HELP = _(
    "Plain text, no HTML. Leave a blank line between paragraphs. A line that starts "
    "with “## ” is a section heading; “### ” starts a card (a short heading with "
    "its paragraphs, shown side by side with the section's other cards); lines that "
    "start with “- ” make a list."
)


@dataclass
class Block:
    """A paragraph (``text``), a list (``items``) or a row of cards (``cards``)."""

    kind: str
    text: str = ""
    items: list = field(default_factory=list)
    cards: list = field(default_factory=list)


@dataclass
class Card:
    heading: str
    blocks: list = field(default_factory=list)


@dataclass
class Section:
    heading: str
    anchor: str = ""
    blocks: list = field(default_factory=list)


def parse_text(text):
    """The sections of a text written in the format above, in order. Text before
    the first heading makes a section without one."""
    sections = [Section("")]
    target = sections[0].blocks  # where paragraphs and list items go
    paragraph = []

    def flush():
        if paragraph:
            target.append(Block("paragraph", text=" ".join(paragraph)))
            paragraph.clear()

    for line in (text or "").splitlines():
        line = line.strip()
        if line.startswith("## "):
            flush()
            sections.append(Section(line[3:].strip()))
            target = sections[-1].blocks
        elif line.startswith("### "):
            flush()
            blocks = sections[-1].blocks
            if not blocks or blocks[-1].kind != "cards":
                blocks.append(Block("cards"))
            card = Card(line[4:].strip())
            blocks[-1].cards.append(card)
            target = card.blocks
        elif line.startswith("- "):
            flush()
            if not target or target[-1].kind != "list":
                target.append(Block("list"))
            target[-1].items.append(line[2:].strip())
        elif line:
            paragraph.append(line)
        else:
            flush()
    flush()
    anchors = set()
    for section in sections:
        if section.heading:
            anchor = base = slugify(section.heading) or "section"
            number = 1
            while anchor in anchors:
                number += 1
                anchor = f"{base}-{number}"
            anchors.add(anchor)
            section.anchor = anchor
    return [section for section in sections if section.heading or section.blocks]


class InstitutionalTextQuerySet(models.QuerySet):
    def for_page(self, page):
        """The text of ``page`` ("home", "about"), or None if there is none: the
        page then shows its other content without it."""
        return self.filter(page=page).first()


class InstitutionalText(models.Model):
    """The institutional text of one public page, translated and with history."""

    class Page(models.TextChoices):
        HOME = "home", _("Home page")
        ABOUT = "about", _("About us")

    page = models.CharField(
        _("page"),
        max_length=20,
        choices=Page,
        unique=True,
        error_messages={"unique": _("This page already has its text: edit that one.")},
    )
    title = models.CharField(
        _("title"),
        max_length=200,
        blank=True,
        default="",
        help_text=_(
            "The page's main heading. On the home page, leave it empty to show the "
            "General Directorate's name."
        ),
    )
    lead = models.TextField(
        _("lead"),
        blank=True,
        default="",
        help_text=_("One or two sentences under the heading, in larger type."),
    )
    body = models.TextField(_("body"), blank=True, default="", help_text=FORMAT_HELP)
    updated_at = models.DateTimeField(_("last updated"), auto_now=True)

    objects = InstitutionalTextQuerySet.as_manager()

    class Meta:
        ordering = ["page"]
        verbose_name = _("institutional text")
        verbose_name_plural = _("institutional texts")

    def __str__(self):
        return self.get_page_display()

    def get_absolute_url(self):
        return reverse("home" if self.page == self.Page.HOME else "about")

    @cached_property
    def sections(self):
        """The body in the active language, as sections to lay out."""
        return parse_text(self.body)
