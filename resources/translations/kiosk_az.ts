<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="az">
<context>
    <name>AdminController</name>
    <message>
        <source>No admin PIN is set. Set one with: kiosk --set-pin</source>
        <translation>Administrator PIN-kodu təyin edilməyib. Onu bu əmrlə təyin edin: kiosk --set-pin</translation>
    </message>
    <message numerus="yes">
        <source>Wrong PIN. %n attempt(s) left.</source>
        <translation>
            <numerusform>Yanlış PIN-kod. %n cəhd qalıb.</numerusform>
            <numerusform>Yanlış PIN-kod. %n cəhd qalıb.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Too many wrong PINs. Try again in %n minute(s).</source>
        <translation>
            <numerusform>Həddən çox yanlış PIN-kod. %n dəqiqə sonra yenidən cəhd edin.</numerusform>
            <numerusform>Həddən çox yanlış PIN-kod. %n dəqiqə sonra yenidən cəhd edin.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Too many wrong PINs. Try again in %n hour(s).</source>
        <translation>
            <numerusform>Həddən çox yanlış PIN-kod. %n saat sonra yenidən cəhd edin.</numerusform>
            <numerusform>Həddən çox yanlış PIN-kod. %n saat sonra yenidən cəhd edin.</numerusform>
        </translation>
    </message>
    <message>
        <source>The languages cannot be read: %1</source>
        <translation>Dilləri oxumaq mümkün olmadı: %1</translation>
    </message>
    <message>
        <source>%1: the source text, %2 texts</source>
        <translation>%1: mənbə mətn, mətnlərin sayı: %2</translation>
    </message>
    <message>
        <source>draft, awaiting review</source>
        <translation>qaralama, yoxlanılmağı gözləyir</translation>
    </message>
    <message>
        <source>machine translation, awaiting review</source>
        <translation>maşın tərcüməsi, yoxlanılmağı gözləyir</translation>
    </message>
    <message>
        <source>reviewed</source>
        <translation>yoxlanılıb</translation>
    </message>
    <message>
        <source>review status not set</source>
        <translation>yoxlama statusu təyin edilməyib</translation>
    </message>
    <message>
        <source>%1: %2; %3 of %4 texts translated (%5%)</source>
        <translation>%1: %2; tərcümə olunmuş mətnlər: %3 / %4 (%5%)</translation>
    </message>
</context>
<context>
    <name>AdminScreen</name>
    <message>
        <source>Kiosk administration</source>
        <translation>Kioskun idarə edilməsi</translation>
    </message>
    <message>
        <source>Content bundle</source>
        <translation>Məzmun paketi</translation>
    </message>
    <message>
        <source>Exhibit</source>
        <translation>Sərgi</translation>
    </message>
    <message>
        <source>Content version</source>
        <translation>Məzmunun versiyası</translation>
    </message>
    <message>
        <source>Translations</source>
        <translation>Tərcümələr</translation>
    </message>
    <message>
        <source>Checksum (SHA-256)</source>
        <translation>Yoxlama cəmi (SHA-256)</translation>
    </message>
    <message>
        <source>Validated</source>
        <translation>Yoxlanılıb</translation>
    </message>
    <message>
        <source>Showing from</source>
        <translation>Göstərilən fayl</translation>
    </message>
    <message>
        <source>Watching</source>
        <translation>İzlənilən fayl</translation>
    </message>
    <message>
        <source>Waiting to switch</source>
        <translation>Keçidi gözləyən</translation>
    </message>
    <message>
        <source>Last refused</source>
        <translation>Son rədd edilən</translation>
    </message>
    <message>
        <source>Live updates</source>
        <translation>Canlı yeniləmələr</translation>
    </message>
    <message>
        <source>New bundles are taken</source>
        <translation>Yeni paketlər qəbul edilir</translation>
    </message>
    <message>
        <source>Warnings</source>
        <translation>Xəbərdarlıqlar</translation>
    </message>
    <message>
        <source>none</source>
        <translation>yoxdur</translation>
    </message>
    <message>
        <source>Start-up notes</source>
        <translation>Başlanğıc qeydləri</translation>
    </message>
    <message>
        <source>Last errors in the log</source>
        <translation>Jurnaldakı son xətalar</translation>
    </message>
    <message>
        <source>No errors logged.</source>
        <translation>Jurnalda xəta yoxdur.</translation>
    </message>
    <message>
        <source>Log folder</source>
        <translation>Jurnal qovluğu</translation>
    </message>
    <message>
        <source>Visitors</source>
        <translation>Ziyarətçilər</translation>
    </message>
    <message>
        <source>No statistics yet.</source>
        <translation>Hələ statistika yoxdur.</translation>
    </message>
    <message>
        <source>Program version</source>
        <translation>Proqramın versiyası</translation>
    </message>
    <message>
        <source>Return to the exhibit</source>
        <translation>Sərgiyə qayıt</translation>
    </message>
    <message>
        <source>Reload bundle</source>
        <translation>Paketi yenidən yüklə</translation>
    </message>
    <message>
        <source>Test pattern</source>
        <translation>Test cədvəli</translation>
    </message>
    <message>
        <source>Exit kiosk</source>
        <translation>Kioskdan çıx</translation>
    </message>
