package compassdb_test

import (
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/compass-eng/compassdb"
	"github.com/compass-eng/compassdb/db"
	"github.com/compass-eng/compassdb/dbtypes"
	"github.com/compass-eng/compassdb/internal/dbtest"
)

// Fuzz tests. Without -fuzz they run their seed corpus as ordinary tests; a local run:
//
//	go test -run '^$' -fuzz '^FuzzSearchEscaping$' -fuzztime 20s .
//	go test -run '^$' -fuzz '^FuzzTextArguments$' -fuzztime 20s .
//
// Each fuzz worker opens one database in the target's setup and reuses it for every input.

// searchSeeds are user texts that LIKE treats specially, or that case folding might.
var searchSeeds = []string{
	"%", "_", `\`, "50%", "a_b", `\%`, `\_`, `\\`, "%%", "__", `%_\`, `a\b`, `100%_off`, "'", `"`, "--", "[a-z]", "*?",
	"MiXeD CaSe", "mixed case", "ABC", "é", "É", "Straße", "STRASSE", "İstanbul", "\u212A" /* Kelvin sign */, "k",
	"日本語", "🔐 key", "ß", "\uFFFD", "a b", " ", "", "x\x00y", "\xff", "ok\xc3",
}

// asciiFold lower-cases ASCII letters only, as SQLite's LIKE does without ICU.
func asciiFold(s string) string {
	b := []byte(s)
	for i, c := range b {
		if 'A' <= c && c <= 'Z' {
			b[i] = c + 'a' - 'A'
		}
	}
	return string(b)
}

// likeContains is the oracle: what `text LIKE compassdb.LikeContains(needle) ESCAPE '\'`
// must answer.
func likeContains(text, needle string) bool {
	return strings.Contains(asciiFold(text), asciiFold(needle))
}

// swapASCIICase swaps the case of ASCII letters.
func swapASCIICase(s string) string {
	b := []byte(s)
	for i, c := range b {
		switch {
		case 'a' <= c && c <= 'z':
			b[i] = c - 'a' + 'A'
		case 'A' <= c && c <= 'Z':
			b[i] = c - 'A' + 'a'
		}
	}
	return string(b)
}

