"""Extractors: derive `Provenance` facts from an `Article`. No policy knowledge.

Entry point: `extract(article, options) -> Provenance`.
"""
