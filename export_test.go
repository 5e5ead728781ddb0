package compassdb

// Test hooks: migration runs over a folder other than the embedded one, and the splitter.
var (
	MigrateToFS     = migrateTo
	SplitStatements = splitStatements
)
