"""The portal's number and date formats, per language (FORMAT_MODULE_PATH).

Each module overrides only what differs from Django's own formats for that language;
the rest (input formats, first day of the week...) falls through to Django's.
"""
