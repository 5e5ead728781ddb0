package compassdb

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/golang-migrate/migrate/v4"
	"github.com/golang-migrate/migrate/v4/database"
	"github.com/golang-migrate/migrate/v4/source/iofs"

	"github.com/compass-eng/compassdb/migrations"
)

// migrationsTable is golang-migrate's own version table, in its sqlite3 driver's format,
// so the stock `migrate` CLI and this package read and write the same state.
const migrationsTable = "schema_migrations"

// Migration state errors, for errors.Is on a *SchemaStateError.
var (
	// ErrDirty: a migration run by another tool (e.g. the stock migrate CLI) failed half
	// way and left golang-migrate's dirty flag set. This package never leaves it set.
	ErrDirty = errors.New("database is marked dirty by a failed migration")
	// ErrSchemaNewer: the database was migrated by a newer version of this module.
	ErrSchemaNewer = errors.New("database schema is newer than this module knows")
	// ErrSchemaBehind: migrations are pending and Options.Migrate was not set.
	ErrSchemaBehind = errors.New("database schema has pending migrations")
)

// SchemaStateError refuses a database whose migration state this module cannot serve.
type SchemaStateError struct {
	Kind    error // ErrDirty, ErrSchemaNewer or ErrSchemaBehind
	Path    string
	Version uint // the database's version (0 = nothing applied)
	Latest  uint // the newest version embedded in this module
}

func (e *SchemaStateError) Error() string {
	var fix string
	switch e.Kind {
	case ErrDirty:
		fix = "a migration run by another tool failed at this version; restore a backup or undo its partial change, record the last version that applied cleanly with `migrate force VERSION`, then migrate again"
	case ErrSchemaNewer:
		fix = "upgrade this module to a version that has the newer migrations"
	case ErrSchemaBehind:
		fix = "apply the pending migrations (compassdb.Migrate, or Options{Migrate: true})"
	}
	return fmt.Sprintf("compassdb: %s: %v (database version %d, module version %d): %s", e.Path, e.Kind, e.Version, e.Latest, fix)
}

func (e *SchemaStateError) Is(target error) bool { return target == e.Kind }

// MigrationError names the migration file and the statement that failed. The whole run
// was rolled back: the database is at the version it had before, with its data intact.
type MigrationError struct {
	File      string // e.g. "000003_plugins.up.sql"
	Statement int    // 1-based index of the statement within the file
	Line      int    // line of the file on which the statement starts
	SQL       string // the statement
	Err       error
}

func (e *MigrationError) Error() string {
	return fmt.Sprintf("compassdb: migration %s failed at statement %d (line %d): %v\n\t%s", e.File, e.Statement, e.Line, e.Err, e.SQL)
}

func (e *MigrationError) Unwrap() error { return e.Err }

// LatestVersion is the newest migration version embedded in this module.
func LatestVersion() uint { return latestVersion(migrations.FS) }

func latestVersion(fsys fs.FS) uint {
	versions := versionsOf(fsys)
	if len(versions) == 0 {
		return 0
	}
	return versions[len(versions)-1]
}

// Status is the migration state of a database file.
type Status struct {
	Version uint   // applied version; 0 when nothing has been applied
	Dirty   bool   // golang-migrate's dirty flag (set only by other tools' failed runs)
	Latest  uint   // newest version embedded in this module
	Pending []uint // embedded versions newer than Version
}

// Newer reports whether the database is ahead of this module.
func (s Status) Newer() bool { return s.Version > s.Latest }

// ReadStatus reports the migration state of the database at path without changing it.
// Tables that are not the schema's (see ForeignTable) do not affect it.
func ReadStatus(ctx context.Context, path string) (Status, error) {
	conn, closeFn, err := migrationConn(ctx, path)
	if err != nil {
		return Status{}, err
	}
	defer closeFn()
	return statusOn(ctx, conn)
}

// statusOn reads the migration state through conn.
func statusOn(ctx context.Context, conn *sql.Conn) (Status, error) {
	v, dirty, err := (&txDriver{ctx: ctx, conn: conn}).Version()
	if err != nil {
		return Status{}, err
	}
	st := Status{Dirty: dirty, Latest: LatestVersion()}
	if v >= 0 {
		st.Version = uint(v)
	}
	for _, ev := range versionsOf(migrations.FS) {
		if ev > st.Version {
			st.Pending = append(st.Pending, ev)
		}
	}
	return st, nil
}

