from __future__ import annotations

from coop_desktop.domain.models import ActivityKind, BatchStatus, LotStatus
from coop_desktop.domain.vocabulary import missing_names, name_of


def test_every_value_of_every_closed_list_has_a_chinese_name() -> None:
    assert missing_names() == []


def test_same_value_in_two_lists_keeps_two_names() -> None:
    assert name_of(BatchStatus.HARVESTING, "zh") == "采收中"
    assert name_of(ActivityKind.HARVESTING, "zh") == "采收"


def test_english_name_comes_from_the_value() -> None:
    assert name_of(ActivityKind.PLANT_PROTECTION, "en") == "plant protection"
    assert name_of(LotStatus.HELD, "zh") == "扣留"
