"""The sentences of label, printing and recall errors, in Chinese and English (merged into
:data:`coop_desktop.domain.messages.MESSAGES`)."""

from __future__ import annotations

LABEL_MESSAGES: dict[str, dict[str, str]] = {
    "label.template_unknown": {
        "en": "There is no label template {name!r}; the templates are: {known}.",
        "zh": "没有名为 {name!r} 的标签模板；现有模板：{known}。",
    },
    "label.template_invalid": {
        "en": "Label template {file}, {where}: {problem}.",
        "zh": "标签模板 {file}，{where}：{problem}。",
    },
    "label.template_is_sheet": {
        "en": "{name} is a sheet of labels: lay out the label it places instead.",
        "zh": "{name} 是整张标签纸的排版，请使用它所放置的单个标签模板。",
    },
    "label.qr_empty": {
        "en": "The label has no QR content: set the cooperative's traceability address in "
              "Settings.",
        "zh": "标签没有二维码内容：请在“设置”中填写合作社的追溯网址。",
    },
    "label.qr_too_long": {
        "en": "The QR content {text!r} ({length} characters) needs QR version {version} at "
              "level {level}, above this template's limit of {maximum}: shorten the "
              "traceability address or the lot code.",
        "zh": "二维码内容 {text!r}（{length} 个字符）在纠错等级 {level} 下需要版本 {version}，"
              "超过模板上限 {maximum}：请缩短追溯网址或批次号。",
    },
    "label.gs1_value": {
        "en": "GS1 AI ({ai}) cannot carry {value!r}: it needs {rule}.",
        "zh": "GS1 应用标识符 ({ai}) 不能使用 {value!r}：需要{rule_zh}。",
    },
    "label.barcode_too_wide": {
        "en": "The GS1-128 barcode {hri} is {width} mm wide with its quiet zones, more than the "
              "{room} mm template {template} has: use a numeric lot code (even digits) or the "
              "100 × 70 mm case label.",
        "zh": "GS1-128 条码 {hri} 连同空白区宽 {width} mm，超过模板 {template} 的 {room} mm："
              "请使用偶数位纯数字批次号，或改用 100×70 mm 外箱标签。",
    },
    "label.symbol_outside": {
        "en": "The {symbol} ({size} mm) with its quiet zone does not fit its place on template "
              "{template}.",
        "zh": "{symbol}（{size} mm）连同空白区放不进模板 {template} 为它留的位置。",
    },
    "printer.offline": {
        "en": "Printer {printer} cannot be reached ({reason}): check that it is on, has paper "
              "and is connected. No label serial was used.",
        "zh": "无法连接打印机 {printer}（{reason}）：请检查是否开机、有纸并已连接。"
              "没有占用任何标签序号。",
    },
    "printer.failed": {
        "en": "Printer {printer} stopped taking the job ({reason}); the labels of this job are "
              "recorded as not printed (void) and can be printed again.",
        "zh": "打印机 {printer} 在打印中途中断（{reason}）；本次任务的标签已登记为未打印（作废），"
              "可以重新打印。",
    },
    "printer.address": {
        "en": "{printer!r} is not a printer address: use tcp://HOST:9100, serial:COM3, "
              "cups:QUEUE, windows:PRINTER NAME or file:PATH.",
        "zh": "{printer!r} 不是打印机地址：请使用 tcp://主机:9100、serial:COM3、cups:队列名、"
              "windows:打印机名称 或 file:路径。",
    },
    "label.needs_pass": {
        "en": "Lot {code} gets no label and no 承诺达标合格证: it has no passing quality record. "
              "Record a passing test first (a manager may override with a written reason).",
        "zh": "批次 {code} 没有合格的质检记录，不能打印标签和承诺达标合格证。请先录入合格的检测结果"
              "（负责人可填写理由后强制打印）。",
    },
    "label.phi_open": {
        "en": "Lot {code} gets no label: {input} was applied on {applied} and its pre-harvest "
              "interval ran until {ends}, but produce in the lot was harvested on {harvested}.",
        "zh": "批次 {code} 不能打印标签：{input} 于 {applied} 施用，安全间隔期到 {ends} 才结束，"
              "但批次中的产品在 {harvested} 就已采收。",
    },
    "label.weights_count": {
        "en": "{weights} weights were given for {count} labels: give one weight per label.",
        "zh": "为 {count} 张标签提供了 {weights} 个重量：每张标签需要一个重量。",
    },
    "label.sheet_needs_pdf": {
        "en": "{name} is an A4 sheet: it can only be written as a PDF.",
        "zh": "{name} 是 A4 标签纸排版，只能输出为 PDF。",
    },
    "label.file_failed": {
        "en": "The labels could not be written to {path} ({reason}); no label serial was used.",
        "zh": "标签无法写入 {path}（{reason}）；没有占用任何标签序号。",
    },
    "label.no_destination": {
        "en": "Say where the labels go: an output file or a printer.",
        "zh": "请指定标签的输出位置：输出文件或打印机。",
    },
    "label.weight_line": {
        "en": "{file}, line {line}: {value!r} is not a weight; write one number per line, "
              "e.g. 12.5.",
        "zh": "{file} 第 {line} 行：{value!r} 不是重量；请每行写一个数字，例如 12.5。",
    },
    "label.out_suffix": {
        "en": "{path}: name the output .pdf, .png, .tspl or .zpl (or give --format).",
        "zh": "{path}：输出文件的扩展名须为 .pdf、.png、.tspl 或 .zpl（或使用 --format）。",
    },
    "label.printer_format": {
        "en": "A printer takes TSPL or ZPL jobs, not {format}; write {format} to a file with "
              "--out instead.",
        "zh": "打印机只接受 TSPL 或 ZPL 任务，不接受 {format}；请用 --out 写入文件。",
    },
    "label.reprint_void": {
        "en": "Label {serial} was voided; it cannot be printed again. Print a new label instead.",
        "zh": "标签 {serial} 已作废，不能重新打印，请打印新标签。",
    },
}
