"""Terms checks: may this site use the article at all, under which permission, and unchanged?"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from provenance.checks.anchors import absent_anchor
from provenance.checks.base import CheckContext, NoParams, Params, Violation, check
from provenance.extract.facts import Permission
from provenance.model import Category, Evidence, Location, Venue

SITE_CONFIGURATION = Location(0, 0)
"""Where evidence from the site configuration (not from the article) is placed: line 0."""


@dataclass(frozen=True)
class VenueParams(Params):
    venues: list[Venue] = field(
        metadata={"min_length": 1, "description": "Venues where use needs no permission."}
    )


@check("venue-permitted", VenueParams, [Category.USE_NOT_PERMITTED])
def venue_permitted(ctx: CheckContext, params: VenueParams) -> Iterator[Violation | Evidence]:
    """The site's venue is one the source allows, or a current permission is recorded."""
    if ctx.venue in params.venues:
        yield Evidence(SITE_CONFIGURATION, f"venue: {ctx.venue.value}", "the site's venue is allowed")
        return
    permission = ctx.facts.permission
    if permission is not None and (permission.expires is None or permission.expires >= ctx.today):
        yield _permission_evidence(permission)
        return
    source = ctx.publisher.display_name if ctx.publisher else "The source"
    allowed = ", ".join(venue.value for venue in params.venues)
    message = (
        f"{source} allows republishing only on {allowed} sites; "
        f"this {ctx.venue.value} site needs a recorded permission"
    )
    if permission is not None and permission.expires is not None:
        message += f" (the recorded permission expired on {permission.expires.isoformat()})"
        where, evidence = permission.location, f"permission expires {permission.expires.isoformat()}"
    else:
        where, evidence = (
            absent_anchor(ctx.article, ctx.facts),
            f"site venue: {ctx.venue.value}; no permission recorded",
        )
    yield Violation(
        message,
        where,
        evidence=evidence,
        fix=f"Obtain permission from {source} and record it in the front matter "
        "(permission: reference, granted_by, date, expires), or remove the article.",
    )


def _permission_evidence(permission: Permission) -> Evidence:
    reference = permission.reference or "recorded"
    until = f"expires {permission.expires.isoformat()}" if permission.expires else "no expiry"
    granted = f", granted by {permission.granted_by}" if permission.granted_by else ""
    return Evidence(permission.location, f"permission: {reference}", f"{until}{granted}")


@check("permission-current", NoParams, [Category.PERMISSION_EXPIRED])
def permission_current(ctx: CheckContext, params: NoParams) -> Iterator[Violation | Evidence]:
    """A recorded permission has not expired."""
    permission = ctx.facts.permission
    if permission is None:
        return
    if permission.expires is None or permission.expires >= ctx.today:
        yield _permission_evidence(permission)
        return
    granted = f" granted by {permission.granted_by}" if permission.granted_by else ""
    reference = f" ({permission.reference})" if permission.reference else ""
    yield Violation(
        f"The permission{granted}{reference} expired on {permission.expires.isoformat()}",
        permission.location,
        evidence=f"expires: {permission.expires.isoformat()}",
        fix="Renew the permission and record the new expiry date, or remove the article.",
    )


@check("no-modification", NoParams, [Category.MODIFICATION_NOT_ALLOWED])
def no_modification(ctx: CheckContext, params: NoParams) -> Iterator[Violation | Evidence]:
    """The article is not marked as modified when the source forbids changes."""
    if ctx.facts.modified is False and ctx.facts.modified_location is not None:
        field = next((f for f in ctx.article.fields if f.location == ctx.facts.modified_location), None)
        text = f"{field.key}: {field.value}" if field else "modified: false"
        yield Evidence(ctx.facts.modified_location, text, "marked as unmodified")
    if ctx.facts.modified is not True:
        return
    source = ctx.publisher.display_name if ctx.publisher else "the source's licence"
    location = ctx.facts.modified_location
    field = next((f for f in ctx.article.fields if f.location == location), None)
    yield Violation(
        f"The article is marked as modified, but {source} does not allow changes to the text",
        location or absent_anchor(ctx.article, ctx.facts),
        evidence=f"{field.key}: {field.value}" if field else "modified: true",
        fix="Republish the original text unchanged (formatting only), and drop the modification record.",
    )
