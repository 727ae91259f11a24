#!/usr/bin/env python3
"""Consistency checks for the Arabic TimeML development set in this folder.

Run:  python3 validate.py [DIR]
Checks: XML well-formedness, TIMEX3 attributes and value syntax, unique tids,
document length, weekday names vs. calendar, Gregorian month/day/year written
in the text vs. the value, Hijri dates (Umm al-Qura) vs. the value, deictic
expressions (أمس، اليوم، الأسبوع الماضي، ...) vs. the anchor (DCT, or the first
explicit full date of an undated document), and that known non-temporal
distractors were left untagged.  Exits non-zero on any error.
"""
import datetime as dt
import glob
import os
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET

DIR = sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.abspath(__file__))

VALUE_RE = {
    'DATE': re.compile(r'^(\d{4}(-\d{2}(-\d{2})?)?|\d{4}-W\d{2}|\d{4}-Q\d|XXXX(-\d{2}(-\d{2})?)?'
                       r'|PRESENT_REF|PAST_REF|FUTURE_REF|\d{3}X|\d{2}XX)$'),
    'TIME': re.compile(r'^(\d{4}|XXXX)-\d{2}-\d{2}T(\d{2}:\d{2}(:\d{2})?|MO|AF|EV|NI|DT)$'),
    'DURATION': re.compile(r'^P(?=[\dXT])((\d+|X)Y)?((\d+|X)M)?((\d+|X)W)?((\d+|X)D)?'
                           r'(T(?=[\dX])((\d+|X)H)?((\d+|X)M)?((\d+|X)S)?)?$'),
}
VALUE_RE['SET'] = VALUE_RE['DURATION']
MODS = {'START', 'MID', 'END', 'MORE_THAN', 'LESS_THAN', 'APPROX', 'BEFORE', 'AFTER',
        'ON_OR_BEFORE', 'ON_OR_AFTER', 'EQUAL_OR_LESS', 'EQUAL_OR_MORE'}

DIGITS = str.maketrans('٠١٢٣٤٥٦٧٨٩٫', '0123456789.')
WEEKDAYS = {'الاثنين': 0, 'الثلاثاء': 1, 'الأربعاء': 2, 'الخميس': 3, 'الجمعة': 4,
            'السبت': 5, 'الأحد': 6}
GREG_MONTHS = {
    # Levantine / Iraqi
    'كانون الثاني': 1, 'شباط': 2, 'آذار': 3, 'نيسان': 4, 'أيار': 5, 'حزيران': 6,
    'تموز': 7, 'آب': 8, 'أيلول': 9, 'تشرين الأول': 10, 'تشرين الثاني': 11, 'كانون الأول': 12,
    # Egyptian / Gulf
    'يناير': 1, 'فبراير': 2, 'مارس': 3, 'أبريل': 4, 'إبريل': 4, 'مايو': 5, 'يونيو': 6,
    'يونيه': 6, 'يوليو': 7, 'يوليه': 7, 'أغسطس': 8, 'سبتمبر': 9, 'أكتوبر': 10,
    'نوفمبر': 11, 'ديسمبر': 12,
    # Algerian / Tunisian
    'جانفي': 1, 'فيفري': 2, 'أفريل': 4, 'ماي': 5, 'جوان': 6, 'جويلية': 7, 'أوت': 8,
    # Moroccan
    'يوليوز': 7, 'غشت': 8, 'شتنبر': 9, 'نونبر': 11, 'دجنبر': 12,
}
HIJRI_MONTHS = {'محرم': 1, 'صفر': 2, 'ربيع الأول': 3, 'ربيع الآخر': 4, 'ربيع الثاني': 4,
                'جمادى الأولى': 5, 'جمادى الآخرة': 6, 'رجب': 7, 'شعبان': 8, 'رمضان': 9,
                'شوال': 10, 'ذو القعدة': 11, 'ذي القعدة': 11, 'ذو الحجة': 12, 'ذي الحجة': 12}
