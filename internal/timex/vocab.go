package timex

// The temporal vocabulary of the tagger, in key form (arabic.KeyOf of the
// normalised word: alef, ya and ta marbuta folded, no harakat). Month and
// weekday names come from data/timex; these are the grammar words.

// cardinals are number words up to the tens; compound numbers (خمسة وعشرون)
// are read by adding a unit to a ten.
var cardinals = map[string]int{
	"واحد": 1, "واحده": 1, "اثنان": 2, "اثنين": 2, "اثنتان": 2, "اثنتين": 2,
	"ثلاث": 3, "ثلاثه": 3, "اربع": 4, "اربعه": 4, "خمس": 5, "خمسه": 5, "ست": 6, "سته": 6,
	"سبع": 7, "سبعه": 7, "ثمان": 8, "ثماني": 8, "ثمانيه": 8, "تسع": 9, "تسعه": 9, "عشر": 10, "عشره": 10,
	"عشرون": 20, "عشرين": 20, "ثلاثون": 30, "ثلاثين": 30, "اربعون": 40, "اربعين": 40, "خمسون": 50, "خمسين": 50,
	"ستون": 60, "ستين": 60, "سبعون": 70, "سبعين": 70, "ثمانون": 80, "ثمانين": 80, "تسعون": 90, "تسعين": 90,
	"مءه": 100, "ماءه": 100, "مءتين": 200, "مءتان": 200,
}

// teens: the first word of 11-19 (أحد عشر, اثنا عشر, ثلاثة عشر...).
var teens = map[string]int{"احد": 1, "احدي": 1, "اثنا": 2, "اثني": 2, "اثنتا": 2, "اثنتي": 2}

// ordinals are day and quarter ordinals, masculine and feminine.
var ordinals = map[string]int{
	"الاول": 1, "الاولي": 1, "الثاني": 2, "الثانيه": 2, "الثالث": 3, "الثالثه": 3, "الرابع": 4, "الرابعه": 4,
	"الخامس": 5, "الخامسه": 5, "السادس": 6, "السادسه": 6, "السابع": 7, "السابعه": 7, "الثامن": 8, "الثامنه": 8,
	"التاسع": 9, "التاسعه": 9, "العاشر": 10, "العاشره": 10, "الحادي": 1, "الحاديه": 1, "الواحده": 1,
	"العشرين": 20, "الثلاثين": 30, "الفاتح": 1, "غره": 1,
}

// units are the calendar units of durations, offsets and sets; the value
// is the TIMEX unit letter (T marks a clock unit). dual marks the dual form,
// which carries its own count of two.
type unit struct {
	letter string
	clock  bool
	dual   bool
	plural bool
	scale  int // a decade is ten years
}

var units = map[string]unit{
	"يوم": {letter: "D"}, "ايام": {letter: "D", plural: true}, "يوما": {letter: "D"}, "يومين": {letter: "D", dual: true}, "يومان": {letter: "D", dual: true},
	"اسبوع": {letter: "W"}, "اسابيع": {letter: "W", plural: true}, "اسبوعا": {letter: "W"}, "اسبوعين": {letter: "W", dual: true}, "اسبوعان": {letter: "W", dual: true},
	"شهر": {letter: "M"}, "اشهر": {letter: "M", plural: true}, "شهور": {letter: "M", plural: true}, "شهرا": {letter: "M"}, "شهرين": {letter: "M", dual: true}, "شهران": {letter: "M", dual: true},
	"سنه": {letter: "Y"}, "سنوات": {letter: "Y", plural: true}, "سنين": {letter: "Y", plural: true}, "سنتين": {letter: "Y", dual: true}, "سنتان": {letter: "Y", dual: true},
	"عام": {letter: "Y"}, "اعوام": {letter: "Y", plural: true}, "عاما": {letter: "Y"}, "عامين": {letter: "Y", dual: true}, "عامان": {letter: "Y", dual: true},
	"ساعه": {letter: "H", clock: true}, "ساعات": {letter: "H", clock: true, plural: true}, "ساعتين": {letter: "H", clock: true, dual: true}, "ساعتان": {letter: "H", clock: true, dual: true},
	"دقيقه": {letter: "M", clock: true}, "دقاءق": {letter: "M", clock: true, plural: true}, "دقيقتين": {letter: "M", clock: true, dual: true},
	"عقد": {letter: "Y", scale: 10}, "عقود": {letter: "Y", scale: 10, plural: true}, "عقدين": {letter: "Y", scale: 10, dual: true},
	"قرن": {letter: "Y", scale: 100}, "قرون": {letter: "Y", scale: 100, plural: true},
}

