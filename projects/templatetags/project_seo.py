"""A project page's JSON-LD (projects/structured_data.py): ``{% project_json_ld
project %}``, given only for a published project."""

from django import template

from partners.seo import json_ld_script
from projects import publishing
from projects.models import Project
from projects.structured_data import project_data

register = template.Library()


@register.simple_tag
def project_json_ld(project):
    if project.publication != Project.Publication.PUBLISHED:
        return ""
    return json_ld_script(project_data(project, publishing.public_identifier(project)))
