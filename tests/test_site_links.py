"""The website's "run this notebook" box (issue 22): Binder / nbgitpuller links come from the configured
repository (WDLAB_REPO_URL, else the git remote ``origin`` made https), never from a placeholder; without a
repository the page says the links must be set. Fast: the template is rendered with Jinja2 alone."""

from __future__ import annotations

import sys
from pathlib import Path

import jinja2
import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))
import site_build  # noqa: E402

COMMANDS = [{"command": "bash scripts/lab.sh", "what": "open the lab"}]


@pytest.mark.parametrize("remote, url", [
    ("git@github.com:lecturer/wdlab.git", "https://github.com/lecturer/wdlab.git"),
    ("ssh://git@gitlab.com:2222/group/wdlab.git", "https://gitlab.com/group/wdlab.git"),
    ("https://ghp_secret@github.com/lecturer/wdlab", "https://github.com/lecturer/wdlab"),   # token never published
    ("https://user:pw@git.example.edu/course/wdlab.git", "https://git.example.edu/course/wdlab.git"),
    ("/srv/git/wdlab.git", ""), ("file:///srv/git/wdlab.git", ""), ("", ""), ("https://github.com/", ""),
])
def test_remote_becomes_a_public_https_address(remote, url):
    assert site_build.public_url(remote) == url


def test_links_point_at_the_repository_and_notebook():
    links = site_build.repo_links("https://github.com/lecturer/wdlab.git", "main", "https://mybinder.org",
                                  "https://hub.example.edu", "02_x.ipynb")
    assert links["binder"] == ("https://mybinder.org/v2/gh/lecturer/wdlab/main?urlpath=lab%2Ftree%2Fnotebooks%2F"
                               "02_x.ipynb")
    assert links["nbgitpuller"].startswith("https://hub.example.edu/hub/user-redirect/git-pull?repo=https%3A%2F%2F"
                                           "github.com%2Flecturer%2Fwdlab.git&branch=main&urlpath=lab%2Ftree%2F"
                                           "wdlab%2Fnotebooks%2F02_x.ipynb")
    assert site_build.repo_links("", "main", "https://mybinder.org", "", None) is None


def render(repo_url: str) -> str:
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(ROOT / "site" / "_templates"),
                             undefined=jinja2.StrictUndefined)
    links = site_build.repo_links(repo_url, "main", "https://mybinder.org", "", "02_x.ipynb")
    return env.get_template("wdlab-run-this.html").render(
        pagename="02_x", wdlab_notebooks={"02_x": {"file": "02_x.ipynb", "links": links}}, wdlab_commands=COMMANDS,
        wdlab_repo_links=site_build.repo_links(repo_url, "main", "https://mybinder.org", "", None),
        wdlab_hub_url="", wdlab_repo_url=repo_url, wdlab_branch="main")


def test_page_links_to_the_configured_repository():
    page = render("https://github.com/lecturer/wdlab.git")
    assert "https://mybinder.org/v2/gh/lecturer/wdlab/main" in page and "weight-decay-lab/weight-decay-lab" not in page
    assert "not set" not in page


def test_page_without_repository_says_links_must_be_set():
    page = render("")
    assert "mybinder.org/v2" not in page and "git-pull?" not in page, "no link to a repository that does not exist"
    assert "links are not set" in page and "WDLAB_REPO_URL=" in page