</context>
<context>
    <name>Advisory</name>
    <message>
        <source>Before you read</source>
        <translation>Oxumazdan əvvəl</translation>
    </message>
    <message>
        <source>This section describes violence in detail.</source>
        <translation>Bu bölmədə zorakılıq ətraflı təsvir olunur.</translation>
    </message>
    <message>
        <source>You can read it, or go on to the next section.</source>
        <translation>Onu oxuya və ya növbəti bölməyə keçə bilərsiniz.</translation>
    </message>
    <message>
        <source>Read this section</source>
        <translation>Bu bölməni oxuyun</translation>
    </message>
    <message>
        <source>Skip to the next section</source>
        <translation>Növbəti bölməyə keçin</translation>
    </message>
    <message>
        <source>Skip, and go home</source>
        <translation>Keçin və ana səhifəyə qayıdın</translation>
    </message>
</context>
<context>
    <name>Attract</name>
    <message>
        <source>Touch to begin</source>
        <translation>Başlamaq üçün toxunun</translation>
    </message>
</context>
<context>
    <name>EventCard</name>
    <message>
        <source>The source gives no date</source>
        <translation>Mənbədə tarix göstərilmir</translation>
    </message>
    <message>
        <source>Tap to read</source>
        <translation>Oxumaq üçün toxunun</translation>
    </message>
</context>
<context>
    <name>EventOverlay</name>
    <message>
        <source>Close</source>
        <translation>Bağlayın</translation>
    </message>
</context>
<context>
    <name>History</name>
    <message>
        <source>%1 of %2</source>
        <translation>%1 / %2</translation>
    </message>
</context>
<context>
    <name>HistoryScreen</name>
    <message>
        <source>History</source>
        <translation>Tarix</translation>
    </message>
    <message>
        <source>Previous</source>
        <translation>Geri</translation>
    </message>
    <message>
        <source>Next</source>
        <translation>İrəli</translation>
    </message>
</context>
<context>
    <name>HomeButton</name>
    <message>
        <source>Home</source>
        <translation>Ana səhifə</translation>
    </message>
</context>
<context>
    <name>HomeScreen</name>
    <message>
        <source>History</source>
        <translation>Tarix</translation>
    </message>
    <message>
        <source>The story, one part at a time</source>
        <translation>Hekayə, hissə-hissə</translation>
    </message>
    <message>
        <source>Timeline</source>
        <translation>Xronologiya</translation>
    </message>
    <message>
        <source>The events, year by year</source>
        <translation>Hadisələr, il-il</translation>
    </message>
    <message>
        <source>In numbers</source>
        <translation>Rəqəmlərlə</translation>
    </message>
    <message>
        <source>The figures and their sources</source>
        <translation>Rəqəmlər və onların mənbələri</translation>
    </message>
    <message>
        <source>Memorial</source>
        <translation>Xatirə</translation>
    </message>
    <message>
        <source>Remembrance, a minute of silence, a candle</source>
        <translation>Xatirə, bir dəqiqəlik sükut, şam</translation>
    </message>
    <message>
        <source>To begin, touch %1, or any part below.</source>
        <translation>Başlamaq üçün «%1» bölməsinə və ya aşağıdakı istənilən bölməyə toxunun.</translation>
    </message>
