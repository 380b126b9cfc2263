<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ru">
<context>
    <name>AdminController</name>
    <message>
        <source>No admin PIN is set. Set one with: kiosk --set-pin</source>
        <translation>PIN-код администратора не задан. Задайте его командой: kiosk --set-pin</translation>
    </message>
    <message numerus="yes">
        <source>Wrong PIN. %n attempt(s) left.</source>
        <translation>
            <numerusform>Неверный PIN-код. Осталась %n попытка.</numerusform>
            <numerusform>Неверный PIN-код. Осталось %n попытки.</numerusform>
            <numerusform>Неверный PIN-код. Осталось %n попыток.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Too many wrong PINs. Try again in %n minute(s).</source>
        <translation>
            <numerusform>Слишком много неверных PIN-кодов. Повторите через %n минуту.</numerusform>
            <numerusform>Слишком много неверных PIN-кодов. Повторите через %n минуты.</numerusform>
            <numerusform>Слишком много неверных PIN-кодов. Повторите через %n минут.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Too many wrong PINs. Try again in %n hour(s).</source>
        <translation>
            <numerusform>Слишком много неверных PIN-кодов. Повторите через %n час.</numerusform>
            <numerusform>Слишком много неверных PIN-кодов. Повторите через %n часа.</numerusform>
            <numerusform>Слишком много неверных PIN-кодов. Повторите через %n часов.</numerusform>
        </translation>
    </message>
    <message>
        <source>The languages cannot be read: %1</source>
        <translation>Не удалось прочитать языки: %1</translation>
    </message>
    <message>
        <source>%1: the source text, %2 texts</source>
        <translation>%1: исходный текст, текстов: %2</translation>
    </message>
    <message>
        <source>draft, awaiting review</source>
        <translation>черновик, ожидает проверки</translation>
    </message>
    <message>
        <source>machine translation, awaiting review</source>
        <translation>машинный перевод, ожидает проверки</translation>
    </message>
    <message>
        <source>reviewed</source>
        <translation>проверено</translation>
    </message>
    <message>
        <source>review status not set</source>
        <translation>статус проверки не указан</translation>
    </message>
    <message>
        <source>%1: %2; %3 of %4 texts translated (%5%)</source>
        <translation>%1: %2; переведено текстов: %3 из %4 (%5%)</translation>
    </message>
</context>
<context>
    <name>AdminScreen</name>
    <message>
        <source>Kiosk administration</source>
        <translation>Администрирование киоска</translation>
    </message>
    <message>
        <source>Content bundle</source>
        <translation>Пакет содержания</translation>
    </message>
    <message>
        <source>Exhibit</source>
        <translation>Экспозиция</translation>
    </message>
    <message>
        <source>Content version</source>
        <translation>Версия содержания</translation>
    </message>
    <message>
        <source>Translations</source>
        <translation>Переводы</translation>
    </message>
    <message>
        <source>Checksum (SHA-256)</source>
        <translation>Контрольная сумма (SHA-256)</translation>
    </message>
    <message>
        <source>Validated</source>
        <translation>Проверен</translation>
    </message>
    <message>
        <source>Showing from</source>
        <translation>Показывается из</translation>
    </message>
    <message>
        <source>Watching</source>
        <translation>Отслеживается</translation>
    </message>
    <message>
        <source>Waiting to switch</source>
        <translation>Ожидает переключения</translation>
    </message>
    <message>
        <source>Last refused</source>
        <translation>Последний отклонённый</translation>
    </message>
    <message>
        <source>Live updates</source>
        <translation>Обновления содержимого</translation>
    </message>
    <message>
        <source>New bundles are taken</source>
        <translation>Новые пакеты принимаются</translation>
    </message>
    <message>
        <source>Warnings</source>
        <translation>Предупреждения</translation>
    </message>
    <message>
        <source>none</source>
        <translation>нет</translation>
    </message>
    <message>
        <source>Start-up notes</source>
        <translation>Заметки при запуске</translation>
    </message>
    <message>
        <source>Last errors in the log</source>
        <translation>Последние ошибки в журнале</translation>
    </message>
    <message>
        <source>No errors logged.</source>
        <translation>Ошибок в журнале нет.</translation>
    </message>
    <message>
        <source>Log folder</source>
        <translation>Папка журнала</translation>
    </message>
    <message>
        <source>Visitors</source>
        <translation>Посетители</translation>
    </message>
    <message>
        <source>No statistics yet.</source>
        <translation>Статистики пока нет.</translation>
    </message>
    <message>
        <source>Program version</source>
        <translation>Версия программы</translation>
    </message>
    <message>
        <source>Return to the exhibit</source>
        <translation>Вернуться к экспозиции</translation>
    </message>
    <message>
        <source>Reload bundle</source>
        <translation>Перезагрузить пакет</translation>
    </message>
    <message>
        <source>Test pattern</source>
        <translation>Тестовая таблица</translation>
    </message>
    <message>
        <source>Exit kiosk</source>
        <translation>Выйти из киоска</translation>
    </message>
