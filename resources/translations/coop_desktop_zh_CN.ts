<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>Actions</name>
    <message>
        <source>Attach a document…</source>
        <translation>附加文件…</translation>
    </message>
    <message>
        <source>Hold</source>
        <translation>扣留</translation>
    </message>
    <message>
        <source>Import cold-chain temperatures…</source>
        <translation>导入冷链温度…</translation>
    </message>
    <message>
        <source>Import from a spreadsheet…</source>
        <translation>从表格导入…</translation>
    </message>
    <message>
        <source>New lot from harvests/deliveries</source>
        <translation>由采收/交售新建批次</translation>
    </message>
    <message>
        <source>Pack and weigh crates</source>
        <translation>称重装箱</translation>
    </message>
    <message>
        <source>Print labels…</source>
        <translation>打印标签…</translation>
    </message>
    <message>
        <source>Record event</source>
        <translation>登记事件</translation>
    </message>
    <message>
        <source>Record field activity</source>
        <translation>登记农事记录</translation>
    </message>
    <message>
        <source>Record harvest</source>
        <translation>登记采收</translation>
    </message>
    <message>
        <source>Record quality result</source>
        <translation>登记质检结果</translation>
    </message>
    <message>
        <source>Release</source>
        <translation>放行</translation>
    </message>
    <message>
        <source>Split</source>
        <translation>分批</translation>
    </message>
    <message>
        <source>Verify the audit chain</source>
        <translation>核验审计链</translation>
    </message>
    <message>
        <source>Weighing session</source>
        <translation>称重场次</translation>
    </message>
</context>
<context>
    <name>AnimalEventForm</name>
    <message>
        <source>Animal %1</source>
        <translation>牲畜 %1</translation>
    </message>
    <message>
        <source>Approval no.</source>
        <translation>兽药批准文号</translation>
    </message>
    <message>
        <source>Bought from or sold to</source>
        <translation>购自或售往</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Dose</source>
        <translation>剂量</translation>
    </message>
    <message>
        <source>Drug lot</source>
        <translation>药品批号</translation>
    </message>
    <message>
        <source>Drug or vaccine</source>
        <translation>兽药或疫苗</translation>
    </message>
    <message>
        <source>Event</source>
        <translation>事件</translation>
    </message>
    <message>
        <source>From</source>
        <translation>转出地</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Record</source>
        <translation>登记</translation>
    </message>
    <message>
        <source>Record animal event</source>
        <extracomment>Which fields each kind of event shows.</extracomment>
        <translation>登记牲畜事件</translation>
    </message>
    <message>
        <source>Sold for food (slaughter)</source>
        <translation>作为食用出售（屠宰）</translation>
    </message>
    <message>
        <source>To</source>
        <translation>转入地</translation>
    </message>
    <message>
        <source>Weight</source>
        <translation>体重</translation>
    </message>
    <message>
        <source>Withdrawal period (days)</source>
        <translation>休药期（天）</translation>
    </message>
</context>
<context>
    <name>AnimalForm</name>
    <message>
        <source>15 digits, from the electronic tag</source>
        <translation>15 位数字，读自电子耳标</translation>
    </message>
    <message>
        <source>Animal %1</source>
        <translation>牲畜 %1</translation>
    </message>
    <message>
        <source>Born on</source>
        <translation>出生日期</translation>
    </message>
    <message>
        <source>Breed</source>
        <translation>品种</translation>
    </message>
    <message>
        <source>Dam (mother)</source>
        <translation>母本（母畜）</translation>
    </message>
    <message>
        <source>Ear tag</source>
        <translation>耳标号</translation>
    </message>
    <message>
        <source>Electronic ID</source>
        <translation>电子标识</translation>
    </message>
    <message>
        <source>Herd</source>
        <translation>畜群</translation>
    </message>
    <message>
        <source>New animal</source>
        <translation>新增牲畜</translation>
    </message>
    <message>
        <source>Owner household</source>
        <translation>所属农户</translation>
    </message>
    <message>
        <source>Sex</source>
        <translation>性别</translation>
    </message>
    <message>
        <source>Sire (father)</source>
        <translation>父本（公畜）</translation>
    </message>
    <message>
        <source>Species</source>
        <translation>畜种</translation>
    </message>
</context>
<context>
    <name>AnimalPane</name>
    <message>
        <source>%1 (%2 days)</source>
        <translation>%1（%2 天）</translation>
    </message>
    <message>
        <source>Animal</source>
        <translation>牲畜</translation>
    </message>
    <message>
        <source>Average daily gain: %1 kg/day overall, %2 kg/day since the previous weighing</source>
        <translation>平均日增重：全程 %1 千克/天，较上次称重 %2 千克/天</translation>
    </message>
    <message>
        <source>Born</source>
        <translation>出生日期</translation>
    </message>
    <message>
        <source>Dam</source>
        <translation>母本</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>详情</translation>
    </message>
    <message>
        <source>Electronic ID</source>
        <translation>电子标识</translation>
    </message>
    <message>
        <source>Event</source>
        <translation>事件</translation>
    </message>
    <message>
        <source>Herd</source>
        <translation>畜群</translation>
    </message>
    <message>
        <source>No animal selected.</source>
        <translation>未选中牲畜。</translation>
    </message>
    <message>
        <source>No weighings yet</source>
        <translation>尚无称重记录</translation>
    </message>
    <message>
        <source>One weighing: the daily gain needs two</source>
        <translation>只有一次称重：计算日增重至少需要两次</translation>
    </message>
    <message>
        <source>Owner</source>
        <translation>畜主</translation>
    </message>
    <message>
        <source>Select an animal to see its story.</source>
        <translation>选中一头牲畜，查看它的完整记录。</translation>
    </message>
    <message>
        <source>Sire</source>
        <translation>父本</translation>
    </message>
    <message>
        <source>Weight (kg)</source>
        <translation>体重（千克）</translation>
    </message>
    <message>
        <source>Withdrawal ends</source>
        <translation>休药期结束</translation>
    </message>
    <message>
        <source>Withdrawal period of %1 until %2: no slaughter or sale for food before that day.</source>
        <translation>%1 的休药期至 %2：在此之前不得屠宰或作为食用出售。</translation>
    </message>
    <message>
        <source>lot %1</source>
        <translation>批号 %1</translation>
    </message>
</context>
<context>
    <name>Application</name>
    <message>
        <source>Coop Desktop</source>
        <extracomment>The QSettings key holding the user&apos;s choice; absent means &quot;as the system&quot;. The language the source strings are written in: it needs no translation to work. The first language of the program, listed first. Each language&apos;s name in itself, as a language menu shows it.</extracomment>
        <translation>合作社管理系统</translation>
    </message>
</context>
<context>
    <name>AuditCheckDialog</name>
    <message numerus="yes">
        <source>%n problem(s) found: records or audit entries were changed outside the program. Keep this list for the auditor and restore a backup if needed.</source>
        <translation>
            <numerusform>发现 %n 个问题：有记录或审计条目在程序之外被改动。请把此清单留给审核员，必要时恢复备份。</numerusform>
        </translation>
    </message>
    <message>
        <source>Checking every audit entry and record…</source>
        <translation>正在核对每条审计记录和每条业务记录……</translation>
    </message>
    <message>
        <source>The audit chain is intact: %1 entries and %2 records checked, nothing changed behind the program&apos;s back.</source>
        <translation>审计链完好：已核对 %1 条审计记录和 %2 条业务记录，没有在程序之外被改动的内容。</translation>
    </message>
    <message>
        <source>Verify the audit chain</source>
        <translation>核验审计链</translation>
    </message>
</context>
<context>
    <name>BackupBox</name>
    <message>
        <source>Automatic</source>
        <translation>自动</translation>
    </message>
    <message>
        <source>Back up now</source>
        <translation>立即备份</translation>
    </message>
    <message>
        <source>Backed up to %1</source>
        <translation>已备份到 %1</translation>
    </message>
    <message>
        <source>Backing up…</source>
        <translation>正在备份…</translation>
    </message>
    <message>
        <source>Backups</source>
        <translation>备份</translation>
    </message>
    <message>
        <source>Before a restore</source>
        <translation>恢复前</translation>
    </message>
    <message>
        <source>Before an upgrade (schema %1)</source>
        <translation>升级前（数据结构 %1）</translation>
    </message>
    <message>
        <source>By hand</source>
        <translation>手动</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>选择…</translation>
    </message>
    <message>
        <source>Coop Desktop backs up the database when it starts and once a day while it runs, into %1. It keeps the newest backup of each of the last 7 days, 4 weeks and 12 months; backups made by hand, before an upgrade or before a restore are always kept. Copy the folder to a USB stick now and then.</source>
        <translation>合作社管理系统在启动时和运行期间每天自动备份数据库，存到 %1。保留最近 7 天、4 周和 12 个月中每个时段最新的一份；手动备份、升级前和恢复前的备份始终保留。请不时把该文件夹复制到 U 盘。</translation>
    </message>
    <message>
        <source>Coop Desktop backups (*.sqlite *.db *.bak);;All files (*)</source>
        <translation>合作社管理系统备份 (*.sqlite *.db *.bak);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Name the folder of the dumps to check them.</source>
        <translation>请指定备份转储所在的文件夹，以便检查。</translation>
    </message>
    <message>
        <source>Nothing was restored: %1</source>
        <translation>没有恢复任何数据：%1</translation>
    </message>
    <message>
        <source>Replace all records with the backup %1?

The file is checked first; the records as they are now are kept as a backup. Coop Desktop closes afterwards: start it again.</source>
        <translation>用备份 %1 替换全部记录？

会先检查备份文件；现有记录会另存为一份备份。之后程序将关闭，请重新启动。</translation>
    </message>
    <message>
        <source>Replace the records with a backup: the file is checked first, and the records as they are now are kept as a backup.</source>
        <translation>用备份替换现有记录：先检查备份文件，现有记录会另存为一份备份。</translation>
    </message>
    <message>
        <source>Restore a backup</source>
        <translation>恢复备份</translation>
    </message>
    <message>
        <source>Restore…</source>
        <translation>恢复…</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>大小</translation>
    </message>
    <message>
        <source>Taken</source>
        <translation>备份时间</translation>
    </message>
    <message>
        <source>The backup %1 was restored. Coop Desktop will close now; start it again to work on the restored records.</source>
        <translation>备份 %1 已恢复。程序现在将关闭，请重新启动后使用恢复的记录。</translation>
    </message>
    <message>
        <source>The backup failed: %1</source>
        <translation>备份失败：%1</translation>
    </message>
    <message>
        <source>The command to schedule on the server:</source>
        <translation>在服务器上定时运行的命令：</translation>
    </message>
    <message>
        <source>The folder of the dumps</source>
        <translation>转储文件夹</translation>
    </message>
    <message>
        <source>The folder pg_dump writes into</source>
        <translation>pg_dump 写入的文件夹</translation>
    </message>
    <message>
        <source>The newest dump, %1, was written on %2.</source>
        <translation>最新的转储 %1 写于 %2。</translation>
    </message>
    <message>
        <source>The newest dump, %1, was written on %2: more than a day ago. Check the scheduled pg_dump on the server.</source>
        <translation>最新的转储 %1 写于 %2，已超过一天。请检查服务器上定时运行的 pg_dump。</translation>
    </message>
    <message>
        <source>The records are on a PostgreSQL server: back it up on the server with pg_dump, once a day (Task Scheduler or cron), into a folder this PC can see. Name that folder here and Coop Desktop checks that the newest dump is recent.</source>
        <translation>记录保存在 PostgreSQL 服务器上：请在服务器上用 pg_dump 每天备份一次（任务计划程序或 cron），存到本机能访问的文件夹。在此指定该文件夹，系统会检查最新的转储是否及时。</translation>
    </message>
    <message>
        <source>The records as they were are kept in %1.</source>
        <translation>原有记录已保存在 %1。</translation>
    </message>
    <message>
        <source>There is no dump in %1: the records are not backed up. Run the command below on the server.</source>
        <translation>%1 中没有转储文件：记录没有备份。请在服务器上运行下面的命令。</translation>
    </message>
</context>
<context>
    <name>BackupTimer</name>
    <message>
        <source>Backed up to %1</source>
        <translation>已备份到 %1</translation>
    </message>
    <message>
        <source>The automatic backup failed: %1</source>
        <translation>自动备份失败：%1</translation>
    </message>
</context>
<context>
    <name>BatchForm</name>
    <message>
        <source>Area</source>
        <translation>面积</translation>
    </message>
    <message>
        <source>Batch code</source>
        <translation>批次编号</translation>
    </message>
    <message>
        <source>New planting batch</source>
        <translation>新增种植批次</translation>
    </message>
    <message>
        <source>Planted on</source>
        <translation>种植日期</translation>
    </message>
    <message>
        <source>Planting batch %1</source>
        <translation>种植批次 %1</translation>
    </message>
    <message>
        <source>Plot</source>
        <translation>地块</translation>
    </message>
    <message>
        <source>Product</source>
        <translation>产品</translation>
    </message>
    <message>
        <source>Season</source>
        <translation>种植季</translation>
    </message>
    <message>
        <source>Seed company or nursery</source>
        <translation>种子公司或育苗场</translation>
    </message>
    <message>
        <source>Seed lot</source>
        <translation>种子批号</translation>
    </message>
    <message>
        <source>Seed or seedling source</source>
        <translation>种子或种苗来源</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>mu</source>
        <translation>亩</translation>
    </message>