ORDINAL_DAYS = {
    'الأول': 1, 'أول': 1, 'غرة': 1, 'الفاتح': 1, 'الثاني': 2, 'الثالث': 3, 'الرابع': 4,
    'الخامس': 5, 'السادس': 6, 'السابع': 7, 'الثامن': 8, 'التاسع': 9, 'العاشر': 10,
    'الحادي عشر': 11, 'الثاني عشر': 12, 'الثالث عشر': 13, 'الرابع عشر': 14,
    'الخامس عشر': 15, 'العشرين': 20, 'الحادي والعشرين': 21, 'التاسع والعشرين': 29,
    'الثلاثين': 30,
}
# Umm al-Qura month starts (Gregorian date of day 1), checked against ICU's
# islamic-umalqura calendar; covers the months used in this set.
UMM_AL_QURA = {
    (1442, 5): '2020-12-16', (1442, 6): '2021-01-14', (1442, 7): '2021-02-13',
    (1442, 8): '2021-03-14', (1442, 9): '2021-04-13', (1442, 10): '2021-05-13',
    (1442, 11): '2021-06-11', (1442, 12): '2021-07-11', (1443, 1): '2021-08-09',
    (1443, 2): '2021-09-08', (1443, 3): '2021-10-07', (1443, 4): '2021-11-06',
    (1443, 5): '2021-12-05', (1443, 6): '2022-01-04', (1443, 7): '2022-02-02',
    (1443, 8): '2022-03-04', (1443, 9): '2022-04-02', (1443, 10): '2022-05-02',
    (1443, 11): '2022-05-31', (1443, 12): '2022-06-30', (1444, 1): '2022-07-30',
    (1444, 2): '2022-08-28', (1444, 3): '2022-09-27', (1444, 4): '2022-10-26',
    (1444, 5): '2022-11-25', (1444, 6): '2022-12-25', (1444, 7): '2023-01-23',
    (1444, 8): '2023-02-21', (1444, 9): '2023-03-23', (1444, 10): '2023-04-21',
    (1444, 11): '2023-05-21', (1444, 12): '2023-06-19', (1445, 1): '2023-07-19',
    (1445, 2): '2023-08-17', (1445, 3): '2023-09-16', (1445, 4): '2023-10-16',
    (1445, 5): '2023-11-15', (1445, 6): '2023-12-14',
}
# Strings that look temporal but are not, and must stay outside TIMEX3 tags.
DISTRACTORS = ['رمضان حيدر', 'رمضان عبد الحميد', 'المادة 5 ', '14 جندياً', 'القرار 2254',
               'جامعة 8 ماي 1945', 'ساحة 14 جانفي 2011', 'شارع 26 يوليو', 'صباح الخالد',
               'خميس بن علي', 'خميس الدليمي', 'جمعة الحسن', 'جمعة الماجري', 'عيد الرشيدي',
               'سعيد الجمعة', 'رؤية عُمان 2040', '1443 زيارة', 'قاعدة الصرف 1/12',
               'الفئة العمرية 15-24 سنة', 'على مدار الساعة', 'انتفاضة تشرين', 'الذكرى السبعين',
               'الطريق الوطنية رقم 7', 'الفصل 40 من الدستور', '1700 مبنى', '1000 نقطة أساس']

errors = []


def err(fn, msg):
    errors.append(f'{os.path.basename(fn)}: {msg}')


def parse_date(v):
    m = re.match(r'^(\d{4})-(\d{2})-(\d{2})', v)
    return dt.date(int(m[1]), int(m[2]), int(m[3])) if m else None


def hijri_of(d):
    best = None
    for (y, m), s in UMM_AL_QURA.items():
        sd = dt.date.fromisoformat(s)
        if sd <= d and (best is None or sd > best[2]):
            best = (y, m, sd)
    if best is None or (d - best[2]).days >= 30:
        return None
    return best[0], best[1], (d - best[2]).days + 1


