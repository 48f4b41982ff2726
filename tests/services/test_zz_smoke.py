from coop_desktop.services.members import register_member
from coop_desktop.services.permissions import SYSTEM

def test_smoke(coop):
    assert register_member(coop, SYSTEM, code="M1", name="x", joined_on="2020-01-01") > 0
