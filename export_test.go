package compassdb

import (
	"context"
	"database/sql"
)

// Test hooks: migration runs over a folder other than the embedded one, the splitter, the
// transaction runner on a raw connection, and error classification for a connection role.
var (
	MigrateToFS     = migrateTo
	SplitStatements = splitStatements
)

func WriteTx(ctx context.Context, pool *sql.DB, fn func(c *sql.Conn) error) error {
	return writeTx(ctx, pool, fn)
}

func ClassifyFor(err error, readOnly, liteFS bool) error {
	return role{readOnly: readOnly, liteFS: liteFS}.classify(err)
}
