package compassdb_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"go/ast"
	"go/importer"
	"go/parser"
	"go/token"
	"go/types"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/compass-eng/compassdb/db"
)

// coverageExcluded are the folders whose tests do not count as tests of a query: authz/
// calls every method by reflection to check its permission, never what the query does.
var coverageExcluded = []string{"authz"}

// TestQuerierCoverage fails for every db.Querier method that no test calls. It reads the
// *_test.go files of the module (outside coverageExcluded) with their types, so only a
// use of the method on *db.Queries or db.Querier counts: a call q.GetUser(…), a method
// value q.GetUser passed to a helper, or a method expression (*db.Queries).GetUser. A
// name in a comment or a string does not, and neither does a method of another type
// with the same name (such as (*compassdb.DB).DeleteCustomTheme, the operation).
func TestQuerierCoverage(t *testing.T) {
	t.Parallel()
	used, err := queriesUsedByTests(".")
	if err != nil {
		t.Fatal(err)
	}
	querier := reflect.TypeFor[db.Querier]()
	var missing []string
	for i := range querier.NumMethod() {
		if name := querier.Method(i).Name; len(used[name]) == 0 {
			missing = append(missing, name)
		}
	}
	if len(missing) > 0 {
		t.Errorf("%d of the %d db.Querier methods are called by no test (authz/ does not count); "+
			"write a test of what each one does:\n\t%s", len(missing), querier.NumMethod(), strings.Join(missing, "\n\t"))
	}
	for name := range used {
		if _, ok := querier.MethodByName(name); !ok {
			// A *db.Queries method outside the interface: impossible with emit_interface,
			// unless the scan mistakes something for a query.
			t.Errorf("the scan found %s, which is not a db.Querier method", name)
		}
	}
	t.Logf("db.Querier methods called by tests: %d of %d", querier.NumMethod()-len(missing), querier.NumMethod())
}

// listedPackage is the part of `go list -json` this test reads.
type listedPackage struct {
	ImportPath string
	Dir        string
	ForTest    string
	GoFiles    []string
	CgoFiles   []string
	ImportMap  map[string]string
	Export     string
	Module     *struct{ Main bool }
}

// queriesUsedByTests type-checks the test files of every package of the module under
// root and returns, for each *db.Queries / db.Querier method they use, where.
func queriesUsedByTests(root string) (map[string][]string, error) {
	cmd := exec.Command("go", "list", "-deps", "-test", "-export",
		"-json=ImportPath,Dir,ForTest,GoFiles,CgoFiles,ImportMap,Export,Module", "./...")
	cmd.Dir = root
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		return nil, fmt.Errorf("go list: %v\n%s", err, stderr.String())
	}
	var pkgs []listedPackage
	exports := map[string]string{}
	for dec := json.NewDecoder(bytes.NewReader(out)); ; {
		var p listedPackage
		if err := dec.Decode(&p); errors.Is(err, io.EOF) {
			break
		} else if err != nil {
			return nil, fmt.Errorf("go list output: %v", err)
		}
		exports[p.ImportPath] = p.Export
		pkgs = append(pkgs, p)
	}

	absRoot, err := filepath.Abs(root)
	if err != nil {
		return nil, err
	}
	dbPath := reflect.TypeFor[db.Queries]().PkgPath()
	used := map[string][]string{}
	checked := 0
	for _, p := range pkgs {
		// Test files are in the test variants ("pkg [pkg.test]") and external test
		// packages of the module; the generated test mains live outside it.
		if p.Module == nil || !p.Module.Main || p.ForTest == "" || excludedDir(absRoot, p.Dir) {
			continue
		}
		files := slices.Concat(p.GoFiles, p.CgoFiles)
		if !slices.ContainsFunc(files, isTestFile) {
			continue
		}
		fset := token.NewFileSet()
		var parsed []*ast.File
		for _, name := range files {
			path := name
			if !filepath.IsAbs(path) {
				path = filepath.Join(p.Dir, name)
			}
			if rel, err := filepath.Rel(absRoot, path); err != nil || strings.HasPrefix(rel, "..") {
				return nil, fmt.Errorf("%s: file %s is outside the module", p.ImportPath, path)
			}
			f, err := parser.ParseFile(fset, path, nil, parser.SkipObjectResolution)
			if err != nil {
				return nil, err
			}
			parsed = append(parsed, f)
		}
		var typeErrs []error
		conf := types.Config{
			Importer: importer.ForCompiler(fset, "gc", func(path string) (io.ReadCloser, error) {
				if mapped, ok := p.ImportMap[path]; ok {
					path = mapped
				}
				if exports[path] == "" {
					return nil, fmt.Errorf("no export data for %s", path)
				}
				return os.Open(exports[path])
			}),
			FakeImportC: true,
			Error:       func(err error) { typeErrs = append(typeErrs, err) },
		}
		info := &types.Info{Selections: map[*ast.SelectorExpr]*types.Selection{}}
		conf.Check(p.ImportPath, fset, parsed, info)
		if len(typeErrs) > 0 {
			return nil, fmt.Errorf("type-checking %s: %v", p.ImportPath, errors.Join(typeErrs...))
		}
		checked++
		for expr, sel := range info.Selections {
			fn, ok := sel.Obj().(*types.Func)
			if !ok || !isQueriesMethod(fn, dbPath) {
				continue
			}
			pos := fset.Position(expr.Sel.Pos())
			if !isTestFile(pos.Filename) {
				continue // the package's own code, such as the operations in ops_*.go
			}
			rel, _ := filepath.Rel(absRoot, pos.Filename)
			used[fn.Name()] = append(used[fn.Name()], fmt.Sprintf("%s:%d", rel, pos.Line))
		}
	}
	if checked == 0 {
		return nil, errors.New("go list found no test package to read")
	}
	return used, nil
}

func isTestFile(name string) bool { return strings.HasSuffix(name, "_test.go") }

// excludedDir reports whether dir is one of coverageExcluded or inside one.
func excludedDir(root, dir string) bool {
	rel, err := filepath.Rel(root, dir)
	if err != nil {
		return true
	}
	for _, ex := range coverageExcluded {
		if rel == ex || strings.HasPrefix(rel, ex+string(filepath.Separator)) {
			return true
		}
	}
	return false
}

// isQueriesMethod reports whether fn is a method of db.Queries or db.Querier.
func isQueriesMethod(fn *types.Func, dbPath string) bool {
	recv := fn.Signature().Recv()
	if recv == nil {
		return false
	}
	typ := recv.Type()
	if ptr, ok := typ.(*types.Pointer); ok {
		typ = ptr.Elem()
	}
	named, ok := typ.(*types.Named)
	if !ok {
		return false
	}
	obj := named.Obj()
	return obj.Pkg() != nil && obj.Pkg().Path() == dbPath && (obj.Name() == "Queries" || obj.Name() == "Querier")
}