// definiteUnits are the units with the article, for الأيام العشرة المقبلة.
var definiteUnits = map[string]string{
	"الايام": "ايام", "الاسابيع": "اسابيع", "الاشهر": "اشهر", "الشهور": "شهور", "السنوات": "سنوات",
	"الاعوام": "اعوام", "الساعات": "ساعات", "العامين": "عامين", "السنتين": "سنتين", "الشهرين": "شهرين",
	"الاسبوعين": "اسبوعين", "اليومين": "يومين", "العقود": "عقود", "العقدين": "عقدين",
}

// direction words after a period or name: الماضي, المقبل, الجاري.
const (
	dirNone = iota
	dirPast
	dirNext
	dirThis
)

var directions = map[string]int{
	"الماضي": dirPast, "الماضيه": dirPast, "المنصرم": dirPast, "المنصرمه": dirPast, "الفارط": dirPast, "الفارطه": dirPast,
	"السابق": dirPast, "السابقه": dirPast, "الفاءت": dirPast, "الفاءته": dirPast, "الماضيين": dirPast, "الماضيتين": dirPast,
	"المقبل": dirNext, "المقبله": dirNext, "القادم": dirNext, "القادمه": dirNext, "التالي": dirNext, "التاليه": dirNext,
	"المقبلين": dirNext, "المقبلتين": dirNext, "القادمين": dirNext,
	"الجاري": dirThis, "الجاريه": dirThis, "الحالي": dirThis, "الحاليه": dirThis, "نفسه": dirThis, "ذاته": dirThis,
}

// periods are the calendar periods of relative expressions.
var periods = map[string]string{
	"الاسبوع": "W", "الشهر": "M", "العام": "Y", "السنه": "Y", "الربع": "Q", "الفتره": "P",
}

// modWords shift a date to a part of it: مطلع العام, منتصف الشهر.
var modWords = map[string]string{
	"مطلع": "START", "بدايه": "START", "اوايل": "START", "اول": "START", "مستهل": "START", "اواءل": "START", "بدء": "START",
	"منتصف": "MID", "اواسط": "MID", "وسط": "MID",
	"نهايه": "END", "اواخر": "END", "اخر": "END", "موفي": "END", "متم": "END", "ختام": "END", "اخير": "END",
}

// partsOfDay are the TIMEX parts of day.
var partsOfDay = map[string]string{
	"صباح": "MO", "صباحا": "MO", "فجر": "MO", "فجرا": "MO", "ظهر": "12:00", "ظهرا": "12:00", "الظهر": "12:00",
	"عصر": "AF", "عصرا": "AF", "مساء": "EV", "ليل": "NI", "ليلا": "NI", "ليله": "NI", "الليله": "NI",
}

// sets are adverbs of frequency.
var sets = map[string]string{
	"يوميا": "P1D", "اسبوعيا": "P1W", "شهريا": "P1M", "سنويا": "P1Y", "فصليا": "P3M",
}

// refs are the deictic references of TimeML.
var refs = map[string]string{
	"الان": "PRESENT_REF", "حاليا": "PRESENT_REF", "سابقا": "PAST_REF", "مستقبلا": "FUTURE_REF",
}

// quantifiers make vague durations: عدة أسابيع, بضعة أيام.
var quantifiers = map[string]bool{"عده": true, "بضعه": true, "بضع": true}

// approx words before durations: نحو، حوالي، أكثر من.
var approx = map[string]string{
	"نحو": "APPROX", "حوالي": "APPROX", "قرابه": "APPROX", "زهاء": "APPROX",
}

// yearCueWords precede a bare year: عام 2021, سنة 2019.
var yearCueWords = map[string]bool{"عام": true, "العام": true, "سنه": true, "السنه": true}

// prepositions that may stand before a bare year (في 2020).
var yearPreps = map[string]bool{"في": true, "منذ": true, "حتي": true, "خلال": true, "قبل": true, "بعد": true, "مطلع": true, "نهايه": true, "بدايه": true, "اواخر": true, "اوايل": true, "منتصف": true}

// monthCues allow an ambiguous month name (مارس is also a verb) to be read
// as a month.
var monthCues = map[string]bool{"في": true, "منذ": true, "خلال": true, "حتي": true, "شهر": true, "شهري": true, "من": true, "الي": true, "و": true}

// ambiguousMonths are month names that are also common words.
var ambiguousMonths = map[string]bool{"مارس": true, "اب": true, "ماي": true}