</context>
<context>
    <name>Advisory</name>
    <message>
        <source>Before you read</source>
        <translation>Прежде чем читать</translation>
    </message>
    <message>
        <source>This section describes violence in detail.</source>
        <translation>В этом разделе подробно описано насилие.</translation>
    </message>
    <message>
        <source>You can read it, or go on to the next section.</source>
        <translation>Вы можете прочитать его или перейти к следующему разделу.</translation>
    </message>
    <message>
        <source>Read this section</source>
        <translation>Читать этот раздел</translation>
    </message>
    <message>
        <source>Skip to the next section</source>
        <translation>Перейти к следующему разделу</translation>
    </message>
    <message>
        <source>Skip, and go home</source>
        <translation>Пропустить и вернуться на главную</translation>
    </message>
</context>
<context>
    <name>Attract</name>
    <message>
        <source>Touch to begin</source>
        <translation>Коснитесь, чтобы начать</translation>
    </message>
</context>
<context>
    <name>EventCard</name>
    <message>
        <source>The source gives no date</source>
        <translation>Источник не указывает дату</translation>
    </message>
    <message>
        <source>Tap to read</source>
        <translation>Коснитесь, чтобы прочитать</translation>
    </message>
</context>
<context>
    <name>EventOverlay</name>
    <message>
        <source>Close</source>
        <translation>Закрыть</translation>
    </message>
</context>
<context>
    <name>History</name>
    <message>
        <source>%1 of %2</source>
        <translation>%1 из %2</translation>
    </message>
</context>
<context>
    <name>HistoryScreen</name>
    <message>
        <source>History</source>
        <translation>История</translation>
    </message>
    <message>
        <source>Previous</source>
        <translation>Назад</translation>
    </message>
    <message>
        <source>Next</source>
        <translation>Далее</translation>
    </message>
</context>
<context>
    <name>HomeButton</name>
    <message>
        <source>Home</source>
        <translation>Главная</translation>
    </message>
</context>
<context>
    <name>HomeScreen</name>
    <message>
        <source>History</source>
        <translation>История</translation>
    </message>
    <message>
        <source>The story, one part at a time</source>
        <translation>Рассказ, часть за частью</translation>
    </message>
    <message>
        <source>Timeline</source>
        <translation>Хроника</translation>
    </message>
    <message>
        <source>The events, year by year</source>
        <translation>События, год за годом</translation>
    </message>
    <message>
        <source>In numbers</source>
        <translation>В цифрах</translation>
    </message>
    <message>
        <source>The figures and their sources</source>
        <translation>Цифры и их источники</translation>
    </message>
    <message>
        <source>Memorial</source>
        <translation>Память</translation>
    </message>
    <message>
        <source>Remembrance, a minute of silence, a candle</source>
        <translation>Память, минута молчания, свеча</translation>
    </message>
    <message>
        <source>To begin, touch %1, or any part below.</source>
        <translation>Чтобы начать, коснитесь раздела «%1» или любого раздела ниже.</translation>
    </message>
