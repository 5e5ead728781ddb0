module github.com/compass-eng/compassdb

go 1.25.11

require (
	github.com/golang-migrate/migrate/v4 v4.20.1
	github.com/google/uuid v1.6.0
	github.com/mattn/go-sqlite3 v1.14.53
)
