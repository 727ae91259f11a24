// Package timex finds and normalises temporal expressions in Arabic text.
//
// It knows every month-naming system of Arabic news (Levantine, Egyptian and
// Gulf, Algerian and Tunisian, Moroccan, English in bylines, Hijri), Western,
// Eastern Arabic and Persian digits, weekdays and the م and هـ era suffixes.
// Values follow TimeML TIMEX3 (2022-04-05, 2022-04, 2022). Hijri dates are
// converted with the Umm al-Qura calendar and keep their Hijri text.
//
// The month and weekday tables are data files under data/timex.
package timex
