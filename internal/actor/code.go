package actor

import "sync"

var (
	countryOnce  sync.Once
	countryNames map[string]string // CAMEO country or region code -> Arabic name
)

func countries() map[string]string {
	countryOnce.Do(func() {
		countryNames = map[string]string{}
		for _, e := range Default().Entries() {
			if e.Kind == Country || e.Kind == Region {
				countryNames[e.Code] = e.Name
			}
		}
	})
	return countryNames
}

// CountryOf returns the CAMEO country (or region) a composite actor code
// starts with: KAZ for KAZGOV, "" for IGO or a bare sector such as GOV.
func CountryOf(code string) string {
	if len(code) < 3 {
		return ""
	}
	if _, ok := countries()[code[:3]]; ok {
		return code[:3]
	}
	return ""
}

// CountryName returns the Arabic name of a CAMEO country code, "" when
// the code names no country.
func CountryName(code string) string { return countries()[code] }
