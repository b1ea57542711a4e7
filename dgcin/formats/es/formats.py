"""Spanish as written in Argentina (es-AR), as argentina.gob.ar writes it: a dot
groups thousands and a comma marks decimals ("48.000,50"); dates in words
("1 de diciembre de 2026"), 24-hour times.

Django's "es" formats group thousands with a space (the RAE's rule for Spain); its
"es_AR" formats use the dot but abbreviate months in DATE_FORMAT. The portal serves
one Spanish, "es", so these formats are set here.
"""

DATE_FORMAT = r"j \d\e F \d\e Y"  # 1 de diciembre de 2026
TIME_FORMAT = "H:i"  # 14:30
DATETIME_FORMAT = r"j \d\e F \d\e Y, H:i"  # 1 de diciembre de 2026, 14:30
YEAR_MONTH_FORMAT = r"F \d\e Y"  # diciembre de 2026
MONTH_DAY_FORMAT = r"j \d\e F"  # 1 de diciembre
SHORT_DATE_FORMAT = "d/m/Y"  # 01/12/2026
SHORT_DATETIME_FORMAT = "d/m/Y H:i"  # 01/12/2026 14:30
FIRST_DAY_OF_WEEK = 0  # Sunday, as Argentine calendars start the week

DECIMAL_SEPARATOR = ","
THOUSAND_SEPARATOR = "."
NUMBER_GROUPING = 3