def icu_crosscheck():
    node = shutil.which('node')
    if not node:
        return 'skipped (node not found)'
    js = ('const f=new Intl.DateTimeFormat("en-u-ca-islamic-umalqura",'
          '{day:"numeric",month:"numeric",year:"numeric"});'
          'for (const s of process.argv.slice(1)) {const p={};'
          'f.formatToParts(new Date(s+"T12:00:00Z")).forEach(x=>p[x.type]=x.value);'
          'console.log(s, p.year.replace(/\\D/g,""), p.month, p.day);}')
    out = subprocess.run([node, '-e', js] + list(UMM_AL_QURA.values()),
                         capture_output=True, text=True).stdout.split('\n')
    bad = 0
    for (y, m), line in zip(UMM_AL_QURA, out):
        parts = line.split()
        if parts[1:] != [str(y), str(m), '1']:
            bad += 1
            errors.append(f'Umm al-Qura table: {y}/{m} starts {parts}')
    return 'ok' if not bad else f'{bad} mismatches'


def find_month(text, table):
    for name in sorted(table, key=len, reverse=True):
        m = re.search(r'(?<![\u0621-\u064A])' + re.escape(name) + r'(?![\u0621-\u064A])', text)
        if m:
            return table[name], text[:m.start()] + ' ' + text[m.end():]
    return None, text


def day_from(text):
    nums = [int(n) for n in re.findall(r'(?<![\d:.])(\d{1,2})(?![\d:.])', text)]
    if nums:
        return nums[0]
    for name in sorted(ORDINAL_DAYS, key=len, reverse=True):
        if re.search(r'(?<![\u0621-\u064A])' + re.escape(name) + r'(?![\u0621-\u064A])', text):
            return ORDINAL_DAYS[name]
    return None


def check_calendar(fn, text, typ, val):
    t = text.translate(DIGITS)
    d = parse_date(val)
    # weekday names
    for name, wd in WEEKDAYS.items():
        if re.search(r'(?<![\u0621-\u064A])' + name + r'(?![\u0621-\u064A])', t):
            if not d:
                err(fn, f'weekday in "{text}" but value {val} has no full date')
            elif d.weekday() != wd:
                err(fn, f'"{text}": {val} is not a {name}')
    if typ not in ('DATE', 'TIME') or 'الساعة' in t:
        return
    hm, rest = find_month(t, HIJRI_MONTHS)
    if hm and ('هـ' in t or day_from(rest)):
        day = day_from(re.sub(r'\d{4}', ' ', rest))
        yr = re.search(r'(\d{4})', rest)
        if not d:
            err(fn, f'Hijri "{text}" needs a full Gregorian value, got {val}')
            return
        h = hijri_of(d)
        if not h:
            err(fn, f'Hijri "{text}": {val} outside the Umm al-Qura table')
        elif (h[1], h[2]) != (hm, day) or (yr and int(yr[1]) != h[0]):
            err(fn, f'Hijri "{text}": {val} is {h[2]}/{h[1]}/{h[0]} AH')
        return
    gm, rest = find_month(t, GREG_MONTHS)
    if gm is None:
        return
    vm = re.match(r'^(\d{4}|XXXX)-(\d{2})', val)
    if not vm or int(vm[2]) != gm:
        err(fn, f'"{text}": month {gm} does not match value {val}')
        return
    yr = re.search(r'(\d{4})', rest)
    if yr and yr[1] != vm[1]:
        err(fn, f'"{text}": year {yr[1]} does not match value {val}')
    day = day_from(re.sub(r'\d{4}', ' ', rest))
    if day is not None:
        vd = re.match(r'^(\d{4}|XXXX)-\d{2}-(\d{2})', val)
        if not vd or int(vd[2]) != day:
            err(fn, f'"{text}": day {day} does not match value {val}')


DAY_OFF = {'اليوم': 0, 'أمس': -1, 'أمس الأول': -2, 'غداً': 1, 'غد': 1, 'بعد غد': 2,
           'قبل يومين': -2, 'قبل ثلاثة أيام': -3}
