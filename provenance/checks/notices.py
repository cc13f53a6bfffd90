"""Notice checks: the copyright notice and the licence notice the source requires."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from provenance.checks.anchors import absent_anchor
from provenance.checks.attribution import mentions, upstream_hops
from provenance.checks.base import CheckContext, Params, PublisherIdentity, Violation, check
from provenance.extract.facts import CopyrightNotice, LicenseFact
from provenance.model import Category, Evidence


@dataclass(frozen=True)
class CopyrightParams(Params):
    include_chain: bool = True


def _holds(notice: CopyrightNotice, name: str) -> bool:
    return any(mentions(holder, name) for holder in notice.holders)


def _names_publisher(notice: CopyrightNotice, publisher: PublisherIdentity) -> bool:
    return any(publisher.named_in(holder) for holder in notice.holders) or publisher.named_in(notice.evidence)


def _suggested_notice(holders: list[str], notices: tuple[CopyrightNotice, ...]) -> str:
    year = next((notice.year for notice in notices if notice.year), None)
    return f"Copyright © {', '.join(holders)}, {year or '<year>'}"


@check("copyright-notice", CopyrightParams, [Category.COPYRIGHT_NOTICE_MISSING])
def copyright_notice(ctx: CheckContext, params: CopyrightParams) -> Iterator[Violation | Evidence]:
    """A copyright notice names the publisher and, with `include_chain`, every upstream source."""
    notices = ctx.facts.copyrights
    publisher = ctx.publisher
    hops = upstream_hops(ctx.facts, publisher) if params.include_chain else ()
    upstream = [hop.name or "" for hop in hops]
    required = [publisher.display_name, *upstream] if publisher else upstream
    if not notices:
        yield Violation(
            "No copyright notice" + (f"; it must name {', '.join(required)}" if required else ""),
            absent_anchor(ctx.article, ctx.facts),
            evidence="no copyright line or copyright field",
            fix=f'Keep the original copyright notice, e.g. "{_suggested_notice(required, notices)}".',
        )
        return
    missing: list[str] = []
    if publisher is not None and not any(_names_publisher(notice, publisher) for notice in notices):
        missing.append(publisher.display_name)
    missing.extend(name for name in upstream if not any(_holds(notice, name) for notice in notices))
    first = notices[0]
    if not missing:
        yield from _notice_evidence(notices, publisher, upstream)
        return
    for name in missing:
        yield Violation(
            f"The copyright notice does not name {name}",
            first.location,
            evidence=first.evidence,
            fix=f'Add {name} to the copyright notice, e.g. "{_suggested_notice(required, notices)}".',
        )


def _notice_evidence(
    notices: tuple[CopyrightNotice, ...], publisher: PublisherIdentity | None, upstream: list[str]
) -> Iterator[Evidence]:
    """The notices that name a required holder (the first notice when none is required)."""
    for notice in notices:
        named = [publisher.display_name] if publisher and _names_publisher(notice, publisher) else []
        named += [name for name in upstream if _holds(notice, name)]
        if named or (notice is notices[0] and not publisher and not upstream):
            yield Evidence(
                notice.location,
                notice.evidence,
                "copyright notice naming " + ", ".join(named or notice.holders),
            )


@dataclass(frozen=True)
class LicenseParams(Params):
    licenses: list[str] = field(default_factory=list)
    visible: bool = True


def cc_license_url(spdx: str) -> str | None:
    """The creativecommons.org deed of a CC SPDX id: ``CC-BY-NC-ND-3.0-US`` -> ``.../by-nc-nd/3.0/us/``."""
    parts = spdx.lower().split("-")
    if parts[0] != "cc" or len(parts) < 3:
        return None
    version = next((i for i, part in enumerate(parts) if part[:1].isdigit()), None)
    if version is None or version == 1:
        return None
    path = "/".join(["-".join(parts[1:version]), *parts[version:]])
    return f"https://creativecommons.org/licenses/{path}/"


def _acceptable(fact: LicenseFact, expected: set[str]) -> bool:
    if fact.spdx is None:
        return "creative commons" in fact.evidence.casefold()
    return not expected or fact.spdx.casefold() in expected


@check("license-notice", LicenseParams, [Category.LICENSE_NOTICE_MISSING, Category.LICENSE_MISMATCH])
def license_notice(ctx: CheckContext, params: LicenseParams) -> Iterator[Violation | Evidence]:
    """The article states the source's licence, where readers see it when `visible` is set."""
    wanted = params.licenses or list(ctx.publisher.licenses if ctx.publisher else ())
    expected = {spdx.casefold() for spdx in wanted}
    source = ctx.publisher.display_name if ctx.publisher else "the source"
    shown = " or ".join(wanted) or "its licence"
    mismatched = [f for f in ctx.facts.licenses if f.spdx and expected and f.spdx.casefold() not in expected]
    for fact in mismatched:
        yield Violation(
            f"The article declares {fact.spdx}, but {source} licenses under {shown}",
            fact.location,
            evidence=fact.evidence,
            fix=f"State the licence the source uses: {shown}.",
            category=Category.LICENSE_MISMATCH,
        )
    if mismatched:
        return
    accepted = [fact for fact in ctx.facts.licenses if _acceptable(fact, expected)]
    stated = [fact for fact in accepted if fact.visible or not params.visible]
    if stated:
        fact = stated[0]
        shown = "visible licence notice" if fact.visible else "licence in metadata"
        yield Evidence(fact.location, fact.evidence, f"{shown}: {fact.spdx or 'Creative Commons'}")
        return
    declared = next((fact.spdx for fact in accepted if fact.spdx), None)
    suggested = declared or (wanted[0] if len(wanted) == 1 else None)
    url = cc_license_url(suggested) if suggested else None
    fix = f'Add a visible licence notice, e.g. "Republished from {source} under {suggested or shown}"'
    fix += f" linking to {url}." if url else "."
    if accepted:
        hidden = accepted[0]
        yield Violation(
            f"The licence ({hidden.spdx or hidden.evidence}) is declared only in metadata; "
            "readers see no licence notice",
            hidden.location,
            evidence=hidden.evidence,
            fix=fix,
            category=Category.LICENSE_NOTICE_MISSING,
        )
        return
    yield Violation(
        f"No licence notice: {source} requires {shown} to be stated",
        absent_anchor(ctx.article, ctx.facts),
        evidence="no licence statement in the body or metadata",
        fix=fix,
        category=Category.LICENSE_NOTICE_MISSING,
    )