</context>
<context>
    <name>IdlePrompt</name>
    <message>
        <source>Are you still there?</source>
        <translation>Вы ещё здесь?</translation>
    </message>
    <message>
        <source>Touch the screen to continue.</source>
        <translation>Коснитесь экрана, чтобы продолжить.</translation>
    </message>
    <message numerus="yes">
        <source>The exhibit returns to its start in %n seconds.</source>
        <translation>
            <numerusform>Через %n секунду экспозиция вернётся к началу.</numerusform>
            <numerusform>Через %n секунды экспозиция вернётся к началу.</numerusform>
            <numerusform>Через %n секунд экспозиция вернётся к началу.</numerusform>
        </translation>
    </message>
    <message>
        <source>Continue</source>
        <translation>Продолжить</translation>
    </message>
</context>
<context>
    <name>MatchWords</name>
    <message>
        <source>The name as recorded</source>
        <translation>Имя как записано</translation>
    </message>
    <message>
        <source>Another spelling</source>
        <translation>Другое написание</translation>
    </message>
    <message>
        <source>Another alphabet</source>
        <translation>Другой алфавит</translation>
    </message>
    <message>
        <source>A variant of the name</source>
        <translation>Вариант имени</translation>
    </message>
    <message>
        <source>Begins with what you typed</source>
        <translation>Начинается с того, что вы набрали</translation>
    </message>
    <message>
        <source>Possibly another person</source>
        <translation>Возможно, это другой человек</translation>
    </message>
    <message>
        <source>“%1” is one of the spellings recorded for this person</source>
        <translation>«%1» — одно из написаний, записанных для этого человека</translation>
    </message>
    <message>
        <source>“%1” = “%2” (daughter of %3)</source>
        <translation>«%1» = «%2» (дочь %3)</translation>
    </message>
    <message>
        <source>“%1” = “%2” (son of %3)</source>
        <translation>«%1» = «%2» (сын %3)</translation>
    </message>
    <message>
        <source>“%1” is the father’s name in “%2”</source>
        <translation>«%1» — имя отца в «%2»</translation>
    </message>
    <message>
        <source>“%1” sounds like “%2”</source>
        <translation>«%1» звучит как «%2»</translation>
    </message>
    <message>
        <source>“%1” and “%2” are one name in the curator’s list of spellings</source>
        <translation>«%1» и «%2» — одно имя в списке написаний куратора</translation>
    </message>
    <message>
        <source>“%1” is the Russian spelling of “%2”</source>
        <translation>«%1» — русское написание «%2»</translation>
    </message>
    <message>
        <source>“%1” is the Latin spelling of “%2”</source>
        <translation>«%1» — латинское написание «%2»</translation>
    </message>
    <message>
        <source>“%1” is another Latin spelling of “%2”</source>
        <translation>«%1» — другое латинское написание «%2»</translation>
    </message>
    <message>
        <source>“%2” is the feminine form of “%1”</source>
        <translation>«%2» — женская форма «%1»</translation>
    </message>
    <message>
        <source>“%2” is the masculine form of “%1”</source>
        <translation>«%2» — мужская форма «%1»</translation>
    </message>
    <message>
        <source>“%2” begins with “%1”</source>
        <translation>«%2» начинается с «%1»</translation>
    </message>
    <message>
        <source>“%1” is “%2” without its accents</source>
        <translation>«%1» — это «%2» без диакритических знаков</translation>
    </message>
    <message>
        <source>“%1” is written “%2”</source>
        <translation>«%1» написано «%2»</translation>
    </message>
