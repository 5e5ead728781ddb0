package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"text/tabwriter"
	"time"

	"github.com/compass-eng/compassdb"
	"github.com/compass-eng/compassdb/db"
	"github.com/compass-eng/compassdb/dbtypes"
)

// Demo data: a small builder with three people (one per role that works in the app), a
// remodel project whose schedule runs around the current date, its customer, vendors
// and documents, and some assistant usage. Ids are fixed and readable so that the curl
// examples in the README work on every fresh database; dates are relative to the day
// of seeding so that the overview has past, current and upcoming work.

// Demo ids.
const (
	demoOrg      = "org-maple"
	demoAdmin    = "demo-admin"
	demoOffice   = "demo-office"
	demoField    = "demo-field"
	demoProject  = "project-maple"
	demoCustomer = "customer-jordan-lee"
)

var demoUsers = []struct {
	id, first, last, email string
	role                   dbtypes.UserRole
}{
	{demoAdmin, "Ada", "Mason", "ada@maple.example", dbtypes.UserRoleAdmin},
	{demoOffice, "Olivia", "Chen", "olivia@maple.example", dbtypes.UserRoleOffice},
	{demoField, "Frank", "Ruiz", "frank@maple.example", dbtypes.UserRoleField},
}

// isEmpty reports whether the database holds no users, organizations or projects.
func isEmpty(ctx context.Context, h *compassdb.DB) (bool, error) {
	var used bool
	err := h.ReadDB().QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM users)
		OR EXISTS (SELECT 1 FROM organizations) OR EXISTS (SELECT 1 FROM projects)`).Scan(&used)
	return !used, err
}

// seedDemo writes the demo data in one transaction if the database is empty, and reports
// whether it did. Seeding is not something a user does, so it uses the generated
// queries directly (no authz), as the library's README says of such work.
func seedDemo(ctx context.Context, h *compassdb.DB, now time.Time) (bool, error) {
	empty, err := isEmpty(ctx, h)
	if err != nil || !empty {
		return false, err
	}
	return true, h.Tx(ctx, func(q *db.Queries) error { return writeDemo(ctx, q, now) })
}

func ptr[T any](v T) *T { return &v }

func writeDemo(ctx context.Context, q *db.Queries, now time.Time) error {
	ts := func(d time.Duration) dbtypes.Timestamp { return dbtypes.NewTimestamp(now.Add(d)) }
	created := ts(-30 * 24 * time.Hour)
	today := dbtypes.DateOf(now)
	start := compassdb.MondayOf(today).AddDays(-14) // the project started two weeks ago

	var steps []func() error
	step := func(f func() error) { steps = append(steps, f) }

	// People and organization.
	step(func() error {
		_, err := q.CreateOrganization(ctx, db.CreateOrganizationParams{
			ID: demoOrg, Name: "Maple Builders", Slug: "maple-builders", Type: dbtypes.OrganizationTypeInternal,
			IsActive: true, CreatedAt: created, UpdatedAt: created,
		})
		return err
	})
	for _, u := range demoUsers {
		step(func() error {
			_, err := q.CreateUser(ctx, db.CreateUserParams{
				ID: u.id, Email: u.email, FirstName: ptr(u.first), LastName: ptr(u.last),
				DisplayName: ptr(u.first + " " + u.last), Role: u.role, IsActive: true,
				CreatedAt: created, UpdatedAt: created,
			})
			if err != nil {
				return err
			}
			_, err = q.CreateOrganizationMember(ctx, db.CreateOrganizationMemberParams{
				ID: "member-" + u.id, OrganizationID: demoOrg, UserID: u.id, Role: string(u.role), JoinedAt: created,
			})
			return err
		})
	}
	step(func() error {
		if _, err := q.CreateTeam(ctx, db.CreateTeamParams{
			ID: "team-framing", OrganizationID: demoOrg, Name: "Framing crew", Description: ptr("Walls, floors and roof structure"), CreatedAt: created,
		}); err != nil {
			return err
		}
		if _, err := q.CreateTeamMember(ctx, db.CreateTeamMemberParams{ID: "team-framing-frank", TeamID: "team-framing", UserID: demoField, JoinedAt: created}); err != nil {
			return err
		}
		if _, err := q.CreateGroup(ctx, db.CreateGroupParams{
			ID: "group-estimators", OrganizationID: demoOrg, Name: "Estimators", Description: ptr("Everyone who prices bids"), Color: ptr("#2f6f4f"), CreatedAt: created,
		}); err != nil {
			return err
		}
		for _, id := range []string{demoAdmin, demoOffice} {
			if _, err := q.CreateGroupMember(ctx, db.CreateGroupMemberParams{ID: "group-estimators-" + id, GroupID: "group-estimators", UserID: id, JoinedAt: created}); err != nil {
				return err
			}
		}
		return nil
	})

	// The project and its schedule: a chain of six tasks, each starting the workday
	// after its predecessor ends.
	step(func() error {
		if _, err := q.CreateProject(ctx, db.CreateProjectParams{
			ID: demoProject, Name: "Maple Street Remodel", CreatedAt: created, Status: "ACTIVE",
			Address: ptr("12 Maple Street, Springfield"), ClientName: ptr("Jordan Lee"), ProjectManager: ptr("Ada Mason"),
			OrganizationID: ptr(demoOrg),
		}); err != nil {
			return err
		}
		for _, m := range []struct{ user, role string }{{demoAdmin, "manager"}, {demoOffice, "coordinator"}, {demoField, "foreman"}} {
			if _, err := q.CreateProjectMember(ctx, db.CreateProjectMemberParams{
				ID: "pm-" + m.user, ProjectID: demoProject, UserID: m.user, Role: m.role, AssignedAt: created,
			}); err != nil {
				return err
			}
		}
		tasks := []struct {
			id, title, phase string
			workdays         int64
			status           dbtypes.TaskStatus
			percent          int64
			assignee         *string
		}{
			{"task-demolition", "Demolition", "sitework", 3, dbtypes.TaskStatusComplete, 100, ptr(demoField)},
			{"task-foundation", "Foundation repair", "sitework", 4, dbtypes.TaskStatusComplete, 100, ptr(demoField)},
			{"task-framing", "Framing", "framing", 5, dbtypes.TaskStatusInProgress, 60, ptr(demoField)},
			{"task-inspection", "Framing inspection", "framing", 0, dbtypes.TaskStatusPending, 0, ptr(demoOffice)},
			{"task-electrical", "Electrical rough-in", "mep", 4, dbtypes.TaskStatusPending, 0, nil},
			{"task-drywall", "Drywall", "finishes", 5, dbtypes.TaskStatusPending, 0, nil},
		}
		day := start
		for i, t := range tasks {
			end := addWorkdays(day, t.workdays)
			if _, err := q.CreateScheduleTask(ctx, db.CreateScheduleTaskParams{
				ID: t.id, ProjectID: demoProject, Title: t.title, StartDate: day, Workdays: t.workdays,
				EndDateCalculated: end, Phase: t.phase, Status: t.status, IsCriticalPath: true,
				IsMilestone: t.workdays == 0, SortOrder: int64(i), CreatedAt: created, UpdatedAt: ts(time.Duration(i-6) * time.Hour),
				PercentComplete: t.percent, AssignedTo: t.assignee,
			}); err != nil {
				return err
			}
			if i > 0 {
				if _, err := q.CreateTaskDependency(ctx, db.CreateTaskDependencyParams{
					ID: "dep-" + tasks[i-1].id[len("task-"):] + "-" + t.id[len("task-"):], PredecessorID: tasks[i-1].id, SuccessorID: t.id,
					Type: dbtypes.DependencyTypeFS,
				}); err != nil {
					return err
				}
			}
			day = addWorkdays(end.AddDays(1), 1) // the next workday
		}
		rainDay := compassdb.MondayOf(today).AddDays(9)
		_, err := q.CreateWorkdayException(ctx, db.CreateWorkdayExceptionParams{
			ID: "exception-rain", ProjectID: demoProject, Title: "Forecast storm: no exterior work",
			StartDate: rainDay, EndDate: rainDay, Type: dbtypes.ExceptionTypeNonWorking,
			Category: dbtypes.ExceptionCategoryWeatherDay, Recurrence: dbtypes.ExceptionRecurrenceOneTime,
			Notes: ptr("Crew moves to interior work"), CreatedAt: created, UpdatedAt: created,
		})
		return err
	})

	// Customers, vendors and the project's documents.
	step(func() error {
		customers := []db.CreateCustomerParams{
			{ID: demoCustomer, Name: "Jordan Lee", Email: ptr("jordan.lee@example.com"), Phone: ptr("555-0142"),
				Address: ptr("12 Maple Street, Springfield"), NetsuiteID: ptr("NS-C-2001")},
			{ID: "customer-harbor-view", Name: "Harbor View HOA", Company: ptr("Harbor View Homeowners Association"),
				Email: ptr("board@harborview.example"), Notes: ptr("Bid for clubhouse roof, spring")},
		}
		for _, c := range customers {
			c.CreatedAt, c.UpdatedAt = created, &created
			if _, err := q.CreateCustomer(ctx, c); err != nil {
				return err
			}
		}
		vendors := []db.CreateVendorParams{
			{ID: "vendor-summit-lumber", Name: "Summit Lumber", Category: "Supplier", Email: ptr("orders@summitlumber.example")},
			{ID: "vendor-bright-spark", Name: "Bright Spark Electric", Category: "Subcontractor", Phone: ptr("555-0188")},
			{ID: "vendor-city-drywall", Name: "City Drywall", Category: "Subcontractor"},
		}
		for _, v := range vendors {
			v.CreatedAt, v.UpdatedAt = created, &created
			if _, err := q.CreateVendor(ctx, v); err != nil {
				return err
			}
		}
		if _, err := q.CreateInvoice(ctx, db.CreateInvoiceParams{
			ID: "invoice-1001", CustomerID: demoCustomer, ProjectID: ptr(demoProject), InvoiceNumber: ptr("INV-1001"),
			Status: "paid", IssueDate: start, DueDate: dbtypes.NewNullDate(start.AddDays(30)),
			Subtotal: 1200000, Tax: 96000, Total: 1296000, AmountPaid: 1296000, AmountDue: 0,
			Memo: ptr("Deposit: demolition and foundation"),
			LineItems: &dbtypes.LineItems{
				{Description: "Demolition", Quantity: 1, Rate: 4500, Amount: 4500},
				{Description: "Foundation repair", Quantity: 1, Rate: 7500, Amount: 7500},
			},
			CreatedAt: created, UpdatedAt: created,
		}); err != nil {
			return err
		}
		if _, err := q.CreateInvoice(ctx, db.CreateInvoiceParams{
			ID: "invoice-1002", CustomerID: demoCustomer, ProjectID: ptr(demoProject), InvoiceNumber: ptr("INV-1002"),
			Status: "sent", IssueDate: today.AddDays(-3), DueDate: dbtypes.NewNullDate(today.AddDays(27)),
			Subtotal: 1850000, Tax: 148000, Total: 1998000, AmountDue: 1998000, Memo: ptr("Progress billing: framing"),
			CreatedAt: created, UpdatedAt: created,
		}); err != nil {
			return err
		}
		if _, err := q.CreateVendorBill(ctx, db.CreateVendorBillParams{
			ID: "bill-sl-4471", VendorID: "vendor-summit-lumber", ProjectID: ptr(demoProject), BillNumber: ptr("SL-4471"),
			Status: "pending", BillDate: start.AddDays(7), DueDate: dbtypes.NewNullDate(start.AddDays(37)),
			Subtotal: 624050, Tax: 49924, Total: 673974, AmountDue: 673974, Memo: ptr("Framing lumber package"),
			CreatedAt: created, UpdatedAt: created,
		}); err != nil {
			return err
		}
		if _, err := q.CreatePayment(ctx, db.CreatePaymentParams{
			ID: "payment-2207", CustomerID: ptr(demoCustomer), ProjectID: ptr(demoProject), PaymentType: dbtypes.PaymentTypeReceived,
			Amount: 1296000, PaymentDate: start.AddDays(12), PaymentMethod: ptr(dbtypes.PaymentMethodCheck),
			ReferenceNumber: ptr("CHK 2207"), Memo: ptr("INV-1001"), CreatedAt: created, UpdatedAt: created,
		}); err != nil {
			return err
		}
		_, err := q.CreateCreditMemo(ctx, db.CreateCreditMemoParams{
			ID: "credit-memo-1", CustomerID: demoCustomer, ProjectID: ptr(demoProject), MemoNumber: ptr("CM-1001"),
			Status: dbtypes.CreditMemoStatusDraft, IssueDate: today.AddDays(-1), Total: 25000, AmountRemaining: 25000,
			Memo: ptr("Goodwill credit for the cleanup delay"), CreatedAt: created, UpdatedAt: created,
		})
		return err
	})

	// The assistant: a conversation of the admin's with usage over three days, and a
	// saved dashboard.
	step(func() error {
		if _, err := q.EnsureAgentConversation(ctx, db.EnsureAgentConversationParams{ID: "conversation-demo", UserID: demoAdmin, CreatedAt: ts(-72 * time.Hour)}); err != nil {
			return err
		}
		usage := []struct {
			ago            time.Duration
			model          string
			prompt, answer int64
			cost           string
		}{
			{50 * time.Hour, "anthropic/claude-sonnet-4", 1800, 420, "0.01170000"},
			{49 * time.Hour, "anthropic/claude-sonnet-4", 2600, 610, "0.01695000"},
			{26 * time.Hour, "openai/gpt-4.1-mini", 1200, 300, "0.00096000"},
			{2 * time.Hour, "anthropic/claude-sonnet-4", 3100, 540, "0.01740000"},
		}
		for i, u := range usage {
			if _, err := q.CreateAgentUsage(ctx, db.CreateAgentUsageParams{
				ID: fmt.Sprintf("usage-demo-%d", i+1), ConversationID: "conversation-demo", UserID: demoAdmin, ModelID: u.model,
				PromptTokens: u.prompt, CompletionTokens: u.answer, TotalTokens: u.prompt + u.answer,
				EstimatedCost: u.cost, CreatedAt: ts(-u.ago),
			}); err != nil {
				return err
			}
		}
		_, err := q.CreateFreshCustomDashboard(ctx, db.CreateFreshCustomDashboardParams{
			ID: "dashboard-cash", UserID: demoAdmin, Name: "Cash position", Description: "Open invoices and bills",
			SpecData: dbtypes.DashboardSpec{Root: "root", Elements: map[string]dbtypes.DashboardElement{
				"root":     {Type: "Stack", Children: []string{"invoices"}},
				"invoices": {Type: "Table", Props: json.RawMessage(`{"query":"invoices"}`)},
			}},
			Queries:      dbtypes.DashboardQueries{{Key: "invoices", QueryType: "invoices"}},
			RenderPrompt: "Show open invoices and bills", CreatedAt: created,
		})
		return err
	})

	for _, f := range steps {
		if err := f(); err != nil {
			return err
		}
	}
	return nil
}

// printDemoHint lists the demo users that exist and how to call the API as one of them.
func printDemoHint(w io.Writer, h *compassdb.DB, addr string) {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "Demo users (send the id as the X-User-ID header, a stand-in for real authentication):")
	found := 0
	for _, u := range demoUsers {
		user, err := h.Reader().GetUser(context.Background(), u.id)
		if err != nil {
			continue
		}
		found++
		fmt.Fprintf(tw, "  %s\t%s\t%s\n", user.ID, user.Role, deref(user.DisplayName))
	}
	if found == 0 {
		fmt.Fprintln(tw, "  (none: this database was not seeded by compass-api)")
	}
	tw.Flush()
	fmt.Fprintf(w, "Try:\n  curl -H 'X-User-ID: %s' http://%s/projects/%s/schedule\n", demoAdmin, addr, demoProject)
}