</context>
<context>
    <name>BatchPane</name>
    <message>
        <source>Active ingredient</source>
        <translation>有效成分</translation>
    </message>
    <message>
        <source>Activity</source>
        <translation>农事</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>用量</translation>
    </message>
    <message>
        <source>Area</source>
        <translation>面积</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Field record (%1)</source>
        <translation>农事记录（%1）</translation>
    </message>
    <message>
        <source>From this batch</source>
        <translation>来自本批次</translation>
    </message>
    <message>
        <source>Grade</source>
        <translation>等级</translation>
    </message>
    <message>
        <source>Harvest allowed</source>
        <translation>可采收日期</translation>
    </message>
    <message>
        <source>Harvest or delivery</source>
        <translation>采收或交售</translation>
    </message>
    <message>
        <source>Harvests (%1)</source>
        <translation>采收（%1）</translation>
    </message>
    <message>
        <source>Household</source>
        <translation>农户</translation>
    </message>
    <message>
        <source>Input</source>
        <translation>投入品</translation>
    </message>
    <message>
        <source>Input lot</source>
        <translation>投入品批号</translation>
    </message>
    <message>
        <source>Inside a pre-harvest interval: no harvest before %1.</source>
        <translation>处于安全间隔期内：%1 之前不得采收。</translation>
    </message>
    <message>
        <source>Into lots</source>
        <translation>进入批次</translation>
    </message>
    <message>
        <source>Lot</source>
        <translation>批次号</translation>
    </message>
    <message>
        <source>Lot quantity</source>
        <translation>批次数量</translation>
    </message>
    <message>
        <source>Lots made from them</source>
        <translation>由此制成的批次</translation>
    </message>
    <message>
        <source>No harvest before this day.</source>
        <translation>此日期之前不得采收。</translation>
    </message>
    <message>
        <source>No planting batch selected.</source>
        <translation>未选中种植批次。</translation>
    </message>
    <message>
        <source>Operator</source>
        <translation>操作人</translation>
    </message>
    <message>
        <source>PHI (days)</source>
        <translation>安全间隔期（天）</translation>
    </message>
    <message>
        <source>PHI ends</source>
        <translation>安全间隔期结束</translation>
    </message>
    <message>
        <source>Packed</source>
        <translation>包装日期</translation>
    </message>
    <message>
        <source>Planted</source>
        <translation>种植日期</translation>
    </message>
    <message>
        <source>Planting batch</source>
        <extracomment>The columns of the field record; &quot;PHI ends&quot; is the one highlighted while it runs.</extracomment>
        <translation>种植批次</translation>
    </message>
    <message>
        <source>Plot</source>
        <translation>地块</translation>
    </message>
    <message>
        <source>Quantity</source>
        <translation>数量</translation>
    </message>
    <message>
        <source>Registration no.</source>
        <translation>登记证号</translation>
    </message>
    <message>
        <source>Seed lot</source>
        <translation>种子批号</translation>
    </message>
    <message>
        <source>Seed or seedlings</source>
        <translation>种子或种苗</translation>
    </message>
    <message>
        <source>Select a planting batch to see its story.</source>
        <translation>选中一个种植批次，查看它的完整记录。</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>any day (no input with a PHI)</source>
        <translation>随时（未使用有安全间隔期的投入品）</translation>
    </message>
    <message>
        <source>delivery %1</source>
        <translation>交售 %1</translation>
    </message>
    <message>
        <source>harvest</source>
        <translation>采收</translation>
    </message>
    <message>
        <source>mu</source>
        <translation>亩</translation>
    </message>
    <message>
        <source>now (since %1)</source>
        <translation>现在（自 %1 起）</translation>
    </message>
</context>
<context>
    <name>CertificationForm</name>
    <message>
        <source>Certificate no.</source>
        <translation>证书编号</translation>
    </message>
    <message>
        <source>Certifier</source>
        <translation>认证机构</translation>
    </message>
    <message>
        <source>Members</source>
        <translation>社员</translation>
    </message>
    <message>
        <source>Members (%1)</source>
        <translation>社员（%1）</translation>
    </message>
    <message>
        <source>New certificate</source>
        <translation>新增证书</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Plots</source>
        <translation>地块</translation>
    </message>
    <message>
        <source>Plots (%1)</source>
        <translation>地块（%1）</translation>
    </message>
    <message>
        <source>Products</source>
        <translation>产品</translation>
    </message>
    <message>
        <source>Products (%1)</source>
        <translation>产品（%1）</translation>
    </message>
    <message>
        <source>Scheme</source>
        <translation>认证类别</translation>
    </message>
    <message>
        <source>Scope</source>
        <translation>认证范围</translation>
    </message>
    <message>
        <source>Valid from</source>
        <translation>有效期起</translation>
    </message>
    <message>
        <source>Valid until</source>
        <translation>有效期至</translation>
    </message>
</context>
<context>
    <name>Checker</name>
    <message>
        <source>, </source>
        <comment>between the items of a list</comment>
        <extracomment>The look of a field marked invalid and of the sentences; set on each form dialog. Refusals that only say something is still missing: listed as &quot;still needed&quot; until the user has been at the field, where other refusals show at once (a default date inside a pre-harvest interval, a stored ID number with a wrong check digit).</extracomment>
        <translation>、</translation>
    </message>
    <message>
        <source>Still needed: %1</source>
        <translation>尚需填写：%1</translation>
    </message>
</context>
<context>
    <name>ColdChain</name>
    <message>
        <source>%1 h</source>
        <translation>%1 小时</translation>
    </message>
    <message>
        <source>%1 h %2 min</source>
        <translation>%1 小时 %2 分钟</translation>
    </message>
    <message>
        <source>%1 min</source>
        <translation>%1 分钟</translation>
    </message>
    <message>
        <source>too cold at one reading, %1</source>
        <translation>单次读数过冷，%1</translation>
    </message>
    <message>
        <source>too cold for %1, lowest %2</source>
        <translation>过冷 %1，最低 %2</translation>
    </message>
    <message>
        <source>too warm at one reading, %1</source>
        <translation>单次读数超温，%1</translation>
    </message>
    <message>
        <source>too warm for %1, peak %2</source>
        <translation>超温 %1，最高 %2</translation>
    </message>
</context>
<context>
    <name>ColdChainDialog</name>
    <message>
        <source>%1 readings, %2, from %3 to %4.</source>
        <translation>共 %1 个读数，%2，温度 %3 至 %4。</translation>
    </message>
    <message numerus="yes">
        <source>%n row(s) could not be read.</source>
        <translation>
            <numerusform>%n 行无法读取。</numerusform>
        </translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Choose a file…</source>
        <translation>选择文件…</translation>
    </message>
    <message>
        <source>Choose a temperature logger file</source>
        <translation>选择温度记录仪文件</translation>
    </message>
    <message>
        <source>Choose the file the temperature logger exported (CSV or XLSX, with a time and a temperature column). Nothing is stored until you confirm.</source>
        <translation>请选择温度记录仪导出的文件（CSV 或 XLSX，含时间列和温度列）。您确认之前不会保存任何数据。</translation>
    </message>
    <message>
        <source>Cold-chain temperatures of shipment %1</source>
        <extracomment>The reading shows its progress dialog only when it takes longer than this. A file was read and is shown (``data`` holds it). A file could not be read: the sentence.</extracomment>
        <translation>发货单 %1 的冷链温度</translation>
    </message>
    <message>
        <source>Every reading within %1.</source>
        <translation>所有读数均在 %1 之内。</translation>
    </message>
    <message>
        <source>Every row could be read.</source>
        <translation>所有行均可读取。</translation>
    </message>
    <message>
        <source>Excursion</source>
        <translation>温度异常</translation>
    </message>
    <message>
        <source>Logger files (*.csv *.xlsx *.txt);;All files (*)</source>
        <translation>记录仪文件 (*.csv *.xlsx *.txt);;所有文件 (*)</translation>
    </message>
    <message>
        <source>No file chosen.</source>
        <translation>尚未选择文件。</translation>
    </message>
    <message>
        <source>Outside %1:</source>
        <translation>超出 %1 的时段：</translation>
    </message>
    <message>
        <source>Reading %1…</source>
        <translation>正在读取 %1…</translation>
    </message>
    <message>
        <source>Row</source>
        <translation>行号</translation>
    </message>
    <message>
        <source>Rows that could not be read:</source>
        <translation>无法读取的行：</translation>
    </message>
    <message>
        <source>Shipment %1 to %2, shipped %3</source>
        <translation>发货单 %1，发往 %2，发货日期 %3</translation>
    </message>
    <message>
        <source>Store the %1 good readings</source>
        <translation>保存 %1 个有效读数</translation>
    </message>
    <message>
        <source>Store the %1 readings</source>
        <translation>保存 %1 个读数</translation>
    </message>
    <message>
        <source>Store the readings</source>
        <translation>保存读数</translation>
    </message>
    <message>
        <source>Storing keeps the %1 good readings and leaves out the rows that could not be read.</source>
        <translation>保存时只保留 %1 个有效读数，略过无法读取的行。</translation>
    </message>
    <message>
        <source>The file has changed since it was read; look at it again before storing it.</source>
        <translation>文件在读取之后被修改过，请重新查看后再保存。</translation>
    </message>
    <message>
        <source>The file holds no usable reading.</source>
        <translation>文件中没有可用的读数。</translation>
    </message>
    <message>
        <source>This shipment already has %1 readings; these are added to them.</source>
        <translation>该发货单已有 %1 个读数，本次读数将追加保存。</translation>
    </message>
    <message>
        <source>What is wrong</source>
        <translation>错误原因</translation>
    </message>
    <message>
        <source>When</source>
        <translation>时间</translation>
    </message>
</context>
<context>
    <name>Columns</name>
    <message>
        <source>Action</source>
        <translation>操作</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>启用</translation>
    </message>
    <message>
        <source>Area (mu)</source>
        <translation>面积（亩）</translation>
    </message>
    <message>
        <source>Best before</source>
        <translation>保质期至</translation>
    </message>
    <message>
        <source>Born</source>
        <translation>出生日期</translation>
    </message>
    <message>
        <source>Breed</source>
        <translation>品种</translation>
    </message>
    <message>
        <source>Certificate</source>
        <translation>证书编号</translation>
    </message>
    <message>
        <source>Certifier</source>
        <translation>认证机构</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>编号</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>客户</translation>
    </message>
    <message>
        <source>Delivered</source>
        <translation>交售日期</translation>
    </message>
    <message>
        <source>Driver</source>
        <translation>司机</translation>
    </message>
    <message>
        <source>Ear tag</source>
        <translation>耳标号</translation>
    </message>
    <message>
        <source>Electronic ID</source>
        <translation>电子标识</translation>
    </message>
    <message>
        <source>Grade</source>
        <translation>等级</translation>
    </message>
    <message>
        <source>Harvested</source>
        <translation>采收日期</translation>
    </message>
    <message>
        <source>Head of household</source>
        <translation>户主</translation>
    </message>
    <message>
        <source>Herd</source>
        <translation>畜群</translation>
    </message>
    <message>
        <source>Household size</source>
        <translation>家庭人口</translation>
    </message>
    <message>
        <source>In GI area</source>
        <translation>地理标志保护区内</translation>
    </message>
    <message>
        <source>Joined</source>
        <translation>入社日期</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Laboratory</source>
        <translation>检测机构</translation>
    </message>
    <message>
        <source>Land type</source>
        <translation>土地类型</translation>
    </message>
    <message>
        <source>Left</source>
        <translation>退社日期</translation>
    </message>
    <message>
        <source>Location</source>
        <translation>位置</translation>
    </message>
    <message>
        <source>Lot</source>
        <translation>批次号</translation>
    </message>
    <message>
        <source>Member</source>
        <translation>社员</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>型号</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Net weight</source>
        <translation>净重</translation>
    </message>
    <message>
        <source>No.</source>
        <translation>序号</translation>
    </message>
    <message>
        <source>Owner</source>
        <translation>畜主</translation>
    </message>
    <message>
        <source>Packed</source>
        <translation>包装日期</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <source>Planted</source>
        <translation>种植日期</translation>
    </message>
    <message>
        <source>Planting batch</source>
        <translation>种植批次</translation>
    </message>
    <message>
        <source>Plot</source>
        <translation>地块</translation>
    </message>
    <message>
        <source>Poll every (s)</source>
        <translation>采集间隔（秒）</translation>
    </message>
    <message>
        <source>Printed</source>
        <translation>打印时间</translation>
    </message>
    <message>
        <source>Printed by</source>
        <translation>打印人</translation>
    </message>
    <message>
        <source>Printer</source>
        <translation>打印机</translation>
    </message>
    <message>
        <source>Product</source>
        <translation>产品</translation>
    </message>
    <message>
        <source>Quantity</source>
        <translation>数量</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>Record</source>
        <translation>记录</translation>
    </message>
    <message>
        <source>Report no.</source>
        <translation>报告编号</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>结果</translation>
    </message>
    <message>
        <source>Scheme</source>
        <translation>认证类别</translation>
    </message>
    <message>
        <source>Season</source>
        <translation>种植季</translation>
    </message>
    <message>
        <source>Seed lot</source>
        <translation>种子批号</translation>
    </message>
    <message>
        <source>Sensor</source>
        <translation>传感器</translation>
    </message>
    <message>
        <source>Serial</source>
        <translation>序列号</translation>
    </message>
    <message>
        <source>Sex</source>
        <translation>性别</translation>
    </message>
    <message>
        <source>Shipment</source>
        <translation>发货单</translation>
    </message>
    <message>
        <source>Shipped</source>
        <translation>发货日期</translation>
    </message>
    <message>
        <source>Species</source>
        <translation>畜种</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Template</source>
        <translation>模板</translation>
    </message>
    <message>
        <source>Tested</source>
        <translation>检测日期</translation>
    </message>
    <message>
        <source>Tested by</source>
        <translation>检测人</translation>
    </message>
    <message>
        <source>Township</source>
        <translation>乡镇</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>单位</translation>
    </message>
    <message>
        <source>Unit price</source>
        <translation>单价</translation>
    </message>
    <message>
        <source>Valid from</source>
        <translation>有效期起</translation>
    </message>
    <message>
        <source>Valid until</source>
        <translation>有效期至</translation>
    </message>
    <message>
        <source>Vehicle</source>
        <translation>车辆</translation>
    </message>
    <message>
        <source>Village</source>
        <translation>村</translation>
    </message>
    <message>
        <source>Void reason</source>
        <translation>作废原因</translation>
    </message>
    <message>
        <source>When</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Who</source>
        <translation>操作人</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>是</translation>
    </message>
