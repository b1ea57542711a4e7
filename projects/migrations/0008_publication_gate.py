"""Publish gate / sample data. Filled by the publishing work."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("projects", "0007_sdg_spanish_texts")]

    operations = []
