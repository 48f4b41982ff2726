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
    <name>TracePage</name>
    <message numerus="yes">
        <source>%n lot(s) in this story.</source>
        <translation>
            <numerusform>%n lot in this story.</numerusform>
            <numerusform>%n lots in this story.</numerusform>
        </translation>
    </message>
</context>
</TS>