PART = {'صباح': 'MO', 'مساء': 'EV', 'بعد ظهر': 'AF', 'ليل': 'NI', 'ظهر': '12:00'}
WEEK_OFF = {'الأسبوع الماضي': -1, 'الأسبوع المقبل': 1, 'الأسبوع القادم': 1}
MONTH_OFF = {'الشهر الجاري': 0, 'الشهر الماضي': -1, 'الشهر المقبل': 1, 'الشهر': 0}
YEAR_OFF = {'العام الماضي': -1, 'السنة الماضية': -1, 'السنة الفارطة': -1, 'العام المقبل': 1,
            'هذا العام': 0, 'هذه السنة': 0, 'السنة الجارية': 0, 'العام الجاري': 0,
            'العام': 0, 'السنة': 0}


def strip_weekday(t):
    for name in WEEKDAYS:
        t = re.sub(r'\s*(?<![\u0621-\u064A])' + name + r'(?![\u0621-\u064A])', '', t)
    return re.sub(r'^يوم\s+', '', t).strip()


def check_deictic(fn, text, typ, val, anchor):
    t = strip_weekday(text)
    if typ == 'TIME':
        for p in sorted(PART, key=len, reverse=True):
            if t.startswith(p + ' '):
                base = t[len(p) + 1:]
                if base in DAY_OFF:
                    want = f'{anchor + dt.timedelta(DAY_OFF[base])}T{PART[p]}'
                    if val != want:
                        err(fn, f'"{text}" should be {want}, got {val}')
                return
        return
    if typ != 'DATE':
        return
    if t in DAY_OFF:
        want = str(anchor + dt.timedelta(DAY_OFF[t]))
        if val != want:
            err(fn, f'"{text}" should be {want}, got {val}')
        return
    t2 = re.sub(r'^(مطلع|منتصف|نهاية|أواخر|أوائل)\s+', '', t)
    if t2 in WEEK_OFF:
        y, w, _ = (anchor + dt.timedelta(7 * WEEK_OFF[t2])).isocalendar()
        want = f'{y}-W{w:02d}'
    elif t2 in MONTH_OFF:
        m = anchor.year * 12 + anchor.month - 1 + MONTH_OFF[t2]
        want = f'{m // 12}-{m % 12 + 1:02d}'
    elif t2 in YEAR_OFF:
        want = str(anchor.year + YEAR_OFF[t2])
    else:
        want = None
    if want and val != want:
        err(fn, f'"{text}" should be {want}, got {val}')
    # "<weekday> المقبل/الماضي" and "<month> الماضي/المقبل/الجاري"
    d = parse_date(val)
    if re.search(r'(المقبل|القادم)$', text) and d and any(w in text for w in WEEKDAYS):
        if not 0 < (d - anchor).days <= 7:
            err(fn, f'"{text}" = {val} is not in the 7 days after {anchor}')
    if re.search(r'الماضي$', text) and d and any(w in text for w in WEEKDAYS):
        if not -7 <= (d - anchor).days < 0:
            err(fn, f'"{text}" = {val} is not in the 7 days before {anchor}')
    gm, _ = find_month(text.translate(DIGITS), GREG_MONTHS)
    vm = re.match(r'^(\d{4})-(\d{2})', val)
    if gm and vm and not re.search(r'(العام|السنة)', text):
        diff = (int(vm[1]) * 12 + int(vm[2])) - (anchor.year * 12 + anchor.month)
        if re.search(r'(الماضي|المنصرم)$', text) and not -12 < diff <= 0:
            err(fn, f'"{text}" = {val} is not a past month relative to {anchor}')
        if re.search(r'(المقبل|القادم)$', text) and not 0 <= diff < 12:
            err(fn, f'"{text}" = {val} is not a coming month relative to {anchor}')
        if text.endswith('الجاري') and diff != 0:
            err(fn, f'"{text}" = {val} is not the month of {anchor}')


