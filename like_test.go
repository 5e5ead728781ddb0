package compassdb_test

import (
	"testing"

	"github.com/compass-eng/compassdb"
)

func TestLikeContains(t *testing.T) {
	for in, want := range map[string]string{
		"roof":     `%roof%`,
		"50%":      `%50\%%`,
		"a_b":      `%a\_b%`,
		`C:\dir`:   `%C:\\dir%`,
		"":         `%%`,
		`\%_mixed`: `%\\\%\_mixed%`,
	} {
		if got := compassdb.LikeContains(in); got != want {
			t.Errorf("LikeContains(%q) = %q, want %q", in, got, want)
		}
	}
}
