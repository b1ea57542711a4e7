"""English for an international readership: British conventions, as the portal's
English is written (organisation, programme).

Day-month-year dates with the month in words ("1 December 2026") read the same way
everywhere, unlike the United States' month-first numeric dates, and follow the
Spanish pages' order; times on the 24-hour clock. Numbers group thousands with a
comma and mark decimals with a point ("48,000.50"), as in both British and American
English.
"""

DATE_FORMAT = "j F Y"  # 1 December 2026
TIME_FORMAT = "H:i"  # 14:30
DATETIME_FORMAT = "j F Y, H:i"  # 1 December 2026, 14:30
YEAR_MONTH_FORMAT = "F Y"  # December 2026
MONTH_DAY_FORMAT = "j F"  # 1 December
SHORT_DATE_FORMAT = "j M Y"  # 1 Dec 2026 (no numeric date to misread)
SHORT_DATETIME_FORMAT = "j M Y, H:i"  # 1 Dec 2026, 14:30
FIRST_DAY_OF_WEEK = 1  # Monday

DECIMAL_SEPARATOR = "."
THOUSAND_SEPARATOR = ","
NUMBER_GROUPING = 3
