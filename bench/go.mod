module github.com/compass-eng/compassdb/bench

go 1.25.11

require (
	github.com/compass-eng/compassdb v0.0.0-00010101000000-000000000000
	github.com/mattn/go-sqlite3 v1.14.53
	gorm.io/driver/sqlite v1.6.0
	gorm.io/gorm v1.31.2
)

require (
	github.com/golang-migrate/migrate/v4 v4.20.1 // indirect
	github.com/google/uuid v1.6.0 // indirect
	github.com/jinzhu/inflection v1.0.0 // indirect
	github.com/jinzhu/now v1.1.5 // indirect
	golang.org/x/text v0.38.0 // indirect
)

// The library is developed in the same repository: build against the checkout beside this
// module (go.work at the root does the same for workspace builds).
replace github.com/compass-eng/compassdb v0.0.0-00010101000000-000000000000 => ..
