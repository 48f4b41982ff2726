"""The sentences of domain errors, in Chinese and English, keyed by error code.

Each says what is wrong and, where it helps, what to do. ``{field}`` is the field's code name;
the GUI shows its own label beside the input.
"""

from __future__ import annotations

MESSAGES: dict[str, dict[str, str]] = {
    # values typed or imported
    "value.required": {
        "en": "{field} is required.",
        "zh": "{field} 为必填项。",
    },
    "value.not_positive": {
        "en": "{field} must be greater than zero (got {value}).",
        "zh": "{field} 必须大于零（当前为 {value}）。",
    },
    "value.negative": {
        "en": "{field} cannot be negative (got {value}).",
        "zh": "{field} 不能为负数（当前为 {value}）。",
    },
    "value.too_large": {
        "en": "{field} of {value} is more than the largest plausible value {maximum}; check the unit.",
        "zh": "{field} 为 {value}，超过合理上限 {maximum}，请检查单位。",
    },
    "value.not_number": {
        "en": "{field} must be a number (got {value!r}).",
        "zh": "{field} 必须是数字（当前为 {value!r}）。",
    },
    "value.bad_choice": {
        "en": "{field} must be one of {choices} (got {value!r}).",
        "zh": "{field} 只能是 {choices} 之一（当前为 {value!r}）。",
    },
    "date.future": {
        "en": "{field} {value} is in the future; records are kept for what has happened.",
        "zh": "{field} {value} 是将来的日期，只能记录已经发生的事。",
    },
    "date.bad_format": {
        "en": "{field} {value!r} is not a date; write it as YYYY-MM-DD.",
        "zh": "{field} {value!r} 不是日期，请按 YYYY-MM-DD 填写。",
    },
    "date.order": {
        "en": "{field} {value} is before {other_field} {other}.",
        "zh": "{field} {value} 早于 {other_field} {other}。",
    },
    "gtin.format": {
        "en": "GTIN {value!r} must have 8, 12, 13 or 14 digits.",
        "zh": "商品条码 GTIN {value!r} 必须是 8、12、13 或 14 位数字。",
    },
    "gtin.check_digit": {
        "en": "GTIN {value} has a wrong check digit (the last digit should be {expected}); "
              "check for a typing error.",
        "zh": "商品条码 GTIN {value} 校验位错误（最后一位应为 {expected}），请检查是否输错。",
    },
    "id_number.format": {
        "en": "ID number {value!r} must have 17 digits followed by a digit or X.",
        "zh": "身份证号 {value!r} 应为 17 位数字加一位数字或 X。",
    },
    "id_number.birth_date": {
        "en": "ID number {value} contains an impossible birth date.",
        "zh": "身份证号 {value} 中的出生日期不存在。",
    },
    "id_number.check_digit": {
        "en": "ID number {value} has a wrong check digit; check for a typing error.",
        "zh": "身份证号 {value} 校验位错误，请检查是否输错。",
    },
    "lot_code.format": {
        "en": "Lot code {value!r} may use only A-Z, 0-9 and '-', at most 20 characters.",
        "zh": "批次号 {value!r} 只能使用 A-Z、0-9 和“-”，最多 20 个字符。",
    },
    "code.format": {
        "en": "Code {value!r} may use letters, digits and . _ / -, at most 40 characters.",
        "zh": "编码 {value!r} 只能使用字母、数字和 . _ / -，最多 40 个字符。",
    },
    "duplicate": {
        "en": "{entity} with {field} {value!r} already exists.",
        "zh": "{field} 为 {value!r} 的{entity}已经存在。",
    },
    # looking things up
    "not_found": {
        "en": "No {entity} with {field} {value!r}.",
        "zh": "找不到 {field} 为 {value!r} 的{entity}。",
    },
    "trace.not_found": {
        "en": "No lot, label, ear tag or input lot with code {value}.",
        "zh": "没有批次号、标签序号、耳标号或投入品批号为 {value} 的记录。",
    },
    "cooperative.missing": {
        "en": "The database has no cooperative yet; run 'coop-desktop demo' or set one up first.",
        "zh": "数据库中还没有合作社信息，请先运行“coop-desktop demo”或先建立合作社。",
    },
    # who may do what
    "permission.denied": {
        "en": "{user} ({role}) may not {action}; ask a user with the right role.",
        "zh": "{user}（{role}）无权{action}，请由有相应权限的用户操作。",
    },
    "login.failed": {
        "en": "Wrong user name or password.",
        "zh": "用户名或密码错误。",
    },
    "login.locked": {
        "en": "User {user} is locked after repeated wrong passwords until {until}.",
        "zh": "用户 {user} 因多次输错密码被锁定，至 {until} 解锁。",
    },
    "password.too_short": {
        "en": "The password must have at least {minimum} characters.",
        "zh": "密码至少需要 {minimum} 个字符。",
    },
    "conflict.version": {
        "en": "{entity} {code} was changed by someone else since you opened it; "
              "reopen it to see their change, then edit again. Nothing was overwritten.",
        "zh": "{entity} {code} 在您打开后已被他人修改，请重新打开查看后再编辑。未覆盖任何数据。",
    },
    # rules of good practice
    "phi.harvest_blocked": {
        "en": "Harvest refused: {input} was applied on {applied_on} with a pre-harvest interval of "
              "{phi_days} days; the first allowed harvest date is {allowed_on}.",
        "zh": "不能采收：{applied_on} 施用了 {input}，安全间隔期 {phi_days} 天，"
              "最早可采收日期为 {allowed_on}。",
    },
    "withdrawal.blocked": {
        "en": "Refused for animal {ear_tag}: {drug} was given on {treated_on} with a withdrawal "
              "period of {withdrawal_days} days; the first allowed date is {allowed_on}.",
        "zh": "牲畜 {ear_tag} 不能{action_zh}：{treated_on} 使用了 {drug}，休药期 {withdrawal_days} 天，"
              "最早可{action_zh}日期为 {allowed_on}。",
    },
    "animal.not_alive": {
        "en": "Animal {ear_tag} is {status} and cannot be used again.",
        "zh": "牲畜 {ear_tag} 状态为“{status}”，不能再次使用。",
    },
    # weighing: the scale's weight, packing crates, weighing animals
    "weighing.unstable": {
        "en": "The weight {value} {unit} was still moving; wait until the scale shows it is "
              "stable, then capture again. Nothing was recorded.",
        "zh": "重量 {value} {unit} 尚未稳定，请等秤显示稳定后再采集。未记录任何数据。",
    },
    "weighing.overload": {
        "en": "The scale {device} reports an overload: the load is out of its range. Nothing "
              "was recorded.",
        "zh": "秤 {device} 显示超载：重量超出量程。未记录任何数据。",
    },
    "weighing.unit_mismatch": {
        "en": "The scale weighs in {unit}, but this record is kept in {expected}; type the "
              "quantity by hand or set the scale's unit.",
        "zh": "秤的单位是 {unit}，而此记录以 {expected} 计，请手工填写数量或调整秤的单位。",
    },
    "packing.below_tare": {
        "en": "The crate weighs {gross} {unit}, not more than its tare of {tare} {unit}: is "
              "the crate empty, or the crate type wrong? Nothing was recorded.",
        "zh": "本箱重 {gross} {unit}，不超过皮重 {tare} {unit}：箱子是空的，还是箱型选错了？"
              "未记录任何数据。",
    },
    "packing.over_lot": {
        "en": "Packed {packed} {unit} is more than lot {code} holds ({quantity} {unit}); "
              "check the crates or the lot's quantity.",
        "zh": "已包装 {packed} {unit}，超过批次 {code} 的数量（{quantity} {unit}），"
              "请核对箱数或批次数量。",
    },
    "packing.nothing_to_undo": {
        "en": "No weighed crate of lot {code} is left to undo.",
        "zh": "批次 {code} 没有可撤销的称重箱。",
    },
    "livestock.unknown_tag": {
        "en": "No animal has the ear tag or electronic ID {value}; register it first.",
        "zh": "没有耳标号或电子耳标为 {value} 的牲畜，请先登记。",
    },
    "mass_balance.outputs_exceed": {
        "en": "Outputs of {outputs} {unit} plus declared loss {loss} {unit} exceed the inputs of "
              "{inputs} {unit}.",
        "zh": "产出 {outputs} {unit} 加申报损耗 {loss} {unit} 超过投入 {inputs} {unit}。",
    },
    "mass_balance.source_exhausted": {
        "en": "{source} has only {available} {unit} left; {requested} {unit} were asked for.",
        "zh": "{source} 只剩 {available} {unit}，但申请使用 {requested} {unit}。",
    },
    "lot.product_mismatch": {
        "en": "{source} is {source_product}, not {product}; split and merge keep the product "
              "(use processing to make another product).",
        "zh": "{source} 的产品是 {source_product}，不是 {product}；分批与合批不能改变产品（请用加工）。",
    },
    "lot.no_sources": {
        "en": "A lot needs at least one source (harvest, delivery, animal or parent lot).",
        "zh": "批次至少需要一个来源（采收、交售、牲畜或上级批次）。",
    },
    "lot.not_usable": {
        "en": "Lot {code} is {status} and cannot be used as a source.",
        "zh": "批次 {code} 状态为“{status}”，不能作为来源。",
    },
    "lot.release_needs_pass": {
        "en": "Lot {code} cannot be released: it has no passing quality record. "
              "Record a passing test first.",
        "zh": "批次 {code} 不能放行：没有合格的质检记录，请先录入合格的检测结果。",
    },
    "lot.release_failed_test": {
        "en": "Lot {code} cannot be released: its latest quality record {record} failed.",
        "zh": "批次 {code} 不能放行：最近的质检记录 {record} 不合格。",
    },
    "lot.status_change": {
        "en": "Lot {code} is {status}; it cannot be changed to {target}.",
        "zh": "批次 {code} 状态为“{status}”，不能改为“{target}”。",
    },
    "shipment.lot_not_released": {
        "en": "Lot {code} is {status}; only released lots can be shipped.",
        "zh": "批次 {code} 状态为“{status}”，只有已放行的批次才能发货。",
    },
    "delivery.batch_mismatch": {
        "en": "Planting batch {batch} is not {member}'s {product}; choose the batch this "
              "delivery was harvested from.",
        "zh": "种植批次 {batch} 不是社员 {member} 的{product}，请选择这批交售实际来自的种植批次。",
    },
    "cold_chain.columns": {
        "en": "{path} has no time and temperature columns (its headers: {headers}); export the "
              "logger's data with a time column and a temperature column.",
        "zh": "{path} 中没有时间列和温度列（表头为：{headers}），请导出含时间和温度两列的记录仪数据。",
    },
    "cold_chain.bad_time": {
        "en": "{value!r} is not a time; loggers write e.g. 2026-08-15 09:30:00.",
        "zh": "{value!r} 不是时间，记录仪的时间格式如 2026-08-15 09:30:00。",
    },
    "cold_chain.bad_temperature": {
        "en": "{value!r} is not a temperature between -60 and 80 °C.",
        "zh": "{value!r} 不是 -60 到 80 °C 之间的温度。",
    },
    "cold_chain.no_readings": {
        "en": "{path} holds no usable reading; nothing was stored.",
        "zh": "{path} 中没有可用的温度记录，未保存任何数据。",
    },
    # sensors: alerts, polling and charts
    "sensor.above": {
        "en": "{name} on {place}: {channel} {value} {unit} is above the upper threshold "
              "{threshold} {unit} (at {at}).",
        "zh": "{place} 的{name}：{channel} {value} {unit}，高于上限 {threshold} {unit}（{at}）。",
    },
    "sensor.below": {
        "en": "{name} on {place}: {channel} {value} {unit} is below the lower threshold "
              "{threshold} {unit} (at {at}).",
        "zh": "{place} 的{name}：{channel} {value} {unit}，低于下限 {threshold} {unit}（{at}）。",
    },
    "sensor.silent": {
        "en": "{name} on {place}: no reading since {since} (it should send one every "
              "{minutes} min); check the sensor, its cable and the PC that polls the bus.",
        "zh": "{place} 的{name}：自 {since} 起没有读数（应每 {minutes} 分钟一次），"
              "请检查传感器、线缆和轮询总线的电脑。",
    },
    "sensor.no_answer": {
        "en": "Sensor {code} at address {address} did not answer: check its address, the "
              "wiring (A/B) and the bus baud rate ({baudrate}).",
        "zh": "传感器 {code}（地址 {address}）没有应答：请检查地址、A/B 接线和总线波特率"
              "（{baudrate}）。",
    },
    "sensor.refused": {
        "en": "Sensor {code} at address {address} refused the read ({reason}): check that "
              "its model {profile} is the right one.",
        "zh": "传感器 {code}（地址 {address}）拒绝了读取（{reason}）：请检查型号 {profile} "
              "是否选对。",
    },
    "sensor.bus_failed": {
        "en": "The sensor bus on {port} cannot be used ({reason}); check the USB adapter "
              "and the port name.",
        "zh": "{port} 上的传感器总线无法使用（{reason}），请检查 USB 转换器和端口名称。",
    },
    "sensor.bad_profile": {
        "en": "Sensor {code} cannot be polled: {reason}",
        "zh": "传感器 {code} 无法轮询：{reason}",
    },
    "sensor.no_values": {
        "en": "Sensor {code} answered, but with no usable value for its channels.",
        "zh": "传感器 {code} 有应答，但其通道没有可用的数值。",
    },
    "sensor.range": {
        "en": "The chart or export range must end after it starts ({start} to {end}).",
        "zh": "图表或导出的时间范围必须先开始后结束（{start} 至 {end}）。",
    },
    "sensor.choose": {
        "en": "Choose a sensor or a plot with sensors first.",
        "zh": "请先选择一个传感器或一个装有传感器的地块。",
    },
    "sensor.export_cancelled": {
        "en": "The export was cancelled; no file was written.",
        "zh": "导出已取消，没有写入文件。",
    },
    "quality.no_parameters": {
        "en": "A quality record needs at least one measured parameter.",
        "zh": "质检记录至少需要一个检测项目。",
    },
    "quality.no_subject": {
        "en": "A quality record must test a lot, a planting batch or an animal.",
        "zh": "质检记录必须对应一个批次、种植批次或牲畜。",
    },
    "serial.count": {
        "en": "The number of serials must be between 1 and {maximum} (got {value}).",
        "zh": "序号数量必须在 1 到 {maximum} 之间（当前为 {value}）。",
    },
    "certificate.dates": {
        "en": "The certificate's valid-until date {until} is before its valid-from date {since}.",
        "zh": "证书有效期截止日 {until} 早于起始日 {since}。",
    },
    # the database itself
    "storage.not_sqlite": {
        "en": "{path} is not an SQLite database file. Coop Desktop did not change it; "
              "choose another file or a new name.",
        "zh": "{path} 不是 SQLite 数据库文件。程序没有改动它，请选择其他文件或新文件名。",
    },
    "storage.corrupt": {
        "en": "The database file {path} is damaged ({detail}). It was not changed; "
              "restore a backup with 'coop-desktop db restore FILE'.",
        "zh": "数据库文件 {path} 已损坏（{detail}）。程序没有改动它，"
              "请用“coop-desktop db restore 文件”恢复备份。",
    },
    "storage.unreadable": {
        "en": "The database {target} cannot be read: {detail}",
        "zh": "无法读取数据库 {target}：{detail}",
    },
    "storage.foreign": {
        "en": "{target} holds another program's tables, not a Coop Desktop database. "
              "It was not changed; choose another database.",
        "zh": "{target} 是其他程序的数据库，不是本程序的数据库。程序没有改动它，请选择其他数据库。",
    },
    "storage.unversioned": {
        "en": "{target} has Coop Desktop tables but no schema version; it was not changed. "
              "Restore a backup.",
        "zh": "{target} 含有本程序的表但没有版本记录，程序没有改动它，请恢复备份。",
    },
    "storage.too_new": {
        "en": "The database {target} was written by a newer Coop Desktop (schema {revision}; "
              "this program knows up to {head}). Install the newer program; nothing was changed.",
        "zh": "数据库 {target} 由更新版本的程序写入（结构版本 {revision}，本程序只支持到 {head}）。"
              "请安装新版程序；数据没有任何改动。",
    },
    "storage.not_empty": {
        "en": "The database {target} already holds records; demo data goes only into an empty "
              "database. Use --db to choose a new file.",
        "zh": "数据库 {target} 中已有数据；演示数据只能装入空数据库。请用 --db 指定新文件。",
    },
    "storage.needs_sqlite": {
        "en": "{action} works on an SQLite file; for PostgreSQL use pg_dump and pg_restore "
              "(see README).",
        "zh": "{action} 仅适用于 SQLite 文件；PostgreSQL 请使用 pg_dump 和 pg_restore（见 README）。",
    },
    "backup.exists": {
        "en": "{path} already exists; choose a new file name for the backup.",
        "zh": "{path} 已存在，请为备份选择新的文件名。",
    },
    "backup.missing": {
        "en": "There is no backup file {path}.",
        "zh": "备份文件 {path} 不存在。",
    },
    # importing lists from spreadsheets (services/imports.py)
    "value.too_long": {
        "en": "{field} has {length} characters; at most {maximum} fit.",
        "zh": "{field} 有 {length} 个字符，最多只能 {maximum} 个。",
    },
    "value.out_of_range": {
        "en": "{field} must be between {minimum} and {maximum} (got {value}).",
        "zh": "{field} 必须在 {minimum} 到 {maximum} 之间（当前为 {value}）。",
    },
    "date.impossible": {
        "en": "{field} {value!r} is not a real day of the calendar.",
        "zh": "{field} {value!r} 不是日历上存在的日期。",
    },
    "import.file_missing": {
        "en": "There is no file {path}.",
        "zh": "文件 {path} 不存在。",
    },
    "import.unreadable": {
        "en": "{path} cannot be read ({detail}); it may be damaged. Open it in Excel or WPS, "
              "save it again, and import the saved file.",
        "zh": "无法读取 {path}（{detail}），文件可能已损坏。请用 Excel 或 WPS 打开后重新保存，再导入。",
    },
    "import.empty": {
        "en": "{path} is empty: it holds no rows.",
        "zh": "{path} 是空文件，没有任何行。",
    },
    "import.no_header": {
        "en": "{path} has no header row: its first row (row {row}) holds data. Add a row naming "
              "the columns (for example 社员编号, 户主姓名, 入社日期) above the data.",
        "zh": "{path} 没有表头：第一行（第 {row} 行）就是数据。请在数据上方加一行列名"
              "（例如 社员编号、户主姓名、入社日期）。",
    },
    "import.no_rows": {
        "en": "{path} has a header row but no rows of data under it.",
        "zh": "{path} 只有表头，下面没有数据行。",
    },
    "import.xls": {
        "en": "{path} is an old Excel .xls file or a password-protected workbook; open it in "
              "Excel or WPS and save it as .xlsx (without a password) or CSV, then import that.",
        "zh": "{path} 是旧版 Excel .xls 文件或加了密码的工作簿。请用 Excel 或 WPS 打开，"
              "另存为 .xlsx（不设密码）或 CSV 后再导入。",
    },
    "import.not_xlsx": {
        "en": "{path} is a ZIP archive but not an Excel workbook (.xlsx); save the list as .xlsx "
              "or CSV and import that.",
        "zh": "{path} 是压缩包而不是 Excel 工作簿（.xlsx），请将名单另存为 .xlsx 或 CSV 后再导入。",
    },
    "import.not_table": {
        "en": "{path} is neither an Excel workbook (.xlsx) nor a CSV text file (UTF-8 or GBK).",
        "zh": "{path} 既不是 Excel 工作簿（.xlsx），也不是 CSV 文本文件（UTF-8 或 GBK）。",
    },
    "import.too_many_rows": {
        "en": "{path} has more than {maximum} rows; split it into smaller files and import "
              "them one after another.",
        "zh": "{path} 超过 {maximum} 行，请拆分成几个较小的文件逐个导入。",
    },
    "import.too_large": {
        "en": "{path} is {size} MB; text files above {maximum} MB cannot be imported. Split it "
              "into smaller files.",
        "zh": "{path} 有 {size} MB，超过 {maximum} MB 的文本文件不能导入，请拆分成较小的文件。",
    },
    "import.sheet_missing": {
        "en": "The workbook {path} has no sheet {sheet!r}; its sheets are {sheets}.",
        "zh": "工作簿 {path} 中没有名为 {sheet!r} 的工作表；现有工作表为：{sheets}。",
    },
    "import.missing_columns": {
        "en": "No column is chosen for {fields}; an import of {kind} needs them. Choose a "
              "column for each (or add them to the file).",
        "zh": "导入{kind}需要以下列，但尚未指定：{fields}。请为每一项选择对应的列（或在文件中补上）。",
    },
    "import.column_twice": {
        "en": "Column {column} is chosen both for {field} and for {other}; choose one column "
              "for each.",
        "zh": "“{column}”列同时被指定为 {field} 和 {other}，每一项请选择不同的列。",
    },
    "import.formula_no_value": {
        "en": "The cell holds a formula ({value}) whose result was never calculated; open the "
              "file in Excel or WPS, save it, and import it again.",
        "zh": "该单元格是公式（{value}），但没有计算结果。请用 Excel 或 WPS 打开文件、保存后再导入。",
    },
    "import.cell_error": {
        "en": "The cell shows the spreadsheet error {value}; correct its formula.",
        "zh": "该单元格显示错误 {value}，请修改其公式。",
    },
    "import.id_as_number": {
        "en": "{field} was stored by the spreadsheet as a number and has lost its last digits; "
              "format the column as text and type the number again.",
        "zh": "{field} 被表格存成了数字，末几位已经丢失。请把该列设为文本格式后重新输入。",
    },
    "import.duplicate_in_file": {
        "en": "{field} {value!r} appears more than once in the file (first in row {other_row}).",
        "zh": "{field} {value!r} 在文件中重复出现（第 {other_row} 行已有）。",
    },
    "import.member_name_mismatch": {
        "en": "Member {code} is {expected}, not {value}; check that the row names the right "
              "member.",
        "zh": "社员编号 {code} 对应的户主是 {expected}，不是 {value}，请核对该行的社员。",
    },
    "import.parent_self": {
        "en": "{field} {value!r} is the animal's own ear tag.",
        "zh": "{field} {value!r} 是该牲畜自己的耳标号。",
    },
    "import.parent_unknown": {
        "en": "{field} {value!r} is neither an animal in the records nor one in an earlier row "
              "of this file.",
        "zh": "{field} {value!r} 既不在已有牲畜记录中，也不在本文件前面的行中。",
    },
    "import.parent_later": {
        "en": "{field} {value!r} is the animal in row {other_row}, further down; list parents "
              "before their young.",
        "zh": "{field} {value!r} 是第 {other_row} 行的牲畜，在本行之后；请把母畜、父畜排在仔畜前面。",
    },
    "import.parent_invalid": {
        "en": "{field} {value!r} is the animal in row {other_row}, which has errors itself.",
        "zh": "{field} {value!r} 是第 {other_row} 行的牲畜，而该行本身有错误。",
    },
    "import.cancelled": {
        "en": "The import was cancelled; nothing was written.",
        "zh": "导入已取消，没有写入任何数据。",
    },
    "import.row_refused": {
        "en": "Row {row} was refused when saving: {reason} Nothing was imported.",
        "zh": "保存时第 {row} 行被拒绝：{reason}没有导入任何数据。",
    },
    "import.not_accepted": {
        "en": "{errors} rows have errors, so nothing was written. Correct them, or run again "
              "with --accept-valid to import the {valid} valid rows.",
        "zh": "有 {errors} 行存在错误，因此没有写入任何数据。请改正后重试，"
              "或加上 --accept-valid 只导入 {valid} 行正确的数据。",
    },
    "import.dry_run_errors": {
        "en": "{errors} rows have errors (a dry run: nothing was written).",
        "zh": "有 {errors} 行存在错误（试运行，没有写入任何数据）。",
    },
    "import.nothing_valid": {
        "en": "No row of the file is valid; nothing was written.",
        "zh": "文件中没有一行是正确的，没有写入任何数据。",
    },
}

# Labels and printing keep their sentences in a module of their own.
from coop_desktop.domain.label_messages import LABEL_MESSAGES  # noqa: E402

MESSAGES.update(LABEL_MESSAGES)

# So do the standard exports (EPCIS, FSMA-204, the national platform CSV).
from coop_desktop.domain.export_messages import EXPORT_MESSAGES  # noqa: E402

MESSAGES.update(EXPORT_MESSAGES)

# Certification records and payouts keep theirs in a module of their own too.
from coop_desktop.domain.compliance_messages import COMPLIANCE_MESSAGES  # noqa: E402

MESSAGES.update(COMPLIANCE_MESSAGES)

from coop_desktop.domain.dossier_messages import DOSSIER_MESSAGES  # noqa: E402

MESSAGES.update(DOSSIER_MESSAGES)

from coop_desktop.domain.backup_messages import BACKUP_MESSAGES  # noqa: E402

MESSAGES.update(BACKUP_MESSAGES)

# The sentences of what the broken-spreadsheet corpus found (issue 7).
from coop_desktop.domain.hardening_messages import HARDENING_MESSAGES  # noqa: E402

MESSAGES.update(HARDENING_MESSAGES)