</context>
<context>
    <name>MemorialActs</name>
    <message>
        <source>No candle has been lit here yet.</source>
        <translation>Здесь ещё не зажжено ни одной свечи.</translation>
    </message>
    <message>
        <source>One candle has been lit here.</source>
        <translation>Здесь зажжена одна свеча.</translation>
    </message>
    <message numerus="yes">
        <source>%Ln candles have been lit here.</source>
        <translation>
            <numerusform>Здесь зажжена %Ln свеча.</numerusform>
            <numerusform>Здесь зажжены %Ln свечи.</numerusform>
            <numerusform>Здесь зажжено %Ln свечей.</numerusform>
        </translation>
    </message>
    <message>
        <source>Your candle is lit</source>
        <translation>Ваша свеча зажжена</translation>
    </message>
    <message>
        <source>Light a candle</source>
        <translation>Зажечь свечу</translation>
    </message>
    <message>
        <source>A minute of silence</source>
        <translation>Минута молчания</translation>
    </message>
    <message>
        <source>Sixty seconds of stillness. The screen will dim, then return.</source>
        <translation>Шестьдесят секунд тишины. Экран потускнеет, а потом снова прояснится.</translation>
    </message>
    <message>
        <source>Begin the minute of silence</source>
        <translation>Начать минуту молчания</translation>
    </message>
</context>
<context>
    <name>MemorialScreen</name>
    <message>
        <source>The names</source>
        <translation>Их имена</translation>
    </message>
    <message>
        <source>Memorial</source>
        <translation>Память</translation>
    </message>
    <message>
        <source>Decrees and addresses</source>
        <translation>Указы и обращения</translation>
    </message>
    <message>
        <source>Remembrance</source>
        <translation>Память</translation>
    </message>
    <message>
        <source>Names</source>
        <translation>Имена</translation>
    </message>
    <message>
        <source>Search</source>
        <translation>Поиск</translation>
    </message>
</context>
<context>
    <name>NameSearch</name>
    <message>
        <source>Type a name</source>
        <translation>Введите имя</translation>
    </message>
    <message>
        <source>No one of that name is recorded here. Try another spelling.</source>
        <translation>Человек с таким именем здесь не записан. Попробуйте другое написание.</translation>
    </message>
    <message>
        <source>Shift</source>
        <translation>Заглавная буква</translation>
    </message>
    <message>
        <source>Backspace</source>
        <translation>Стереть</translation>
    </message>
    <message>
        <source>Space</source>
        <translation>Пробел</translation>
    </message>
    <message>
        <source>Apostrophe</source>
        <translation>Апостроф</translation>
    </message>
    <message>
        <source>Hyphen</source>
        <translation>Дефис</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>Стереть</translation>
    </message>
</context>
<context>
    <name>NamesController</name>
    <message>
        <source>parent</source>
        <translation>родитель</translation>
    </message>
    <message>
        <source>child</source>
        <translation>ребёнок</translation>
    </message>
    <message>
        <source>spouse</source>
        <translation>супруг или супруга</translation>
    </message>
    <message>
        <source>brother or sister</source>
        <translation>брат или сестра</translation>
    </message>
    <message>
        <source>relative</source>
        <translation>родственник</translation>
    </message>
    <message>
        <source>killed</source>
        <translation>убит</translation>
    </message>
    <message>
        <source>died of wounds</source>
        <translation>умер от ран</translation>
    </message>
    <message>
        <source>died in captivity</source>
        <translation>умер в плену</translation>
    </message>
    <message>
        <source>missing</source>
        <translation>пропал без вести</translation>
    </message>
    <message>
        <source>fate unknown after captivity</source>
        <translation>судьба после плена неизвестна</translation>
    </message>
    <message>
        <source>other</source>
        <translation>другое</translation>
    </message>
    <message>
        <source>same family</source>
        <translation>из той же семьи</translation>
    </message>
    <message>
        <source>name not recorded</source>
        <translation>имя не записано</translation>
    </message>
    <message>
        <source>date of birth not recorded</source>
        <translation>дата рождения не записана</translation>
    </message>
    <message>
        <source>date of death not recorded</source>
        <translation>дата смерти не записана</translation>
    </message>
    <message numerus="yes">
        <source>aged %n</source>
        <translation>
            <numerusform>%n год</numerusform>
            <numerusform>%n года</numerusform>
            <numerusform>%n лет</numerusform>
        </translation>
    </message>
    <message>
        <source>age not recorded</source>
        <translation>возраст не записан</translation>
    </message>
    <message>
        <source>place not recorded</source>
        <translation>место не записано</translation>
    </message>
    <message>
        <source>fate not recorded</source>
        <translation>судьба не записана</translation>
    </message>
    <message>
        <source>source not recorded</source>
        <translation>источник не записан</translation>
    </message>
