// Package migrations holds the versioned DDL of the Compass schema in golang-migrate's
// format (NNNNNN_name.up.sql / NNNNNN_name.down.sql), embedded so that services apply
// exactly the files this module version was built and tested with.
//
// Files are append-only: a released migration is never edited. Applying every up file in
// order yields exactly the schema in ../schema (checked by tests and by CI).
package migrations

import "embed"

// FS contains every migration file of this module version.
//
//go:embed *.sql
var FS embed.FS