def main():
    files = sorted(glob.glob(os.path.join(DIR, '*.tml')))
    stats = {'DATE': 0, 'TIME': 0, 'DURATION': 0, 'SET': 0}
    undated = 0
    words_total = 0
    per_doc = []
    for fn in files:
        if not re.match(r'^\d{2}_[a-z0-9_]+\.tml$', os.path.basename(fn)):
            err(fn, 'file name must be NN_slug.tml')
        src = open(fn, encoding='utf-8').read()
        try:
            root = ET.fromstring(src.encode('utf-8'))
        except ET.ParseError as e:
            err(fn, f'XML: {e}')
            continue
        if root.tag != 'TimeML':
            err(fn, 'root must be TimeML')
        dct_el = root.find('DCT')
        text_el = root.find('TEXT')
        if text_el is None:
            err(fn, 'no TEXT')
            continue
        anchor = None
        tids = set()
        if dct_el is not None:
            tx = dct_el.find('TIMEX3')
            if tx is None or tx.get('functionInDocument') != 'CREATION_TIME' or tx.get('tid') != 't0':
                err(fn, 'DCT must hold TIMEX3 t0 with functionInDocument=CREATION_TIME')
            else:
                anchor = parse_date(tx.get('value'))
                tids.add('t0')
                if tx.text != tx.get('value'):
                    err(fn, 'DCT text must equal its value')
        else:
            undated += 1
        timexes = list(text_el.iter('TIMEX3'))
        if anchor is None:  # undated: first explicit full date in the text
            for tx in timexes:
                d = parse_date(tx.get('value', ''))
                if d:
                    anchor = d
                    break
        plain = ''.join(text_el.itertext())
        nwords = len(plain.split())
        words_total += nwords
        if not 80 <= nwords <= 220:
            err(fn, f'{nwords} words, expected 80-220')
        if not 8 <= len(timexes) <= 15:
            err(fn, f'{len(timexes)} TIMEX3, expected 8-15')
        per_doc.append((os.path.basename(fn), len(timexes), nwords, dct_el is not None))
        for tx in timexes:
            tid, typ, val = tx.get('tid'), tx.get('type'), tx.get('value')
            text = ''.join(tx.itertext())
            if not tid or not typ or not val:
                err(fn, f'TIMEX3 "{text}" lacks tid/type/value')
                continue
            if tid in tids:
                err(fn, f'duplicate tid {tid}')
            tids.add(tid)
            if list(tx):
                err(fn, f'nested element in TIMEX3 {tid}')
            if typ not in VALUE_RE:
                err(fn, f'{tid}: bad type {typ}')
                continue
            stats[typ] += 1
            if not VALUE_RE[typ].match(val):
                err(fn, f'{tid} "{text}": bad {typ} value {val}')
            if tx.get('mod') and tx.get('mod') not in MODS:
                err(fn, f'{tid}: bad mod {tx.get("mod")}')
            if text != text.strip() or not text:
                err(fn, f'{tid}: extent has surrounding blanks')
            check_calendar(fn, text, typ, val)
            if anchor:
                check_deictic(fn, text, typ, val, anchor)
        for s in DISTRACTORS:
            if s.strip() in plain and s.strip() not in src:
                err(fn, f'distractor "{s.strip()}" is (partly) tagged')
    print(f'Umm al-Qura cross-check with ICU: {icu_crosscheck()}')
    for name, n, w, dated in per_doc:
        print(f'  {name:40s} {n:3d} TIMEX3 {w:4d} words {"" if dated else "(undated)"}')
    total = sum(stats.values())
    print(f'{len(files)} documents ({undated} undated), {words_total} words, {total} TIMEX3: '
          + ', '.join(f'{k} {v}' for k, v in stats.items()))
    for e in errors:
        print('ERROR', e)
    print(f'{len(errors)} errors')
    return 1 if errors else 0


if __name__ == '__main__':
    sys.exit(main())
