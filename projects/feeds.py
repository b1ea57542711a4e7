"""The feeds of newly published projects, RSS 2.0 and Atom, in the language of
their address (/projects/feed.rss, /en/projects/feed.atom), newest publication
first. Every link is on DGCIN_SITE_URL."""

from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed
from django.utils.html import escape
from django.utils.translation import gettext as _

from partners.seo import absolute_url

from .publication import newly_published


class NewlyPublishedProjectsRss(Feed):
    feed_type = Rss201rev2Feed
    url_name = "projects:project-feed-rss"

    def title(self):
        return _("Newly published cooperation projects")

    def description(self):
        return _(
            "The cooperation projects of Argentina's General Directorate of "
            "International Cooperation, by date of publication."
        )

    subtitle = description

    def link(self):
        return absolute_url(reverse("projects:project-list"))

    def feed_url(self):
        return absolute_url(reverse(self.url_name))

    def items(self):
        return newly_published()

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        # Feeds read the description as HTML: the summary is plain text.
        return escape(item.summary)

    def item_link(self, item):
        return absolute_url(item.get_absolute_url())

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        return item.updated_at

    def item_categories(self, item):
        return [item.get_modality_display()]


class NewlyPublishedProjectsAtom(NewlyPublishedProjectsRss):
    feed_type = Atom1Feed
    url_name = "projects:project-feed-atom"
