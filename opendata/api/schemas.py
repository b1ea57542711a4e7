"""The shapes of the API's items, from which django-ninja writes the OpenAPI
schema. Texts and labels are in the language ``?lang=`` asks, falling back to
Spanish as the site does. A project is the JSON export's record
(``opendata/schemas/projects.schema.json``) in one language, so it has no model
here: its fields are documented once, in that schema."""

import datetime
from typing import Any

from ninja import Field, Schema

PROJECT_RECORD = dict[str, Any]


class Coded(Schema):
    code: str = Field(description="The value filters and other files use.")
    label: str = Field(description="Its name in the language asked.")


class Linked(Schema):
    url: str = Field(description="Its page on the portal, in the language asked.")
    api_url: str = Field(description="This item's address in the API.")


class RegionRef(Schema):
    slug: str
    name: str


class CurrentMembership(Schema):
    bloc: str = Field(description="The bloc's slug.")
    acronym: str
    status: Coded
    since: datetime.date | None


class Country(Linked):
    code: str = Field(description="ISO 3166-1 alpha-2.")
    name: str
    region: RegionRef | None
    blocs: list[CurrentMembership] = Field(
        description="The blocs and forums it belongs to today, with its status."
    )


class Organisation(Linked):
    slug: str
    acronym: str | None
    name: str
    kind: Coded
    country: str | None = Field(description="ISO code; none for international bodies.")
    iati_identifier: str | None
    iati_type: Coded | None
    website: str | None


class Membership(Schema):
    country: str = Field(description="ISO code of the member.")
    country_name: str
    status: Coded
    since: datetime.date | None
    until: datetime.date | None = Field(
        description="The day the status ended; none while it lasts."
    )
    current: bool
    source: str | None
    needs_review: bool = Field(description="The status or its dates are uncertain.")


class Bloc(Linked):
    slug: str
    acronym: str
    name: str
    kind: Coded
    founded: int | None
    website: str | None
    description: str | None
    memberships: list[Membership] = Field(
        description="Every dated status of every member, past ones included."
    )


class PhoneLine(Schema):
    kind: Coded
    number: str = Field(description="As written for people.")
    e164: str = Field(description="The number in E.164 form.")
    extensions: list[str]


class Address(Schema):
    street: str | None
    floor: str | None
    office: str | None
    postcode: str | None
    city: str | None
    country: str | None


class Unit(Linked):
    slug: str
    name: str
    acronym: str | None
    kind: Coded
    parent: str | None = Field(description="The slug of the unit above it.")
    description: str | None
    email: str | None
    address: Address
    phone_lines: list[PhoneLine]
    updated_at: datetime.datetime


class Representation(Linked):
    id: int = Field(description="Its number in this API.")
    kind: Coded
    country: str = Field(description="ISO code of the host country.")
    country_name: str
    city: str
    address: str | None
    phone: str | None
    email: str | None
    website: str | None
    updated_at: datetime.datetime


class Commission(Schema):
    name: str
    number: int
    date: datetime.date
    venue: str | None


class ProgrammeProject(Schema):
    slug: str
    title: str
    api_url: str


class Programme(Linked):
    slug: str
    title: str
    number: int
    iati_identifier: str | None
    country: str = Field(description="ISO code of the partner country.")
    country_name: str
    commission: Commission = Field(description="The joint commission that approved it.")
    directorate: str = Field(description="The slug of the directorate in charge.")
    period_start: datetime.date
    period_end: datetime.date
    midterm_date: datetime.date | None
    midterm_outcome: str | None
    projects: list[ProgrammeProject] = Field(description="Its published projects.")
