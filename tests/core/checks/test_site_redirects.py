"""Redirects on the site itself, followed as a browser follows them, against a real loopback
TLS site whose answers depend on the path."""

from __future__ import annotations

import ssl
from collections.abc import Iterator

import pytest

from conndoctor.core.checks import site, tls
from conndoctor.core.engine.context import Options
from conndoctor.core.engine.model import CheckResult, Status
from conndoctor.core.engine.runner import run_checks
from conndoctor.core.engine.target import parse_target
from conndoctor.core.knowledge.i18n import render
from tests.lab.certs import LabPki
from tests.lab.tls_servers import LabServer, _read_request, http_answer


@pytest.fixture
def routed_site(lab_pki: LabPki) -> Iterator:
    """Start a TLS site answering `routes[path] = (status, headers)`; returns its Options."""
    leaf, inter = lab_pki.leaf("healthy", lab_pki.public_intermediate), lab_pki.public_intermediate
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(
        str(lab_pki.bundle("redirect-chain", [leaf.cert, inter.cert])), str(leaf.key_path)
    )
    roots = str(lab_pki.bundle("redirect-roots", [lab_pki.public_root.cert]))
    started: list[LabServer] = []

    def start(
        routes: dict[str, tuple[int, dict[str, str]]], seen: list[str] | None = None
    ) -> Options:
        """`seen` collects each connection's request path ("" for a connection without one)."""

        def handle(conn) -> None:
            with context.wrap_socket(conn, server_side=True) as stream:
                words = _read_request(stream).split(b" ", 2)
                if seen is not None:
                    seen.append(words[1].decode() if len(words) == 3 else "")
                if len(words) < 3:  # the TLS check only shakes hands
                    return
                status, headers = routes.get(words[1].decode(), (404, {}))
                stream.sendall(http_answer(status, "R", b"page", headers))

        server = LabServer(handle)
        started.append(server)
        return Options(
            target=parse_target(f"https://localhost:{server.port}/"),
            public_ca_file=roots,
            system_ca_files=(roots,),
            resolve={("localhost", server.port): ("127.0.0.1",)},
            timeout_s=6,
        )

    yield start
    for server in started:
        server.stop()


def _site(options: Options) -> CheckResult:
    outcome = run_checks([*tls.CHECKS, *site.CHECKS], options)
    return {r.check_id: r for r in outcome.results}["site.http_status"]


def test_a_circle_of_redirects_is_a_redirect_loop(routed_site) -> None:
    found = _site(routed_site({"/": (302, {"Location": "/a"}), "/a": (301, {"Location": "/"})}))
    assert found.status is Status.FAIL
    assert found.causes == ("site_redirect_loop",)
    assert found.details["redirects"] == ["/", "/a", "/"]
    assert found.findings[0].detail is not None
    assert "2" in render(found.findings[0].detail, "ja")


def test_an_endless_chain_stops_after_20(routed_site) -> None:
    routes = {"/": (302, {"Location": "/0"})}
    routes |= {f"/{i}": (307, {"Location": f"/{i + 1}"}) for i in range(40)}
    found = _site(routed_site(routes))
    assert found.causes == ("site_redirect_loop",)
    assert len(found.details["redirects"]) == site.MAX_REDIRECTS + 2


def test_a_redirect_to_a_page_is_followed(routed_site) -> None:
    found = _site(routed_site({"/": (301, {"Location": "/home"}), "/home": (200, {})}))
    assert (found.status, found.details["status"]) == (Status.OK, 200)
    assert found.details["redirects"] == ["/", "/home"]


def test_a_circle_that_sets_cookies_could_not_be_determined(routed_site) -> None:
    cookie = {"Location": "/", "Set-Cookie": "visited=1"}
    found = _site(routed_site({"/": (302, cookie)}))
    assert (found.status, found.summary.key) == (Status.WARN, "site.redirect_loop_cookies")
    assert found.findings == ()


def test_a_redirect_elsewhere_is_not_followed(routed_site) -> None:
    options = routed_site({"/": (302, {"Location": "https://elsewhere.example/"})})
    outcome = run_checks([*tls.CHECKS, *site.CHECKS], options)
    found = {r.check_id: r for r in outcome.results}["site.http_status"]
    assert (found.status, found.details["status"]) == (Status.OK, 302)
    assert all(c.host != "elsewhere.example" for c in outcome.contacts)


def test_the_first_answer_comes_from_the_shared_connection(routed_site) -> None:
    """The page is asked for on the connection network.tcp opened and tls.handshake secured;
    only the redirect's target costs a connection of its own."""
    from conndoctor.core.checks import network

    seen: list[str] = []
    options = routed_site({"/": (301, {"Location": "/home"}), "/home": (200, {})}, seen)
    wanted = [c for c in network.CHECKS if c.id in ("network.dns", "network.tcp")]
    outcome = run_checks([*wanted, *tls.CHECKS, *site.CHECKS], options)
    by_id = {r.check_id: r for r in outcome.results}
    assert by_id["tls.handshake"].status is Status.OK
    found = by_id["site.http_status"]
    assert (found.status, found.details["status"]) == (Status.OK, 200)
    assert found.details["redirects"] == ["/", "/home"]
    assert seen == ["/", "/home"]