</context>
<context>
    <name>CrashDialog</name>
    <message>
        <source>Coop Desktop met an unexpected error</source>
        <extracomment>Personal numbers, most specific first: a citizen ID number (18 characters, the last may be X), a bank account or card (15 to 19 digits), a mobile phone, a landline.</extracomment>
        <translation>合作社管理系统遇到意外错误</translation>
    </message>
    <message>
        <source>Copy the report</source>
        <translation>复制报告</translation>
    </message>
    <message>
        <source>Something went wrong inside Coop Desktop. What you saved before is kept; the last action may not have finished. Check it, and send the report below to whoever supports your cooperative.</source>
        <translation>合作社管理系统内部出错。之前保存的内容都在；最后一步操作可能没有完成，请检查，并把下面的报告发给为合作社提供技术支持的人。</translation>
    </message>
    <message>
        <source>The report was saved as:
%1</source>
        <translation>报告已保存为：
%1</translation>
    </message>
</context>
<context>
    <name>CustomerForm</name>
    <message>
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <source>Contact person</source>
        <translation>联系人</translation>
    </message>
    <message>
        <source>Customer code</source>
        <translation>客户编号</translation>
    </message>
    <message>
        <source>Kind of buyer</source>
        <translation>客户类型</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>客户名称</translation>
    </message>
    <message>
        <source>New customer</source>
        <translation>新增客户</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
</context>
<context>
    <name>DeliveryForm</name>
    <message>
        <source>Delivered on</source>
        <translation>交售日期</translation>
    </message>
    <message>
        <source>Delivery no.</source>
        <translation>交售单号</translation>
    </message>
    <message>
        <source>Grade</source>
        <translation>等级</translation>
    </message>
    <message>
        <source>Member household</source>
        <translation>社员户</translation>
    </message>
    <message>
        <source>New delivery</source>
        <translation>新增交售</translation>
    </message>
    <message>
        <source>Optional: the planting batch it came from</source>
        <translation>可选：产品来自的种植批次</translation>
    </message>
    <message>
        <source>Planting batch</source>
        <translation>种植批次</translation>
    </message>
    <message>
        <source>Product</source>
        <translation>产品</translation>
    </message>
    <message>
        <source>Quantity</source>
        <translation>数量</translation>
    </message>
    <message>
        <source>Unit price</source>
        <translation>单价</translation>
    </message>
    <message>
        <source>yuan per %1</source>
        <translation>元/%1</translation>
    </message>
    <message>
        <source>yuan per kg</source>
        <translation>元/千克</translation>
    </message>
</context>
<context>
    <name>DeviceReader</name>
    <message>
        <source>the device</source>
        <translation>设备</translation>
    </message>
</context>
<context>
    <name>DevicesPage</name>
    <message>
        <source>A serial port, or type one: /dev/pts/3, COM3, tcp://host:port</source>
        <translation>选择串口，或直接输入：/dev/pts/3、COM3、tcp://主机:端口</translation>
    </message>
    <message>
        <source>Bytes received (hex)</source>
        <translation>收到的字节（十六进制）</translation>
    </message>
    <message>
        <source>Checksum errors: check the protocol option.</source>
        <translation>校验错误：请检查协议选项。</translation>
    </message>
    <message>
        <source>Choose or type a port first.</source>
        <translation>请先选择或输入端口。</translation>
    </message>
    <message>
        <source>Choose the device model first.</source>
        <translation>请先选择设备型号。</translation>
    </message>
    <message>
        <source>Clear tare</source>
        <translation>清除皮重</translation>
    </message>
    <message>
        <source>Clear tare sent to the device.</source>
        <translation>已向设备发送清除皮重。</translation>
    </message>
    <message>
        <source>Device</source>
        <translation>设备型号</translation>
    </message>
    <message>
        <source>EID reader</source>
        <translation>电子耳标读卡器</translation>
    </message>
    <message>
        <source>Livestock scale</source>
        <translation>牲畜秤</translation>
    </message>
    <message>
        <source>No answer to the poll command: wrong address, wrong baud rate, or the indicator is not in command mode?</source>
        <translation>查询指令没有应答：地址或波特率不对，或仪表不在指令模式？</translation>
    </message>
    <message>
        <source>No data: check the cable and the port.</source>
        <translation>没有数据：请检查连接线和端口。</translation>
    </message>
    <message>
        <source>Only garbage arrives: wrong baud rate or parity?</source>
        <translation>只收到乱码：波特率或校验位设置错误？</translation>
    </message>
    <message>
        <source>Opening %1…</source>
        <translation>正在打开 %1…</translation>
    </message>
    <message>
        <source>Packing scale</source>
        <translation>包装秤</translation>
    </message>
    <message>
        <source>Port</source>
        <translation>端口</translation>
    </message>
    <message>
        <source>Readings</source>
        <translation>读数</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>用途</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <source>Tare</source>
        <translation>去皮</translation>
    </message>
    <message>
        <source>Tare sent to the device.</source>
        <translation>已向设备发送去皮。</translation>
    </message>
    <message>
        <source>Test</source>
        <translation>测试</translation>
    </message>
    <message>
        <source>The device assignments are saved on this PC.</source>
        <translation>设备分配已保存在本电脑上。</translation>
    </message>
    <message>
        <source>This device cannot be tested here: %1</source>
        <translation>无法在此测试该设备：%1</translation>
    </message>
    <message>
        <source>This device has no such command, or no test runs.</source>
        <translation>该设备没有这个指令，或测试未在运行。</translation>
    </message>
    <message>
        <source>This looks like the scoreboard output; use the PC port.</source>
        <translation>这看起来是大屏幕输出，请改用电脑（PC）端口。</translation>
    </message>
    <message>
        <source>Zero</source>
        <translation>置零</translation>
    </message>
    <message>
        <source>Zero sent to the device.</source>
        <translation>已向设备发送置零。</translation>
    </message>
    <message>
        <source>moving</source>
        <translation>不稳定</translation>
    </message>
    <message>
        <source>over range</source>
        <translation>超量程</translation>
    </message>
    <message>
        <source>stability unknown</source>
        <translation>稳定性未知</translation>
    </message>
    <message>
        <source>stable</source>
        <translation>稳定</translation>
    </message>
    <message>
        <source>tare %1 %2</source>
        <translation>皮重 %1 %2</translation>
    </message>
</context>
<context>
    <name>DocumentForm</name>
    <message>
        <source>Attach</source>
        <translation>附加</translation>
    </message>
    <message>
        <source>Attach a document</source>
        <translation>附加文件</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <source>Certificate %1</source>
        <translation>证书 %1</translation>
    </message>
    <message>
        <source>Certificate scan, certifier&apos;s letter…</source>
        <translation>证书扫描件、认证机构函件…</translation>
    </message>
    <message>
        <source>Choose the document</source>
        <translation>选择文件</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>说明</translation>
    </message>
    <message>
        <source>Documents (*.pdf *.jpg *.jpeg *.png *.tif *.tiff);;All files (*)</source>
        <translation>文件 (*.pdf *.jpg *.jpeg *.png *.tif *.tiff);;所有文件 (*)</translation>
    </message>
    <message>
        <source>File</source>
        <translation>文件</translation>
    </message>
</context>
<context>
    <name>FieldActivityForm</name>
    <message>
        <source>Active ingredient</source>
        <translation>有效成分</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>用量</translation>
    </message>
    <message>
        <source>Area</source>
        <translation>作业面积</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>作业日期</translation>
    </message>
    <message>
        <source>Done by</source>
        <translation>操作人</translation>
    </message>
    <message>
        <source>From the product&apos;s label</source>
        <translation>按产品标签填写</translation>
    </message>
    <message>
        <source>Input (product name)</source>
        <translation>投入品（产品名称）</translation>
    </message>
    <message>
        <source>Input lot</source>
        <translation>投入品批号</translation>
    </message>
    <message>
        <source>Input used</source>
        <translation>使用的投入品</translation>
    </message>
    <message>
        <source>Kind of work</source>
        <translation>农事类型</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Pesticide registration no.</source>
        <translation>农药登记证号</translation>
    </message>
    <message>
        <source>Planting batch %1</source>
        <translation>种植批次 %1</translation>
    </message>
    <message>
        <source>Pre-harvest interval (days)</source>
        <translation>安全间隔期（天）</translation>
    </message>
    <message>
        <source>Record</source>
        <translation>登记</translation>
    </message>
    <message>
        <source>Record field activity</source>
        <extracomment>Units an amount of input is given in (seed, fertiliser, pesticide, water).</extracomment>
        <translation>登记农事记录</translation>
    </message>
    <message>
        <source>Work done</source>
        <translation>农事内容</translation>
    </message>
    <message>
        <source>e.g. PD20083264</source>
        <translation>例如 PD20083264</translation>
    </message>
    <message>
        <source>mu</source>
        <translation>亩</translation>
    </message>
</context>
<context>
    <name>Filters</name>
    <message>
        <source>Born</source>
        <translation>出生日期</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>客户</translation>
    </message>
    <message>
        <source>Delivered</source>
        <translation>交售日期</translation>
    </message>
    <message>
        <source>Herd</source>
        <translation>畜群</translation>
    </message>
    <message>
        <source>Joined</source>
        <translation>入社日期</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Land type</source>
        <translation>土地类型</translation>
    </message>
    <message>
        <source>Packed</source>
        <translation>包装日期</translation>
    </message>
    <message>
        <source>Planted</source>
        <translation>种植日期</translation>
    </message>
    <message>
        <source>Printed</source>
        <translation>打印日期</translation>
    </message>
    <message>
        <source>Product</source>
        <translation>产品</translation>
    </message>
    <message>
        <source>Record</source>
        <translation>记录类型</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>结果</translation>
    </message>
    <message>
        <source>Scheme</source>
        <translation>认证类别</translation>
    </message>
    <message>
        <source>Shipped</source>
        <translation>发货日期</translation>
    </message>
    <message>
        <source>Species</source>
        <translation>畜种</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Tested</source>
        <translation>检测日期</translation>
    </message>
    <message>
        <source>Township</source>
        <translation>乡镇</translation>
    </message>
    <message>
        <source>Valid until</source>
        <translation>有效期至</translation>
    </message>
    <message>
        <source>Village</source>
        <translation>村</translation>
    </message>
    <message>
        <source>When</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Who</source>
        <translation>操作人</translation>
    </message>
</context>
<context>
    <name>FirstStartDialog</name>
    <message>
        <source>Administrator</source>
        <translation>管理员账号</translation>
    </message>
    <message>
        <source>Cooperative name</source>
        <translation>合作社名称</translation>
    </message>
    <message>
        <source>Enter the cooperative&apos;s name.</source>
        <translation>请填写合作社名称。</translation>
    </message>
    <message>
        <source>Explore a demo cooperative (demo users: see README)</source>
        <translation>先试用示例合作社（示例用户见 README 说明）</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>密码</translation>
    </message>
    <message>
        <source>Password again</source>
        <translation>再次输入密码</translation>
    </message>
    <message>
        <source>Set up my cooperative</source>
        <translation>设置我们自己的合作社</translation>
    </message>
    <message numerus="yes">
        <source>The password needs at least %n characters.</source>
        <translation>
            <numerusform>密码至少需要 %n 个字符。</numerusform>
        </translation>
    </message>
    <message>
        <source>The two passwords differ.</source>
        <translation>两次输入的密码不一致。</translation>
    </message>
    <message>
        <source>This database is empty.</source>
        <translation>这个数据库还是空的。</translation>
    </message>
    <message>
        <source>Welcome to Coop Desktop</source>
        <translation>欢迎使用合作社管理系统</translation>
    </message>
</context>
<context>
    <name>FormDialog</name>
    <message>
        <source>Choose one of the records the list offers, or clear the field.</source>
        <translation>请从列表提供的记录中选择一项，或清空此栏。</translation>
    </message>
</context>
<context>
    <name>HarvestForm</name>
    <message>
        <source>Every pre-harvest interval ended by %1.</source>
        <translation>所有安全间隔期已于 %1 前结束。</translation>
    </message>
    <message>
        <source>Grade</source>
        <translation>等级</translation>
    </message>
    <message>
        <source>Harvested by</source>
        <translation>采收人</translation>
    </message>
    <message>
        <source>Harvested on</source>
        <translation>采收日期</translation>
    </message>
    <message>
        <source>No input with a pre-harvest interval was recorded on this batch.</source>
        <translation>本批次没有登记过有安全间隔期的投入品。</translation>
    </message>
    <message>
        <source>Planted on</source>
        <translation>种植日期</translation>
    </message>
    <message>
        <source>Planting batch %1</source>
        <translation>种植批次 %1</translation>
    </message>
    <message>
        <source>Pre-harvest intervals run until %1: harvest from %2 on.</source>
        <translation>安全间隔期持续到 %1：%2 起方可采收。</translation>
    </message>
    <message>
        <source>Quantity</source>
        <translation>数量</translation>
    </message>
    <message>
        <source>Record</source>
        <translation>登记</translation>
    </message>
    <message>
        <source>Record harvest</source>
        <translation>登记采收</translation>
    </message>
