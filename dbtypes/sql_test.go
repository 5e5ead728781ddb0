package dbtypes_test

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
	"io"
	"reflect"
	"slices"
	"testing"

	"github.com/compass-eng/compassdb/dbtypes"
)

// recorder is a minimal database/sql driver: Exec records the arguments it
// receives after database/sql's conversion, Query returns one preset row. It
// checks how the types behave through database/sql, as sqlc's code uses them.
type recorder struct {
	args []driver.Value // arguments of the last Exec
	row  []driver.Value // the row the next Query returns
}

func (r *recorder) Open(string) (driver.Conn, error)    { return r, nil }
func (r *recorder) Prepare(string) (driver.Stmt, error) { return r, nil }
func (r *recorder) Close() error                        { return nil }
func (r *recorder) Begin() (driver.Tx, error)           { return nil, errors.ErrUnsupported }
func (r *recorder) NumInput() int                       { return -1 }
func (r *recorder) Exec(args []driver.Value) (driver.Result, error) {
	r.args = slices.Clone(args)
	return driver.RowsAffected(1), nil
}
func (r *recorder) Query([]driver.Value) (driver.Rows, error) {
	return &rows{cols: make([]string, len(r.row)), row: r.row}, nil
}

type rows struct {
	cols []string
	row  []driver.Value
}

func (r *rows) Columns() []string { return r.cols }
func (r *rows) Close() error      { return nil }
func (r *rows) Next(dest []driver.Value) error {
	if r.row == nil {
		return io.EOF
	}
	copy(dest, r.row)
	r.row = nil
	return nil
}

// Connect and Driver make the recorder a driver.Connector for sql.OpenDB.
func (r *recorder) Connect(context.Context) (driver.Conn, error) { return r, nil }
func (r *recorder) Driver() driver.Driver                        { return r }

func TestThroughDatabaseSQL(t *testing.T) {
	rec := &recorder{}
	db := sql.OpenDB(rec)
	defer db.Close()
	ctx := context.Background()

	ts, err := dbtypes.ParseTimestamp("2026-02-04T12:00:00.000Z")
	if err != nil {
		t.Fatal(err)
	}
	method := dbtypes.PaymentMethodNone
	_, err = db.ExecContext(ctx, "INSERT",
		ts, (*dbtypes.Timestamp)(nil), // NOT NULL and nullable timestamps
		dbtypes.MustParseDate("2026-02-04"), dbtypes.NullDate{}, // date, absent due date
		dbtypes.Cents(1234), dbtypes.TaskStatusBlocked, &method, (*dbtypes.PaymentMethod)(nil),
		dbtypes.LineItems(nil), (*dbtypes.LineItems)(nil), &dbtypes.StringList{"x"},
		dbtypes.Capabilities{dbtypes.CapabilityPrompt},
	)
	if err != nil {
		t.Fatal(err)
	}
	want := []driver.Value{
		"2026-02-04T12:00:00.000Z", nil,
		"2026-02-04", nil,
		12.34, "BLOCKED", "", nil,
		"[]", nil, `["x"]`,
		`["prompt"]`,
	}
	if !reflect.DeepEqual(rec.args, want) {
		t.Errorf("driver received %#v\nwant %#v", rec.args, want)
	}

	_, err = db.ExecContext(ctx, "INSERT", dbtypes.TaskStatus("DONE"))
	wantInvalid(t, err)
	_, err = db.ExecContext(ctx, "INSERT", dbtypes.Timestamp{})
	wantInvalid(t, err)

	rec.row = []driver.Value{
		"2026-01-01T00:00:00Z", nil, "2026-02-04T12:00:00.000Z",
		"", 0.30000000000000004, nil, "[]", "prompt", "", nil,
	}
	var (
		created  dbtypes.Timestamp
		lastSeen *dbtypes.Timestamp
		updated  *dbtypes.Timestamp
		due      dbtypes.NullDate
		amount   dbtypes.Money
		items    *dbtypes.LineItems
		pains    *dbtypes.StringList
		caps     dbtypes.Capabilities
		pm       *dbtypes.PaymentMethod
		pm2      *dbtypes.PaymentMethod
	)
	err = db.QueryRowContext(ctx, "SELECT").Scan(&created, &lastSeen, &updated, &due, &amount, &items, &pains, &caps, &pm, &pm2)
	if err != nil {
		t.Fatal(err)
	}
	if created.String() != "2026-01-01T00:00:00.000Z" || lastSeen != nil || updated == nil || updated.String() != "2026-02-04T12:00:00.000Z" ||
		due.Valid || amount != 30 || items != nil || pains == nil || len(*pains) != 0 ||
		!reflect.DeepEqual(caps, dbtypes.Capabilities{"prompt"}) || pm == nil || *pm != dbtypes.PaymentMethodNone || pm2 != nil {
		t.Errorf("scanned %v %v %v %+v %v %v %v %v %v %v", created, lastSeen, updated, due, amount, items, pains, caps, pm, pm2)
	}

	rec.row = []driver.Value{12.345}
	wantInvalid(t, db.QueryRowContext(ctx, "SELECT").Scan(&amount))
	rec.row = []driver.Value{nil}
	wantInvalid(t, db.QueryRowContext(ctx, "SELECT").Scan(&created))
}
