"""The sentences of backups and restores, in Chinese and English (merged into
:data:`coop_desktop.domain.messages.MESSAGES`)."""

from __future__ import annotations

BACKUP_MESSAGES: dict[str, dict[str, str]] = {
    "backup.failed": {
        "en": "The backup {path} could not be written ({detail}). Free some disk space or "
              "choose another folder; the database itself was not changed.",
        "zh": "无法写入备份 {path}（{detail}）。请腾出磁盘空间或换一个文件夹；数据库本身没有改动。",
    },
    "backup.audit_broken": {
        "en": "The backup {path} was refused: its audit trail does not verify ({problems} "
              "problems, the first: {first}). Nothing was replaced; choose another backup.",
        "zh": "备份 {path} 被拒绝：其审计记录校验不通过（{problems} 处问题，第一处：{first}）。"
              "没有替换任何数据，请选择其他备份。",
    },
    "backup.is_live": {
        "en": "{path} is the database in use, not a backup; choose a file from the backups "
              "folder.",
        "zh": "{path} 是正在使用的数据库，不是备份；请从备份文件夹中选择文件。",
    },
    "backup.no_cooperative": {
        "en": "The backup {path} holds no cooperative; it is not a backup of this program's "
              "records. Nothing was replaced.",
        "zh": "备份 {path} 中没有合作社信息，不是本程序记录的备份。没有替换任何数据。",
    },
}
