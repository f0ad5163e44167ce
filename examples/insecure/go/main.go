// Orders API: a tiny HTTP service that lists orders as JSON.
package main

import (
	"encoding/json"
	"flag"
	"log"
	"net/http"
	"os"
	"time"
)

type order struct {
	ID     string  `json:"id"`
	Amount float64 `json:"amount"`
}

func main() {
	healthcheck := flag.Bool("healthcheck", false, "probe the running server and exit 0 when it answers")
	flag.Parse()
	addr := ":" + envOr("PORT", "8080")
	if *healthcheck {
		client := http.Client{Timeout: 2 * time.Second}
		resp, err := client.Get("http://127.0.0.1" + addr + "/healthz")
		if err != nil || resp.StatusCode != http.StatusOK {
			os.Exit(1)
		}
		os.Exit(0)
	}

	mux := http.NewServeMux()
	mux.HandleFunc("/healthz", func(w http.ResponseWriter, _ *http.Request) { w.WriteHeader(http.StatusOK) })
	mux.HandleFunc("/orders", func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		_ = json.NewEncoder(w).Encode([]order{{ID: "A-1001", Amount: 42.5}, {ID: "A-1002", Amount: 7}})
	})
	log.Printf("orders api listening on %s", addr)
	log.Fatal(http.ListenAndServe(addr, mux))
}

func envOr(name, fallback string) string {
	if v := os.Getenv(name); v != "" {
		return v
	}
	return fallback
}
