// Command quickstart shows compassdb end to end: it opens (creating and migrating) a local
// SQLite file, writes an organization with people, a project with a schedule, a customer
// and an invoice through the typed queries, reads them back and prints a summary.
// Running it again reuses what the first run wrote.
//
//	go run ./examples/quickstart [-db compass.db]
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"log"
	"os"

	"github.com/compass-eng/compassdb"
	"github.com/compass-eng/compassdb/db"
	"github.com/compass-eng/compassdb/dbtypes"
)

func main() {
	path := flag.String("db", "compass.db", "SQLite database file (created if missing)")
	flag.Parse()
	if err := run(context.Background(), *path); err != nil {
		log.Fatal(err)
	}
}

func run(ctx context.Context, path string) error {
	h, err := compassdb.Open(ctx, path, compassdb.Options{Migrate: true})
	if err != nil {
		return err
	}
	defer h.Close()

	var projectID string
	err = h.Tx(ctx, func(q *db.Queries) error {
		projectID, err = seed(ctx, q)
		return err
	})
	if err != nil {
		return err
	}
	return summarize(ctx, h.Reader(), projectID)
}

func ptr[T any](v T) *T { return &v }

// seed writes the demo rows once and returns the project's id; on later runs it finds
// them by their natural keys (organization slug, user email).
func seed(ctx context.Context, q *db.Queries) (string, error) {
	now := dbtypes.Now()
	org, err := q.GetOrganizationBySlug(ctx, "maple-builders")
	if err == nil {
		projects, err := q.ListProjectsByOrganization(ctx, &org.ID)
		if err != nil || len(projects) == 0 {
			return "", errors.Join(err, errors.New("quickstart: organization exists without its project"))
		}
		return projects[0].ID, nil
	}
	if !errors.Is(err, compassdb.ErrNotFound) {
		return "", err
	}

	org, err = q.CreateOrganization(ctx, db.CreateOrganizationParams{
		ID: compassdb.NewID(), Name: "Maple Builders", Slug: "maple-builders",
		Type: dbtypes.OrganizationTypeInternal, IsActive: true, CreatedAt: now, UpdatedAt: now,
	})
	if err != nil {
		return "", err
	}
	people := []struct {
		first, last, email string
		role               dbtypes.UserRole
	}{
		{"Ada", "Mason", "ada@maple.example", dbtypes.UserRoleAdmin},
		{"Ben", "Carter", "ben@maple.example", dbtypes.UserRoleField},
	}
	for _, p := range people {
		u, err := q.CreateUser(ctx, db.CreateUserParams{
			ID: compassdb.NewID(), Email: p.email, FirstName: ptr(p.first), LastName: ptr(p.last),
			DisplayName: ptr(p.first + " " + p.last), Role: p.role, IsActive: true, CreatedAt: now, UpdatedAt: now,
		})
		if err != nil {
			return "", err
		}
		if _, err := q.CreateOrganizationMember(ctx, db.CreateOrganizationMemberParams{
			ID: compassdb.NewID(), OrganizationID: org.ID, UserID: u.ID, Role: string(p.role), JoinedAt: now,
		}); err != nil {
			return "", err
		}
	}

	project, err := q.CreateProject(ctx, db.CreateProjectParams{
		ID: compassdb.NewID(), Name: "Maple Street Remodel", CreatedAt: now, Status: "ACTIVE",
		Address: ptr("12 Maple Street"), OrganizationID: &org.ID,
	})
	if err != nil {
		return "", err
	}
	tasks := []struct {
		title, phase, start, end string
		workdays                 int64
	}{
		{"Demolition", "sitework", "2026-03-02", "2026-03-04", 3},
		{"Framing", "framing", "2026-03-05", "2026-03-12", 5},
	}
	var taskIDs []string
	for i, t := range tasks {
		task, err := q.CreateScheduleTask(ctx, db.CreateScheduleTaskParams{
			ID: compassdb.NewID(), ProjectID: project.ID, Title: t.title, Phase: t.phase,
			StartDate: dbtypes.MustParseDate(t.start), EndDateCalculated: dbtypes.MustParseDate(t.end),
			Workdays: t.workdays, Status: dbtypes.TaskStatusPending, SortOrder: int64(i), CreatedAt: now, UpdatedAt: now,
		})
		if err != nil {
			return "", err
		}
		taskIDs = append(taskIDs, task.ID)
	}
	if _, err := q.CreateTaskDependency(ctx, db.CreateTaskDependencyParams{
		ID: compassdb.NewID(), PredecessorID: taskIDs[0], SuccessorID: taskIDs[1], Type: dbtypes.DependencyTypeFS,
	}); err != nil {
		return "", err
	}
	if _, err := q.CreateWorkdayException(ctx, db.CreateWorkdayExceptionParams{
		ID: compassdb.NewID(), ProjectID: project.ID, Title: "Site closed for inspection",
		StartDate: dbtypes.MustParseDate("2026-03-09"), EndDate: dbtypes.MustParseDate("2026-03-09"),
		Type: dbtypes.ExceptionTypeNonWorking, Category: dbtypes.ExceptionCategoryCompanyHoliday,
		Recurrence: dbtypes.ExceptionRecurrenceOneTime, CreatedAt: now, UpdatedAt: now,
	}); err != nil {
		return "", err
	}

	customer, err := q.CreateCustomer(ctx, db.CreateCustomerParams{
		ID: compassdb.NewID(), Name: "Jordan Lee", Email: ptr("jordan@example.com"), CreatedAt: now, UpdatedAt: &now,
	})
	if err != nil {
		return "", err
	}
	lines := dbtypes.LineItems{
		{Description: "Demolition", Quantity: 1, Rate: 4200, Amount: 4200},
		{Description: "Framing lumber", Quantity: 40, Rate: 12.5, Amount: 500},
	}
	subtotal, tax := dbtypes.Cents(470000), dbtypes.Cents(37600)
	_, err = q.CreateInvoice(ctx, db.CreateInvoiceParams{
		ID: compassdb.NewID(), CustomerID: customer.ID, ProjectID: &project.ID, InvoiceNumber: ptr("INV-1001"),
		Status: "sent", IssueDate: dbtypes.MustParseDate("2026-03-12"),
		DueDate:  dbtypes.NewNullDate(dbtypes.MustParseDate("2026-04-11")),
		Subtotal: subtotal, Tax: tax, Total: subtotal + tax, AmountDue: subtotal + tax,
		LineItems: &lines, CreatedAt: now, UpdatedAt: now,
	})
	return project.ID, err
}

