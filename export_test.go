package compassdb

// Test hooks: migration runs over a folder other than the embedded one, the splitter, and
// error classification for a connection role.
var (
	MigrateToFS     = migrateTo
	SplitStatements = splitStatements
)

func ClassifyFor(err error, readOnly, liteFS bool) error {
	return role{readOnly: readOnly, liteFS: liteFS}.classify(err)
}