</context>
<context>
    <name>IdlePrompt</name>
    <message>
        <source>Are you still there?</source>
        <translation>Siz hələ buradasınız?</translation>
    </message>
    <message>
        <source>Touch the screen to continue.</source>
        <translation>Davam etmək üçün ekrana toxunun.</translation>
    </message>
    <message numerus="yes">
        <source>The exhibit returns to its start in %n seconds.</source>
        <translation>
            <numerusform>Sərgi %n saniyədən sonra əvvələ qayıdacaq.</numerusform>
            <numerusform>Sərgi %n saniyədən sonra əvvələ qayıdacaq.</numerusform>
        </translation>
    </message>
    <message>
        <source>Continue</source>
        <translation>Davam edin</translation>
    </message>
</context>
<context>
    <name>MatchWords</name>
    <message>
        <source>The name as recorded</source>
        <translation>Qeydə alındığı kimi</translation>
    </message>
    <message>
        <source>Another spelling</source>
        <translation>Başqa yazılış</translation>
    </message>
    <message>
        <source>Another alphabet</source>
        <translation>Başqa əlifba</translation>
    </message>
    <message>
        <source>A variant of the name</source>
        <translation>Adın başqa variantı</translation>
    </message>
    <message>
        <source>Begins with what you typed</source>
        <translation>Yazdığınızla başlayır</translation>
    </message>
    <message>
        <source>Possibly another person</source>
        <translation>Bəlkə də başqa adamdır</translation>
    </message>
    <message>
        <source>“%1” is one of the spellings recorded for this person</source>
        <translation>«%1» bu şəxs üçün qeydə alınmış yazılışlardan biridir</translation>
    </message>
    <message>
        <source>“%1” = “%2” (daughter of %3)</source>
        <translation>«%1» = «%2» (%3 qızı)</translation>
    </message>
    <message>
        <source>“%1” = “%2” (son of %3)</source>
        <translation>«%1» = «%2» (%3 oğlu)</translation>
    </message>
    <message>
        <source>“%1” is the father’s name in “%2”</source>
        <translation>«%1» — «%2» adında atanın adıdır</translation>
    </message>
    <message>
        <source>“%1” sounds like “%2”</source>
        <translation>«%1» «%2» kimi səslənir</translation>
    </message>
    <message>
        <source>“%1” and “%2” are one name in the curator’s list of spellings</source>
        <translation>«%1» və «%2» kuratorun yazılışlar siyahısında bir addır</translation>
    </message>
    <message>
        <source>“%1” is the Russian spelling of “%2”</source>
        <translation>«%1» — «%2» adının rusca yazılışıdır</translation>
    </message>
    <message>
        <source>“%1” is the Latin spelling of “%2”</source>
        <translation>«%1» — «%2» adının latın yazılışıdır</translation>
    </message>
    <message>
        <source>“%1” is another Latin spelling of “%2”</source>
        <translation>«%1» — «%2» adının başqa latın yazılışıdır</translation>
    </message>
    <message>
        <source>“%2” is the feminine form of “%1”</source>
        <translation>«%2» — «%1» adının qadın formasıdır</translation>
    </message>
    <message>
        <source>“%2” is the masculine form of “%1”</source>
        <translation>«%2» — «%1» adının kişi formasıdır</translation>
    </message>
    <message>
        <source>“%2” begins with “%1”</source>
        <translation>«%2» «%1» ilə başlayır</translation>
    </message>
    <message>
        <source>“%1” is “%2” without its accents</source>
        <translation>«%1» — işarələri olmadan «%2»</translation>
    </message>
    <message>
        <source>“%1” is written “%2”</source>
        <translation>«%1» «%2» kimi yazılıb</translation>
    </message>
