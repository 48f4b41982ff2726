"""The sentences of the standard exports (EPCIS, FSMA-204, national platform CSV), in Chinese
and English (merged into :data:`coop_desktop.domain.messages.MESSAGES`)."""

from __future__ import annotations

EXPORT_MESSAGES: dict[str, dict[str, str]] = {
    "export.reversed_period": {
        "en": "The period ends on {end}, before it starts on {start}: swap the two dates.",
        "zh": "期间的结束日期 {end} 早于开始日期 {start}，请交换两个日期。",
    },
    "export.unknown_lot": {
        "en": "There is no lot {value!r}; check the lot code.",
        "zh": "没有批次号为 {value!r} 的批次，请检查批次号。",
    },
    "export.needs_period": {
        "en": "Give the period with --from and --to (or a lot with --lot).",
        "zh": "请用 --from 和 --to 指定期间（或用 --lot 指定批次）。",
    },
    "export.empty": {
        "en": "Nothing happened in this period ({what}): the file holds no events.",
        "zh": "该期间（{what}）没有任何记录：文件中没有事件。",
    },
    "export.out_suffix": {
        "en": "{path} must end in {suffixes}.",
        "zh": "{path} 的扩展名必须是 {suffixes}。",
    },
    "export.file_failed": {
        "en": "Could not write {path}: {reason}.",
        "zh": "无法写入 {path}：{reason}。",
    },
}
