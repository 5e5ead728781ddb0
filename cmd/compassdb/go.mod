module github.com/compass-eng/compassdb/cmd/compassdb

go 1.25.11

require (
	ariga.io/atlas v0.32.1-0.20250325101103-175b25e1c1b9
	github.com/compass-eng/compassdb v0.0.0-00010101000000-000000000000
	github.com/mattn/go-sqlite3 v1.14.53
)

require (
	github.com/agext/levenshtein v1.2.1 // indirect
	github.com/apparentlymart/go-textseg/v13 v13.0.0 // indirect
	github.com/apparentlymart/go-textseg/v15 v15.0.0 // indirect
	github.com/bmatcuk/doublestar v1.3.4 // indirect
	github.com/go-openapi/inflect v0.19.0 // indirect
	github.com/golang-migrate/migrate/v4 v4.20.1 // indirect
	github.com/google/go-cmp v0.6.0 // indirect
	github.com/google/uuid v1.6.0 // indirect
	github.com/hashicorp/hcl/v2 v2.13.0 // indirect
	github.com/mitchellh/go-wordwrap v0.0.0-20150314170334-ad45545899c7 // indirect
	github.com/zclconf/go-cty v1.14.4 // indirect
	github.com/zclconf/go-cty-yaml v1.1.0 // indirect
	golang.org/x/text v0.38.0 // indirect
)

// The library is this repository's root module: go.work uses it in a checkout, and this
// replace lets `go mod tidy` and GOWORK=off builds of this module find it too.
replace github.com/compass-eng/compassdb v0.0.0-00010101000000-000000000000 => ../..
