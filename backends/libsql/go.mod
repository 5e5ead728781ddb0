module github.com/compass-eng/compassdb/backends/libsql

go 1.25.11

require (
	github.com/compass-eng/compassdb v0.0.0-00010101000000-000000000000
	github.com/tursodatabase/libsql-client-go v0.0.0-20260528064733-9d5d30a29a60
)

require (
	github.com/antlr4-go/antlr/v4 v4.13.0 // indirect
	github.com/coder/websocket v1.8.12 // indirect
	github.com/golang-migrate/migrate/v4 v4.20.1 // indirect
	github.com/google/uuid v1.6.0 // indirect
	github.com/mattn/go-sqlite3 v1.14.53 // indirect
	golang.org/x/exp v0.0.0-20240325151524-a685a6edb6d8 // indirect
)

// The library is this repository's root module: go.work uses it in a checkout, and this
// replace lets `go mod tidy` and GOWORK=off builds of this module find it too.
replace github.com/compass-eng/compassdb v0.0.0-00010101000000-000000000000 => ../..
