"""venue-permitted, permission-current, no-modification."""

from __future__ import annotations

import datetime as dt

from check_builders import GLOBAL_RESEARCH, TODAY, article, context, facts, permission, run, where

from provenance.model import Location, Venue

COMMUNITY_ONLY = {"venues": ["community"]}


def test_allowed_venue_passes() -> None:
    assert run("venue-permitted", context(source=GLOBAL_RESEARCH), **COMMUNITY_ONLY) == []


def test_other_venue_without_permission() -> None:
    ctx = context(doc=article(["x"], body_line=4), source=GLOBAL_RESEARCH, venue=Venue.COMMERCIAL)
    found = run("venue-permitted", ctx, **COMMUNITY_ONLY)
    assert where(found) == [(4, 1, None, "site venue: commercial; no permission recorded")]
    assert found[0].message == (
        "Global Research allows republishing only on community sites; "
        "this commercial site needs a recorded permission"
    )


def test_other_venue_with_current_or_open_ended_permission_passes() -> None:
    for expires in (None, TODAY, TODAY + dt.timedelta(days=1)):
        ctx = context(facts(permission=permission(6, expires)), venue=Venue.PRINT)
        assert run("venue-permitted", ctx, **COMMUNITY_ONLY) == []


def test_other_venue_with_expired_permission_says_when() -> None:
    ctx = context(
        facts(permission=permission(6, dt.date(2024, 5, 31))), source=GLOBAL_RESEARCH, venue=Venue.PRINT
    )
    found = run("venue-permitted", ctx, **COMMUNITY_ONLY)
    assert where(found) == [(6, 1, None, "permission expires 2024-05-31")]
    assert found[0].message.endswith("(the recorded permission expired on 2024-05-31)")


def test_permission_current_passes_without_or_with_valid_permission() -> None:
    assert run("permission-current", context()) == []
    assert run("permission-current", context(facts(permission=permission(6, TODAY)))) == []
    assert run("permission-current", context(facts(permission=permission(6)))) == []


def test_permission_expired() -> None:
    found = run("permission-current", context(facts(permission=permission(6, dt.date(2023, 12, 31)))))
    assert where(found) == [(6, 1, None, "expires: 2023-12-31")]
    assert found[0].message == "The permission granted by Jane Editor (mail-2023-17) expired on 2023-12-31"


def test_no_modification() -> None:
    assert run("no-modification", context(facts(modified=False, modified_location=Location(3, 1)))) == []
    assert run("no-modification", context(facts(modified=None))) == []
    found = run(
        "no-modification",
        context(facts(modified=True, modified_location=Location(3, 11)), source=GLOBAL_RESEARCH),
    )
    assert where(found) == [(3, 11, None, "modified: true")]
    assert (
        found[0].message
        == "The article is marked as modified, but Global Research does not allow changes to the text"
    )
