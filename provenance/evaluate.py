"""Evaluate one article: match it to the packs of its sources, run their rules, stamp findings."""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple

from provenance.checks.base import CheckContext
from provenance.extract import ExtractOptions, extract
from provenance.extract.facts import Hop
from provenance.extract.inventory import permission_record, published_on, title_of
from provenance.extract.links import host_of
from provenance.matching import SourceMatcher
from provenance.model import (
    ArticleSummary,
    Category,
    Evaluation,
    Evidence,
    Finding,
    Location,
    Outcome,
    RuleOutcome,
    Severity,
    Status,
    with_fingerprints,
)
from provenance.rules.models import AppliesTo
from provenance.suppress.apply import ArticleSuppressor

if TYPE_CHECKING:
    import datetime as dt

    from provenance.checks.base import PublisherIdentity, Violation
    from provenance.extract.facts import Provenance
    from provenance.model import Article, Venue
    from provenance.rules.ruleset import CompiledPack, CompiledRule, RuleSet

__all__ = ["CheckContractError", "Evaluation", "Evaluator"]  # `Evaluation` lives in the model

_TERMS_UNKNOWN = frozenset({Category.UNKNOWN_SOURCE, Category.UPSTREAM_TERMS_UNKNOWN})


class CheckContractError(RuntimeError):
    """A check emitted a category it does not declare: a bug in the check, not in the content."""


class _Applied(NamedTuple):
    """A pack applied to an article, with the publisher it was matched for (None: not a publisher's)."""

    pack: CompiledPack
    publisher: PublisherIdentity | None


