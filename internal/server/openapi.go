package server

import (
	_ "embed"
	"net/http"
)

// openapiJSON is the API's OpenAPI 3 document; TestOpenAPIMatchesRoutes
// keeps it true to the routes.
//
//go:embed web/openapi.json
var openapiJSON []byte

func (s *Server) openapi(w http.ResponseWriter, r *http.Request) error {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	_, err := w.Write(openapiJSON)
	return err
}
