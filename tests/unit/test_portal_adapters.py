"""The adapter seam: discovery through the entry-point group, the configured choice, the mapping.

Discovery uses Python's real entry-point machinery: a throw-away distribution (a `.dist-info`
folder with its `entry_points.txt`) is put on `sys.path`, as `pip install` of an integrator's
package would.
"""

from __future__ import annotations

import sys
import textwrap

import pytest

from counter_app.portal import adapters
from counter_app.portal.errors import PortalRejected
from counter_app.portal.mapping import CodeMapping, MappingFileError


class Config(dict):
    def get(self, key, default=None):  # the Config API the adapters use
        return super().get(key, default)


BASE = {
    "portal.client_id": "",
    "portal.client_secret": "",
    "portal.mapping": "",
    "portal.ca_bundle": "",
    "portal.timeout_s": 5.0,
    "portal.auth": "none",
    "portal.client_cert": "",
    "portal.client_key": "",
}


@pytest.fixture
def province_package(tmp_path, monkeypatch):
    """An integrator's adapter package, installed the way pip leaves one (dist-info on sys.path)."""
    (tmp_path / "tinh_mau_portal.py").write_text(
        textwrap.dedent(
            """
            from counter_app.portal.client import PortalClient

            class TinhMau(PortalClient):
                name = "tinh_mau"

            def open_adapter(config, url, *, timeout_s=None, transport=None):
                return TinhMau(url, transport=transport)
            """
        ),
        encoding="utf-8",
    )
    info = tmp_path / "tinh_mau_portal-1.0.dist-info"
    info.mkdir()
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: tinh-mau-portal\nVersion: 1.0\n")
    (info / "entry_points.txt").write_text(
        "[mot_cua_so.portal_adapters]\ntinh_mau = tinh_mau_portal:open_adapter\n"
    )
    monkeypatch.syspath_prepend(str(tmp_path))
    yield
    sys.modules.pop("tinh_mau_portal", None)


def test_the_built_in_adapters_are_there_without_installation():
    assert {"reference", "opencps"} <= set(adapters.available())


def test_an_installed_package_adds_an_adapter_that_portal_adapter_picks(province_package):
    assert adapters.available()["tinh_mau"] == "tinh_mau_portal:open_adapter"
    adapter = adapters.open_adapter(Config(BASE, **{"portal.adapter": "tinh_mau"}), "http://127.0.0.1:9")
    try:
        assert adapter.name == "tinh_mau"
        assert isinstance(adapter, adapters.PortalAdapter)
    finally:
        adapter.close()


def test_the_default_is_the_reference_adapter():
    adapter = adapters.open_adapter(Config(BASE), "http://127.0.0.1:9")
    try:
        assert adapter.name == "reference"
    finally:
        adapter.close()


def test_an_unknown_adapter_is_a_known_error_listing_the_installed_ones():
    with pytest.raises(adapters.UnknownAdapterError) as caught:
        adapters.factory("khong_co")
    assert "khong_co" in caught.value.message and "opencps" in caught.value.hint


def test_the_sample_mapping_covers_every_procedure_of_the_catalog():
    import json
    from pathlib import Path

    catalog = json.loads((Path(__file__).resolve().parents[2] / "resources" / "procedures.json").read_text())
    mapping = CodeMapping.load()
    for procedure in catalog["procedures"]:
        for component in procedure["components"]:
            assert mapping.part(procedure["code"], component["key"])
    assert mapping.status("done") == "finished" and mapping.status("la") == "processing"


def test_a_missing_mapping_stops_the_dossier_saying_what_it_must_add(tmp_path):
    path = tmp_path / "map.toml"
    path.write_text('[procedures."1.001193"]\nservice_code = "KS"\n[procedures."1.001193".parts]\n')
    mapping = CodeMapping.load(path)
    with pytest.raises(PortalRejected) as caught:
        mapping.procedure("2.000001")
    assert not caught.value.retryable and "2.000001" in caught.value.hint
    with pytest.raises(PortalRejected) as caught:
        mapping.part("1.001193", "giay_chung_sinh")
    assert "giay_chung_sinh" in caught.value.hint


def test_an_unreadable_mapping_file_is_a_known_error(tmp_path):
    path = tmp_path / "map.toml"
    path.write_text("[procedures\n")
    with pytest.raises(MappingFileError):
        CodeMapping.load(path)
