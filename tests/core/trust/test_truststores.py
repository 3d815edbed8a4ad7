"""This computer's roots found the way the running system keeps them, on every system.

Linux runs for real (a private mount namespace moves the bundle to other distributions' paths);
Windows' and macOS' stores cannot be read here, so their readers get recorded output in the
format those systems give (`ssl.enum_certificates`, `security find-certificate -a -p`).
"""

from __future__ import annotations

import base64
import json
import os
import shutil
import ssl
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest
from cryptography import x509

from conndoctor.core.trust import truststores
from conndoctor.core.trust.truststores import (
    DISTRIBUTION_BUNDLES,
    MACOS_KEYCHAINS,
    distribution_bundles,
    environment_store_files,
    macos_root_ders,
    os_store_files,
    pem_certificates,
    store_files,
    system_verdict,
    windows_root_ders,
)
from tests.lab.tls_servers import KASPERSKY_ROOT

DATA = Path(__file__).resolve().parents[2] / "data" / "truststores"
MACOS_RECORDED = DATA / "macos-find-certificate-SystemRootCertificates.pem"
WINDOWS_RECORDED = DATA / "windows-enum-certificates.json"


def common_names(ders: list[bytes]) -> set[str]:
    return {
        str(x509.load_der_x509_certificate(der).subject.rfc4514_string())
        .split("CN=")[1]
        .split(",")[0]
        for der in ders
    }


# --- Linux: files found at run time


def test_distribution_bundles_are_found_where_they_exist_once_per_real_file(
    tmp_path: Path,
) -> None:
    real = tmp_path / "tls-ca-bundle.pem"
    real.write_text("")
    fedora_link, fedora_file = DISTRIBUTION_BUNDLES[1], DISTRIBUTION_BUNDLES[2]
    present = {fedora_link, fedora_file, "/etc/ssl/cert.pem"}
    found = distribution_bundles(exists=lambda path: path in present)
    assert found == [fedora_link, fedora_file, "/etc/ssl/cert.pem"]
    assert distribution_bundles(exists=lambda path: False) == []


