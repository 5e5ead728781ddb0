package compassdb

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// LiteFS (https://github.com/superfly/litefs) mounts a FUSE file system in which every
// node of a cluster sees the same SQLite databases: the node that holds the lease (the
// primary) writes, the others (replicas) receive its transactions and can only read. A
// service on a replica opens the database in its mount with Options{ReadOnly: true}
// and sends its writes to the primary, which Primary names.
const (
	// liteFSPrimaryFile, in the mount's root, holds the primary's hostname on a replica
	// connected to a primary; it is absent on the primary itself.
	liteFSPrimaryFile = ".primary"
	// liteFSLagFile is in the root of every LiteFS (0.5) mount, primary or replica.
	liteFSLagFile = ".lag"
)

// onLiteFS reports whether the database file at path lies in the root of a LiteFS mount
// (where LiteFS keeps its databases): there is a .lag file beside it.
func onLiteFS(path string) bool {
	_, err := os.Stat(filepath.Join(filepath.Dir(path), liteFSLagFile))
	return err == nil
}

// Primary names the node that takes writes, as LiteFS reports it in the mount's .primary
// file (the primary's hostname). The empty string means this node is the primary: always
// so outside LiteFS, and on a LiteFS primary. On a replica that is not connected to any
// primary (.primary absent there too) it is also empty, so a read-only handle can only
// say that it does not know: its writes are refused all the same.
func (d *DB) Primary() (string, error) {
	b, err := os.ReadFile(filepath.Join(filepath.Dir(d.path), liteFSPrimaryFile))
	if errors.Is(err, fs.ErrNotExist) {
		return "", nil
	}
	if err != nil {
		return "", fmt.Errorf("compassdb: read the primary's name: %w", err)
	}
	return strings.TrimSpace(string(b)), nil
}