class Evaluator:
    """Holds everything that depends only on the rules and the site, built once per run."""

    def __init__(self, ruleset: RuleSet, *, venue: Venue, site_url: str = "", today: dt.date) -> None:
        self._matcher = SourceMatcher(ruleset)
        self._venue = venue
        self._today = today
        site_host = host_of(site_url) if site_url else None
        self._extract_options = ExtractOptions(site_hosts=frozenset({site_host} if site_host else ()))
        by_kind: dict[AppliesTo, list[CompiledPack]] = {kind: [] for kind in AppliesTo}
        for pack in ruleset.packs:
            by_kind[pack.applies_to].append(pack)
        self._always = tuple(_Applied(pack, None) for pack in by_kind[AppliesTo.ALWAYS])
        self._license_packs = tuple(by_kind[AppliesTo.LICENSE])
        self._fallback = tuple(by_kind[AppliesTo.UNKNOWN_SOURCE])
        self._suppressor = ArticleSuppressor(ruleset, venue=venue, today=today)

    def evaluate(self, article: Article, *, declared_republished: bool = False) -> Evaluation:
        """Findings and inventory line for `article`.

        `declared_republished` is set when the site configuration declares the article's folder
        republished: it then owes its source everything, even if it names none.
        """
        facts = self._with_signature_sources(article, extract(article, self._extract_options))
        if declared_republished and not facts.republished:
            facts = facts._replace(republished=True)
        applied = self._packs_for(facts)
        findings: list[Finding] = []
        outcomes: list[RuleOutcome] = []  # of the source policies; the core file checks are not one
        for item in (*self._always, *applied):
            context = CheckContext(
                article=article,
                facts=facts,
                publisher=item.publisher,
                venue=self._venue,
                today=self._today,
                known_source=self._matcher.knows,
            )
            always = item.pack.applies_to is AppliesTo.ALWAYS
            self._run_pack(item.pack, context, findings, None if always else outcomes)
        findings = with_fingerprints(self._suppressor.apply(article, findings))
        summary = self._summary(article, facts, applied, findings, tuple(outcomes))
        return Evaluation(tuple(findings), summary)

    def _with_signature_sources(self, article: Article, facts: Provenance) -> Provenance:
        """Add publishers recognised by their signature phrases as the direct source."""
        hits = self._matcher.signatures_in(article.body, article.body_line)
        if not hits:
            return facts
        known = {id(self._matcher.for_hop(hop)) for hop in facts.chain}
        extra = [
            Hop(hit.pack.publisher.display_name, None, Location(hit.line), "signature")
            for hit in hits
            if hit.pack.publisher is not None and id(hit.pack) not in known
        ]
        if not extra:
            return facts
        return facts._replace(republished=True, chain=(*facts.chain, *extra))

    def _packs_for(self, facts: Provenance) -> list[_Applied]:
        if not facts.republished:
            return []
        applied: list[_Applied] = []
        for hop in facts.chain:
            pack = self._matcher.for_hop(hop)
            if pack is not None and all(a.pack is not pack for a in applied):
                applied.append(_Applied(pack, pack.publisher))
        direct = facts.chain[-1] if facts.chain else None
        if direct is None or self._matcher.for_hop(direct) is None:
            licensed = [p for p in self._license_packs if facts.license in p.licenses]
            applied.extend(_Applied(p, None) for p in (licensed or self._fallback))
        return applied

    def _run_pack(
        self,
        pack: CompiledPack,
        context: CheckContext,
        findings: list[Finding],
        outcomes: list[RuleOutcome] | None,
    ) -> None:
        """Add each rule's findings, and its outcome unless `outcomes` is None (core file checks).

        A rule not required on this venue is not run.
        """
        for rule in pack.rules:
            if not rule.applies_on(context.venue):
                if outcomes is not None:
                    note = f"not required on {context.venue.value} venues"
                    outcomes.append(RuleOutcome(rule.id, pack.id, Outcome.NOT_APPLICABLE, note=note))
                continue
            failed: list[Finding] = []
            satisfied: list[Evidence] = []
            for item in rule.check.function(context, rule.params):
                if isinstance(item, Evidence):
                    satisfied.append(item)
                else:
                    failed.append(self._finding(rule, context, item))
            findings += failed
            if outcomes is None:
                continue
            if failed:
                evidence = tuple(Evidence(Location(f.line, f.column), f.evidence, f.message) for f in failed)
                outcomes.append(RuleOutcome(rule.id, pack.id, Outcome.FAIL, evidence))
            else:
                outcomes.append(RuleOutcome(rule.id, pack.id, Outcome.PASS, tuple(satisfied)))

    def _finding(self, rule: CompiledRule, context: CheckContext, violation: Violation) -> Finding:
        """Stamp the rule's identity on what its check found."""
        category = violation.category or rule.category
        if violation.category and category not in rule.check.categories:
            raise CheckContractError(f"check {rule.check.name} emitted undeclared category {category}")
        return Finding(
            rule=rule.id,
            policy=rule.pack_id,
            category=category,
            severity=rule.severity,
            path=context.article.path,
            line=violation.location.line,
            column=violation.location.column,
            message=violation.message or rule.message,
            evidence=violation.evidence,
            fix=violation.fix or rule.fix,
        )

    def _summary(
        self,
        article: Article,
        facts: Provenance,
        applied: list[_Applied],
        findings: list[Finding],
        outcomes: tuple[RuleOutcome, ...],
    ) -> ArticleSummary:
        return ArticleSummary(
            path=article.path,
            format=article.format,
            republished=facts.republished,
            sources=facts.sources,
            policies=tuple(a.pack.id for a in applied),
            license=facts.license,
            status=self._status(article, facts, findings),
            outcomes=outcomes,
            title=title_of(article),
            published=published_on(article),
            permission=permission_record(facts.permission),
        )

    def _status(self, article: Article, facts: Provenance, findings: list[Finding]) -> Status:
        if any(d.category is Category.FILE_UNREADABLE for d in article.diagnostics):
            return Status.UNREADABLE
        serious = [f for f in findings if f.severity is not Severity.INFO]
        if serious:
            if all(f.category in _TERMS_UNKNOWN for f in serious):
                return Status.UNKNOWN_SOURCE
            return Status.VIOLATIONS
        if not facts.republished:
            return Status.ORIGINAL
        permission = facts.permission
        if permission is not None and (permission.expires is None or permission.expires >= self._today):
            return Status.PERMISSION_ON_FILE
        return Status.COMPLIANT
