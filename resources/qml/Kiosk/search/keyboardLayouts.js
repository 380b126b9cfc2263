.pragma library

// The letters of the names search keyboard, one entry per layout.
//
// Each layout lists its three letter rows twice: as typed (lower case) and shifted. The shifted
// rows are written out letter for letter, not computed: JavaScript's toUpperCase() knows no
// language (it turns Azerbaijani i into I, not İ) and toLocaleUpperCase() follows the visit's
// language, not the layout's. tests/ui/test_keyboard.py checks every pair against
// QLocale(locale).toUpper(), so a wrong capital cannot slip in.
//
// The switch names each layout by its language's own name (the same on any visit), which
// comes from the one list of them in Python (kiosk/ui/backend/dates.py, language_name; QML
// reads it as LanguageNames.name(code)), not from here.
// Adding a layout is one entry here and its code in `order`.

var layouts = {
    // The standard Azerbaijani (Latin) layout, QÜERTY: all 32 letters, no punctuation keys
    // among them (names need only the apostrophe and hyphen of the bottom row).
    "az": {
        "code": "az",
        "locale": "az_Latn_AZ",
        "rows": ["qüertyuiopöğ", "asdfghjklıə", "zxcvbnmçş"],
        "upper": ["QÜERTYUİOPÖĞ", "ASDFGHJKLIƏ", "ZXCVBNMÇŞ"]
    },
    // ЙЦУКЕН with all 33 letters: ё (top left on a desk keyboard) beside ю on the third row.
    "ru": {
        "code": "ru",
        "locale": "ru_RU",
        "rows": ["йцукенгшщзхъ", "фывапролджэ", "ячсмитьбюё"],
        "upper": ["ЙЦУКЕНГШЩЗХЪ", "ФЫВАПРОЛДЖЭ", "ЯЧСМИТЬБЮЁ"]
    },
    "en": {
        "code": "en",
        "locale": "en_GB",
        "rows": ["qwertyuiop", "asdfghjkl", "zxcvbnm"],
        "upper": ["QWERTYUIOP", "ASDFGHJKL", "ZXCVBNM"]
    }
};

// The order of the layout switch.
var order = ["az", "ru", "en"];

// The layout a visit in `language` starts with: its own, or English (Latin letters) for a
// language this keyboard has no layout for.
function layoutFor(language) {
    var code = String(language || "").split(/[_-]/)[0].toLowerCase();
    return layouts.hasOwnProperty(code) ? code : "en";
}

function letters(text) {
    return Array.from(text); // by code point
}

// How many key widths the widest row needs: the letter rows, and the third row with shift and
// backspace (at least one key width each) at its ends.
function columns(code) {
    var rows = layouts[code].rows;
    return Math.max(letters(rows[0]).length, letters(rows[1]).length,
                    letters(rows[2]).length + 2);
}

// The rows of keys of a layout, each key {kind, lower, upper, units, name}: `units` is its width
// in key widths (a row adds up to at most columns(code)); `name` its objectName.
// kind: "char" (types `lower`, or `upper` when shifted), "shift", "backspace", "clear", "space".
function rows(code) {
    var layout = layouts[code];
    var cols = columns(code);
    var result = [];
    for (var r = 0; r < 3; ++r) {
        var lower = letters(layout.rows[r]);
        var upper = letters(layout.upper[r]);
        var keys = [];
        for (var i = 0; i < lower.length; ++i)
            keys.push({ "kind": "char", "lower": lower[i], "upper": upper[i], "units": 1,
                        "name": "key_" + lower[i] });
        if (r === 2) {
            var side = (cols - lower.length) / 2;
            keys.unshift({ "kind": "shift", "lower": "", "upper": "", "units": side,
                           "name": "key_shift" });
            keys.push({ "kind": "backspace", "lower": "", "upper": "", "units": side,
                        "name": "key_backspace" });
        }
        result.push(keys);
    }
    // The bottom row, in shares of the whole width: clear far from backspace, the space bar in
    // the middle, the two marks names carry (O'Neil, Əli-Heydər) beside it.
    result.push([
        { "kind": "clear", "lower": "", "upper": "", "units": cols * 0.2, "name": "key_clear" },
        { "kind": "char", "lower": "'", "upper": "'", "units": cols * 0.125,
          "name": "key_apostrophe" },
        { "kind": "space", "lower": " ", "upper": " ", "units": cols * 0.55, "name": "key_space" },
        { "kind": "char", "lower": "-", "upper": "-", "units": cols * 0.125, "name": "key_hyphen" }
    ]);
    return result;
}
