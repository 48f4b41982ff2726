"""The sentences of the certification dossier's refusals, in Chinese and English (merged into
:data:`coop_desktop.domain.messages.MESSAGES`)."""

from __future__ import annotations

DOSSIER_MESSAGES: dict[str, dict[str, str]] = {
    "dossier.unknown_certificate": {
        "en": "There is no certificate numbered {value!r}; `coop-desktop list certifications` "
              "lists them.",
        "zh": "没有编号为 {value!r} 的证书；可用 `coop-desktop list certifications` 查看。",
    },
    "dossier.period_reversed": {
        "en": "The period ends ({end}) before it starts ({start}): swap the dates.",
        "zh": "期间的结束日期（{end}）早于开始日期（{start}）：请对调两个日期。",
    },
    "dossier.cancelled": {
        "en": "The dossier was cancelled; no file was written.",
        "zh": "认证资料的生成已取消，没有写入文件。",
    },
    "report.cancelled": {
        "en": "The report was cancelled; no file was written.",
        "zh": "报表的生成已取消，没有写入文件。",
    },
    "document.too_large": {
        "en": "The document is {size}, more than the {maximum} a document may be: scan it at a "
              "lower resolution (200 dpi is enough).",
        "zh": "文件大小为 {size}，超过上限 {maximum}：请用较低的分辨率扫描（200 dpi 即可）。",
    },
}