func summarize(ctx context.Context, q *db.Queries, projectID string) error {
	project, err := q.GetProject(ctx, projectID)
	if err != nil {
		return err
	}
	org, err := q.GetOrganization(ctx, *project.OrganizationID)
	if err != nil {
		return err
	}
	members, err := q.ListOrganizationMembersByOrganization(ctx, org.ID)
	if err != nil {
		return err
	}
	tasks, err := q.ListScheduleTasksByProject(ctx, projectID)
	if err != nil {
		return err
	}
	exceptions, err := q.ListWorkdayExceptionsByProject(ctx, projectID)
	if err != nil {
		return err
	}
	invoices, err := q.ListInvoicesByProject(ctx, db.ListInvoicesByProjectParams{ProjectID: projectID, Limit: 50})
	if err != nil {
		return err
	}

	w := os.Stdout
	fmt.Fprintf(w, "%s (%s) — %d members\n", org.Name, org.Slug, len(members))
	fmt.Fprintf(w, "Project %q, status %s\n", project.Name, project.Status)
	for _, t := range tasks {
		deps, err := q.ListTaskDependenciesBySuccessor(ctx, t.ID)
		if err != nil {
			return err
		}
		after := ""
		if len(deps) > 0 {
			after = fmt.Sprintf(" (after %d task)", len(deps))
		}
		fmt.Fprintf(w, "  task %-12s %s → %s, %d workdays, %s%s\n", t.Title, t.StartDate, t.EndDateCalculated, t.Workdays, t.Status, after)
	}
	for _, e := range exceptions {
		fmt.Fprintf(w, "  non-working day %s: %s\n", e.StartDate, e.Title)
	}
	for _, inv := range invoices {
		customer, err := q.GetCustomer(ctx, inv.CustomerID)
		if err != nil {
			return err
		}
		fmt.Fprintf(w, "Invoice %s to %s: total $%s, due %s, %d line items\n",
			*inv.InvoiceNumber, customer.Name, inv.Total, inv.DueDate.Date, len(*inv.LineItems))
	}
	return nil
}
