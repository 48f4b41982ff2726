"""The sentences of certification-record and payout errors (internal inspections, training,
有机码, charges and payouts), in Chinese and English; merged into
:data:`coop_desktop.domain.messages.MESSAGES`."""

from __future__ import annotations

COMPLIANCE_MESSAGES: dict[str, dict[str, str]] = {
    "finding.needs_action": {
        "en": "A non-conformity needs a corrective action and a deadline (finding {number}).",
        "zh": "不符合项须填写纠正措施和整改期限（第 {number} 项发现）。",
    },
    "finding.deadline_before": {
        "en": "The deadline {due} of finding {number} is before the inspection on {day}.",
        "zh": "第 {number} 项发现的整改期限 {due} 早于检查日期 {day}。",
    },
    "finding.not_nonconformity": {
        "en": "Finding {id} is an observation, not a non-conformity: there is nothing to close.",
        "zh": "第 {id} 号发现只是观察项，不是不符合项，无需关闭。",
    },
    "finding.closed": {
        "en": "The non-conformity {id} was already closed on {day}.",
        "zh": "不符合项 {id} 已于 {day} 关闭。",
    },
    "finding.evidence": {
        "en": "Say how the correction was verified (closure evidence) to close a non-conformity.",
        "zh": "关闭不符合项须填写整改验证情况（关闭证据）。",
    },
    "inspection.member_left": {
        "en": "Member {code} left the cooperative on {left}, before the inspection on {day}.",
        "zh": "社员 {code} 已于 {left} 退社，早于检查日期 {day}。",
    },
    "training.no_attendees": {
        "en": "A training session needs at least one attending member household.",
        "zh": "培训记录至少需要一户参训社员。",
    },
    "organic.not_organic": {
        "en": "Certificate {number} is a {scheme} certificate: 有机码 belong to organic "
              "certificates only.",
        "zh": "证书 {number} 是{scheme}证书，有机码只能用于有机产品认证证书。",
    },
    "organic.code_format": {
        "en": "有机码 {value!r} (line {line}) must be 17 digits: certifier code (3), year (2) "
              "and a random number (12).",
        "zh": "有机码 {value!r}（第 {line} 行）应为 17 位数字：认证机构代码 3 位、年份 2 位、"
              "随机码 12 位。",
    },
    "organic.code_twice": {
        "en": "有机码 {value} appears twice in the file (lines {first} and {line}); nothing was "
              "imported.",
        "zh": "有机码 {value} 在文件中出现两次（第 {first} 行和第 {line} 行），未导入任何有机码。",
    },
    "organic.code_taken": {
        "en": "有机码 {value} is already in the pool of certificate {number}; nothing was "
              "imported.",
        "zh": "有机码 {value} 已在证书 {number} 的有机码库中，未导入任何有机码。",
    },
    "organic.no_codes": {
        "en": "The file holds no 有机码.",
        "zh": "文件中没有有机码。",
    },
    "organic.pool_short": {
        "en": "Only {left} 有机码 are left in the pool of certificate {number}, and {needed} "
              "are needed: import the certifier's next batch first. No code was used.",
        "zh": "证书 {number} 的有机码库只剩 {left} 个，需要 {needed} 个：请先导入认证机构发放的"
              "新一批有机码。未使用任何有机码。",
    },
    "organic.no_certified_quantity": {
        "en": "Certificate {number} states no certified quantity for {product}: enter the "
              "quantity the certificate allows first.",
        "zh": "证书 {number} 没有登记 {product} 的认证产量：请先录入证书核定的数量。",
    },
    "organic.over_quantity": {
        "en": "{adding} kg more of {product} under certificate {number} would make {total} kg, "
              "beyond the certified {certified} kg. No code was used.",
        "zh": "证书 {number} 下再增加 {adding} kg {product}，合计 {total} kg，将超过认证产量 "
              "{certified} kg。未使用任何有机码。",
    },
    "organic.scope_product": {
        "en": "Lot {lot} ({product}) is outside certificate {number}: the product is not in "
              "its scope.",
        "zh": "批次 {lot}（{product}）不在证书 {number} 的范围内：该产品不在认证范围。",
    },
    "organic.scope_plots": {
        "en": "Lot {lot} is outside certificate {number}: it comes from plots outside its "
              "scope ({plots}).",
        "zh": "批次 {lot} 不在证书 {number} 的范围内：其来源地块 {plots} 不在认证范围。",
    },
    "organic.scope_date": {
        "en": "Lot {lot} was packed on {day}, when certificate {number} was not valid "
              "({since} to {until}).",
        "zh": "批次 {lot} 的包装日期 {day} 不在证书 {number} 的有效期（{since} 至 {until}）内。",
    },
    "organic.no_packages": {
        "en": "Lot {lot} has no printed label without a 有机码: print the labels first.",
        "zh": "批次 {lot} 没有尚未赋有机码的有效标签：请先打印标签。",
    },
    "organic.package_not_of_lot": {
        "en": "Label {serial} is not a printed (unvoided) label of lot {lot}.",
        "zh": "标签 {serial} 不是批次 {lot} 的有效标签（或已作废）。",
    },
    "organic.package_has_code": {
        "en": "Label {serial} already carries 有机码 {code}; a label gets one code.",
        "zh": "标签 {serial} 已使用有机码 {code}；每张标签只能使用一个有机码。",
    },
    "organic.no_weight": {
        "en": "Label {serial} has no net weight, so the certified quantity cannot be checked.",
        "zh": "标签 {serial} 没有净重，无法核对认证产量。",
    },
    "charge.empty": {
        "en": "A charge needs an amount per kg, a percent of the gross amount, or both.",
        "zh": "扣费规则须填写每公斤金额、毛收入百分比，或两者都填。",
    },
    "payout.year": {
        "en": "{value!r} is not a year of the cooperative's records (2000 to {maximum}).",
        "zh": "{value!r} 不是有效的年份（2000 至 {maximum}）。",
    },
    "payout.unpriced": {
        "en": "{count} deliveries of {year} have no unit price (first: {code} of member "
              "{member}); enter their prices before recording payouts. Nothing was recorded.",
        "zh": "{year} 年有 {count} 笔交售没有单价（第一笔：社员 {member} 的 {code}）；"
              "请先录入单价再生成兑付。未生成任何兑付记录。",
    },
    "payout.nothing": {
        "en": "Every priced delivery of {year} is already in a payout; nothing to record.",
        "zh": "{year} 年所有有单价的交售都已兑付，无需生成新的兑付记录。",
    },
    "payout.paid": {
        "en": "Payout {code} was already marked paid on {day}.",
        "zh": "兑付单 {code} 已于 {day} 标记为已支付。",
    },
    "payout.out_suffix": {
        "en": "{path}: name the payout report .pdf or .xlsx.",
        "zh": "{path}：兑付报表的扩展名须为 .pdf 或 .xlsx。",
    },
    "payout.file_failed": {
        "en": "The payout report could not be written to {path} ({reason}).",
        "zh": "兑付报表无法写入 {path}（{reason}）。",
    },
}
