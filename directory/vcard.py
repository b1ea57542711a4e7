"""vCard 4.0 (RFC 6350) for an organisational unit."""

import re

from .models import PhoneLine

# RFC 6350 TYPE values for each kind of line.
TEL_TYPES = {
    PhoneLine.Kind.SWITCHBOARD: "work,voice",
    PhoneLine.Kind.RECEPTION: "work,voice",
    PhoneLine.Kind.DIRECT: "work,voice",
    PhoneLine.Kind.FAX: "work,fax",
}


# What a reader may take for the end of a line: each is written as backslash-n.
LINE_BREAKS = re.compile(r"\r\n|[\r\n\v\f\x1c-\x1e\x85\u2028\u2029]")
# The other control characters, never allowed in a content line (RFC 6350 3.3).
CONTROLS = re.compile(r"[\x00-\x08\x0e-\x1b\x1f\x7f]")
# A URI value has no line breaks, controls or spaces to escape: they are dropped.
NOT_IN_URI = re.compile(r"[\x00-\x20\x7f\x85\u2028\u2029]")


def escape(value: str) -> str:
    """Escape a text value (RFC 6350 section 3.4): backslash, comma and semicolon
    escaped, every kind of line break written as "\\n", other controls dropped, so
    no value can end its line and start a property of its own."""
    value = CONTROLS.sub("", str(value))
    value = value.replace("\\", "\\\\").replace(",", "\\,").replace(";", "\\;")
    return LINE_BREAKS.sub(r"\\n", value)


def uri(value: str) -> str:
    """A URI value (URL, TEL) on one line: nothing in it can end the line."""
    return NOT_IN_URI.sub("", str(value))


def fold(line: str) -> str:
    """Fold a content line at 75 octets, never inside a UTF-8 sequence."""
    encoded = line.encode()
    if len(encoded) <= 75:
        return line
    parts, start, limit = [], 0, 75
    while start < len(encoded):
        end = min(start + limit, len(encoded))
        while end < len(encoded) and (encoded[end] & 0xC0) == 0x80:
            end -= 1
        parts.append(encoded[start:end].decode())
        start, limit = end, 74  # continuation lines start with a space
    return "\r\n ".join(parts)


def unit_vcard(unit, url: str) -> str:
    """The unit as an organisation card; ``url`` is its absolute page address."""
    org = ";".join(escape(str(u.name)) for u in [*unit.ancestors, unit])
    lines = [
        "BEGIN:VCARD",
        "VERSION:4.0",
        "KIND:org",
        f"FN:{escape(str(unit.name))}",
        f"ORG:{org}",
    ]
    if unit.street:
        adr = ";".join(
            escape(str(part))
            for part in (
                "",
                unit.premises,
                unit.street,
                unit.city,
                "",
                unit.postcode,
                unit.country,
            )
        )
        lines.append(f"ADR;TYPE=work:{adr}")
    lines.extend(
        f"TEL;VALUE=uri;TYPE={TEL_TYPES[line.kind]}:{uri(target)}"
        for line in unit.lines.all()
        for _extension, target in line.dial_targets
    )
    if unit.email:
        lines.append(f"EMAIL;TYPE=work:{escape(unit.email)}")
    lines.append(f"URL:{uri(url)}")
    lines.append(f"REV:{unit.updated_at:%Y%m%dT%H%M%SZ}")
    lines.append("END:VCARD")
    return "".join(f"{fold(line)}\r\n" for line in lines)
