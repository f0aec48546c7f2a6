"""Which address the cards, QR codes and projector carry, and whether phones can open it."""

from __future__ import annotations

import pytest

from vision.public_address import host_kind, public_address


@pytest.mark.parametrize("host, kind", [
    ("localhost", "local"), ("127.0.0.1", "local"), ("127.0.1.1", "local"), ("::1", "local"), ("[::1]", "local"),
    ("0.0.0.0", "local"), ("app.localhost", "local"),
    ("192.168.1.20", "private"), ("10.0.0.5", "private"), ("172.16.3.4", "private"), ("169.254.1.1", "private"),
    ("fd00::1", "private"), ("laptop.local", "private"), ("laptop", "private"),
    ("visionsdag.example.dk", "public"), ("8.8.8.8", "public"), ("172.32.0.1", "public"),
])
def test_host_kinds(host, kind):
    assert host_kind(host) == kind


def test_the_configured_address_wins_and_keeps_its_path():
    a = public_address("https://visionsdag.example.dk/aalborg/", "http://127.0.0.1:8501/setup?event=X")
    assert a.configured and a.reachable_by_phones
    assert a.join_url("SYD25") == "https://visionsdag.example.dk/aalborg/?e=SYD25"


@pytest.mark.parametrize("opened_on, reachable", [
    ("http://127.0.0.1:8501/setup?event=SYD25", False),
    ("http://localhost:8501/setup", False),
    ("http://192.168.1.20:8501/setup", False),
    ("https://visionsdag.example.dk/setup", True),
])
def test_without_configuration_the_page_address_is_used_and_judged(opened_on, reachable):
    a = public_address(None, opened_on)
    assert not a.configured
    assert a.reachable_by_phones is reachable
    assert a.join_url("SYD25") == opened_on.split("/setup")[0] + "/?e=SYD25"


def test_a_malformed_setting_is_not_used_and_is_reported():
    a = public_address("visionsdag.example.dk", "http://127.0.0.1:8501/setup")
    assert a.ignored and not a.configured and not a.reachable_by_phones
    assert a.join_url("X") == "http://127.0.0.1:8501/?e=X"


def test_no_address_at_all_falls_back_to_localhost():
    assert public_address(None, None).join_url("X") == "http://localhost:8501/?e=X"