// Migrate applies every pending embedded migration to the database file at path (creating
// the file if needed) and verifies the result. See MigrateTo.
func Migrate(ctx context.Context, path string) error {
	return MigrateTo(ctx, path, LatestVersion())
}

// MigrateTo moves the database at path up or down to version (0 removes every table of
// this module). The whole run is one transaction on a dedicated connection with foreign
// keys off, so a table rebuild never fires ON DELETE CASCADE and a failure anywhere
// leaves the database exactly as it was (a *MigrationError says where it failed). Before
// committing, PRAGMA foreign_key_check must find nothing; afterwards quick_check must pass
// and the recorded version must be the one asked for. A dirty database or one newer than
// this module is refused with a *SchemaStateError.
func MigrateTo(ctx context.Context, path string, version uint) error {
	return migrateTo(ctx, path, migrations.FS, version)
}

// migrateTo is MigrateTo with the migration files as a parameter, for tests.
func migrateTo(ctx context.Context, path string, fsys fs.FS, version uint) error {
	conn, closeFn, err := migrationConn(ctx, path)
	if err != nil {
		return err
	}
	defer closeFn()

	drv := &txDriver{ctx: ctx, conn: conn, files: filesByContent(fsys)}
	if err := drv.ensureVersionTable(); err != nil {
		return err
	}
	cur, dirty, err := drv.Version()
	if err != nil {
		return err
	}
	latest := latestVersion(fsys)
	state := &SchemaStateError{Path: path, Latest: latest}
	if cur > 0 {
		state.Version = uint(cur)
	}
	switch {
	case dirty:
		state.Kind = ErrDirty
		return state
	case state.Version > latest:
		state.Kind = ErrSchemaNewer
		return state
	}

	src, err := iofs.New(fsys, ".")
	if err != nil {
		return err
	}
	m, err := migrate.NewWithInstance("iofs", src, "compassdb", drv)
	if err != nil {
		return err
	}
	if version == 0 {
		err = m.Down()
	} else {
		err = m.Migrate(version)
	}
	if err != nil && !errors.Is(err, migrate.ErrNoChange) {
		var me *MigrationError
		if errors.As(err, &me) {
			return me
		}
		return fmt.Errorf("compassdb: migrate %s to version %d: %w", path, version, err)
	}

	if err := quickCheck(ctx, conn); err != nil {
		return err
	}
	got, dirty, err := drv.Version()
	if err != nil {
		return err
	}
	if want := int(version); (got != want && !(want == 0 && got == database.NilVersion)) || dirty {
		return fmt.Errorf("compassdb: migrate %s: database reports version %d (dirty=%t) after migrating to %d", path, got, dirty, version)
	}
	return nil
}

// migrationConn opens the dedicated migration connection: foreign keys off (a table
// rebuild must not cascade), WAL so that readers of a live database are not blocked. The
// run's transaction is begun with BEGIN IMMEDIATE (see txDriver.Lock), so it holds the
// write lock from its start.
func migrationConn(ctx context.Context, path string) (*sql.Conn, func(), error) {
	pool := openPool(mattnDSN(path, connSettings{busyTimeout: 5 * time.Second, wal: true}), role{liteFS: onLiteFS(path)})
	pool.SetMaxOpenConns(1)
	conn, err := pool.Conn(ctx)
	if err != nil {
		pool.Close()
		return nil, nil, fmt.Errorf("compassdb: open %s: %w", path, err)
	}
	if err := conn.PingContext(ctx); err != nil {
		conn.Close()
		pool.Close()
		return nil, nil, fmt.Errorf("compassdb: open %s: %w", path, err)
	}
	return conn, func() { conn.Close(); pool.Close() }, nil
}

func quickCheck(ctx context.Context, conn *sql.Conn) error {
	var result string
	if err := conn.QueryRowContext(ctx, "PRAGMA quick_check").Scan(&result); err != nil {
		return fmt.Errorf("compassdb: quick_check: %w", err)
	}
	if result != "ok" {
		return fmt.Errorf("compassdb: quick_check after migration: %s", result)
	}
	return nil
}

// ForeignTable reports whether a table in a Compass database file belongs to something
// other than the schema: SQLite itself (sqlite_%), golang-migrate (schema_migrations) or
// Litestream (_litestream_seq, _litestream_lock, which it creates in the database it
// replicates). Tools that list, compare or count the schema's tables skip these; in SQL
// with OwnObjects.
func ForeignTable(name string) bool {
	return strings.HasPrefix(name, "sqlite_") || name == migrationsTable || strings.HasPrefix(name, "_litestream_")
}

