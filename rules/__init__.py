"""Built-in policy packs: YAML data, installed as provenance.builtin_rules."""
