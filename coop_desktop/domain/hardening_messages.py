"""Sentences of the errors found by the broken-spreadsheet corpus (issue 7)."""

from __future__ import annotations

HARDENING_MESSAGES: dict[str, dict[str, str]] = {
    "import.mixed_encoding": {
        "en": "{path} mixes two text encodings: from row {row} on it is not UTF-8 like the rows "
              "above (rows pasted in from a GBK file?). Open it in Excel or WPS, save it as "
              "\"CSV UTF-8\", and import the saved file.",
        "zh": "{path} 混用了两种文字编码：从第 {row} 行起不再是上面各行的 UTF-8"
              "（可能是从 GBK 文件粘贴进来的行）。请用 Excel 或 WPS 打开，"
              "另存为“CSV UTF-8”后再导入。",
    },
    "import.merged_cell": {
        "en": "The cell is inside the merged cells {value}: only their first row holds the "
              "value. Unmerge the cells, fill in every row, and import the file again.",
        "zh": "该单元格位于合并单元格 {value} 中，只有第一行真正有值。"
              "请取消合并、逐行填写后再导入。",
    },
}
