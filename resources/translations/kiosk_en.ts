<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en">
<context>
    <name>AdminController</name>
    <message numerus="yes">
        <source>Wrong PIN. %n attempt(s) left.</source>
        <translation>
            <numerusform>Wrong PIN. %n attempt left.</numerusform>
            <numerusform>Wrong PIN. %n attempts left.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Too many wrong PINs. Try again in %n minute(s).</source>
        <translation>
            <numerusform>Too many wrong PINs. Try again in %n minute.</numerusform>
            <numerusform>Too many wrong PINs. Try again in %n minutes.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Too many wrong PINs. Try again in %n hour(s).</source>
        <translation>
            <numerusform>Too many wrong PINs. Try again in %n hour.</numerusform>
            <numerusform>Too many wrong PINs. Try again in %n hours.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>IdlePrompt</name>
    <message numerus="yes">
        <source>The exhibit returns to its start in %n seconds.</source>
        <translation>
            <numerusform>The exhibit returns to its start in %n second.</numerusform>
            <numerusform>The exhibit returns to its start in %n seconds.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>MemorialActs</name>
    <message numerus="yes">
        <source>%Ln candles have been lit here.</source>
        <translation>
            <numerusform>%Ln candle has been lit here.</numerusform>
            <numerusform>%Ln candles have been lit here.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>NamesController</name>
    <message numerus="yes">
        <source>aged %n</source>
        <translation>
            <numerusform>aged %n</numerusform>
            <numerusform>aged %n</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>PeopleModel</name>
    <message numerus="yes">
        <source>aged %n</source>
        <translation>
            <numerusform>aged %n</numerusform>
            <numerusform>aged %n</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SourcesLine</name>
    <message numerus="yes">
        <source>Sources: %1 and %n more</source>
        <translation>
            <numerusform>Sources: %1 and %n more</numerusform>
            <numerusform>Sources: %1 and %n more</numerusform>
        </translation>
    </message>
</context>
</TS>
