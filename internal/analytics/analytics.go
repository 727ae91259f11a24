package analytics

import (
	"context"
	"fmt"
	"time"

	"github.com/rasd-project/rasd/internal/store"
)

// EventStore is what analytics reads.
type EventStore interface {
	GroupEvents(ctx context.Context, f store.EventFilter, by ...store.Dim) ([]store.Group, error)
	Events(ctx context.Context, f store.EventFilter, fn func(store.EventRow) error) error
}

// Interval is the width of a time-series bucket.
type Interval string

const (
	Day   Interval = "day"
	Week  Interval = "week"
	Month Interval = "month"
)

// ParseInterval checks an interval name; "" is month.
func ParseInterval(s string) (Interval, error) {
	switch Interval(s) {
	case "":
		return Month, nil
	case Day, Week, Month:
		return Interval(s), nil
	}
	return "", fmt.Errorf("interval %q: want day, week or month", s)
}

// bucket returns the period a YYYY-MM-DD date falls in: 2022-07-20,
// 2022-W29 or 2022-07. ok is false when the date is coarser than the
// interval (an event dated 2022 has no month).
func bucket(date string, iv Interval) (string, bool) {
	switch iv {
	case Month:
		if len(date) < 7 {
			return "", false
		}
		return date[:7], true
	case Day, Week:
		if len(date) < 10 {
			return "", false
		}
		if iv == Day {
			return date[:10], true
		}
		t, err := time.Parse("2006-01-02", date[:10])
		if err != nil {
			return "", false
		}
		y, w := t.ISOWeek()
		return fmt.Sprintf("%04d-W%02d", y, w), true
	}
	return "", false
}

// periods lists every period from first to last inclusive, so a chart has
// a point for quiet periods too. It gives up (nil) on unparsable bounds or
// more than max periods.
func periods(first, last string, iv Interval, max int) []string {
	var t, end time.Time
	var err error
	switch iv {
	case Month:
		t, err = time.Parse("2006-01", first)
		if err == nil {
			end, err = time.Parse("2006-01", last)
		}
	case Day:
		t, err = time.Parse("2006-01-02", first)
		if err == nil {
			end, err = time.Parse("2006-01-02", last)
		}
	case Week:
		t, err = weekStart(first)
		if err == nil {
			end, err = weekStart(last)
		}
	}
	if err != nil {
		return nil
	}
	var out []string
	for !t.After(end) && len(out) <= max {
		p, _ := bucket(t.Format("2006-01-02"), iv)
		out = append(out, p)
		switch iv {
		case Month:
			t = t.AddDate(0, 1, 0)
		case Week:
			t = t.AddDate(0, 0, 7)
		default:
			t = t.AddDate(0, 0, 1)
		}
	}
	if len(out) > max {
		return nil
	}
	return out
}

// weekStart is the Monday of an ISO week written 2022-W29.
func weekStart(w string) (time.Time, error) {
	var year, week int
	if _, err := fmt.Sscanf(w, "%04d-W%02d", &year, &week); err != nil {
		return time.Time{}, err
	}
	// 4 January is always in week 1.
	jan4 := time.Date(year, 1, 4, 0, 0, 0, 0, time.UTC)
	monday := jan4.AddDate(0, 0, -((int(jan4.Weekday()) + 6) % 7))
	return monday.AddDate(0, 0, 7*(week-1)), nil
}