// OwnObjects is ForeignTable as an SQL condition on a column of sqlite_schema ("name", or
// "tbl_name" to keep the indexes and triggers of the schema's own tables too). The LIKE
// patterns are escaped: unescaped, '_' matches any character.
func OwnObjects(column string) string {
	return column + ` NOT LIKE 'sqlite\_%' ESCAPE '\' AND ` + column + ` <> '` + migrationsTable +
		`' AND ` + column + ` NOT LIKE '\_litestream\_%' ESCAPE '\'`
}

// versionsOf lists the versions of the migrations in fsys in order.
func versionsOf(fsys fs.FS) []uint {
	src, err := iofs.New(fsys, ".")
	if err != nil {
		return nil // an empty or unreadable folder has no versions; tests cover the embedded one
	}
	defer src.Close()
	var versions []uint
	for v, err := src.First(); err == nil; v, err = src.Next(v) {
		versions = append(versions, v)
	}
	return versions
}

// filesByContent maps the hash of each migration file to its name: golang-migrate hands
// the driver only a migration's body, and errors should name the file.
func filesByContent(fsys fs.FS) map[[sha256.Size]byte]string {
	names := map[[sha256.Size]byte]string{}
	entries, _ := fs.ReadDir(fsys, ".")
	for _, e := range entries {
		body, err := fs.ReadFile(fsys, e.Name())
		if err == nil && strings.HasSuffix(e.Name(), ".sql") {
			names[sha256.Sum256(body)] = e.Name()
		}
	}
	return names
}

// txDriver is a golang-migrate database driver that runs a whole Up/Down/Migrate call in
// one transaction: Lock begins it (BEGIN IMMEDIATE), Run and SetVersion work inside it,
// Unlock commits it (after foreign_key_check) or rolls it back if anything failed.
// golang-migrate's sqlite3 driver commits each file separately and leaves the database
// dirty on failure.
type txDriver struct {
	ctx    context.Context
	conn   *sql.Conn
	files  map[[sha256.Size]byte]string
	inTx   bool
	failed bool
}

var _ database.Driver = (*txDriver)(nil)

func (d *txDriver) Open(string) (database.Driver, error) {
	return nil, errors.New("compassdb: the migration driver is created by compassdb.MigrateTo, not from a URL")
}

func (d *txDriver) Close() error { return nil } // the connection belongs to MigrateTo

func (d *txDriver) ensureVersionTable() error {
	_, err := d.conn.ExecContext(d.ctx, `CREATE TABLE IF NOT EXISTS `+migrationsTable+` (version uint64, dirty bool);
		CREATE UNIQUE INDEX IF NOT EXISTS version_unique ON `+migrationsTable+` (version);`)
	return err
}

func (d *txDriver) Lock() error {
	if d.inTx {
		return database.ErrLocked
	}
	if _, err := d.conn.ExecContext(d.ctx, "BEGIN IMMEDIATE"); err != nil {
		return fmt.Errorf("compassdb: begin migration: %w", err)
	}
	d.inTx, d.failed = true, false
	return nil
}

func (d *txDriver) Unlock() error {
	if !d.inTx {
		return database.ErrNotLocked
	}
	d.inTx = false
	if d.failed {
		return rollback(d.ctx, d.conn)
	}
	if err := foreignKeyCheck(d.ctx, d.conn); err != nil {
		return errors.Join(err, rollback(d.ctx, d.conn))
	}
	if _, err := d.conn.ExecContext(d.ctx, "COMMIT"); err != nil {
		return errors.Join(fmt.Errorf("compassdb: commit migration: %w", err), rollback(d.ctx, d.conn))
	}
	return nil
}

func (d *txDriver) Run(migration io.Reader) error {
	body, err := io.ReadAll(migration)
	if err != nil {
		d.failed = true
		return err
	}
	name := d.files[sha256.Sum256(body)]
	for i, stmt := range splitStatements(string(body)) {
		if _, err := d.conn.ExecContext(d.ctx, stmt.SQL); err != nil {
			d.failed = true
			return &MigrationError{File: name, Statement: i + 1, Line: stmt.Line, SQL: stmt.SQL, Err: err}
		}
	}
	return nil
}

