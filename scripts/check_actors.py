#!/usr/bin/env python3
"""Check data/actors/*.tsv: field counts, code shapes, uniqueness after folding."""
import re, sys, os, collections

D = sys.argv[1] if len(sys.argv) > 1 else "data/actors"
UN = set("""AFG ALB DZA AND AGO ATG ARG ARM AUS AUT AZE BHS BHR BGD BRB BLR BEL BLZ BEN BTN BOL BIH BWA BRA BRN
BGR BFA BDI CPV KHM CMR CAN CAF TCD CHL CHN COL COM COG COD CRI CIV HRV CUB CYP CZE DNK DJI DMA DOM ECU EGY SLV
GNQ ERI EST SWZ ETH FJI FIN FRA GAB GMB GEO DEU GHA GRC GRD GTM GIN GNB GUY HTI HND HUN ISL IND IDN IRN IRQ IRL
ISR ITA JAM JPN JOR KAZ KEN KIR PRK KOR KWT KGZ LAO LVA LBN LSO LBR LBY LIE LTU LUX MDG MWI MYS MDV MLI MLT MHL
MRT MUS MEX FSM MDA MCO MNG MNE MAR MOZ MMR NAM NRU NPL NLD NZL NIC NER NGA MKD NOR OMN PAK PLW PAN PNG PRY PER
PHL POL PRT QAT ROU RUS RWA KNA LCA VCT WSM SMR STP SAU SEN SRB SYC SLE SGP SVK SVN SLB SOM ZAF SSD ESP LKA SDN
SUR SWE CHE SYR TJK TZA THA TLS TGO TON TTO TUN TUR TKM TUV UGA UKR ARE GBR USA URY UZB VUT VEN VNM YEM ZMB ZWE""".split())
EXTRA = {"VAT", "PSE", "KSV", "TWN", "ESH"}
SECTORS = set("GOV MIL COP JUD LEG OPP REB CVL REF BUS MED EDU HLH LAB ELI SPY UAF IGO NGO AGR REL RAD SEP CRM HRI ENV".split())
FOLD = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي", "ی": "ي", "ة": "ه", "ؤ": "ء", "ئ": "ء", "ک": "ك"})
ARABIC = re.compile(r"^[\u0621-\u064A\u0670 +]+$")
errors = []

def key(s):
    s = "".join(c for c in s if not ("\u064b" <= c <= "\u0652" or c in "\u0670\u0640"))
    return " ".join(s.translate(FOLD).split())

def rows(name, nf):
    path = os.path.join(D, name)
    out = []
    for n, line in enumerate(open(path, encoding="utf-8"), 1):
        line = line.rstrip("\n")
        if not line.strip() or line.startswith("#"):
            continue
        f = line.split("\t")
        if len(f) != nf:
            errors.append(f"{name}:{n}: {len(f)} fields, want {nf}")
            continue
        for x in f:
            if x != x.strip() or "  " in x or x == "":
                errors.append(f"{name}:{n}: empty field or stray space in {x!r}")
        out.append((n, f))
    return out

def items(field):
    return [] if field == "-" else field.split("|")

def arabic(name, n, s):
    if not ARABIC.match(s):
        errors.append(f"{name}:{n}: non-Arabic characters in {s!r}")

class Unique:
    def __init__(self, name):
        self.name, self.seen = name, {}
    def add(self, n, s, owner):
        k = key(s)
        if k in self.seen and self.seen[k] != (n, owner):
            errors.append(f"{self.name}:{n}: {s!r} ({owner}) duplicates line {self.seen[k][0]} ({self.seen[k][1]})")
        elif k in self.seen:
            errors.append(f"{self.name}:{n}: {s!r} listed twice in {owner}")
        self.seen[k] = (n, owner)

# countries.tsv
u, codes, counts = Unique("countries.tsv"), set(), collections.Counter()
for n, f in rows("countries.tsv", 7):
    cameo, iso3, name, aliases, nisba, capital, en = f
    if not re.fullmatch(r"[A-Z]{3}", cameo): errors.append(f"countries.tsv:{n}: bad cameo {cameo!r}")
    if not re.fullmatch(r"[A-Z]{3}|-", iso3): errors.append(f"countries.tsv:{n}: bad iso3 {iso3!r}")
    if cameo in codes: errors.append(f"countries.tsv:{n}: duplicate cameo {cameo}")
    codes.add(cameo)
    counts["regions" if iso3 == "-" else "states"] += 1
    for s in [name] + items(aliases) + items(nisba) + items(capital):
        arabic("countries.tsv", n, s)
        u.add(n, s, cameo)
    counts["aliases"] += len(items(aliases)); counts["nisba"] += len(items(nisba)); counts["capitals"] += len(items(capital))
missing = (UN | EXTRA) - codes
if missing: errors.append(f"countries.tsv: missing states {sorted(missing)}")

# igos.tsv
u, ids = Unique("igos.tsv"), set()
for n, f in rows("igos.tsv", 5):
    code, name, aliases, en, cameo = f
    if not re.fullmatch(r"[A-Z][A-Z0-9]*", code) or code in ids: errors.append(f"igos.tsv:{n}: bad or duplicate code {code!r}")
    ids.add(code)
    if not re.fullmatch(r"(IGO|NGO)[A-Z0-9]{2,3}", cameo): errors.append(f"igos.tsv:{n}: bad cameo {cameo!r}")
    for s in [name] + items(aliases):
        arabic("igos.tsv", n, s)
        u.add(n, s, code)
    counts["igos"] += 1; counts["igo_aliases"] += len(items(aliases))

# sectors.tsv
u = Unique("sectors.tsv")
for n, f in rows("sectors.tsv", 3):
    noun, code, note = f
    if code not in SECTORS: errors.append(f"sectors.tsv:{n}: code {code!r} not allowed")
    arabic("sectors.tsv", n, noun)
    u.add(n, noun, code)
    counts["sectors"] += 1

# metonyms.tsv (optional)
if os.path.exists(os.path.join(D, "metonyms.tsv")):
    u = Unique("metonyms.tsv")
    for n, f in rows("metonyms.tsv", 3):
        names, cameo, note = f
        if not (len(cameo) == 6 and cameo[:3] in codes and cameo[3:] in SECTORS):
            errors.append(f"metonyms.tsv:{n}: bad cameo {cameo!r}")
        for s in items(names):
            arabic("metonyms.tsv", n, s)
            u.add(n, s, cameo)
        counts["metonyms"] += 1

for e in errors: print(e)
print(dict(counts))
sys.exit(1 if errors else 0)