</context>
<context>
    <name>MemorialActs</name>
    <message>
        <source>No candle has been lit here yet.</source>
        <translation>Burada hələ şam yandırılmayıb.</translation>
    </message>
    <message>
        <source>One candle has been lit here.</source>
        <translation>Burada bir şam yandırılıb.</translation>
    </message>
    <message numerus="yes">
        <source>%Ln candles have been lit here.</source>
        <translation>
            <numerusform>Burada %Ln şam yandırılıb.</numerusform>
            <numerusform>Burada %Ln şam yandırılıb.</numerusform>
        </translation>
    </message>
    <message>
        <source>Your candle is lit</source>
        <translation>Şamınız yanır</translation>
    </message>
    <message>
        <source>Light a candle</source>
        <translation>Şam yandırın</translation>
    </message>
    <message>
        <source>A minute of silence</source>
        <translation>Bir dəqiqəlik sükut</translation>
    </message>
    <message>
        <source>Sixty seconds of stillness. The screen will dim, then return.</source>
        <translation>Altmış saniyəlik sükut. Ekran qaralacaq, sonra yenidən işıqlanacaq.</translation>
    </message>
    <message>
        <source>Begin the minute of silence</source>
        <translation>Sükut dəqiqəsini başladın</translation>
    </message>
</context>
<context>
    <name>MemorialScreen</name>
    <message>
        <source>The names</source>
        <translation>Onların adları</translation>
    </message>
    <message>
        <source>Memorial</source>
        <translation>Xatirə</translation>
    </message>
    <message>
        <source>Decrees and addresses</source>
        <translation>Fərmanlar və müraciətlər</translation>
    </message>
    <message>
        <source>Remembrance</source>
        <translation>Xatirə</translation>
    </message>
    <message>
        <source>Names</source>
        <translation>Adlar</translation>
    </message>
    <message>
        <source>Search</source>
        <translation>Axtar</translation>
    </message>
</context>
<context>
    <name>NameSearch</name>
    <message>
        <source>Type a name</source>
        <translation>Adı yazın</translation>
    </message>
    <message>
        <source>No one of that name is recorded here. Try another spelling.</source>
        <translation>Bu adda heç kim burada qeydə alınmayıb. Başqa yazılışı sınayın.</translation>
    </message>
    <message>
        <source>Shift</source>
        <translation>Böyük hərf</translation>
    </message>
    <message>
        <source>Backspace</source>
        <translation>Sil</translation>
    </message>
    <message>
        <source>Space</source>
        <translation>Boşluq</translation>
    </message>
    <message>
        <source>Apostrophe</source>
        <translation>Apostrof</translation>
    </message>
    <message>
        <source>Hyphen</source>
        <translation>Defis</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>Təmizlə</translation>
    </message>
</context>
<context>
    <name>NamesController</name>
    <message>
        <source>parent</source>
        <translation>valideyn</translation>
    </message>
    <message>
        <source>child</source>
        <translation>övlad</translation>
    </message>
    <message>
        <source>spouse</source>
        <translation>həyat yoldaşı</translation>
    </message>
    <message>
        <source>brother or sister</source>
        <translation>qardaş və ya bacı</translation>
    </message>
    <message>
        <source>relative</source>
        <translation>qohum</translation>
    </message>
    <message>
        <source>killed</source>
        <translation>öldürülüb</translation>
    </message>
    <message>
        <source>died of wounds</source>
        <translation>yaralarından ölüb</translation>
    </message>
    <message>
        <source>died in captivity</source>
        <translation>əsirlikdə ölüb</translation>
    </message>
    <message>
        <source>missing</source>
        <translation>itkin düşüb</translation>
    </message>
    <message>
        <source>fate unknown after captivity</source>
        <translation>əsirlikdən sonra taleyi məlum deyil</translation>
    </message>
    <message>
        <source>other</source>
        <translation>başqa</translation>
    </message>
    <message>
        <source>same family</source>
        <translation>eyni ailədən</translation>
    </message>
    <message>
        <source>name not recorded</source>
        <translation>adı qeydə alınmayıb</translation>
    </message>
    <message>
        <source>date of birth not recorded</source>
        <translation>doğum tarixi qeydə alınmayıb</translation>
    </message>
    <message>
        <source>date of death not recorded</source>
        <translation>ölüm tarixi qeydə alınmayıb</translation>
    </message>
    <message numerus="yes">
        <source>aged %n</source>
        <translation>
            <numerusform>%n yaşında</numerusform>
            <numerusform>%n yaşında</numerusform>
        </translation>
    </message>
    <message>
        <source>age not recorded</source>
        <translation>yaşı qeydə alınmayıb</translation>
    </message>
    <message>
        <source>place not recorded</source>
        <translation>yeri qeydə alınmayıb</translation>
    </message>
    <message>
        <source>fate not recorded</source>
        <translation>taleyi qeydə alınmayıb</translation>
    </message>
    <message>
        <source>source not recorded</source>
        <translation>mənbə qeydə alınmayıb</translation>
    </message>
