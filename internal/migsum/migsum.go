// Package migsum keeps migrations/migrations.sum, the record that makes migration files
// append-only: one line per released file with its SHA-256, plus a total over those lines.
// A recorded file may not be edited, removed or renumbered, and a new file must come after
// every recorded one. `compassdb migrate hash` records new files; the guard test and CI
// check the record.
package migsum

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"path"
	"regexp"
	"slices"
	"strconv"
	"strings"
)

// FileName is the record's name inside the migrations folder.
const FileName = "migrations.sum"

const header = `# Checksums of the released migrations (compassdb migrate hash). Append-only: never edit
# a recorded line or a recorded file; add a new migration and record it instead.
`

// migrationName matches the files the record covers.
var migrationName = regexp.MustCompile(`^(\d+)_[^.]+\.(up|down)\.sql$`)

// Entry is one recorded file.
type Entry struct {
	Name string
	Sum  string // hex SHA-256 of the file's bytes
}

// Sum is the parsed record.
type Sum struct {
	Entries []Entry // sorted by name
}

// Hash is the hex SHA-256 of a file's content.
func Hash(b []byte) string {
	h := sha256.Sum256(b)
	return hex.EncodeToString(h[:])
}

// Total is the hex SHA-256 over the entry lines, so that an edit of the record itself (a
// "fixed" hash for an edited migration) is caught as well.
func (s Sum) Total() string {
	var b strings.Builder
	for _, e := range s.Entries {
		fmt.Fprintf(&b, "%s %s\n", e.Name, e.Sum)
	}
	return Hash([]byte(b.String()))
}

// Lookup returns the recorded hash of name.
func (s Sum) Lookup(name string) (string, bool) {
	for _, e := range s.Entries {
		if e.Name == name {
			return e.Sum, true
		}
	}
	return "", false
}

// MaxVersion is the highest recorded migration version (0 when nothing is recorded).
func (s Sum) MaxVersion() uint64 {
	var m uint64
	for _, e := range s.Entries {
		m = max(m, version(e.Name))
	}
	return m
}

// Format renders the record.
func (s Sum) Format() []byte {
	var b bytes.Buffer
	b.WriteString(header)
	for _, e := range s.Entries {
		fmt.Fprintf(&b, "%s %s\n", e.Name, e.Sum)
	}
	fmt.Fprintf(&b, "total %s\n", s.Total())
	return b.Bytes()
}

// Parse reads a record and verifies its total line.
func Parse(data []byte) (Sum, error) {
	var s Sum
	var total string
	sc := bufio.NewScanner(bytes.NewReader(data))
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		f := strings.Fields(line)
		if len(f) != 2 || len(f[1]) != 64 {
			return Sum{}, fmt.Errorf("%s:%d: want `NAME SHA256` or `total SHA256`, got %q", FileName, n, line)
		}
		if total != "" {
			return Sum{}, fmt.Errorf("%s:%d: line after the total", FileName, n)
		}
		if f[0] == "total" {
			total = f[1]
			continue
		}
		if _, dup := s.Lookup(f[0]); dup {
			return Sum{}, fmt.Errorf("%s:%d: %s is recorded twice", FileName, n, f[0])
		}
		s.Entries = append(s.Entries, Entry{Name: f[0], Sum: f[1]})
	}
	if err := sc.Err(); err != nil {
		return Sum{}, err
	}
	if total == "" {
		return Sum{}, fmt.Errorf("%s: no total line", FileName)
	}
	if got := s.Total(); got != total {
		return Sum{}, fmt.Errorf("%s: the total does not match the recorded lines: the record was edited by hand (restore it from version control)", FileName)
	}
	slices.SortFunc(s.Entries, func(a, b Entry) int { return strings.Compare(a.Name, b.Name) })
	return s, nil
}

// Read parses dir/migrations.sum; a missing record is an empty one.
func Read(dir fs.FS) (Sum, error) {
	data, err := fs.ReadFile(dir, FileName)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return Sum{}, nil
		}
		return Sum{}, err
	}
	return Parse(data)
}

// Problem is a violation of the append-only rule, naming the file.
type Problem struct {
	File string
	Kind string // "edited", "removed", "renumbered", "out-of-order"
	Msg  string
}