func (d *txDriver) SetVersion(version int, dirty bool) error {
	// Inside the run's transaction the dirty flag is never visible to anyone else: a
	// failure rolls it back together with the migration.
	_, err := d.conn.ExecContext(d.ctx, "DELETE FROM "+migrationsTable)
	if err == nil && (version >= 0 || (version == database.NilVersion && dirty)) {
		_, err = d.conn.ExecContext(d.ctx, "INSERT INTO "+migrationsTable+" (version, dirty) VALUES (?, ?)", version, dirty)
	}
	if err != nil {
		d.failed = true
	}
	return err
}

// Version reads golang-migrate's version table, which is all the migration state there
// is: other tables in the file (Litestream's _litestream_seq and _litestream_lock, see
// ForeignTable) never count.
func (d *txDriver) Version() (version int, dirty bool, err error) {
	var exists int
	if err := d.conn.QueryRowContext(d.ctx, "SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name = ?", migrationsTable).Scan(&exists); err != nil {
		return 0, false, err
	}
	if exists == 0 {
		return database.NilVersion, false, nil
	}
	row := d.conn.QueryRowContext(d.ctx, "SELECT version, dirty FROM "+migrationsTable+" LIMIT 1")
	switch err := row.Scan(&version, &dirty); {
	case errors.Is(err, sql.ErrNoRows):
		return database.NilVersion, false, nil
	case err != nil:
		return 0, false, err
	}
	return version, dirty, nil
}

func (d *txDriver) Drop() error {
	return errors.New("compassdb: dropping the whole database is not supported; migrate to version 0 instead")
}

// foreignKeyCheck fails if any row references a missing parent.
func foreignKeyCheck(ctx context.Context, q interface {
	QueryContext(context.Context, string, ...any) (*sql.Rows, error)
}) error {
	rows, err := q.QueryContext(ctx, "PRAGMA foreign_key_check")
	if err != nil {
		return err
	}
	defer rows.Close()
	var problems []string
	for rows.Next() {
		var table, parent string
		var rowid sql.NullInt64
		var fkid int
		if err := rows.Scan(&table, &rowid, &parent, &fkid); err != nil {
			return err
		}
		problems = append(problems, fmt.Sprintf("%s rowid %d -> %s", table, rowid.Int64, parent))
	}
	if err := rows.Err(); err != nil {
		return err
	}
	if len(problems) > 0 {
		sort.Strings(problems)
		return fmt.Errorf("compassdb: foreign_key_check found %d orphan row(s): %s: %w", len(problems), strings.Join(problems, "; "), ErrForeignKeyViolation)
	}
	return nil
}

// MigrateFS is MigrateTo over the migration files in fsys (NNNNNN_name.up.sql /
// .down.sql at its root) instead of the embedded ones, with the same runner and checks.
// Tools use it to try out migrations that are not embedded yet.
func MigrateFS(ctx context.Context, path string, fsys fs.FS, version uint) error {
	return migrateTo(ctx, path, fsys, version)
}

// ForceVersion records version as the database's migration version and clears the dirty
// flag, without running any migration: golang-migrate's `migrate force`, for a database
// whose schema was repaired by hand after another tool's failed run. Version 0 records
// that nothing is applied; any other version must be one of the embedded migrations. The
// file must exist.
func ForceVersion(ctx context.Context, path string, version int) error {
	if version < 0 {
		return fmt.Errorf("compassdb: force %s: version %d is negative (0 means nothing applied)", path, version)
	}
	if version > 0 && !slices.Contains(versionsOf(migrations.FS), uint(version)) {
		return fmt.Errorf("compassdb: force %s: no embedded migration has version %d", path, version)
	}
	if _, err := os.Stat(path); err != nil {
		return fmt.Errorf("compassdb: force: %w", err)
	}
	conn, closeFn, err := migrationConn(ctx, path)
	if err != nil {
		return err
	}
	defer closeFn()
	if err := (&txDriver{ctx: ctx, conn: conn}).ensureVersionTable(); err != nil {
		return err
	}
	tx, err := conn.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if _, err := tx.ExecContext(ctx, "DELETE FROM "+migrationsTable); err != nil {
		return err
	}
	if version > 0 {
		if _, err := tx.ExecContext(ctx, "INSERT INTO "+migrationsTable+" (version, dirty) VALUES (?, ?)", version, false); err != nil {
			return err
		}
	}
	return tx.Commit()
}
