package migsum

import (
	"strings"
	"testing"
	"testing/fstest"
)

func dir(files map[string]string) fstest.MapFS {
	m := fstest.MapFS{}
	for name, body := range files {
		m[name] = &fstest.MapFile{Data: []byte(body)}
	}
	return m
}

func recorded(t *testing.T, files map[string]string) Sum {
	t.Helper()
	s, added, err := Add(dir(files), Sum{})
	if err != nil || len(added) != len(files) {
		t.Fatalf("Add: %v %v", added, err)
	}
	back, err := Parse(s.Format())
	if err != nil {
		t.Fatalf("Parse(Format()): %v", err)
	}
	return back
}

var base = map[string]string{
	"000001_core.up.sql": "CREATE TABLE a (id TEXT);", "000001_core.down.sql": "DROP TABLE a;",
	"000002_more.up.sql": "CREATE TABLE b (id TEXT);", "000002_more.down.sql": "DROP TABLE b;",
}

func with(changes map[string]string, drop ...string) map[string]string {
	out := map[string]string{}
	for k, v := range base {
		out[k] = v
	}
	for _, k := range drop {
		delete(out, k)
	}
	for k, v := range changes {
		out[k] = v
	}
	return out
}

func TestCheck(t *testing.T) {
	s := recorded(t, base)
	for _, tc := range []struct {
		name       string
		files      map[string]string
		kind, file string
		unrecorded int
	}{
		{"clean", base, "", "", 0},
		{"new file after", with(map[string]string{"000003_x.up.sql": "x", "000003_x.down.sql": "y"}), "", "", 2},
		{"edited", with(map[string]string{"000001_core.up.sql": "CREATE TABLE a (id TEXT, n INT);"}), "edited", "000001_core.up.sql", 0},
		{"removed", with(nil, "000002_more.down.sql"), "removed", "000002_more.down.sql", 0},
		{"renumbered", with(map[string]string{"000005_more.up.sql": base["000002_more.up.sql"]}, "000002_more.up.sql"), "renumbered", "000002_more.up.sql", 0},
		{"inserted before", with(map[string]string{"000002_aaa.up.sql": "x"}), "out-of-order", "000002_aaa.up.sql", 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			st, err := Check(dir(tc.files), s)
			if err != nil {
				t.Fatal(err)
			}
			if len(st.Unrecorded) != tc.unrecorded {
				t.Errorf("unrecorded = %v, want %d", st.Unrecorded, tc.unrecorded)
			}
			if tc.kind == "" {
				if len(st.Problems) > 0 {
					t.Errorf("problems: %v", st.Problems)
				}
				return
			}
			if len(st.Problems) != 1 || st.Problems[0].Kind != tc.kind || st.Problems[0].File != tc.file {
				t.Fatalf("problems = %v, want one %s of %s", st.Problems, tc.kind, tc.file)
			}
			if _, _, err := Add(dir(tc.files), s); err == nil || !strings.Contains(err.Error(), tc.file) {
				t.Errorf("Add did not refuse naming %s: %v", tc.file, err)
			}
		})
	}
}

func TestParseRejectsAHandEditedRecord(t *testing.T) {
	s := recorded(t, base)
	text := string(s.Format())
	h, _ := s.Lookup("000001_core.up.sql")
	edited := strings.Replace(text, h, Hash([]byte("something else")), 1)
	if _, err := Parse([]byte(edited)); err == nil || !strings.Contains(err.Error(), "total") {
		t.Fatalf("Parse accepted an edited record: %v", err)
	}
}

func TestAddKeepsRecordedLines(t *testing.T) {
	s := recorded(t, base)
	files := with(map[string]string{"000003_x.up.sql": "x", "000003_x.down.sql": "y"})
	s2, added, err := Add(dir(files), s)
	if err != nil || len(added) != 2 {
		t.Fatalf("Add: %v %v", added, err)
	}
	if !strings.HasPrefix(strings.Join(strings.Split(string(s2.Format()), "\n")[2:6], "\n"), strings.Join(strings.Split(string(s.Format()), "\n")[2:6], "\n")) {
		t.Errorf("recorded lines changed")
	}
}