</context>
<context>
    <name>HoldForm</name>
    <message>
        <source>Hold</source>
        <translation>扣留</translation>
    </message>
    <message>
        <source>Hold lot</source>
        <translation>扣留批次</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
</context>
<context>
    <name>Home</name>
    <message>
        <source>Animals inside a withdrawal period</source>
        <translation>休药期内的牲畜</translation>
    </message>
    <message>
        <source>Certificates expiring within 60 days</source>
        <translation>60 天内到期的证书</translation>
    </message>
    <message>
        <source>Lots waiting for a quality result</source>
        <translation>等待质检结果的批次</translation>
    </message>
    <message>
        <source>Planting batches inside a pre-harvest interval</source>
        <translation>安全间隔期内的种植批次</translation>
    </message>
    <message>
        <source>Sensor alerts</source>
        <translation>传感器报警</translation>
    </message>
</context>
<context>
    <name>HomeCharts</name>
    <message>
        <source>%1 in the last %2 weeks; this week is the last bar.</source>
        <translation>近 %2 周合计 %1；最后一根柱为本周。</translation>
    </message>
    <message numerus="yes">
        <source>%1: %2 in %n lot(s)</source>
        <translation>
            <numerusform>%1：%n 个批次共 %2</numerusform>
        </translation>
    </message>
    <message>
        <source>Harvested and delivered, by week</source>
        <translation>每周采收与交售量</translation>
    </message>
    <message>
        <source>In stock</source>
        <translation>库存</translation>
    </message>
    <message>
        <source>In stock: open and released lots</source>
        <translation>库存：待检和已放行的批次</translation>
    </message>
    <message>
        <source>No open or released lot has anything left.</source>
        <translation>待检和已放行的批次均已无剩余。</translation>
    </message>
    <message>
        <source>Nothing</source>
        <translation>无</translation>
    </message>
    <message>
        <source>Nothing in stock</source>
        <translation>暂无库存</translation>
    </message>
    <message>
        <source>Other products</source>
        <translation>其他产品</translation>
    </message>
    <message>
        <source>Week beginning</source>
        <translation>周起始日</translation>
    </message>
</context>
<context>
    <name>HomePage</name>
    <message>
        <source>Nothing to do</source>
        <translation>暂无待办事项</translation>
    </message>
</context>
<context>
    <name>ImportDialog</name>
    <message>
        <source>%1 (%2): %3 rows under the column names in row %4.</source>
        <translation>%1（%2）：列名在第 %4 行，其下共 %3 行。</translation>
    </message>
    <message>
        <source>%1, %2.</source>
        <translation>%1，%2。</translation>
    </message>
    <message numerus="yes">
        <source>%n have errors</source>
        <translation>
            <numerusform>%n 行有错误</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n row(s) can be imported</source>
        <translation>
            <numerusform>%n 行可以导入</numerusform>
        </translation>
    </message>
    <message>
        <source>* required</source>
        <translation>* 必填</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Checking %1 rows…</source>
        <translation>正在检查 %1 行…</translation>
    </message>
    <message>
        <source>Choose a file…</source>
        <translation>选择文件…</translation>
    </message>
    <message>
        <source>Choose a spreadsheet</source>
        <translation>选择表格文件</translation>
    </message>
    <message>
        <source>Choose an Excel workbook (.xlsx) or a CSV file (UTF-8 or GBK). Its first row names the columns. You will see which column holds what, the first rows and every row with a mistake before anything is written.</source>
        <translation>请选择 Excel 工作簿（.xlsx）或 CSV 文件（UTF-8 或 GBK 编码），第一行为列名。写入任何数据之前，您会先看到每一列对应什么、文件的前几行以及每一个有错误的行。</translation>
    </message>
    <message>
        <source>Choose another file…</source>
        <translation>选择其他文件…</translation>
    </message>
    <message>
        <source>Choose the columns to check the rows.</source>
        <translation>请先为各项指定列，再检查各行。</translation>
    </message>
    <message>
        <source>Column</source>
        <translation>列</translation>
    </message>
    <message>
        <source>Columns</source>
        <translation>列的对应</translation>
    </message>
    <message>
        <source>Columns it may have: %1.</source>
        <translation>可以包含的列：%1。</translation>
    </message>
    <message>
        <source>Columns the file must have: %1.</source>
        <translation>文件必须包含的列：%1。</translation>
    </message>
    <message>
        <source>Import animals from a spreadsheet</source>
        <translation>从表格导入牲畜</translation>
    </message>
    <message>
        <source>Import members from a spreadsheet</source>
        <extracomment>Rows of the file the preview table shows; the errors list covers every row. Errors the list shows one by one (a file wrong in every row would take long to list). A progress dialog appears only for work that takes longer than this. Fields whose values are personal numbers, masked in the preview table. A cell that looks like a resident ID number (18 characters) is masked whichever column it is in. Not 15 digits: the old ID numbers are gone, and ear tags have 15 digits. A preview is on the page (after reading a file or changing the mapping). A file could not be read, a preview or the import failed or was cancelled: the sentence. The work running now (reading, checking or writing), for tests to wait on.</extracomment>
        <translation>从表格导入社员</translation>
    </message>
    <message>
        <source>Import plots from a spreadsheet</source>
        <translation>从表格导入地块</translation>
    </message>
    <message numerus="yes">
        <source>Import the %n valid row(s)</source>
        <translation>
            <numerusform>导入 %n 条有效行</numerusform>
        </translation>
    </message>
    <message>
        <source>Importing %1 rows…</source>
        <translation>正在导入 %1 行…</translation>
    </message>
    <message>
        <source>Reading %1…</source>
        <translation>正在读取 %1…</translation>
    </message>
    <message>
        <source>Required: every row needs it</source>
        <translation>必填：每一行都必须有</translation>
    </message>
    <message>
        <source>Row</source>
        <translation>行号</translation>
    </message>
    <message>
        <source>Rows with errors</source>
        <translation>有错误的行</translation>
    </message>
    <message>
        <source>Rows with errors (the first %1 of %2 errors are listed)</source>
        <translation>有错误的行（共 %2 个错误，列出前 %1 个）</translation>
    </message>
    <message>
        <source>Spreadsheets (*.xlsx *.csv *.txt);;Excel workbook (*.xlsx);;CSV file (*.csv *.txt);;All files (*)</source>
        <translation>表格文件 (*.xlsx *.csv *.txt);;Excel 工作簿 (*.xlsx);;CSV 文件 (*.csv *.txt);;所有文件 (*)</translation>
    </message>
    <message>
        <source>The first %1 of %2 rows, as read from the file</source>
        <translation>文件中读到的前 %1 行（共 %2 行）</translation>
    </message>
    <message>
        <source>The rows as read from the file</source>
        <translation>文件中读到的各行</translation>
    </message>
    <message>
        <source>The worksheet to import</source>
        <translation>要导入的工作表</translation>
    </message>
    <message>
        <source>What is wrong</source>
        <translation>错误原因</translation>
    </message>
    <message>
        <source>not imported</source>
        <translation>不导入</translation>
    </message>
    <message>
        <source>text file in %1</source>
        <translation>文本文件，%1 编码</translation>
    </message>
    <message>
        <source>worksheet %1</source>
        <translation>工作表 %1</translation>
    </message>
    <message>
        <source>— not in the file —</source>
        <translation>— 文件中没有 —</translation>
    </message>
</context>
<context>
    <name>ListPage</name>
    <message numerus="yes">
        <source>%n match(es)</source>
        <translation>
            <numerusform>%Ln 条记录</numerusform>
        </translation>
    </message>
    <message>
        <source>Actions</source>
        <translation>操作</translation>
    </message>
    <message>
        <source>All: %1</source>
        <translation>%1：全部</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Edit…</source>
        <translation>编辑…</translation>
    </message>
    <message>
        <source>Excel workbook (*.xlsx);;CSV, UTF-8 (*.csv)</source>
        <translation>Excel 工作簿 (*.xlsx);;CSV 文件，UTF-8 编码 (*.csv)</translation>
    </message>
    <message>
        <source>Export failed</source>
        <translation>导出失败</translation>
    </message>
    <message>
        <source>Export list</source>
        <translation>导出列表</translation>
    </message>
    <message>
        <source>Exporting %1…</source>
        <translation>正在导出 %1…</translation>
    </message>
    <message>
        <source>Export…</source>
        <translation>导出…</translation>
    </message>
    <message>
        <source>New…</source>
        <translation>新建…</translation>
    </message>
    <message>
        <source>Search…</source>
        <translation>搜索…</translation>
    </message>
    <message>
        <source>Select a record in the list first.</source>
        <translation>请先在列表中选中一条记录。</translation>
    </message>
    <message>
        <source>Your role may not change these records.</source>
        <translation>您的角色无权修改这些记录。</translation>
    </message>
    <message numerus="yes">
        <source>more than %n matches</source>
        <translation>
            <numerusform>超过 %Ln 条记录</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>LoginDialog</name>
    <message>
        <source>Log in to Coop Desktop</source>
        <translation>登录合作社管理系统</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>密码</translation>
    </message>
    <message>
        <source>User name</source>
        <translation>用户名</translation>
    </message>
</context>
<context>
    <name>LotOutputs</name>
    <message>
        <source>Add at least one output lot.</source>
        <translation>请至少添加一个产出批次。</translation>
    </message>
    <message>
        <source>Add output</source>
        <translation>添加产出批次</translation>
    </message>
    <message>
        <source>Grade</source>
        <translation>等级</translation>
    </message>
    <message>
        <source>New lot code</source>
        <translation>新批次号</translation>
    </message>
    <message>
        <source>Quantity</source>
        <translation>数量</translation>
    </message>
    <message>
        <source>Remove output</source>
        <translation>删除产出批次</translation>
    </message>
    <message>
        <source>Row %1: %2</source>
        <translation>第 %1 行：%2</translation>
    </message>
    <message>
        <source>Row %1: the code %2 is used twice.</source>
        <translation>第 %1 行：编号 %2 重复使用。</translation>
    </message>
</context>
<context>
    <name>LotPane</name>
    <message>
        <source>%1 labels printed, %2 voided; net weight on the standing labels %3.</source>
        <translation>已打印标签 %1 张，作废 %2 张；有效标签净重合计 %3。</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>金额</translation>
    </message>
    <message>
        <source>Animal</source>
        <translation>牲畜</translation>
    </message>
    <message>
        <source>Best before</source>
        <translation>保质期至</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>客户</translation>
    </message>
    <message>
        <source>Customers it reached</source>
        <translation>送达客户数</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Delivery</source>
        <translation>交售</translation>
    </message>
    <message>
        <source>Grade</source>
        <translation>等级</translation>
    </message>
    <message>
        <source>Harvest</source>
        <translation>采收</translation>
    </message>
    <message>
        <source>Harvested</source>
        <translation>采收日期</translation>
    </message>
    <message>
        <source>Household</source>
        <translation>农户</translation>
    </message>
    <message>
        <source>Households behind it</source>
        <translation>涉及农户数</translation>
    </message>
    <message>
        <source>How</source>
        <translation>方式</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Labels (%1)</source>
        <translation>标签（%1）</translation>
    </message>
    <message>
        <source>Laboratory</source>
        <translation>检测机构</translation>
    </message>
    <message>
        <source>Left</source>
        <translation>剩余</translation>
    </message>
    <message>
        <source>Lot</source>
        <translation>批次号</translation>
    </message>
    <message>
        <source>Lot or batch</source>
        <translation>批次或种植批次</translation>
    </message>
    <message>
        <source>Net weight</source>
        <translation>净重</translation>
    </message>
    <message>
        <source>No lot selected.</source>
        <translation>未选中批次。</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Open in a window…</source>
        <translation>在新窗口中打开…</translation>
    </message>
    <message>
        <source>Overview</source>
        <translation>概况</translation>
    </message>
    <message>
        <source>Packed</source>
        <translation>包装日期</translation>
    </message>
    <message>
        <source>Parent and child lots</source>
        <translation>上级批次与下级批次</translation>
    </message>
    <message>
        <source>Plot</source>
        <translation>地块</translation>
    </message>
    <message>
        <source>Printed</source>
        <translation>打印时间</translation>
    </message>
    <message>
        <source>Product</source>
        <translation>产品</translation>
    </message>
    <message>
        <source>Quality (%1)</source>
        <translation>质检（%1）</translation>
    </message>
    <message>
        <source>Quantity</source>
        <translation>数量</translation>
    </message>
    <message>
        <source>Record</source>
        <translation>记录编号</translation>
    </message>
    <message>
        <source>Relation</source>
        <translation>关系</translation>
    </message>
    <message>
        <source>Report no.</source>
        <translation>报告编号</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>结果</translation>
    </message>
    <message>
        <source>Select a lot to see its story.</source>
        <translation>选中一个批次，查看它的来龙去脉。</translation>
    </message>
    <message>
        <source>Serial</source>
        <translation>序列号</translation>
    </message>
    <message>
        <source>Shipment</source>
        <translation>发货单</translation>
    </message>
    <message>
        <source>Shipments (%1)</source>
        <translation>发货（%1）</translation>
    </message>
    <message>
        <source>Shipped</source>
        <translation>发货日期</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>来源</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Tested</source>
        <translation>检测日期</translation>
    </message>
    <message>
        <source>The first %1 are listed.</source>
        <translation>仅列出前 %1 张。</translation>
    </message>
    <message>
        <source>This lot</source>
        <translation>本批次</translation>
    </message>
    <message>
        <source>This lot is %1: it may not be labelled or shipped.</source>
        <translation>该批次状态为“%1”：不得贴标或发货。</translation>
    </message>
    <message>
        <source>Trace graph</source>
        <translation>追溯图</translation>
    </message>
    <message>
        <source>Trace of lot %1</source>
        <translation>批次 %1 的追溯</translation>
    </message>
    <message>
        <source>Unit price</source>
        <translation>单价</translation>
    </message>
    <message>
        <source>Where it came from</source>
        <translation>来源</translation>
    </message>
    <message>
        <source>Where it came from on the left, where it went on the right; this lot has the blue border. Ctrl+wheel zooms, drag to move.</source>
        <translation>左侧是来源，右侧是去向；本批次带蓝色边框。按住 Ctrl 滚动滚轮可缩放，拖动可移动。</translation>
    </message>
    <message>
        <source>Where it came from: made from its parent lots, below</source>
        <translation>来源：由下方所列上级批次制成</translation>
    </message>
    <message>
        <source>Where it came from: no source recorded</source>
        <translation>来源：未记录</translation>
    </message>
    <message>
        <source>child</source>
        <translation>下级</translation>
    </message>
    <message>
        <source>parent</source>
        <translation>上级</translation>
    </message>
