"""Project proposals that provincial focal points submit, the calls they answer,
and their review."""

from .calls import Call, CallQuerySet
from .proposals import (
    MAX_ATTACHMENTS,
    Proposal,
    ProposalAttachment,
    ProposalEvent,
    attachment_upload_path,
)

__all__ = [
    "MAX_ATTACHMENTS",
    "Call",
    "CallQuerySet",
    "Proposal",
    "ProposalAttachment",
    "ProposalEvent",
    "attachment_upload_path",
]
