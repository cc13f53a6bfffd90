"""Suppressions: justified, scoped, expiring exceptions to rules, and their audit.

- `directives`: inline (`<!-- provenance: ignore ... -->`) and front-matter suppressions, parsed
  from one article (depends on the model only, so checks can use it);
- `apply`: applies an article's suppressions to its findings and reports unused ones;
- `site`: the path-glob suppressions of `.provenance.yaml`;
- `audit`: the findings the suppression stage reports itself (unused, unknown rule ids).

This package imports nothing here on purpose: `checks` imports `directives`, and `apply` imports
the rule set, which imports the checks.
"""
