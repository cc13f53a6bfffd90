"""provenance: a provenance and copyright compliance checker for content repositories."""

__version__ = "0.1.0"
