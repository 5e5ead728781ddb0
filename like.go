package compassdb

import "strings"

// LikeContains turns user text into a pattern for `col LIKE @pattern ESCAPE '\'` that
// matches the text anywhere, literally: %, _ and \ in the text match only themselves.
// (The existing application passed user text to LIKE unescaped, so "50%" matched "500".)
func LikeContains(text string) string {
	return "%" + likeEscaper.Replace(text) + "%"
}

var likeEscaper = strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`)
