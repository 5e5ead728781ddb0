// Package dbtypes holds the Go types that sqlc-generated code uses for the typed
// columns of the Compass SQLite database (see sqlc.yaml for the column mapping):
// timestamps and dates in the text forms the existing application writes, money
// stored as REAL but handled as whole cents, the CHECK-constrained enumerations,
// and the JSON documents stored as TEXT.
//
// Every type implements database/sql.Scanner and database/sql/driver.Valuer.
// A value that a type cannot represent exactly is refused with an
// *InvalidValueError, on read and on write, rather than coerced or dropped.
package dbtypes
