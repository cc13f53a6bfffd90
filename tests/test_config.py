"""`.provenance.yaml`: found upward, validated in layers with lines, policy paths kept inside."""

from __future__ import annotations

from pathlib import Path

import pytest

from provenance.config import (
    CONFIG_NAME,
    default_config,
    find_config,
    load_config,
    policy_paths,
    repository_root,
)
from provenance.model import Venue
from provenance.rules.errors import ConfigError
from provenance.rules.models import SeverityOverride, Site, SiteConfig

CONFIGS = Path(__file__).parent / "fixtures" / "config"
VENUES = "['community', 'noncommercial', 'commercial', 'print']"


def config_errors(path: Path) -> list[tuple[int | None, str, str]]:
    with pytest.raises(ConfigError) as raised:
        load_config(path)
    assert all(e.path == path.as_posix() for e in raised.value.errors)
    return [(e.line, e.pointer, e.message) for e in raised.value.errors]


def test_valid_config() -> None:
    config = load_config(CONFIGS / "valid.yaml")
    assert config == SiteConfig(
        site=Site(name="Peace Forum", url="https://peace.example.org", venue=Venue.COMMUNITY),
        include=["content/"],
        exclude=["content/drafts/"],
        policies=["policies"],
        severity={"GR-LINK": SeverityOverride.WARNING, "PROV-AUTHOR": SeverityOverride.OFF},
        max_file_size=100_000,
    )
    assert policy_paths(CONFIGS / "valid.yaml", config) == [CONFIGS / "policies"]


def test_minimal_config_takes_defaults() -> None:
    config = load_config(CONFIGS / "minimal.yaml")
    assert config == SiteConfig(site=Site(venue=Venue.PRINT))
    assert (config.include, config.exclude, config.policies, config.max_file_size) == ([], [], [], 5_000_000)


def test_default_config_assumes_community() -> None:
    assert default_config() == SiteConfig(site=Site(venue=Venue.COMMUNITY))


def test_every_schema_error_with_its_line() -> None:
    assert config_errors(CONFIGS / "errors.yaml") == [
        (2, "/site/venue", f"'magazine' is not one of {VENUES}"),
        (3, "/site/owner", "unknown key 'owner'"),
        (4, "/include", 'expected a list, got "content/"'),
        (6, "/policies/0", "expected a string, got a list"),
        (8, "/severity/GR-LINK", "'loud' is not one of ['error', 'warning', 'info', 'off']"),
        (9, "/max_file_size", "0 is less than or equal to the minimum of 0"),
        (10, "/colour", "unknown key 'colour'"),
    ]


def test_error_str() -> None:
    with pytest.raises(ConfigError) as raised:
        load_config(CONFIGS / "errors.yaml")
    path = (CONFIGS / "errors.yaml").as_posix()
    assert str(raised.value.errors[0]) == f"{path}:2: /site/venue: 'magazine' is not one of {VENUES}"


def test_yaml_syntax_error_line() -> None:
    assert config_errors(CONFIGS / "syntax.yaml") == [
        (3, "", "YAML: while parsing a block mapping, did not find expected key")
    ]


def test_semantic_errors_patterns_and_missing_policy_folder() -> None:
    assert config_errors(CONFIGS / "semantic.yaml") == [
        (5, "/include/1", "invalid gitignore-style pattern '!'"),
        (7, "/exclude/0", "invalid gitignore-style pattern '\\\\'"),
        (10, "/policies/1", "policy path 'missing-folder' does not exist"),
    ]


def test_missing_file_and_non_mapping(tmp_path: Path) -> None:
    assert config_errors(tmp_path / "absent.yaml")[0][:2] == (None, "")
    empty = tmp_path / "empty.yaml"
    empty.write_text("")
    assert config_errors(empty) == [(1, "", "empty document: expected a mapping")]
    missing_site = tmp_path / "site.yaml"
    missing_site.write_text("include: []\n")
    assert config_errors(missing_site) == [(1, "", "missing required key 'site'")]


def make_repository(tmp_path: Path) -> Path:
    repo = tmp_path / "repo"
    (repo / ".git").mkdir(parents=True)
    (repo / "site" / "policies").mkdir(parents=True)
    (tmp_path / "outside").mkdir()
    return repo


def test_policy_path_escaping_the_repository(tmp_path: Path) -> None:
    repo = make_repository(tmp_path)
    config = repo / "site" / CONFIG_NAME
    config.write_text(
        "site:\n  venue: community\npolicies:\n  - policies\n  - ../policies\n  - ../../outside\n"
    )
    root = repo.resolve().as_posix()
    assert config_errors(config) == [
        (5, "/policies/1", "policy path '../policies' does not exist"),
        (6, "/policies/2", f"policy path '../../outside' is outside the repository root {root}"),
    ]


def test_policy_path_through_symlink_out_of_repository(tmp_path: Path) -> None:
    repo = make_repository(tmp_path)
    (repo / "site" / "linked").symlink_to(tmp_path / "outside")
    config = repo / "site" / CONFIG_NAME
    config.write_text("site:\n  venue: community\npolicies: [linked, policies]\n")
    assert [pointer for _, pointer, _ in config_errors(config)] == ["/policies/0"]


def test_without_git_the_config_folder_is_the_root(tmp_path: Path) -> None:
    (tmp_path / "site").mkdir()
    (tmp_path / "policies").mkdir()
    config = tmp_path / "site" / CONFIG_NAME
    config.write_text("site: {venue: community}\npolicies: [../policies]\n")
    assert repository_root(config.parent) == config.parent.resolve()
    assert [pointer for _, pointer, _ in config_errors(config)] == ["/policies/0"]


def test_find_config_walks_up_from_file_or_folder(tmp_path: Path) -> None:
    repo = make_repository(tmp_path)
    deep = repo / "site" / "content" / "2009"
    deep.mkdir(parents=True)
    article = deep / "post.md"
    article.write_text("text\n")
    config = repo / "site" / CONFIG_NAME
    config.write_text("site: {venue: community}\n")
    assert find_config(article) == config.resolve()
    assert find_config(deep) == config.resolve()
    assert find_config(repo / "site") == config.resolve()
    assert find_config(repo) is None


def test_find_config_stops_at_the_repository_root(tmp_path: Path) -> None:
    (tmp_path / CONFIG_NAME).write_text("site: {venue: print}\n")
    repo = make_repository(tmp_path)
    assert find_config(repo / "site") is None
    assert find_config(tmp_path / "outside") == (tmp_path / CONFIG_NAME).resolve()


def test_find_config_at_repository_root_itself(tmp_path: Path) -> None:
    repo = make_repository(tmp_path)
    (repo / CONFIG_NAME).write_text("site: {venue: print}\n")
    assert find_config(repo / "site" / "policies") == (repo / CONFIG_NAME).resolve()
    assert repository_root(repo / "site" / "policies") == repo.resolve()
