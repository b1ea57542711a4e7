"""vCard 4.0 (RFC 6350) for an organisational unit."""

from .models import PhoneLine

# RFC 6350 TYPE values for each kind of line.
TEL_TYPES = {
    PhoneLine.Kind.SWITCHBOARD: "work,voice",
    PhoneLine.Kind.RECEPTION: "work,voice",
    PhoneLine.Kind.DIRECT: "work,voice",
    PhoneLine.Kind.FAX: "work,fax",
}


def escape(value: str) -> str:
    """Escape a text value (RFC 6350 section 3.4)."""
    return (
        value.replace("\\", "\\\\")
        .replace(",", "\\,")
        .replace(";", "\\;")
        .replace("\n", "\\n")
    )


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
        f"TEL;VALUE=uri;TYPE={TEL_TYPES[line.kind]}:{uri}"
        for line in unit.lines.all()
        for _extension, uri in line.dial_targets
    )
    if unit.email:
        lines.append(f"EMAIL;TYPE=work:{unit.email}")
    lines.append(f"URL:{url}")
    lines.append(f"REV:{unit.updated_at:%Y%m%dT%H%M%SZ}")
    lines.append("END:VCARD")
    return "".join(f"{fold(line)}\r\n" for line in lines)
