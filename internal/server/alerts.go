package server

import (
	"encoding/json"
	"net/http"

	"github.com/rasd-project/rasd/internal/alert"
	"github.com/rasd-project/rasd/internal/store"
)

// alertRow is a stored alert with its body decoded, for the API and the
// alerts page.
type alertRow struct {
	store.AlertRecord
	Body alert.Alert `json:"-"`
}

func (s *Server) alerts(r *http.Request) ([]alertRow, int, store.AlertQuery, error) {
	limit, offset, err := paging(r)
	if err != nil {
		return nil, 0, store.AlertQuery{}, err
	}
	q := store.AlertQuery{Rule: r.URL.Query().Get("rule"), Pending: r.URL.Query().Get("pending") == "true", Limit: limit, Offset: offset}
	recs, err := s.cfg.Store.Alerts(r.Context(), q)
	if err != nil {
		return nil, 0, q, err
	}
	total, err := s.cfg.Store.CountAlerts(r.Context())
	if err != nil {
		return nil, 0, q, err
	}
	rows := make([]alertRow, len(recs))
	for i, rec := range recs {
		rows[i].AlertRecord = rec
		if err := json.Unmarshal(rec.Alert, &rows[i].Body); err != nil {
			s.log.Warn("stored alert does not decode", "id", rec.ID, "err", err)
		}
	}
	return rows, total, q, nil
}

func (s *Server) apiAlerts(w http.ResponseWriter, r *http.Request) error {
	rows, total, _, err := s.alerts(r)
	if err != nil {
		return err
	}
	recs := make([]store.AlertRecord, len(rows))
	for i, row := range rows {
		recs[i] = row.AlertRecord
	}
	writeJSON(w, http.StatusOK, map[string]any{"total": total, "alerts": recs})
	return nil
}

func (s *Server) apiFeeds(w http.ResponseWriter, r *http.Request) error {
	feeds, err := s.cfg.Store.FeedStates(r.Context())
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, map[string]any{"feeds": nonNil(feeds)})
	return nil
}

func (s *Server) alertsPage(w http.ResponseWriter, r *http.Request) error {
	rows, total, q, err := s.alerts(r)
	if err != nil {
		return err
	}
	feeds, err := s.cfg.Store.FeedStates(r.Context())
	if err != nil {
		return err
	}
	data := struct {
		Rows  []alertRow
		Feeds []store.FeedState
		Pager pager
	}{rows, feeds, makePager(r, total, q.Limit, q.Offset, len(rows))}
	return s.render(w, http.StatusOK, "alerts", view{Title: "التنبيهات", Data: data})
}