func (p Problem) String() string { return p.File + ": " + p.Msg }

// State compares the files in dir with the record.
type State struct {
	Problems   []Problem
	Unrecorded []string // new files after every recorded one, in order: allowed, not yet frozen
}

// Check compares the migration files in dir with the record s.
func Check(dir fs.FS, s Sum) (State, error) {
	files, err := migrationFiles(dir)
	if err != nil {
		return State{}, err
	}
	var st State
	hashes := map[string]string{}
	for _, name := range files {
		b, err := fs.ReadFile(dir, name)
		if err != nil {
			return State{}, err
		}
		hashes[name] = Hash(b)
	}
	renamedTo := map[string]string{} // recorded name -> new name with the same content
	for _, e := range s.Entries {
		got, ok := hashes[e.Name]
		switch {
		case !ok:
			for name, h := range hashes {
				if _, recorded := s.Lookup(name); !recorded && h == e.Sum {
					renamedTo[e.Name] = name
				}
			}
			if to, ok := renamedTo[e.Name]; ok {
				st.Problems = append(st.Problems, Problem{File: e.Name, Kind: "renumbered",
					Msg: fmt.Sprintf("recorded migration was renamed to %s; recorded migrations keep their names and numbers (rename it back)", to)})
			} else {
				st.Problems = append(st.Problems, Problem{File: e.Name, Kind: "removed",
					Msg: "recorded migration is missing; recorded migrations are never removed (restore it from version control)"})
			}
		case got != e.Sum:
			st.Problems = append(st.Problems, Problem{File: e.Name, Kind: "edited",
				Msg: "recorded migration was edited (sha256 " + got[:12] + "…, recorded " + e.Sum[:12] + "…); restore it from version control and put the change in a new migration (compassdb migrate new)"})
		}
	}
	maxV := s.MaxVersion()
	for _, name := range files {
		if _, ok := s.Lookup(name); ok {
			continue
		}
		if slices.Contains(slices.Collect(maps.Values(renamedTo)), name) {
			continue // reported as renumbered
		}
		if version(name) <= maxV {
			st.Problems = append(st.Problems, Problem{File: name, Kind: "out-of-order",
				Msg: fmt.Sprintf("new migration is numbered %d, not after the recorded version %d; number it %06d or higher", version(name), maxV, maxV+1)})
			continue
		}
		st.Unrecorded = append(st.Unrecorded, name)
	}
	return st, nil
}

// Add records the unrecorded files of dir. It refuses, changing nothing, when Check finds
// a problem: a recorded hash is never rewritten.
func Add(dir fs.FS, s Sum) (Sum, []string, error) {
	st, err := Check(dir, s)
	if err != nil {
		return s, nil, err
	}
	if len(st.Problems) > 0 {
		msgs := make([]string, len(st.Problems))
		for i, p := range st.Problems {
			msgs[i] = p.String()
		}
		return s, nil, fmt.Errorf("refusing to update %s:\n  %s", FileName, strings.Join(msgs, "\n  "))
	}
	out := Sum{Entries: slices.Clone(s.Entries)}
	for _, name := range st.Unrecorded {
		b, err := fs.ReadFile(dir, name)
		if err != nil {
			return s, nil, err
		}
		out.Entries = append(out.Entries, Entry{Name: name, Sum: Hash(b)})
	}
	slices.SortFunc(out.Entries, func(a, b Entry) int { return strings.Compare(a.Name, b.Name) })
	return out, st.Unrecorded, nil
}

func migrationFiles(dir fs.FS) ([]string, error) {
	entries, err := fs.ReadDir(dir, ".")
	if err != nil {
		return nil, err
	}
	var names []string
	for _, e := range entries {
		if !e.IsDir() && migrationName.MatchString(e.Name()) {
			names = append(names, path.Base(e.Name()))
		}
	}
	slices.Sort(names)
	return names, nil
}

func version(name string) uint64 {
	m := migrationName.FindStringSubmatch(name)
	if m == nil {
		return 0
	}
	v, _ := strconv.ParseUint(m[1], 10, 64)
	return v
}
