package compassdb

import "strings"

// statement is one SQL statement of a migration file and the line it starts on.
type statement struct {
	SQL  string
	Line int
}

// splitStatements cuts a migration file into statements at semicolons that are outside
// quotes, comments and CREATE TRIGGER bodies, so that a failure can name its statement
// (SQLite's multi-statement exec only reports the error). Empty statements are dropped.
func splitStatements(src string) []statement {
	var out []statement
	start, line, startLine := 0, 1, 1
	flush := func(end int) {
		text, skipped := trimLeadingComments(src[start:end])
		if text = strings.TrimSpace(text); text != "" {
			out = append(out, statement{SQL: text, Line: startLine + skipped})
		}
	}
	for i := 0; i < len(src); i++ {
		switch c := src[i]; {
		case c == '\n':
			line++
		case c == '-' && strings.HasPrefix(src[i:], "--"):
			for i < len(src) && src[i] != '\n' {
				i++
			}
			line++
		case c == '/' && strings.HasPrefix(src[i:], "/*"):
			end := strings.Index(src[i+2:], "*/")
			if end < 0 {
				end = len(src) - i - 2
			}
			line += strings.Count(src[i:i+2+end], "\n")
			i += end + 3
		case c == '\'' || c == '"' || c == '`' || c == '[':
			closer := c
			if c == '[' {
				closer = ']'
			}
			end := strings.IndexByte(src[i+1:], closer)
			if end < 0 {
				end = len(src) - i - 1
			}
			line += strings.Count(src[i:i+1+end], "\n")
			i += end + 1
		case c == ';':
			if isTrigger(src[start:i]) && !endsWithEnd(src[start:i]) {
				continue
			}
			flush(i)
			start, startLine = i+1, line
		}
	}
	flush(len(src))
	return out
}

func isTrigger(stmt string) bool {
	f := strings.Fields(strings.ToUpper(stripComments(stmt)))
	for i := 0; i+1 < len(f) && i < 3; i++ {
		if f[i] == "CREATE" && (f[i+1] == "TRIGGER" || (i+2 < len(f) && f[i+2] == "TRIGGER")) {
			return true
		}
	}
	return false
}

func endsWithEnd(stmt string) bool {
	f := strings.Fields(strings.ToUpper(stripComments(stmt)))
	return len(f) > 0 && f[len(f)-1] == "END"
}

func stripComments(s string) string {
	var b strings.Builder
	for _, l := range strings.Split(s, "\n") {
		if i := strings.Index(l, "--"); i >= 0 {
			l = l[:i]
		}
		b.WriteString(l)
		b.WriteByte('\n')
	}
	return b.String()
}

// trimLeadingComments drops the white space and comments before a statement's first token
// and reports how many line breaks it dropped.
func trimLeadingComments(chunk string) (rest string, lines int) {
	for {
		trimmed := strings.TrimLeft(chunk, " \t\r\n")
		lines += strings.Count(chunk[:len(chunk)-len(trimmed)], "\n")
		chunk = trimmed
		var end int
		switch {
		case strings.HasPrefix(chunk, "--"):
			end = strings.IndexByte(chunk, '\n')
		case strings.HasPrefix(chunk, "/*"):
			if end = strings.Index(chunk, "*/"); end >= 0 {
				end += 2
			}
		default:
			return chunk, lines
		}
		if end < 0 {
			return "", lines
		}
		lines += strings.Count(chunk[:end], "\n")
		chunk = chunk[end:]
	}
}
