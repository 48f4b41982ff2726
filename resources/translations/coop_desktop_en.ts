<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="en">
<context>
    <name>AuditCheckDialog</name>
    <message numerus="yes">
        <source>%n problem(s) found: records or audit entries were changed outside the program. Keep this list for the auditor and restore a backup if needed.</source>
        <translation>
            <numerusform>%n problem found: records or audit entries were changed outside the program. Keep this list for the auditor and restore a backup if needed.</numerusform>
            <numerusform>%n problems found: records or audit entries were changed outside the program. Keep this list for the auditor and restore a backup if needed.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ColdChainDialog</name>
    <message numerus="yes">
        <source>%n row(s) could not be read.</source>
        <translation>
            <numerusform>%n row could not be read.</numerusform>
            <numerusform>%n rows could not be read.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>FirstStartDialog</name>
    <message numerus="yes">
        <source>The password needs at least %n characters.</source>
        <translation>
            <numerusform>The password needs at least %n character.</numerusform>
            <numerusform>The password needs at least %n characters.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>HomeCharts</name>
    <message numerus="yes">
        <source>%1: %2 in %n lot(s)</source>
        <translation>
            <numerusform>%1: %2 in %n lot</numerusform>
            <numerusform>%1: %2 in %n lots</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ImportDialog</name>
    <message numerus="yes">
        <source>%n have errors</source>
        <translation>
            <numerusform>%n has errors</numerusform>
            <numerusform>%n have errors</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n row(s) can be imported</source>
        <translation>
            <numerusform>%n row can be imported</numerusform>
            <numerusform>%n rows can be imported</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Import the %n valid row(s)</source>
        <translation>
            <numerusform>Import the %n valid row</numerusform>
            <numerusform>Import the %n valid rows</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ListPage</name>
    <message numerus="yes">
        <source>%n match(es)</source>
        <translation>
            <numerusform>%Ln match</numerusform>
            <numerusform>%Ln matches</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>more than %n matches</source>
        <translation>
            <numerusform>more than %Ln match</numerusform>
            <numerusform>more than %Ln matches</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>RecordChecklist</name>
    <message numerus="yes">
        <source>%n chosen</source>
        <translation>
            <numerusform>%n chosen</numerusform>
            <numerusform>%n chosen</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SensorsPage</name>
    <message numerus="yes">
        <source>Exported %n reading(s) to %1.</source>
        <translation>
            <numerusform>Exported %n reading to %1.</numerusform>
            <numerusform>Exported %n readings to %1.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ShipmentPane</name>
    <message numerus="yes">
        <source>%n time(s)</source>
        <translation>
            <numerusform>%n time</numerusform>
            <numerusform>%n times</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>(%n line(s) without a price)</source>
        <translation>
            <numerusform>(%n line without a price)</numerusform>
            <numerusform>(%n lines without a price)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>TracePage</name>
    <message numerus="yes">
        <source>%n lot(s) in this story.</source>
        <translation>
            <numerusform>%n lot in this story.</numerusform>
            <numerusform>%n lots in this story.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>_Worker</name>
    <message numerus="yes">
        <source>Polling %n sensor(s) on %1.</source>
        <translation>
            <numerusform>Polling %n sensor on %1.</numerusform>
            <numerusform>Polling %n sensors on %1.</numerusform>
        </translation>
    </message>
</context>
</TS>
