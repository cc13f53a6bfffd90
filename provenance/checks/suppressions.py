"""Checks on an article's own suppressions: well-formed, not expired, and actually used.

`suppression-valid` and `suppression-current` judge the comments and front matter alone.
Whether a suppression is used depends on the findings of every other rule, so the rules that
name `suppression-used` are filled in by the suppression stage (`provenance.suppress.apply`)
after the article's other rules have run; the check itself yields nothing. That stage also
reports, under the rules naming `suppression-valid`, suppressions that name no loaded rule.
"""

from __future__ import annotations

from collections.abc import Iterator

from provenance.checks.base import CheckContext, NoParams, Violation, check
from provenance.model import Category
from provenance.suppress.directives import article_directives

VALID_CHECK = "suppression-valid"
CURRENT_CHECK = "suppression-current"
USED_CHECK = "suppression-used"
SUPPRESSION_CHECKS = frozenset({VALID_CHECK, CURRENT_CHECK, USED_CHECK})


@check(VALID_CHECK, NoParams, [Category.METADATA_INVALID])
def suppression_valid(ctx: CheckContext, params: NoParams) -> Iterator[Violation]:
    """Every suppression names rule ids, gives a reason and a valid expiry date, and is balanced."""
    for problem in article_directives(ctx.article).problems:
        yield Violation(
            f"Malformed suppression: {problem.message}", problem.location, evidence=problem.evidence
        )


@check(CURRENT_CHECK, NoParams, [Category.SUPPRESSION_EXPIRED])
def suppression_current(ctx: CheckContext, params: NoParams) -> Iterator[Violation]:
    """No suppression has passed its `expires` date (an expired one no longer suppresses)."""
    for directive in article_directives(ctx.article).directives:
        if directive.expired(ctx.today):
            rules = ", ".join(directive.rules)
            message = f"The suppression of {rules} expired on {directive.expires}; it no longer applies"
            yield Violation(message, directive.location, evidence=directive.evidence)


@check(USED_CHECK, NoParams, [Category.SUPPRESSION_UNUSED])
def suppression_used(ctx: CheckContext, params: NoParams) -> Iterator[Violation]:
    """Every suppression suppresses a finding (judged after the article's other rules have run)."""
    return iter(())