</context>
<context>
    <name>NumbersScreen</name>
    <message>
        <source>In numbers</source>
        <translation>Rəqəmlərlə</translation>
    </message>
</context>
<context>
    <name>PartBar</name>
    <message>
        <source>Others, not recorded by group</source>
        <translation>Digərləri, qrupu göstərilməyib</translation>
    </message>
</context>
<context>
    <name>PeopleModel</name>
    <message numerus="yes">
        <source>aged %n</source>
        <translation>
            <numerusform>%n yaşında</numerusform>
            <numerusform>%n yaşında</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>PersonCard</name>
    <message>
        <source>Also written: %1</source>
        <translation>Başqa yazılışı: %1</translation>
    </message>
    <message>
        <source>Born</source>
        <translation>Doğulub</translation>
    </message>
    <message>
        <source>Died</source>
        <translation>Ölüb</translation>
    </message>
    <message>
        <source>Age</source>
        <translation>Yaşı</translation>
    </message>
    <message>
        <source>Place</source>
        <translation>Yer</translation>
    </message>
    <message>
        <source>Fate</source>
        <translation>Taleyi</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>Mənbə</translation>
    </message>
    <message>
        <source>Family</source>
        <translation>Ailəsi</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Bağlayın</translation>
    </message>
</context>
<context>
    <name>PinPad</name>
    <message>
        <source>Admin PIN</source>
        <translation>Administrator PIN-kodu</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>Təmizlə</translation>
    </message>
    <message>
        <source>OK</source>
        <translation>OK</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Ləğv et</translation>
    </message>
</context>
<context>
    <name>ReadingChoices</name>
    <message>
        <source>Larger text</source>
        <translation>Böyük şrift</translation>
    </message>
    <message>
        <source>Higher contrast</source>
        <translation>Yüksək kontrast</translation>
    </message>
</context>
<context>
    <name>ReadingPane</name>
    <message>
        <source>More</source>
        <translation>Davamı</translation>
    </message>
    <message>
        <source>Back to the top</source>
        <translation>Əvvələ qayıt</translation>
    </message>
</context>
<context>
    <name>SilenceOverlay</name>
    <message>
        <source>A minute of silence</source>
        <translation>Bir dəqiqəlik sükut</translation>
    </message>
    <message>
        <source>End the silence</source>
        <translation>Sükutu bitirin</translation>
    </message>
</context>
<context>
    <name>SourceNote</name>
    <message>
        <source>Source: %1</source>
        <translation>Mənbə: %1</translation>
    </message>
</context>
<context>
    <name>SourcesLine</name>
    <message>
        <source>Source: %1</source>
        <translation>Mənbə: %1</translation>
    </message>
    <message numerus="yes">
        <source>Sources: %1 and %n more</source>
        <translation>
            <numerusform>Mənbələr: %1 və daha %n</numerusform>
            <numerusform>Mənbələr: %1 və daha %n</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SourcesPanel</name>
    <message>
        <source>Sources</source>
        <translation>Mənbələr</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Bağlayın</translation>
    </message>
</context>
<context>
    <name>StatCard</name>
    <message>
        <source>The parts overlap: together they add up to more than the whole.</source>
        <translation>Hissələr üst-üstə düşür: birlikdə bütövdən çoxdur.</translation>
    </message>
</context>
<context>
    <name>TestPattern</name>
    <message>
        <source>Close test pattern</source>
        <translation>Test cədvəlini bağla</translation>
    </message>
</context>
<context>
    <name>TimelineScreen</name>
    <message>
        <source>Timeline</source>
        <translation>Xronologiya</translation>
    </message>
    <message>
        <source>Swipe to move through time. Tap an event to read it.</source>
        <translation>İlləri sürüşdürün. Oxumaq üçün hadisəyə toxunun.</translation>
    </message>
</context>
</TS>
