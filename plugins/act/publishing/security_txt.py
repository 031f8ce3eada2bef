"""/.well-known/security.txt (RFC 9116): where to report a security problem with the site.

The site writes it itself: content/ refuses files whose names start with a dot (act/repository.py),
and act/addresses.py reserves the address so no page can take it. Contact is the project's real
reporting route, never an invented address: GitHub's private vulnerability reporting for the
repository named in mkdocs.yml (`extra.repository`), then the site's own "Report a problem" form
when the site has one. Expires is under a year after the build date: every deploy renews it, and
a site not rebuilt for a year says its file is out of date, as RFC 9116 intends (section 2.5.5).
"""

from __future__ import annotations

from datetime import timedelta

from act.publishing.site import Site

PATH = ".well-known/security.txt"
REPORT_PAGE = "report-a-problem/"
# "less than a year into the future" (RFC 9116, 2.5.5)
LIFETIME = timedelta(days=364)


class NoSecurityContact(ValueError):
    """Neither a repository nor a reporting page: RFC 9116 requires at least one Contact."""


def security_txt(site: Site, repository: str, has_report_page: bool) -> str:
    contacts = []
    if repository:
        contacts.append(f"https://github.com/{repository}/security/advisories/new")
    if has_report_page:
        contacts.append(site.absolute(REPORT_PAGE))
    if not contacts:
        raise NoSecurityContact(
            f"/{PATH} needs somewhere to report a security problem: set extra.repository in "
            "mkdocs.yml (owner/name on GitHub), or add content/report-a-problem.md"
        )
    expires = site.build_date + LIFETIME
    lines = [f"Contact: {contact}" for contact in contacts]
    lines.append(f"Expires: {expires.isoformat()}T00:00:00Z")
    lines.append("Preferred-Languages: en")
    lines.append(f"Canonical: {site.absolute(PATH)}")
    if repository:
        lines.append(f"Policy: https://github.com/{repository}/blob/main/SECURITY.md")
    return "\n".join(lines) + "\n"