</context>
<context>
    <name>LotStatusForm</name>
    <message>
        <source>Latest quality record: %1 of %2, %3.</source>
        <translation>最近一次质检：%1（%2），%3。</translation>
    </message>
    <message>
        <source>Lot %1: %2, %3 %4, %5</source>
        <translation>批次 %1：%2，%3 %4，%5</translation>
    </message>
    <message>
        <source>The lot has no quality record of its own; a lot split or merged from tested lots counts their results.</source>
        <translation>该批次本身没有质检记录；由已检批次分批或合批而来的批次，沿用原批次的检测结果。</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>%1 %2
Records, labels, trace and recall for farmers&apos; cooperatives.</source>
        <translation>%1 %2
农民专业合作社的生产记录、标签打印、追溯与召回。</translation>
    </message>
    <message>
        <source>&amp;About Coop Desktop</source>
        <translation>关于合作社管理系统(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;Export list…</source>
        <translation>导出列表(&amp;E)…</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Find in list</source>
        <translation>在列表中查找(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Go</source>
        <translation>转到(&amp;G)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>Database: %1</source>
        <translation>数据库：%1</translation>
    </message>
    <message>
        <source>Devices</source>
        <translation>设备</translation>
    </message>
    <message>
        <source>Devices: none connected</source>
        <translation>设备：未连接</translation>
    </message>
    <message>
        <source>Home</source>
        <extracomment>The areas in the order the navigation shows them; each is a record list unless noted. The field a record list finds a scanned or linked record by.</extracomment>
        <translation>首页</translation>
    </message>
    <message>
        <source>Nothing in the records has the code %1.</source>
        <translation>记录中没有编号为 %1 的内容。</translation>
    </message>
    <message>
        <source>Packing station</source>
        <translation>包装台</translation>
    </message>
    <message>
        <source>Reports</source>
        <translation>报告</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <source>Trace</source>
        <translation>追溯</translation>
    </message>
    <message>
        <source>User: %1 (%2)</source>
        <translation>用户：%1（%2）</translation>
    </message>
</context>
<context>
    <name>MemberForm</name>
    <message>
        <source>18 characters, the last may be X</source>
        <translation>18 位，最后一位可以是 X</translation>
    </message>
    <message>
        <source>A member&apos;s code cannot change; it is on their records.</source>
        <translation>社员编号不能更改，它已记在该户的各项记录上。</translation>
    </message>
    <message>
        <source>Account number</source>
        <translation>账号</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <source>Bank</source>
        <translation>开户银行</translation>
    </message>
    <message>
        <source>Head of household</source>
        <translation>户主</translation>
    </message>
    <message>
        <source>Household</source>
        <translation>农户信息</translation>
    </message>
    <message>
        <source>Household size</source>
        <translation>家庭人口</translation>
    </message>
    <message>
        <source>ID number</source>
        <translation>身份证号</translation>
    </message>
    <message>
        <source>Joined on</source>
        <translation>入社日期</translation>
    </message>
    <message>
        <source>Left on</source>
        <translation>退社日期</translation>
    </message>
    <message>
        <source>Left poverty in (year)</source>
        <translation>脱贫年份</translation>
    </message>
    <message>
        <source>Member %1</source>
        <translation>社员 %1</translation>
    </message>
    <message>
        <source>Member code</source>
        <translation>社员编号</translation>
    </message>
    <message>
        <source>Membership</source>
        <translation>入社信息</translation>
    </message>
    <message>
        <source>New member household</source>
        <translation>新增社员户</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>其他</translation>
    </message>
    <message>
        <source>Payout account</source>
        <translation>收款账户</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <source>Poverty registration</source>
        <translation>建档立卡登记</translation>
    </message>
    <message>
        <source>Registered in (year)</source>
        <translation>建档立卡年份</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>登记类别</translation>
    </message>
    <message>
        <source>Township</source>
        <translation>乡镇</translation>
    </message>
    <message>
        <source>Village</source>
        <translation>村</translation>
    </message>
    <message>
        <source>e.g. 2016</source>
        <translation>例如 2016</translation>
    </message>
</context>
<context>
    <name>MemberPane</name>
    <message>
        <source>%1 mu in %2 plots</source>
        <translation>%2 块地共 %1 亩</translation>
    </message>
    <message>
        <source>%1 people</source>
        <translation>%1 人</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>金额</translation>
    </message>
    <message>
        <source>Amount (yuan)</source>
        <translation>金额（元）</translation>
    </message>
    <message>
        <source>Animals (%1)</source>
        <translation>牲畜（%1）</translation>
    </message>
    <message>
        <source>Area (mu)</source>
        <translation>面积（亩）</translation>
    </message>
    <message>
        <source>Born</source>
        <translation>出生日期</translation>
    </message>
    <message>
        <source>Breed</source>
        <translation>品种</translation>
    </message>
    <message>
        <source>Certification</source>
        <translation>认证状态</translation>
    </message>
    <message>
        <source>Delivered</source>
        <translation>交售日期</translation>
    </message>
    <message>
        <source>Deliveries</source>
        <translation>交售次数</translation>
    </message>
    <message>
        <source>Deliveries (%1)</source>
        <translation>交售（%1）</translation>
    </message>
    <message>
        <source>Delivery</source>
        <translation>交售单号</translation>
    </message>
    <message>
        <source>Ear tag</source>
        <translation>耳标号</translation>
    </message>
    <message>
        <source>GI area</source>
        <translation>地理标志保护区</translation>
    </message>
    <message>
        <source>Grade</source>
        <translation>等级</translation>
    </message>
    <message>
        <source>Herd</source>
        <translation>畜群</translation>
    </message>
    <message>
        <source>Land type</source>
        <translation>土地类型</translation>
    </message>
    <message>
        <source>Left the cooperative on %1.</source>
        <translation>已于 %1 退社。</translation>
    </message>
    <message>
        <source>Member household</source>
        <translation>社员户</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>No household selected.</source>
        <translation>未选中农户。</translation>
    </message>
    <message>
        <source>Payout</source>
        <translation>分配金额</translation>
    </message>
    <message>
        <source>Payouts</source>
        <translation>收益分配</translation>
    </message>
    <message>
        <source>Planting batch</source>
        <translation>种植批次</translation>
    </message>
    <message>
        <source>Plot</source>
        <translation>地块</translation>
    </message>
    <message>
        <source>Plots (%1)</source>
        <translation>地块（%1）</translation>
    </message>
    <message>
        <source>Product</source>
        <translation>产品</translation>
    </message>
    <message>
        <source>Quantity</source>
        <translation>数量</translation>
    </message>
    <message>
        <source>Select a household to see its story.</source>
        <translation>选中一户，查看该户的完整记录。</translation>
    </message>
    <message>
        <source>Sex</source>
        <translation>性别</translation>
    </message>
    <message>
        <source>Species</source>
        <translation>畜种</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Unit price</source>
        <translation>单价</translation>
    </message>
    <message>
        <source>Village</source>
        <translation>村</translation>
    </message>
    <message>
        <source>Without a price</source>
        <translation>未定价</translation>
    </message>
    <message>
        <source>Year</source>
        <translation>年份</translation>
    </message>
    <message>
        <source>Yuan</source>
        <translation>元</translation>
    </message>
    <message>
        <source>member since %1</source>
        <translation>%1 入社</translation>
    </message>
    <message>
        <source>no price yet</source>
        <translation>尚未定价</translation>
    </message>
    <message>
        <source>since %1</source>
        <translation>自 %1 起</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>是</translation>
    </message>
</context>
<context>
    <name>NewLotForm</name>
    <message>
        <source>Create lot</source>
        <translation>建立批次</translation>
    </message>
    <message>
        <source>Grade</source>
        <translation>等级</translation>
    </message>
    <message>
        <source>Lot code</source>
        <translation>批次号</translation>
    </message>
    <message>
        <source>New lot from harvests and deliveries</source>
        <translation>由采收和交售新建批次</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Packed on</source>
        <translation>包装日期</translation>
    </message>
    <message>
        <source>Product</source>
        <translation>产品</translation>
    </message>
    <message>
        <source>Taken from</source>
        <translation>取自</translation>
    </message>
</context>
<context>
    <name>PackingForm</name>
    <message>
        <source>%1 (tare %2 kg)</source>
        <translation>%1（皮重 %2 kg）</translation>
    </message>
    <message>
        <source>%1 of %2 %3</source>
        <translation>%1 / %2 %3</translation>
    </message>
    <message>
        <source>Carton</source>
        <translation>纸箱</translation>
    </message>
    <message>
        <source>Crate %1 registered.</source>
        <translation>已登记第 %1 号箱。</translation>
    </message>
    <message>
        <source>Crate %1 was voided; its label must not be used.</source>
        <translation>第 %1 号箱已作废，其标签不得使用。</translation>
    </message>
    <message>
        <source>Crate belongs to another lot</source>
        <translation>箱子属于其他批次</translation>
    </message>
    <message>
        <source>Crate type</source>
        <translation>箱型</translation>
    </message>
    <message>
        <source>Crates</source>
        <translation>箱数</translation>
    </message>
    <message>
        <source>Last crate</source>
        <translation>上一箱</translation>
    </message>
    <message>
        <source>Lot %1: %2, %3 %4</source>
        <translation>批次 %1：%2，%3 %4</translation>
    </message>
    <message>
        <source>No crate</source>
        <translation>无箱</translation>
    </message>
    <message>
        <source>No. %1 — %2 kg</source>
        <translation>第 %1 号 — %2 kg</translation>
    </message>
    <message>
        <source>Pack and weigh crates</source>
        <translation>称重装箱</translation>
    </message>
    <message>
        <source>Packed</source>
        <translation>已装</translation>
    </message>
    <message>
        <source>Plastic crate</source>
        <extracomment>Offered when the PC has no list of its own: (name marked for translation, tare in kg).</extracomment>
        <translation>塑料周转箱</translation>
    </message>
    <message>
        <source>Undo last crate</source>
        <translation>撤销上一箱</translation>
    </message>
    <message>
        <source>Weighed twice</source>
        <translation>重复称重</translation>
    </message>
    <message>
        <source>Wrong crate type</source>
        <translation>箱型选错</translation>
    </message>
</context>
<context>
    <name>PackingStation</name>
    <message>
        <source>%1
%2 kg</source>
        <translation>%1
%2 kg</translation>
    </message>
    <message>
        <source>%1 is not a released lot: only released lots are packed.</source>
        <translation>%1 不是已放行的批次：只有已放行的批次才能装箱。</translation>
    </message>
    <message>
        <source>%1 of %2 %3</source>
        <translation>%1 / %2 %3</translation>
    </message>
    <message>
        <source>Choose a lot.</source>
        <translation>请选择批次。</translation>
    </message>
    <message>
        <source>Choose the lot first.</source>
        <translation>请先选择批次。</translation>
    </message>
    <message>
        <source>Crates</source>
        <translation>箱数</translation>
    </message>
    <message>
        <source>Full screen</source>
        <translation>全屏</translation>
    </message>
    <message>
        <source>Label %1 is void: take it off the crate.</source>
        <translation>标签 %1 已作废：请从箱子上撕下。</translation>
    </message>
    <message>
        <source>Label %1 printed. Next crate.</source>
        <translation>标签 %1 已打印。请放下一箱。</translation>
    </message>
    <message>
        <source>Last label</source>
        <translation>上一张标签</translation>
    </message>
    <message>
        <source>Lot %1: %2 %3</source>
        <translation>批次 %1：%2 %3</translation>
    </message>
    <message>
        <source>No printer: a PDF per crate in the reports folder</source>
        <translation>不用打印机：每箱一个 PDF，存到报告文件夹</translation>
    </message>
    <message>
        <source>No. %1 — %2 kg</source>
        <translation>第 %1 号 — %2 kg</translation>
    </message>
    <message>
        <source>Packed</source>
        <translation>已装</translation>
    </message>
    <message>
        <source>Print as soon as the weight is stable</source>
        <translation>重量稳定后立即打印</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <source>Scan or type a lot code or a label</source>
        <translation>扫描或输入批次号或标签</translation>
    </message>
    <message>
        <source>Undo last label</source>
        <translation>撤销上一张标签</translation>
    </message>
    <message>
        <source>Undone at the packing station</source>
        <translation>在包装台撤销</translation>
    </message>
</context>
<context>
    <name>Pages</name>
    <message>
        <source>Audit</source>
        <translation>审计日志</translation>
    </message>
    <message>
        <source>Certifications</source>
        <translation>认证</translation>
    </message>
    <message>
        <source>Deliveries</source>
        <translation>交售</translation>
    </message>
    <message>
        <source>Labels</source>
        <translation>标签</translation>
    </message>
    <message>
        <source>Livestock</source>
        <translation>牲畜</translation>
    </message>
    <message>
        <source>Lots</source>
        <translation>批次</translation>
    </message>
    <message>
        <source>Members</source>
        <translation>社员</translation>
    </message>
    <message>
        <source>Planting</source>
        <translation>种植</translation>
    </message>
    <message>
        <source>Plots</source>
        <translation>地块</translation>
    </message>
    <message>
        <source>Quality</source>
        <translation>质检</translation>
    </message>
    <message>
        <source>Sales</source>
        <translation>销售</translation>
    </message>
    <message>
        <source>Sensors</source>
        <translation>传感器</translation>
    </message>
</context>
<context>
    <name>ParameterTable</name>
    <message>
        <source>Add parameter</source>
        <translation>添加检测项目</translation>
    </message>
    <message>
        <source>Limit</source>
        <translation>限量</translation>
    </message>
    <message>
        <source>Parameter</source>
        <translation>检测项目</translation>
    </message>
    <message>
        <source>Passes when</source>
        <translation>合格条件</translation>
    </message>
    <message>
        <source>Remove parameter</source>
        <translation>删除检测项目</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>结果</translation>
    </message>
    <message>
        <source>Result: fail</source>
        <translation>结论：不合格</translation>
    </message>
    <message>
        <source>Result: pass</source>
        <translation>结论：合格</translation>
    </message>
    <message>
        <source>Row %1: %2</source>
        <translation>第 %1 行：%2</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>单位</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>检测值</translation>
    </message>
    <message>
        <source>fail</source>
        <translation>不合格</translation>
    </message>
    <message>
        <source>pass</source>
        <translation>合格</translation>
    </message>
</context>
<context>
    <name>PlotForm</name>
    <message>
        <source>Area</source>
        <translation>面积</translation>
    </message>
    <message>
        <source>Inside the geographical-indication area</source>
        <translation>位于地理标志保护区内</translation>
    </message>
    <message>
        <source>Land type</source>
        <translation>土地类型</translation>
    </message>
    <message>
        <source>Member household</source>
        <translation>社员户</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>地块名称</translation>
    </message>
    <message>
        <source>New plot</source>
        <translation>新增地块</translation>
    </message>
    <message>
        <source>Plot %1</source>
        <translation>地块 %1</translation>
    </message>
    <message>
        <source>Plot code</source>
        <translation>地块编号</translation>
    </message>
    <message>
        <source>The household&apos;s village</source>
        <translation>农户所在村</translation>
    </message>
    <message>
        <source>Village</source>
        <translation>村</translation>
    </message>
    <message>
        <source>mu</source>
        <translation>亩</translation>
    </message>
</context>
<context>
    <name>PlotPane</name>
    <message>
        <source>Area</source>
        <translation>面积</translation>
    </message>
    <message>
        <source>Area (mu)</source>
        <translation>面积（亩）</translation>
    </message>
    <message>
        <source>Certificate</source>
        <translation>证书编号</translation>
    </message>
    <message>
        <source>Certificates that name this plot</source>
        <translation>列有本地块的证书</translation>
    </message>
    <message>
        <source>Certification (%1)</source>
        <translation>认证（%1）</translation>
    </message>
    <message>
        <source>Certified on</source>
        <translation>认证日期</translation>
    </message>
    <message>
        <source>Certifier</source>
        <translation>认证机构</translation>
    </message>
    <message>
        <source>Coordinates</source>
        <translation>坐标</translation>
    </message>
    <message>
        <source>Harvested</source>
        <translation>采收日期</translation>
    </message>
    <message>
        <source>Household</source>
        <translation>农户</translation>
    </message>
    <message>
        <source>In the GI area</source>
        <translation>地理标志保护区内</translation>
    </message>
    <message>
        <source>Land type</source>
        <translation>土地类型</translation>
    </message>
    <message>
        <source>No plot selected.</source>
        <translation>未选中地块。</translation>
    </message>
    <message>
        <source>Not valid today</source>
        <translation>今日不在有效期内</translation>
    </message>
    <message>
        <source>Planted</source>
        <translation>种植日期</translation>
    </message>
    <message>
        <source>Planting (%1)</source>
        <translation>种植（%1）</translation>
    </message>
    <message>
        <source>Planting batch</source>
        <translation>种植批次</translation>
    </message>
    <message>
        <source>Plot</source>
        <translation>地块</translation>
    </message>
    <message>
        <source>Product</source>
        <translation>产品</translation>
    </message>
    <message>
        <source>Scheme</source>
        <translation>认证类别</translation>
    </message>
    <message>
        <source>Season</source>
        <translation>种植季</translation>
    </message>
    <message>
        <source>Select a plot to see its story.</source>
        <translation>选中一个地块，查看它的完整记录。</translation>
    </message>
    <message>
        <source>Sensors</source>
        <translation>传感器</translation>
    </message>
    <message>
        <source>Since</source>
        <translation>起始日期</translation>
    </message>
    <message>
        <source>Standing</source>
        <translation>认证状态</translation>
    </message>
    <message>
        <source>Standing in each scheme</source>
        <translation>各认证类别下的状态</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Valid from</source>
        <translation>有效期起</translation>
    </message>
    <message>
        <source>Valid until</source>
        <translation>有效期至</translation>
    </message>
    <message>
        <source>Village</source>
        <translation>村</translation>
    </message>
    <message>
        <source>mu</source>
        <translation>亩</translation>
    </message>
    <message>
        <source>no</source>
        <translation>否</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>是</translation>
    </message>
</context>
<context>
    <name>PrintLabelsForm</name>
    <message>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <source>Labels</source>
        <translation>标签数</translation>
    </message>
    <message>
        <source>PDF (*.pdf)</source>
        <translation>PDF (*.pdf)</translation>
    </message>
    <message>
        <source>PDF file</source>
        <translation>PDF 文件</translation>
    </message>
    <message>
        <source>PNG images</source>
        <translation>PNG 图片</translation>
    </message>
    <message>
        <source>PNG images (*.png)</source>
        <translation>PNG 图片 (*.png)</translation>
    </message>
    <message>
        <source>Print</source>
        <translation>打印</translation>
    </message>
    <message>
        <source>Print labels</source>
        <translation>打印标签</translation>
    </message>
    <message>
        <source>Printer</source>
        <translation>打印机</translation>
    </message>
    <message>
        <source>Reason to print anyway</source>
        <translation>强制打印的理由</translation>
    </message>
    <message>
        <source>Save labels</source>
        <translation>保存标签</translation>
    </message>
    <message>
        <source>Template</source>
        <translation>模板</translation>
    </message>
    <message>
        <source>This lot gets no label (see below).</source>
        <translation>该批次不能打印标签（见下方说明）。</translation>
    </message>
    <message>
        <source>Write why the labels are printed anyway; it is recorded.</source>
        <translation>请写明强制打印的理由，系统会记录。</translation>
    </message>
</context>
<context>
    <name>PrinterDialog</name>
    <message>
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <source>Darkness (0–15)</source>
        <translation>浓度（0–15）</translation>
    </message>
    <message>
        <source>Gap (mm)</source>
        <translation>间隙（mm）</translation>
    </message>
    <message>
        <source>Give the printer a name (without “/”).</source>
        <translation>请给打印机起一个名称（不含“/”）。</translation>
    </message>
    <message>
        <source>Label printer</source>
        <translation>标签打印机</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Offset down (mm)</source>
        <translation>向下偏移（mm）</translation>
    </message>
    <message>
        <source>Offset right (mm)</source>
        <translation>向右偏移（mm）</translation>
    </message>
    <message>
        <source>Resolution</source>
        <translation>分辨率</translation>
    </message>
    <message>
        <source>Say where the printer is: its address or name.</source>
        <translation>请填写打印机的地址或名称。</translation>
    </message>
    <message>
        <source>Speed (inches/s)</source>
        <translation>速度（英寸/秒）</translation>
    </message>
    <message>
        <source>TSPL (TSC, Xprinter, Gprinter…)</source>
        <translation>TSPL（TSC、芯烨、佳博…）</translation>
    </message>
    <message>
        <source>Through its Windows driver</source>
        <translation>通过 Windows 驱动打印</translation>
    </message>
    <message>
        <source>Usual template</source>
        <translation>常用模板</translation>
    </message>
    <message>
        <source>ZPL (Zebra)</source>
        <translation>ZPL（斑马）</translation>
    </message>
    <message>
        <source>tcp://192.168.1.50:9100, serial:COM3, cups:QUEUE, windows:PRINTER NAME, or for a driver its name</source>
        <translation>tcp://192.168.1.50:9100、serial:COM3、cups:队列名、windows:打印机名称，驱动打印则填打印机名称</translation>
    </message>
</context>
<context>
    <name>PrintersBox</name>
    <message>
        <source>Add…</source>
        <translation>添加…</translation>
    </message>
    <message>
        <source>Change…</source>
        <translation>修改…</translation>
    </message>
    <message>
        <source>Label printers on this PC</source>
        <translation>本机的标签打印机</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>Test label sent to %1: check that it is dark enough and scans, and adjust the offsets if it sits off centre.</source>
        <translation>测试标签已发送到 %1：请检查打印浓度和扫码效果，位置偏了就调整偏移量。</translation>
    </message>
    <message>
        <source>Test print</source>
        <translation>测试打印</translation>
    </message>
</context>
<context>
    <name>ProductForm</name>
    <message>
        <source>8, 12, 13 or 14 digits, from GS1 China</source>
        <translation>8、12、13 或 14 位数字，由中国物品编码中心分配</translation>
    </message>
    <message>
        <source>GTIN (barcode)</source>
        <translation>商品条码（GTIN）</translation>
    </message>
    <message>
        <source>Grades</source>
        <translation>等级</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>产品类别</translation>
    </message>
    <message>
        <source>Name (Chinese)</source>
        <translation>中文名称</translation>
    </message>
    <message>
        <source>Name (English)</source>
        <translation>英文名称</translation>
    </message>
    <message>
        <source>New product</source>
        <translation>新增产品</translation>
    </message>
    <message>
        <source>Product %1</source>
        <translation>产品 %1</translation>
    </message>
    <message>
        <source>Product code</source>
        <translation>产品编号</translation>
    </message>
    <message>
        <source>Separated by commas</source>
        <translation>用逗号分隔</translation>
    </message>
    <message>
        <source>Shelf life</source>
        <translation>保质期</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>单位</translation>
    </message>
    <message>
        <source>Variety</source>
        <translation>品种</translation>
    </message>
    <message>
        <source>days</source>
        <translation>天</translation>
    </message>
</context>
<context>
    <name>PublishBox</name>
    <message>
        <source>%1 pages for %2 lots written; upload them to %3.</source>
        <translation>已为 %2 个批次生成 %1 个页面，请上传到 %3。</translation>
    </message>
    <message>
        <source>A page for every lot, in Chinese and English, at the addresses the labels&apos; QR codes use. Upload the folder to the cooperative&apos;s traceability address.</source>
        <translation>每个批次一个中英文页面，地址与标签二维码一致。请把文件夹上传到合作社的追溯网址。</translation>
    </message>
    <message>
        <source>Public traceability pages</source>
        <translation>公开追溯页面</translation>
    </message>
    <message>
        <source>Write the pages</source>
        <translation>生成页面</translation>
    </message>
    <message>
        <source>the traceability address</source>
        <translation>追溯网址</translation>
    </message>
</context>
<context>
    <name>QualityResultForm</name>
    <message>
        <source>Kind of test</source>
        <translation>检测类型</translation>
    </message>
    <message>
        <source>Laboratory</source>
        <translation>检测机构</translation>
    </message>
    <message>
        <source>Lot %1: %2, %3 %4</source>
        <translation>批次 %1：%2，%3 %4</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Parameters</source>
        <translation>检测项目</translation>
    </message>
    <message>
        <source>Record</source>
        <translation>登记</translation>
    </message>
    <message>
        <source>Record no.</source>
        <translation>记录编号</translation>
    </message>
    <message>
        <source>Record quality result</source>
        <translation>登记质检结果</translation>
    </message>
    <message>
        <source>Report no.</source>
        <translation>报告编号</translation>
    </message>
    <message>
        <source>Tested by</source>
        <translation>检测人</translation>
    </message>
    <message>
        <source>Tested on</source>
        <translation>检测日期</translation>
    </message>
</context>
<context>
    <name>RecordChecklist</name>
    <message numerus="yes">
        <source>%n chosen</source>
        <translation>
            <numerusform>已选 %n 项</numerusform>
        </translation>
    </message>
    <message>
        <source>Search…</source>
        <translation>搜索…</translation>
    </message>
</context>
<context>
    <name>RecordPicker</name>
    <message>
        <source>Show the records to choose from</source>
        <translation>显示可选的记录</translation>
    </message>
    <message>
        <source>Type a code or a name…</source>
        <translation>输入编号或名称…</translation>
    </message>
</context>
<context>
    <name>RecordSummary</name>
    <message>
        <source>A recorded entry is not changed afterwards, so that the records stay trustworthy; record a correcting entry instead.</source>
        <translation>已登记的记录事后不再修改，以保证记录可信；如有错误，请另登记一条更正记录。</translation>
    </message>
</context>
<context>
    <name>Records</name>
    <message>
        <source>Animal</source>
        <translation>牲畜</translation>
    </message>
    <message>
        <source>Animal event</source>
        <translation>牲畜事件</translation>
    </message>
    <message>
        <source>Certificate</source>
        <translation>认证证书</translation>
    </message>
    <message>
        <source>Cold-chain temperatures</source>
        <translation>冷链温度</translation>
    </message>
    <message>
        <source>Cooperative</source>
        <extracomment>What the audit trail calls each kind of record (its table), as people say it.</extracomment>
        <translation>合作社</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>客户</translation>
    </message>
    <message>
        <source>Delivery</source>
        <translation>交售</translation>
    </message>
    <message>
        <source>Field activity</source>
        <translation>农事记录</translation>
    </message>
    <message>
        <source>Harvest</source>
        <translation>采收</translation>
    </message>
    <message>
        <source>Labels</source>
        <translation>标签</translation>
    </message>
    <message>
        <source>Lot</source>
        <translation>批次</translation>
    </message>
    <message>
        <source>Member</source>
        <translation>社员</translation>
    </message>
    <message>
        <source>Planting batch</source>
        <translation>种植批次</translation>
    </message>
    <message>
        <source>Plot</source>
        <translation>地块</translation>
    </message>
    <message>
        <source>Product</source>
        <translation>产品</translation>
    </message>
    <message>
        <source>Quality record</source>
        <translation>质检记录</translation>
    </message>
    <message>
        <source>Sensor</source>
        <translation>传感器</translation>
    </message>
    <message>
        <source>Sensor readings</source>
        <translation>传感器读数</translation>
    </message>
    <message>
        <source>Shipment</source>
        <translation>发货</translation>
    </message>
    <message>
        <source>User</source>
        <translation>用户</translation>
    </message>
</context>
<context>
    <name>ReleaseForm</name>
    <message>
        <source>A released lot may be labelled and shipped.</source>
        <translation>放行后的批次可以贴标和发货。</translation>
    </message>
    <message>
        <source>Release</source>
        <translation>放行</translation>
    </message>
    <message>
        <source>Release lot</source>
        <translation>放行批次</translation>
    </message>
</context>
<context>
    <name>ReportsPage</name>
    <message>
        <source>%1 certificate %2 (valid %3 to %4)</source>
        <translation>%1证书 %2（有效期 %3 至 %4）</translation>
    </message>
    <message>
        <source>%1 deliveries without a unit price are left out.</source>
        <translation>%1 条交售没有单价，未计入。</translation>
    </message>
    <message>
        <source>%1 events exported.</source>
        <translation>已导出 %1 个事件。</translation>
    </message>
    <message>
        <source>%1 lots exported.</source>
        <translation>已导出 %1 个批次。</translation>
    </message>
    <message>
        <source>%1 payouts recorded first.</source>
        <translation>已先登记 %1 笔结算。</translation>
    </message>
    <message>
        <source>%1 rows exported, one per event.</source>
        <translation>已导出 %1 行，每个事件一行。</translation>
    </message>
    <message>
        <source>1 delivery without a unit price is left out.</source>
        <translation>1 条交售没有单价，未计入。</translation>
    </message>
    <message>
        <source>1 event exported.</source>
        <translation>已导出 1 个事件。</translation>
    </message>
    <message>
        <source>1 lot exported.</source>
        <translation>已导出 1 个批次。</translation>
    </message>
    <message>
        <source>1 payout recorded first.</source>
        <translation>已先登记 1 笔结算。</translation>
    </message>
    <message>
        <source>1 row exported, one per event.</source>
        <translation>已导出 1 行，每个事件一行。</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation>正在取消…</translation>
    </message>
    <message>
        <source>Certificate or scheme</source>
        <translation>证书或认证体系</translation>
    </message>
    <message>
        <source>Certification dossier (PDF and ZIP)</source>
        <extracomment>What the page makes: the kinds in the order the chooser lists them. The reports folder&apos;s subfolder per kind. Who may make each kind, as the services require.</extracomment>
        <translation>认证审核资料（PDF 和 ZIP）</translation>
    </message>
    <message>
        <source>Dossier written: %1 gaps stated in the dossier.</source>
        <translation>审核资料已生成：列明缺项 %1 条。</translation>
    </message>
    <message>
        <source>Dossier written: 1 gap stated in the dossier.</source>
        <translation>审核资料已生成：列明缺项 1 条。</translation>
    </message>
    <message>
        <source>Dossier written: no gaps.</source>
        <translation>审核资料已生成：没有缺项。</translation>
    </message>
    <message>
        <source>Every %1 certificate valid in the period</source>
        <translation>期间内有效的全部%1证书</translation>
    </message>
    <message>
        <source>FSMA-204 traceability spreadsheet (XLSX)</source>
        <translation>FSMA-204 追溯表格（XLSX）</translation>
    </message>
    <message>
        <source>From</source>
        <translation>从</translation>
    </message>
    <message>
        <source>GS1 EPCIS 2.0 export (JSON-LD)</source>
        <translation>GS1 EPCIS 2.0 导出（JSON-LD）</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <source>Make</source>
        <translation>生成</translation>
    </message>
    <message>
        <source>Making the report…</source>
        <translation>正在生成报告…</translation>
    </message>
    <message>
        <source>Member payouts and benefit report (PDF and XLSX)</source>
        <translation>社员结算与带贫收益报告（PDF 和 XLSX）</translation>
    </message>
    <message>
        <source>National traceability platform (CSV)</source>
        <translation>国家追溯平台（CSV）</translation>
    </message>
    <message>
        <source>Nothing was recorded in the period: the file is valid but empty.</source>
        <translation>期间内没有记录：文件有效但为空。</translation>
    </message>
    <message>
        <source>One payout per member household for the priced deliveries not paid before; refused while a delivery has no price</source>
        <translation>为尚未结算且有单价的交售，每户登记一笔结算；有交售没有单价时拒绝</translation>
    </message>
    <message>
        <source>Only managers and administrators may make this report.</source>
        <translation>只有负责人和管理员可以生成此报告。</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>打开</translation>
    </message>
    <message>
        <source>Payout report written for %1 member households.</source>
        <translation>已为 %1 户社员生成结算报告。</translation>
    </message>
    <message>
        <source>Payout report written for 1 member household.</source>
        <translation>已为 1 户社员生成结算报告。</translation>
    </message>
    <message>
        <source>Payout report written: no member delivered in the year.</source>
        <translation>结算报告已生成：本年度没有社员交售。</translation>
    </message>
    <message>
        <source>Record the year&apos;s payouts first</source>
        <translation>先登记本年度结算</translation>
    </message>
    <message>
        <source>Report</source>
        <translation>报告</translation>
    </message>
    <message>
        <source>To</source>
        <translation>到</translation>
    </message>
    <message>
        <source>Year</source>
        <translation>年度</translation>
    </message>
</context>
<context>
    <name>ScaleCapture</name>
    <message>
        <source>Capture weight</source>
        <extracomment>How long the scale may stay silent before the widget says it is not answering.</extracomment>
        <translation>读取重量</translation>
    </message>
    <message>
        <source>Connecting to the scale on %1…</source>
        <translation>正在连接 %1 上的秤…</translation>
    </message>
    <message>
        <source>No scale is assigned to this PC for this job: assign one on the Devices page.</source>
        <translation>本机没有为这项工作指定秤：请在“设备”页面指定。</translation>
    </message>
    <message>
        <source>Nothing is on the scale: put the load on first.</source>
        <translation>秤上没有东西：请先放上货物。</translation>
    </message>
    <message>
        <source>The scale assigned to this PC cannot be used: %1</source>
        <translation>本机指定的秤无法使用：%1</translation>
    </message>
    <message>
        <source>The scale on %1 is answering again.</source>
        <translation>%1 上的秤恢复应答。</translation>
    </message>
    <message>
        <source>The scale on %1 is not answering: check that it is switched on and that its cable is in the PC port.</source>
        <translation>%1 上的秤没有应答：请检查是否开机，数据线是否接在电脑口。</translation>
    </message>
    <message>
        <source>This weight was captured already: take the load off the scale and put the next one on.</source>
        <translation>这个重量已经读取过：请取下货物，再放下一件。</translation>
    </message>
    <message>
        <source>Type the weight instead.</source>
        <translation>改为手工输入重量。</translation>
    </message>
    <message>
        <source>Use typed weight</source>
        <translation>使用手工输入的重量</translation>
    </message>
    <message>
        <source>Weight</source>
        <translation>重量</translation>
    </message>
    <message>
        <source>Weight typed by hand</source>
        <translation>手工输入的重量</translation>
    </message>
</context>
<context>
    <name>SensorsPage</name>
    <message>
        <source>%1 read: %2</source>
        <translation>%1 已读取：%2</translation>
    </message>
    <message>
        <source>All</source>
        <translation>全部</translation>
    </message>
    <message>
        <source>CSV for Excel (*.csv)</source>
        <translation>供 Excel 使用的 CSV (*.csv)</translation>
    </message>
    <message>
        <source>Choose a sensor or a plot first.</source>
        <translation>请先选择传感器或地块。</translation>
    </message>
    <message>
        <source>Choose or type the port of the sensor bus first.</source>
        <translation>请先选择或输入传感器总线的端口。</translation>
    </message>
    <message>
        <source>Day</source>
        <translation>日</translation>
    </message>
    <message>
        <source>Export CSV…</source>
        <translation>导出 CSV…</translation>
    </message>
    <message>
        <source>Export readings</source>
        <translation>导出读数</translation>
    </message>
    <message numerus="yes">
        <source>Exported %n reading(s) to %1.</source>
        <translation>
            <numerusform>已导出 %n 条读数到 %1。</numerusform>
        </translation>
    </message>
    <message>
        <source>Exporting to %1…</source>
        <translation>正在导出到 %1…</translation>
    </message>
    <message>
        <source>Inactive</source>
        <translation>停用</translation>
    </message>
    <message>
        <source>Last reading</source>
        <translation>最新读数</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>No sensor is registered yet.</source>
        <translation>尚未登记传感器。</translation>
    </message>
    <message>
        <source>Not on a plot</source>
        <translation>未关联地块</translation>
    </message>
    <message>
        <source>OK</source>
        <translation>正常</translation>
    </message>
    <message>
        <source>Opening %1…</source>
        <translation>正在打开 %1…</translation>
    </message>
    <message>
        <source>Past a threshold</source>
        <translation>超出阈值</translation>
    </message>
    <message>
        <source>Plot</source>
        <translation>地块</translation>
    </message>
    <message>
        <source>Poll now</source>
        <translation>立即读取</translation>
    </message>
    <message>
        <source>Polling stopped.</source>
        <translation>已停止轮询。</translation>
    </message>
    <message>
        <source>Port:</source>
        <translation>端口：</translation>
    </message>
    <message>
        <source>Season</source>
        <translation>本季</translation>
    </message>
    <message>
        <source>Sensor</source>
        <translation>传感器</translation>
    </message>
    <message>
        <source>Sensor bus on this PC</source>
        <translation>本机的传感器总线</translation>
    </message>
    <message>
        <source>Silent</source>
        <translation>无数据</translation>
    </message>
    <message>
        <source>Start polling</source>
        <translation>开始轮询</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <source>The RS-485 adapter&apos;s port, or type one: COM3, /dev/ttyUSB0, tcp://host:port</source>
        <translation>RS-485 转换器的端口，或手工输入：COM3、/dev/ttyUSB0、tcp://主机:端口</translation>
    </message>
    <message>
        <source>This sensor has no channels.</source>
        <translation>该传感器没有通道。</translation>
    </message>
    <message>
        <source>Week</source>
        <translation>周</translation>
    </message>
    <message>
        <source>Your role may not store sensor readings.</source>
        <translation>您的角色无权保存传感器读数。</translation>
    </message>
    <message>
        <source>high</source>
        <translation>上限</translation>
    </message>
    <message>
        <source>low</source>
        <translation>下限</translation>
    </message>
</context>
<context>
    <name>SettingsPage</name>
    <message>
        <source>%1 will be used from the next time Coop Desktop starts.</source>
        <translation>下次启动合作社管理系统时，界面将切换为“%1”。</translation>
    </message>
    <message>
        <source>As the system (%1)</source>
        <translation>跟随系统（%1）</translation>
    </message>
    <message>
        <source>Interface language</source>
        <translation>界面语言</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <source>The language of menus, lists, forms and messages</source>
        <translation>菜单、列表、表单和提示信息使用的语言</translation>
    </message>
</context>
<context>
    <name>ShipmentForm</name>
    <message>
        <source>Customer</source>
        <translation>客户</translation>
    </message>
    <message>
        <source>Driver</source>
        <translation>司机</translation>
    </message>
    <message>
        <source>Lines</source>
        <translation>发货明细</translation>
    </message>
    <message>
        <source>New customer…</source>
        <translation>新增客户…</translation>
    </message>
    <message>
        <source>New shipment</source>
        <translation>新增发货</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Number plate</source>
        <translation>车牌号</translation>
    </message>
    <message>
        <source>Shipment no.</source>
        <translation>发货单号</translation>
    </message>
    <message>
        <source>Shipped on</source>
        <translation>发货日期</translation>
    </message>
    <message>
        <source>Vehicle</source>
        <translation>车辆</translation>
    </message>
</context>
<context>
    <name>ShipmentLines</name>
    <message>
        <source>Add line</source>
        <translation>添加明细</translation>
    </message>
    <message>
        <source>Added %1 %2 of lot %3.</source>
        <translation>已添加批次 %3 的 %1 %2。</translation>
    </message>
    <message>
        <source>Choose a released lot first.</source>
        <translation>请先选择一个已放行的批次。</translation>
    </message>
    <message>
        <source>Label</source>
        <translation>标签</translation>
    </message>
    <message>
        <source>Label %1 is already on this shipment.</source>
        <translation>标签 %1 已在本发货单中。</translation>
    </message>
    <message>
        <source>Left</source>
        <translation>剩余</translation>
    </message>
    <message>
        <source>Lot</source>
        <translation>批次号</translation>
    </message>
    <message>
        <source>No lot or label has the code %1.</source>
        <translation>没有编号为 %1 的批次或标签。</translation>
    </message>
    <message>
        <source>Or choose a released lot…</source>
        <translation>或选择一个已放行的批次…</translation>
    </message>
    <message>
        <source>Product</source>
        <translation>产品</translation>
    </message>
    <message>
        <source>Quantity</source>
        <translation>数量</translation>
    </message>
    <message>
        <source>Remove line</source>
        <translation>删除明细</translation>
    </message>
    <message>
        <source>Scan a label, or type a lot code and press Enter</source>
        <translation>扫描标签，或输入批次号后按回车</translation>
    </message>
    <message>
        <source>Unit price</source>
        <translation>单价</translation>
    </message>
    <message>
        <source>yuan</source>
        <translation>元</translation>
    </message>
</context>
<context>
    <name>ShipmentPane</name>
    <message numerus="yes">
        <source>%n time(s)</source>
        <translation>
            <numerusform>%n 次</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>(%n line(s) without a price)</source>
        <translation>
            <numerusform>（%n 条明细未填单价）</numerusform>
        </translation>
    </message>
    <message>
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>金额</translation>
    </message>
    <message>
        <source>Cold chain</source>
        <translation>冷链</translation>
    </message>
    <message>
        <source>Cold chain broken: %1 outside %2, the first %3.</source>
        <translation>冷链中断：%1超出 %2，首次：%3。</translation>
    </message>
    <message>
        <source>Cold chain: %1 readings, %2, from %3 to %4.</source>
        <translation>冷链：共 %1 个读数，%2，温度 %3 至 %4。</translation>
    </message>
    <message>
        <source>Contact</source>
        <translation>联系人</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>客户</translation>
    </message>
    <message>
        <source>Customer code</source>
        <translation>客户编号</translation>
    </message>
    <message>
        <source>Driver</source>
        <translation>司机</translation>
    </message>
    <message>
        <source>Every reading within %1.</source>
        <translation>所有读数均在 %1 之内。</translation>
    </message>
    <message>
        <source>Excursion</source>
        <translation>温度异常</translation>
    </message>
    <message>
        <source>Label</source>
        <translation>标签</translation>
    </message>
    <message>
        <source>Lines (%1)</source>
        <translation>发货明细（%1）</translation>
    </message>
    <message>
        <source>Lot</source>
        <translation>批次</translation>
    </message>
    <message>
        <source>No shipment selected.</source>
        <translation>未选中发货单。</translation>
    </message>
    <message>
        <source>No temperatures recorded for this shipment. A data logger&apos;s file is imported with Actions → Import cold-chain temperatures…</source>
        <translation>该发货单还没有温度记录。温度记录仪的文件可通过“操作 → 导入冷链温度…”导入。</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Outside %1:</source>
        <translation>超出 %1 的时段：</translation>
    </message>
    <message>
        <source>Product</source>
        <translation>产品</translation>
    </message>
    <message>
        <source>Quantity</source>
        <translation>数量</translation>
    </message>
    <message>
        <source>Select a shipment to see its lines and cold chain.</source>
        <translation>选中一张发货单，查看它的明细和冷链温度。</translation>
    </message>
    <message>
        <source>Shipment</source>
        <translation>发货单</translation>
    </message>
    <message>
        <source>Shipped</source>
        <translation>发货日期</translation>
    </message>
    <message>
        <source>Unit price</source>
        <translation>单价</translation>
    </message>
    <message>
        <source>Vehicle</source>
        <translation>车辆</translation>
    </message>
    <message>
        <source>When</source>
        <translation>时间</translation>
    </message>
</context>
<context>
    <name>SourceTable</name>
    <message>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Delivery</source>
        <translation>交售</translation>
    </message>
    <message>
        <source>Grade</source>
        <translation>等级</translation>
    </message>
    <message>
        <source>Harvest</source>
        <translation>采收</translation>
    </message>
    <message>
        <source>Left</source>
        <translation>剩余</translation>
    </message>
    <message>
        <source>Member</source>
        <translation>社员</translation>
    </message>
    <message>
        <source>Nothing of this product is left in harvests or deliveries.</source>
        <translation>该产品的采收和交售已无剩余。</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>来源</translation>
    </message>
    <message>
        <source>Take</source>
        <translation>取用量</translation>
    </message>
    <message>
        <source>The new lot: %1 %2 from %3 source(s).</source>
        <translation>新批次：%1 %2，来自 %3 个来源。</translation>
    </message>
    <message>
        <source>Tick the harvests and deliveries the lot is made of.</source>
        <translation>勾选组成该批次的采收和交售记录。</translation>
    </message>
</context>
<context>
    <name>SplitForm</name>
    <message>
        <source>%1 + loss %2 = %3 %5, more than the %4 %5 left.</source>
        <translation>%1 + 损耗 %2 = %3 %5，超过剩余的 %4 %5。</translation>
    </message>
    <message>
        <source>%1 + loss %2 = %3 of %4 %5; %6 %5 stay in lot %7.</source>
        <translation>%1 + 损耗 %2 = %3，共 %4 %5；余下 %6 %5 留在批次 %7。</translation>
    </message>
    <message>
        <source>Declared loss</source>
        <translation>申报损耗</translation>
    </message>
    <message>
        <source>Lot %1: %2, %3 %4 left</source>
        <translation>批次 %1：%2，剩余 %3 %4</translation>
    </message>
    <message>
        <source>Mass balance</source>
        <translation>物料平衡</translation>
    </message>
    <message>
        <source>New lots</source>
        <translation>新批次</translation>
    </message>
    <message>
        <source>Packed on</source>
        <translation>包装日期</translation>
    </message>
    <message>
        <source>Reason for the loss</source>
        <translation>损耗原因</translation>
    </message>
    <message>
        <source>Split</source>
        <translation>分批</translation>
    </message>
    <message>
        <source>Split lot</source>
        <translation>拆分批次</translation>
    </message>
    <message>
        <source>Split on</source>
        <translation>分批日期</translation>
    </message>
    <message>
        <source>Trimming, water loss, rejects…</source>
        <translation>修整、失水、剔除次品…</translation>
    </message>
</context>
<context>
    <name>Start</name>
    <message>
        <source>This database has no users; add one with &apos;coop-desktop users add&apos;.</source>
        <translation>这个数据库还没有用户，请用命令 &apos;coop-desktop users add&apos; 添加。</translation>
    </message>
</context>
<context>
    <name>TemperatureChart</name>
    <message>
        <source>Temperature (°C)</source>
        <translation>温度（°C）</translation>
    </message>
    <message>
        <source>allowed %1</source>
        <translation>允许范围 %1</translation>
    </message>
    <message>
        <source>logger readings</source>
        <translation>记录仪读数</translation>
    </message>
    <message>
        <source>outside the allowed range</source>
        <translation>超出允许范围</translation>
    </message>
</context>
<context>
    <name>TraceGraphView</name>
    <message>
        <source>Animal %1</source>
        <translation>牲畜 %1</translation>
    </message>
    <message>
        <source>Delivery %1</source>
        <translation>交售 %1</translation>
    </message>
    <message>
        <source>Harvest %1</source>
        <translation>采收 %1</translation>
    </message>
    <message>
        <source>Household %1</source>
        <translation>农户 %1</translation>
    </message>
    <message>
        <source>Plot %1</source>
        <translation>地块 %1</translation>
    </message>
    <message>
        <source>Received %1</source>
        <translation>收到 %1</translation>
    </message>
</context>
<context>
    <name>TracePage</name>
    <message numerus="yes">
        <source>%n lot(s) in this story.</source>
        <translation>
            <numerusform>此次追溯共涉及 %n 个批次。</numerusform>
        </translation>
    </message>
    <message>
        <source>Everything made from this lot or input lot, who received it and what should be in stock: a PDF and a CSV in the reports folder</source>
        <translation>由该批次或投入品批号产出的全部产品、收货客户和应有库存：生成 PDF 和 CSV 到报告文件夹</translation>
    </message>
    <message>
        <source>Graph</source>
        <translation>图示</translation>
    </message>
    <message>
        <source>Lot code, label serial, ear tag or input lot</source>
        <translation>批次号、标签序列号、耳标号或投入品批号</translation>
    </message>
    <message>
        <source>Recall of %1: %2 Found in %3 ms.</source>
        <translation>召回 %1：%2 用时 %3 毫秒。</translation>
    </message>
    <message>
        <source>Recall report</source>
        <translation>召回报告</translation>
    </message>
    <message>
        <source>Story</source>
        <translation>经过</translation>
    </message>
    <message>
        <source>The report could not be written: %1</source>
        <translation>报告无法写入：%1</translation>
    </message>
    <message>
        <source>Trace</source>
        <translation>追溯</translation>
    </message>
</context>
<context>
    <name>WeighingSessionDialog</name>
    <message>
        <source>%1 kg on %2</source>
        <translation>%2 称得 %1 kg</translation>
    </message>
    <message>
        <source>%1 kg since %2</source>
        <translation>自 %2 以来 %1 kg</translation>
    </message>
    <message>
        <source>%1 weighed %2 kg. Read the next animal&apos;s tag.</source>
        <translation>%1 重 %2 kg。请读取下一头牲畜的耳标。</translation>
    </message>
    <message>
        <source>(%1 kg a day)</source>
        <translation>（日增重 %1 kg）</translation>
    </message>
    <message>
        <source>Animal</source>
        <translation>牲畜</translation>
    </message>
    <message>
        <source>Animal %1 is recorded as %2 and cannot be weighed.</source>
        <translation>牲畜 %1 记录为“%2”，不能称重。</translation>
    </message>
    <message>
        <source>Animal %1: wait for a stable weight, then capture.</source>
        <translation>牲畜 %1：等重量稳定后再读取。</translation>
    </message>
    <message>
        <source>Connecting to the EID reader on %1…</source>
        <translation>正在连接 %1 上的电子耳标读卡器…</translation>
    </message>
    <message>
        <source>Daily gain (kg)</source>
        <translation>日增重（kg）</translation>
    </message>
    <message>
        <source>Days</source>
        <translation>天数</translation>
    </message>
    <message>
        <source>Ear tag</source>
        <translation>耳标</translation>
    </message>
    <message>
        <source>Ear tag or EID: read, scan or type, then Enter</source>
        <translation>耳标或电子耳标：读取、扫描或输入后按回车</translation>
    </message>
    <message>
        <source>First weighing</source>
        <translation>首次称重</translation>
    </message>
    <message>
        <source>Gain</source>
        <translation>增重</translation>
    </message>
    <message>
        <source>Gain (kg)</source>
        <translation>增重（kg）</translation>
    </message>
    <message>
        <source>Last weight</source>
        <translation>上次体重</translation>
    </message>
    <message>
        <source>Livestock weighing session</source>
        <translation>牲畜称重场次</translation>
    </message>
    <message>
        <source>Never weighed</source>
        <translation>从未称重</translation>
    </message>
    <message>
        <source>No EID reader is assigned to this PC: type or scan the ear tag.</source>
        <translation>本机没有指定电子耳标读卡器：请输入或扫描耳标。</translation>
    </message>
    <message>
        <source>Read the animal&apos;s tag before weighing it.</source>
        <translation>称重前请先读取牲畜的耳标。</translation>
    </message>
    <message>
        <source>Read the first animal&apos;s tag.</source>
        <translation>请读取第一头牲畜的耳标。</translation>
    </message>
    <message>
        <source>Read the next animal&apos;s tag.</source>
        <translation>请读取下一头牲畜的耳标。</translation>
    </message>
    <message>
        <source>Skip this animal</source>
        <translation>跳过这头牲畜</translation>
    </message>
    <message>
        <source>Species and breed</source>
        <translation>畜种与品种</translation>
    </message>
    <message>
        <source>The EID reader assigned to this PC cannot be used: %1</source>
        <translation>本机指定的电子耳标读卡器无法使用：%1</translation>
    </message>
    <message>
        <source>Weight (kg)</source>
        <translation>体重（kg）</translation>
    </message>
</context>
<context>
    <name>WeightReadout</name>
    <message>
        <source>Gross</source>
        <translation>毛重</translation>
    </message>
    <message>
        <source>Net</source>
        <translation>净重</translation>
    </message>
    <message>
        <source>Overload</source>
        <translation>超载</translation>
    </message>
    <message>
        <source>Overload: the load is out of the scale&apos;s range.</source>
        <translation>超载：载荷超出秤的量程。</translation>
    </message>
    <message>
        <source>Stable</source>
        <translation>稳定</translation>
    </message>
    <message>
        <source>Tare</source>
        <translation>皮重</translation>
    </message>
    <message>
        <source>Waiting for a stable weight.</source>
        <translation>正在等待稳定的重量。</translation>
    </message>
</context>
<context>
    <name>_Worker</name>
    <message>
        <source>Connected to %1.</source>
        <translation>已连接到 %1。</translation>
    </message>
    <message>
        <source>Lost the device on %1 (%2); trying again.</source>
        <translation>%1 上的设备已断开（%2），正在重试。</translation>
    </message>
    <message>
        <source>No active sensor has a bus address: nothing to poll.</source>
        <translation>没有设置总线地址的在用传感器，无需轮询。</translation>
    </message>
    <message numerus="yes">
        <source>Polling %n sensor(s) on %1.</source>
        <translation>
            <numerusform>正在 %1 上轮询 %n 个传感器。</numerusform>
        </translation>
    </message>
    <message>
        <source>The device on %1 is back.</source>
        <translation>%1 上的设备已恢复连接。</translation>
    </message>
</context>
</TS>