def test_ssl_cert_file_and_dir_come_first(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    bundle = tmp_path / "company-roots.pem"
    shutil.copyfile(MACOS_RECORDED, bundle)
    hashed = tmp_path / "hashed"
    hashed.mkdir()
    (hashed / "5ad8a5d6.0").write_bytes(MACOS_RECORDED.read_bytes())
    (hashed / "README").write_text("not a certificate")
    monkeypatch.setenv("SSL_CERT_FILE", str(bundle))
    monkeypatch.setenv("SSL_CERT_DIR", f"{hashed}{os.pathsep}{tmp_path / 'missing'}")
    assert environment_store_files() == [str(bundle), str(hashed / "5ad8a5d6.0")]
    assert os_store_files() == [str(bundle), str(hashed / "5ad8a5d6.0")]
    assert len(store_files(os_store_files()).certificates) == 3


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="Linux distribution paths")
def test_this_debian_machine_finds_its_own_bundle(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SSL_CERT_FILE", raising=False)
    monkeypatch.delenv("SSL_CERT_DIR", raising=False)
    files = os_store_files()
    assert files and all(os.path.isfile(path) for path in files)
    assert len(store_files(files).certificates) > 50


UNSHARE_SCRIPT = r"""
set -e
# Everything below happens in this process' own mount namespace: nothing outside sees it.
mount --make-rprivate /
for top in etc var; do
  mkdir -p "$WORK/$top-up" "$WORK/$top-work"
  options="lowerdir=/$top,upperdir=$WORK/$top-up,workdir=$WORK/$top-work"
  mount -t overlay overlay -o "$options" "/$top"
done
# Debian's bundle and hashed folder are gone, and so is anything else at a known place.
rm -rf /etc/ssl/certs /etc/ssl/cert.pem /usr/lib/ssl/cert.pem 2>/dev/null || true
mkdir -p "$(dirname "$PLACE")"
cp "$BUNDLE" "$PLACE"
exec "$PYTHON" -m conndoctor check "$URL" --json --lang en --timeout 5 \
  --public-ca-file "$PUBLIC" --resolve "$RESOLVE" \
  --ntp-server 127.0.0.1:9 --connectivity-url http://127.0.0.1:9/
"""


def _computer_stores(document: Any) -> list[dict[str, Any]]:
    """Every `computer_store` summary in the report (the certificate judgement's details)."""
    found: list[dict[str, Any]] = []
    if isinstance(document, dict):
        for key, value in document.items():
            if key == "computer_store" and isinstance(value, dict):
                found.append(value)
            else:
                found.extend(_computer_stores(value))
    elif isinstance(document, list):
        for value in document:
            found.extend(_computer_stores(value))
    return found


@pytest.mark.skipif(
    not sys.platform.startswith("linux") or os.geteuid() != 0 or shutil.which("unshare") is None,
    reason="needs root and unshare(1) for a private mount namespace",
)
@pytest.mark.parametrize(
    "place",
    [
        "/etc/pki/ca-trust/extracted/pem/tls-ca-bundle.pem",  # Fedora, RHEL
        "/etc/ca-certificates/extracted/tls-ca-bundle.pem",  # Arch
        "/var/lib/ca-certificates/ca-bundle.pem",  # openSUSE
        None,  # nowhere: the computer holds no roots, and the report says so
    ],
)
def test_the_cli_finds_the_roots_at_other_distributions_paths(
    place: str | None, lab_site: Any, lab_pki: Any, tmp_path: Path
) -> None:
    site = lab_site("interception")
    product_root = lab_pki.ca("interception-root", KASPERSKY_ROOT).cert
    bundle = lab_pki.bundle("distribution-bundle", [product_root, lab_pki.public_root.cert])
    env = {k: v for k, v in os.environ.items() if k not in ("SSL_CERT_FILE", "SSL_CERT_DIR")} | {
        "WORK": str(tmp_path),
        "BUNDLE": str(bundle),
        "PLACE": place or str(tmp_path / "nowhere.pem"),
        "PYTHON": sys.executable,
        "URL": site.url,
        "PUBLIC": site.public_ca_file,
        "RESOLVE": f"{site.host}:{site.port}:127.0.0.1",
    }
    done = subprocess.run(
        ["unshare", "-m", "sh", "-c", UNSHARE_SCRIPT],
        capture_output=True,
        text=True,
        env=env,
        timeout=90,
        check=False,
    )
    assert done.returncode in (0, 1), done.stderr
    stores = _computer_stores(json.loads(done.stdout))
    assert stores, "the certificate judgement did not show this computer's store"
    if place is None:
        assert all(store["roots"] == 0 for store in stores)
        return
    assert all(store["roots"] == 2 and store["files"] == [place] for store in stores), stores
    causes = [cause["id"] for cause in json.loads(done.stdout)["causes"]]
    assert causes == ["tls_interception"], causes


# --- Windows and macOS: the systems' own stores, from recorded output


def test_windows_roots_come_from_both_certificate_stores(monkeypatch: pytest.MonkeyPatch) -> None:
    recorded = json.loads(WINDOWS_RECORDED.read_text(encoding="utf-8"))
    asked: list[str] = []

    def enum_certificates(store_name: str) -> list[tuple[bytes, str, Any]]:
        asked.append(store_name)
        return [
            (
                base64.b64decode(e["der_base64"]),
                e["encoding"],
                e["trust"] if e["trust"] is True else set(e["trust"]),
            )
            for e in recorded[store_name]
        ]

    monkeypatch.setattr(ssl, "enum_certificates", enum_certificates, raising=False)
    ders = windows_root_ders()
    assert asked == ["ROOT", "CA"]
    assert len(ders) == 3  # the PKCS#7 entry is not a certificate
    assert common_names(ders) == {"ISRG Root X1", "DigiCert Global Root G2", "GlobalSign"}


def test_macos_roots_come_from_the_three_keychains() -> None:
    recorded = MACOS_RECORDED.read_bytes()
    asked: list[list[str]] = []

    def security(arguments: Sequence[str]) -> bytes:
        asked.append(list(arguments))
        return recorded if arguments[-1].startswith("/System/") else b""

    ders = macos_root_ders(security)
    assert [a[:3] for a in asked] == [["find-certificate", "-a", "-p"]] * 3
    assert asked[0][-1] == MACOS_KEYCHAINS[0]
    assert asked[2][-1] == os.path.expanduser("~/Library/Keychains/login.keychain-db")
    assert common_names(ders) == {"ISRG Root X1", "DigiCert Global Root G2", "GlobalSign"}
    assert len(ders) == len(pem_certificates(str(MACOS_RECORDED)))


def test_a_keychain_that_cannot_be_read_gives_nothing_not_an_error() -> None:
    assert macos_root_ders(lambda arguments: b"security: SecKeychainSearch failed") == []


def test_store_files_adds_the_mac_keychains_on_a_mac(monkeypatch: pytest.MonkeyPatch) -> None:
    recorded = list(pem_certificates(str(MACOS_RECORDED)))
    monkeypatch.setattr(sys, "platform", "darwin")
    monkeypatch.setattr(truststores, "macos_root_ders", lambda: recorded)
    store = store_files([], with_windows=True)
    assert store.files == ("macos-keychain",)
    assert store.certificates == frozenset(recorded)


# --- "does this computer trust the chain?" asked of the system (truststore)


def test_system_verdict_asks_the_systems_verifier(
    lab_site: Any, lab_pki: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    site = lab_site("healthy")
    monkeypatch.setenv("SSL_CERT_FILE", str(lab_pki.public_root.cert_path))
    monkeypatch.delenv("SSL_CERT_DIR", raising=False)
    trusted = system_verdict(site.host, site.port, address="127.0.0.1", timeout=5)
    assert trusted.trusted is True, trusted
    other = lab_site("untrusted_root")
    refused = system_verdict(other.host, other.port, address="127.0.0.1", timeout=5)
    assert refused.trusted is False
    assert "certificate" in refused.reason


def test_system_verdict_says_could_not_determine_without_an_answer(dead_port: int) -> None:
    verdict = system_verdict("127.0.0.1", dead_port, timeout=2)
    assert verdict.trusted is None
    assert verdict.reason