</context>
<context>
    <name>NumbersScreen</name>
    <message>
        <source>In numbers</source>
        <translation>В цифрах</translation>
    </message>
</context>
<context>
    <name>PartBar</name>
    <message>
        <source>Others, not recorded by group</source>
        <translation>Остальные, группа не указана</translation>
    </message>
</context>
<context>
    <name>PeopleModel</name>
    <message numerus="yes">
        <source>aged %n</source>
        <translation>
            <numerusform>%n год</numerusform>
            <numerusform>%n года</numerusform>
            <numerusform>%n лет</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>PersonCard</name>
    <message>
        <source>Also written: %1</source>
        <translation>Также пишется: %1</translation>
    </message>
    <message>
        <source>Born</source>
        <translation>Родился</translation>
    </message>
    <message>
        <source>Died</source>
        <translation>Умер</translation>
    </message>
    <message>
        <source>Age</source>
        <translation>Возраст</translation>
    </message>
    <message>
        <source>Place</source>
        <translation>Место</translation>
    </message>
    <message>
        <source>Fate</source>
        <translation>Судьба</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>Источник</translation>
    </message>
    <message>
        <source>Family</source>
        <translation>Семья</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Закрыть</translation>
    </message>
</context>
<context>
    <name>PinPad</name>
    <message>
        <source>Admin PIN</source>
        <translation>PIN-код администратора</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>Стереть</translation>
    </message>
    <message>
        <source>OK</source>
        <translation>ОК</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Отмена</translation>
    </message>
</context>
<context>
    <name>ReadingChoices</name>
    <message>
        <source>Larger text</source>
        <translation>Крупный шрифт</translation>
    </message>
    <message>
        <source>Higher contrast</source>
        <translation>Высокий контраст</translation>
    </message>
</context>
<context>
    <name>ReadingPane</name>
    <message>
        <source>More</source>
        <translation>Дальше</translation>
    </message>
    <message>
        <source>Back to the top</source>
        <translation>В начало</translation>
    </message>
</context>
<context>
    <name>SilenceOverlay</name>
    <message>
        <source>A minute of silence</source>
        <translation>Минута молчания</translation>
    </message>
    <message>
        <source>End the silence</source>
        <translation>Прервать молчание</translation>
    </message>
</context>
<context>
    <name>SourceNote</name>
    <message>
        <source>Source: %1</source>
        <translation>Источник: %1</translation>
    </message>
</context>
<context>
    <name>SourcesLine</name>
    <message>
        <source>Source: %1</source>
        <translation>Источник: %1</translation>
    </message>
    <message numerus="yes">
        <source>Sources: %1 and %n more</source>
        <translation>
            <numerusform>Источники: %1 и ещё %n</numerusform>
            <numerusform>Источники: %1 и ещё %n</numerusform>
            <numerusform>Источники: %1 и ещё %n</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SourcesPanel</name>
    <message>
        <source>Sources</source>
        <translation>Источники</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Закрыть</translation>
    </message>
</context>
<context>
    <name>StatCard</name>
    <message>
        <source>The parts overlap: together they add up to more than the whole.</source>
        <translation>Части пересекаются: вместе они больше целого.</translation>
    </message>
</context>
<context>
    <name>TestPattern</name>
    <message>
        <source>Close test pattern</source>
        <translation>Закрыть тестовую таблицу</translation>
    </message>
</context>
<context>
    <name>TimelineScreen</name>
    <message>
        <source>Timeline</source>
        <translation>Хроника</translation>
    </message>
    <message>
        <source>Swipe to move through time. Tap an event to read it.</source>
        <translation>Листайте годы. Коснитесь события, чтобы прочитать его.</translation>
    </message>
</context>
</TS>