// nearMisses are texts close to needle that an unescaped or wrongly escaped pattern would
// match: each wildcard replaced by what it would match, the escape character dropped, the
// last character dropped.
func nearMisses(needle string) []string {
	_, size := utf8.DecodeLastRuneInString(needle)
	return []string{
		strings.NewReplacer("%", "500", "_", "x").Replace(needle),
		strings.NewReplacer("%", "", "_", "").Replace(needle),
		strings.ReplaceAll(needle, `\`, ""),
		strings.ReplaceAll(needle, `\`, `\\`),
		needle[:len(needle)-size],
		"<" + swapASCIICase(needle) + ">",
		"unrelated",
		"",
	}
}

func FuzzSearchEscaping(f *testing.F) {
	for _, s := range searchSeeds {
		f.Add(s)
	}
	h := dbtest.Open(f)
	const me, other = "user-fuzz", "user-other"
	for _, id := range []string{me, other} {
		if _, err := h.Writer().CreateUser(bg, newUser(id)); err != nil {
			f.Fatal(err)
		}
	}

	f.Fuzz(func(t *testing.T, needle string) {
		if len(needle) > 1000 {
			// SQLite refuses LIKE patterns over 50 000 bytes; user search text is short.
			t.Skip("longer than a search text")
		}
		for _, stmt := range []string{`DELETE FROM slab_memories`, `DELETE FROM projects`} {
			if _, err := h.WriteDB().ExecContext(bg, stmt); err != nil {
				t.Fatal(err)
			}
		}
		valid := utf8.ValidString(needle) && !strings.ContainsRune(needle, 0)
		// Rows: the needle inside other text and its near misses (for a needle that cannot
		// be stored, those of what remains without its invalid bytes and NULs, and the part
		// before its first NUL, which is all that LIKE would read of it), the same texts for
		// another user, whose memories must never be returned, and a match in tags only.
		storable := needle
		if !valid {
			storable = strings.ReplaceAll(strings.ToValidUTF8(needle, ""), "\x00", "")
		}
		texts := append([]string{"<" + storable + ">"}, nearMisses(storable)...)
		if before, _, ok := strings.Cut(needle, "\x00"); ok && utf8.ValidString(before) {
			texts = append(texts, before)
		}
		type memRow struct {
			id, user, content string
			tags              *string
		}
		var mems []memRow
		for i, text := range texts {
			mems = append(mems, memRow{id: fmt.Sprintf("mem-%d", i), user: me, content: text})
			mems = append(mems, memRow{id: fmt.Sprintf("mem-other-%d", i), user: other, content: text})
		}
		mems = append(mems, memRow{id: "mem-tagged", user: me, content: "tagged", tags: ptr("tag," + storable)})

		err := h.Tx(bg, func(q *db.Queries) error {
			for _, m := range mems {
				if _, err := q.CreateSlabMemory(bg, db.CreateSlabMemoryParams{
					ID: m.id, UserID: m.user, Content: m.content, Tags: m.tags, MemoryType: dbtypes.MemoryTypeFact, Importance: 0.5, CreatedAt: dbtest.At(1),
				}); err != nil {
					return err
				}
			}
			for i, text := range texts {
				if _, err := q.CreateProject(bg, db.CreateProjectParams{ID: fmt.Sprintf("project-%d", i), Name: text, Status: "OPEN", CreatedAt: dbtest.At(1)}); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		patterns, err := json.Marshal([]string{compassdb.LikeContains(needle)})
		if err != nil {
			t.Fatal(err)
		}

		if !valid {
			// Text that cannot be stored as it is is refused with a typed error, and so is a
			// search with it, rather than matching something else.
			_, err := h.Writer().CreateSlabMemory(bg, db.CreateSlabMemoryParams{
				ID: "mem-invalid", UserID: me, Content: "<" + needle + ">", MemoryType: dbtypes.MemoryTypeFact, Importance: 0.5, CreatedAt: dbtest.At(1),
			})
			if !errors.Is(err, compassdb.ErrInvalidText) {
				t.Fatalf("storing invalid text: %v, want ErrInvalidText", err)
			}
			_, err = h.Reader().SearchProjects(bg, db.SearchProjectsParams{Pattern: compassdb.LikeContains(needle), RowLimit: 100})
			if !errors.Is(err, compassdb.ErrInvalidText) {
				t.Fatalf("SearchProjects with invalid text: %v, want ErrInvalidText", err)
			}
			// Through JSON, NUL arrives as "\u0000" (the driver sees valid text): the query
			// must match nothing. (encoding/json turns invalid UTF-8 into U+FFFD, so that
			// needle is no longer the one searched for.)
			if utf8.ValidString(needle) {
				found, err := h.Reader().SearchSlabMemories(bg, db.SearchSlabMemoriesParams{UserID: me, Patterns: string(patterns)})
				if err != nil || len(found) != 0 {
					t.Fatalf("SearchSlabMemories(%q) = %d rows, %v; want none: no stored text holds NUL", needle, len(found), err)
				}
			}
			return
		}

		var wantMems []string
		for _, m := range mems {
			if m.user == me && (likeContains(m.content, needle) || (m.tags != nil && likeContains(*m.tags, needle))) {
				wantMems = append(wantMems, m.id)
			}
		}
		found, err := h.Reader().SearchSlabMemories(bg, db.SearchSlabMemoriesParams{UserID: me, Patterns: string(patterns)})
		if err != nil {
			t.Fatalf("SearchSlabMemories(%q): %v", needle, err)
		}
		var gotMems []string
		for _, m := range found {
			gotMems = append(gotMems, m.ID)
		}
		slices.Sort(wantMems)
		slices.Sort(gotMems)
		if !slices.Equal(gotMems, wantMems) {
			t.Errorf("SearchSlabMemories(%q) = %q, want %q", needle, gotMems, wantMems)
		}

		var wantProjects []string
		for i, text := range texts {
			if likeContains(text, needle) {
				wantProjects = append(wantProjects, fmt.Sprintf("project-%d", i))
			}
		}
		projects, err := h.Reader().SearchProjects(bg, db.SearchProjectsParams{Pattern: compassdb.LikeContains(needle), RowLimit: 100})
		if err != nil {
			t.Fatalf("SearchProjects(%q): %v", needle, err)
		}
		var gotProjects []string
		for _, p := range projects {
			gotProjects = append(gotProjects, p.ID)
		}
		slices.Sort(wantProjects)
		slices.Sort(gotProjects)
		if !slices.Equal(gotProjects, wantProjects) {
			t.Errorf("SearchProjects(%q) = %q, want %q", needle, gotProjects, wantProjects)
		}
	})
}

// FuzzTextArguments binds arbitrary bytes as text: valid UTF-8 without NUL is stored and
// read back byte for byte; anything else is ErrInvalidText naming the argument, and
// nothing is written.
func FuzzTextArguments(f *testing.F) {
	for _, s := range []string{
		"", "plain", "ÄÖÜ 日本 🔐", "\uFFFD", "\uFEFFbom", "tab\tnew\nline", "\U0010FFFF",
		"\x00", "a\x00b", "\xff", "\xc3", "\xc0\xaf", "\xed\xa0\x80", "\xf4\x90\x80\x80", "\xf8\x88\x80\x80\x80", "ok\x80",
	} {
		f.Add(s)
	}
	h := dbtest.Open(f)
	const me = "user-fuzz"
	if _, err := h.Writer().CreateUser(bg, newUser(me)); err != nil {
		f.Fatal(err)
	}

	f.Fuzz(func(t *testing.T, text string) {
		if _, err := h.WriteDB().ExecContext(bg, `DELETE FROM slab_memories`); err != nil {
			t.Fatal(err)
		}
		_, err := h.Writer().CreateSlabMemory(bg, db.CreateSlabMemoryParams{
			ID: "mem-1", UserID: me, Content: text, Tags: ptr(text), MemoryType: dbtypes.MemoryTypeFact, Importance: 0.5, CreatedAt: dbtest.At(1),
		})
		if !utf8.ValidString(text) || strings.ContainsRune(text, 0) {
			var ce *compassdb.Error
			if !errors.As(err, &ce) || !errors.Is(err, compassdb.ErrInvalidText) || ce.Argument != 3 {
				t.Fatalf("invalid text: %v, want ErrInvalidText for argument 3 (content)", err)
			}
			if text != "" && strings.Contains(err.Error(), text) {
				t.Errorf("the error message holds the text")
			}
			n, err := h.Reader().CountSlabMemoriesByUser(bg, me)
			if err != nil || n != 0 {
				t.Errorf("after the refusal: %d memories, %v", n, err)
			}
			return
		}
		if err != nil {
			t.Fatalf("valid text: %v", err)
		}
		m, err := h.Reader().GetSlabMemory(bg, db.GetSlabMemoryParams{ID: "mem-1", UserID: me})
		if err != nil {
			t.Fatal(err)
		}
		if m.Content != text || m.Tags == nil || *m.Tags != text {
			t.Errorf("read back %q / %v, stored %q", m.Content, m.Tags, text)
		}
		var stored []byte
		if err := h.ReadDB().QueryRowContext(bg, `SELECT CAST(content AS BLOB) FROM slab_memories WHERE id = 'mem-1'`).Scan(&stored); err != nil {
			t.Fatal(err)
		}
		if string(stored) != text {
			t.Errorf("stored bytes %q, want %q", stored, text)
		}
	})
}
