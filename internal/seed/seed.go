// Package seed generates realistic, consistent demo data for every table of the Compass
// schema through the typed queries of package db: an organization with people, teams and
// groups, customers and vendors, projects with Gantt schedules (tasks, dependencies,
// non-working days, a baseline), NetSuite documents and sync bookkeeping, the assistant's
// conversations and memories, plugins, themes, Google Drive stars and dashboards. The
// same Options and Seed give the same rows, so benchmarks can rely on it.
package seed

import (
	"context"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"time"

	"github.com/compass-eng/compassdb/db"
	"github.com/compass-eng/compassdb/dbtypes"
)

// Options size the data set. Zero values take the defaults in brackets.
type Options struct {
	Projects        int   // projects [10]
	TasksPerProject int   // schedule tasks per project [40]
	Users           int   // people [12]
	Customers       int   // customers [max(5, Projects)]
	Vendors         int   // vendors [max(5, Projects/2)]
	Seed            int64 // randomness [1]
	// Start is the first schedule date and the base of every timestamp [2026-03-02].
	Start time.Time
	// Progress, when set, is called as rows are written (done of total, approximate).
	Progress func(done, total int)
}

func (o *Options) defaults() {
	if o.Projects <= 0 {
		o.Projects = 10
	}
	if o.TasksPerProject <= 0 {
		o.TasksPerProject = 40
	}
	if o.Users <= 0 {
		o.Users = 12
	}
	if o.Customers <= 0 {
		o.Customers = max(5, o.Projects)
	}
	if o.Vendors <= 0 {
		o.Vendors = max(5, o.Projects/2)
	}
	if o.Seed == 0 {
		o.Seed = 1
	}
	if o.Start.IsZero() {
		o.Start = time.Date(2026, 3, 2, 0, 0, 0, 0, time.UTC)
	}
}

// Counts are the rows written per table.
type Counts map[string]int

// Total is the number of rows written.
func (c Counts) Total() int {
	n := 0
	for _, v := range c {
		n += v
	}
	return n
}

// EstimateRows is about how many rows Fill writes for o (for progress bars).
func EstimateRows(o Options) int {
	o.defaults()
	perProject := o.TasksPerProject*2 + 3 + 2 + 1 + 2 + 2 + 4 + 3
	return o.Projects*perProject + o.Users*12 + o.Customers + o.Vendors + 60
}

type gen struct {
	ctx    context.Context
	q      *db.Queries
	r      *rand.Rand
	o      Options
	counts Counts
	done   int
	total  int
}

// Fill writes the data set with q, which should run in one transaction (compassdb's
// DB.Tx): the rows reference each other and a failure should leave nothing behind.
func Fill(ctx context.Context, q *db.Queries, o Options) (Counts, error) {
	o.defaults()
	g := &gen{ctx: ctx, q: q, r: rand.New(rand.NewPCG(uint64(o.Seed), 0x5eed)), o: o, counts: Counts{}, total: EstimateRows(o)}
	if err := g.fill(); err != nil {
		return g.counts, err
	}
	if o.Progress != nil {
		o.Progress(g.total, g.total)
	}
	return g.counts, nil
}

// row counts one written row of table and reports progress.
func (g *gen) row(table string, err error) error {
	if err != nil {
		return fmt.Errorf("seed %s: %w", table, err)
	}
	g.counts[table]++
	g.done++
	if g.o.Progress != nil && g.done%64 == 0 {
		g.o.Progress(min(g.done, g.total), g.total)
	}
	return nil
}

// id is a random UUIDv4 string from the seeded generator, so ids repeat with the seed.
func (g *gen) id() string {
	var b [16]byte
	for i := range b {
		b[i] = byte(g.r.UintN(256))
	}
	b[6] = b[6]&0x0f | 0x40
	b[8] = b[8]&0x3f | 0x80
	return fmt.Sprintf("%x-%x-%x-%x-%x", b[0:4], b[4:6], b[6:8], b[8:10], b[10:16])
}

func (g *gen) ts(dayOffset int, minutes int) dbtypes.Timestamp {
	return dbtypes.NewTimestamp(g.o.Start.AddDate(0, 0, dayOffset).Add(time.Duration(8*60+minutes) * time.Minute))
}

func (g *gen) pick(list []string) string { return list[g.r.IntN(len(list))] }

func ptr[T any](v T) *T { return &v }

func raw(v any) json.RawMessage {
	b, _ := json.Marshal(v)
	return b
}

var (
	firstNames = []string{"Ada", "Ben", "Carla", "Dev", "Elena", "Farid", "Grace", "Hiro", "Ines", "Jonah", "Kira", "Luis", "Mara", "Nate", "Olga", "Priya"}
	lastNames  = []string{"Mason", "Carter", "Nguyen", "Okafor", "Rossi", "Haddad", "Lee", "Tanaka", "Silva", "Weber", "Kim", "Ortiz", "Novak", "Shah"}
	streets    = []string{"Maple Street", "Oak Avenue", "Harbor Road", "Cedar Lane", "Hillcrest Drive", "Mill Road", "Station Square"}
	kinds      = []string{"Remodel", "Addition", "New Build", "Kitchen Renovation", "Roof Replacement", "Basement Finish", "Tenant Fit-out"}
	phases     = []string{"preconstruction", "sitework", "foundation", "framing", "mep", "insulation", "drywall", "finishes", "landscaping", "closeout"}
	taskVerbs  = []string{"Survey", "Excavate", "Pour", "Frame", "Rough-in", "Inspect", "Install", "Hang", "Tape", "Paint", "Trim", "Grade", "Clean", "Walk through"}
	taskThings = []string{"footings", "slab", "walls", "roof trusses", "plumbing", "electrical", "HVAC ducts", "windows", "drywall", "cabinets", "flooring", "fixtures", "driveway", "punch list"}
	vendorCats = []string{"Subcontractor", "Supplier", "Equipment Rental", "Consultant", "Utility"}
	companies  = []string{"Northwind", "Bluestone", "Greenfield", "Ironwood", "Summit", "Riverbend", "Lakeshore", "Pinecrest"}
)

func (g *gen) person(i int) (first, last string) {
	return firstNames[i%len(firstNames)], lastNames[(i*7+3)%len(lastNames)]
}

func (g *gen) fill() error {
	ctx, q := g.ctx, g.q
	o := g.o

	// People and the organizations they belong to.
	roles := []dbtypes.UserRole{dbtypes.UserRoleAdmin, dbtypes.UserRoleOffice, dbtypes.UserRoleField, dbtypes.UserRoleField, dbtypes.UserRoleOffice, dbtypes.UserRoleClient}
	var users []db.User
	for i := range o.Users {
		first, last := g.person(i)
		role := roles[i%len(roles)]
		if i == 0 {
			role = dbtypes.UserRoleAdmin
		}
		created := g.ts(-200+i, i)
		var lastLogin *dbtypes.Timestamp
		if i%3 != 2 {
			lastLogin = ptr(g.ts(-1-i%5, 30+i))
		}
		u, err := q.CreateUser(ctx, db.CreateUserParams{
			ID: g.id(), Email: fmt.Sprintf("%s.%s%d@maple.example", lower(first), lower(last), i+1),
			FirstName: ptr(first), LastName: ptr(last), DisplayName: ptr(first + " " + last),
			Role: role, IsActive: i%11 != 10, LastLoginAt: lastLogin, CreatedAt: created, UpdatedAt: created,
		})
		if err := g.row("users", err); err != nil {
			return err
		}
		users = append(users, u)
	}
	internal, err := q.CreateOrganization(ctx, db.CreateOrganizationParams{
		ID: g.id(), Name: "Maple Builders", Slug: "maple-builders", Type: dbtypes.OrganizationTypeInternal,
		IsActive: true, CreatedAt: g.ts(-365, 0), UpdatedAt: g.ts(-30, 0),
	})
	if err := g.row("organizations", err); err != nil {
		return err
	}
	client, err := q.CreateOrganization(ctx, db.CreateOrganizationParams{
		ID: g.id(), Name: "Harbor Homes Client Portal", Slug: "harbor-homes", Type: dbtypes.OrganizationTypeClient,
		LogoURL: ptr("https://cdn.example.com/logos/harbor.png"), IsActive: true, CreatedAt: g.ts(-300, 0), UpdatedAt: g.ts(-300, 0),
	})
	if err := g.row("organizations", err); err != nil {
		return err
	}
	for i, u := range users {
		org := internal.ID
		if u.Role == dbtypes.UserRoleClient {
			org = client.ID
		}
		_, err := q.CreateOrganizationMember(ctx, db.CreateOrganizationMemberParams{ID: g.id(), OrganizationID: org, UserID: u.ID, Role: string(u.Role), JoinedAt: g.ts(-190+i, 5)})
		if err := g.row("organization_members", err); err != nil {
			return err
		}
	}
	for ti, name := range []string{"Field Crew", "Estimating"} {
		team, err := q.CreateTeam(ctx, db.CreateTeamParams{ID: g.id(), OrganizationID: internal.ID, Name: name, Description: ptr(name + " team"), CreatedAt: g.ts(-180, ti)})
		if err := g.row("teams", err); err != nil {
			return err
		}
		for i, u := range users {
			if i%2 == ti && u.Role != dbtypes.UserRoleClient {
				_, err := q.CreateTeamMember(ctx, db.CreateTeamMemberParams{ID: g.id(), TeamID: team.ID, UserID: u.ID, JoinedAt: g.ts(-170+i, ti)})
				if err := g.row("team_members", err); err != nil {
					return err
				}
			}
		}
	}
	for gi, name := range []string{"Safety Committee", "Owners' Reps"} {
		grp, err := q.CreateGroup(ctx, db.CreateGroupParams{ID: g.id(), OrganizationID: internal.ID, Name: name, Color: ptr([]string{"#2563eb", "#16a34a"}[gi]), CreatedAt: g.ts(-160, gi)})
		if err := g.row("groups", err); err != nil {
			return err
		}
		for i, u := range users {
			if i%3 == gi {
				_, err := q.CreateGroupMember(ctx, db.CreateGroupMemberParams{ID: g.id(), GroupID: grp.ID, UserID: u.ID, JoinedAt: g.ts(-150+i, gi)})
				if err := g.row("group_members", err); err != nil {
					return err
				}
			}
		}
	}

	// Customers and vendors, some linked to NetSuite.
	var customers []db.Customer
	for i := range o.Customers {
		first, last := g.person(i + 5)
		var ns *string
		if i%3 != 0 {
			ns = ptr(fmt.Sprintf("%d", 1000+i))
		}
		c, err := q.CreateCustomer(ctx, db.CreateCustomerParams{
			ID: g.id(), Name: first + " " + last, Email: ptr(fmt.Sprintf("%s.%s.c%d@example.com", lower(first), lower(last), i)),
			Phone: ptr(fmt.Sprintf("555-01%02d", i%100)), CreatedAt: g.ts(-120+i, 0), NetsuiteID: ns,
			UpdatedAt: ptr(g.ts(-20+i%10, 0)), Company: ptr(companies[i%len(companies)] + " Holdings"),
			Address: ptr(fmt.Sprintf("%d %s", 10+i, streets[i%len(streets)])),
		})
		if err := g.row("customers", err); err != nil {
			return err
		}
		customers = append(customers, c)
	}
	var vendors []db.Vendor
	for i := range o.Vendors {
		var ns *string
		if i%2 == 0 {
			ns = ptr(fmt.Sprintf("V%d", 500+i))
		}
		v, err := q.CreateVendor(ctx, db.CreateVendorParams{
			ID: g.id(), Name: fmt.Sprintf("%s %s", companies[(i+3)%len(companies)], []string{"Concrete", "Lumber", "Electric", "Plumbing", "Rentals"}[i%5]),
			Category: vendorCats[i%len(vendorCats)], Email: ptr(fmt.Sprintf("billing%d@vendor.example", i)),
			CreatedAt: g.ts(-110+i, 0), NetsuiteID: ns, UpdatedAt: ptr(g.ts(-10, i)),
		})
		if err := g.row("vendors", err); err != nil {
			return err
		}
		vendors = append(vendors, v)
	}

	// Projects with their schedules and documents.
	staff := make([]db.User, 0, len(users))
	for _, u := range users {
		if u.Role != dbtypes.UserRoleClient {
			staff = append(staff, u)
		}
	}
	statuses := []string{"ACTIVE", "ACTIVE", "OPEN", "ON_HOLD", "COMPLETE"}
	for p := range o.Projects {
		if err := g.project(p, internal.ID, staff, customers[p%len(customers)], vendors, statuses[p%len(statuses)]); err != nil {
			return err
		}
	}

	// NetSuite connection and sync history.
	_, err = q.CreateNetsuiteAuth(ctx, db.CreateNetsuiteAuthParams{
		ID: g.id(), AccountID: "TSTDRV1234567", AccessTokenEncrypted: "v1.demo-ciphertext-access", RefreshTokenEncrypted: "v1.demo-ciphertext-refresh",
		ExpiresIn: 3600, TokenType: "Bearer", IssuedAt: g.o.Start.Unix() * 1000, CreatedAt: g.ts(-90, 0), UpdatedAt: g.ts(-1, 0),
	})
	if err := g.row("netsuite_auth", err); err != nil {
		return err
	}
	for i, c := range customers {
		if c.NetsuiteID == nil {
			continue
		}
		status := dbtypes.SyncStatusSynced
		var conflict *dbtypes.ConflictData
		if i%7 == 1 {
			status = dbtypes.SyncStatusConflict
			conflict = &dbtypes.ConflictData{Remote: raw(map[string]string{"name": c.Name + " Jr."}), Reason: "name changed on both sides"}
		}
		_, err := q.CreateNetsuiteSyncMetadata(ctx, db.CreateNetsuiteSyncMetadataParams{
			ID: g.id(), LocalTable: dbtypes.LocalTableCustomers, LocalRecordID: c.ID, NetsuiteRecordType: dbtypes.RecordTypeCustomer,
			NetsuiteInternalID: c.NetsuiteID, LastSyncedAt: ptr(g.ts(-2, i)), SyncStatus: status, ConflictData: conflict,
			CreatedAt: g.ts(-60, i), UpdatedAt: g.ts(-2, i),
		})
		if err := g.row("netsuite_sync_metadata", err); err != nil {
			return err
		}
	}
	for i := range 6 {
		completed := ptr(g.ts(-i, 5))
		st := dbtypes.SyncRunStatusCompleted
		var summary *string
		if i == 3 {
			st, summary = dbtypes.SyncRunStatusFailed, ptr("rate limited by NetSuite (429)")
		}
		_, err := q.CreateNetsuiteSyncLog(ctx, db.CreateNetsuiteSyncLogParams{
			ID: g.id(), SyncType: "delta", RecordType: []dbtypes.RecordType{dbtypes.RecordTypeCustomer, dbtypes.RecordTypeInvoice, dbtypes.RecordTypeVendor}[i%3],
			Direction: dbtypes.SyncDirectionPull, Status: st, RecordsProcessed: int64(10 + i*3), RecordsFailed: int64(i % 2),
			ErrorSummary: summary, StartedAt: g.ts(-i, 0), CompletedAt: completed, CreatedAt: g.ts(-i, 0),
		})
		if err := g.row("netsuite_sync_log", err); err != nil {
			return err
		}
	}
	return g.people(users, internal.ID)
}

func lower(s string) string {
	b := []byte(s)
	for i, c := range b {
		if 'A' <= c && c <= 'Z' {
			b[i] = c + 'a' - 'A'
		}
	}
	return string(b)
}

// workdays advances d by n working days (Monday to Friday).
func addWorkdays(d dbtypes.Date, n int) dbtypes.Date {
	for n > 0 {
		d = d.AddDays(1)
		if wd := d.Weekday(); wd != time.Saturday && wd != time.Sunday {
			n--
		}
	}
	return d
}

func (g *gen) project(p int, orgID string, staff []db.User, customer db.Customer, vendors []db.Vendor, status string) error {
	ctx, q := g.ctx, g.q
	created := g.ts(-100+p, p)
	pm := staff[p%len(staff)]
	project, err := q.CreateProject(ctx, db.CreateProjectParams{
		ID: g.id(), Name: fmt.Sprintf("%s %s", streets[p%len(streets)], kinds[p%len(kinds)]), CreatedAt: created, Status: status,
		Address: ptr(fmt.Sprintf("%d %s", 100+p*7, streets[p%len(streets)])), ClientName: ptr(customer.Name),
		ProjectManager: pm.DisplayName, NetsuiteJobID: ptr(fmt.Sprintf("JOB-%04d", 2000+p)), OrganizationID: &orgID,
	})
	if err := g.row("projects", err); err != nil {
		return err
	}
	for i := range min(3, len(staff)) {
		u := staff[(p+i)%len(staff)]
		_, err := q.CreateProjectMember(ctx, db.CreateProjectMemberParams{ID: g.id(), ProjectID: project.ID, UserID: u.ID, Role: []string{"manager", "superintendent", "estimator"}[i], AssignedAt: created})
		if err := g.row("project_members", err); err != nil {
			return err
		}
	}

	// The schedule: tasks back to back, each after the previous one (finish-to-start),
	// with an occasional start-to-start overlap.
	start := dbtypes.DateOf(g.o.Start.AddDate(0, 0, p*7))
	var tasks []db.ScheduleTask
	cursor := start
	n := g.o.TasksPerProject
	for i := range n {
		workdays := int64(1 + g.r.IntN(5))
		milestone := i == n-1 || (i > 0 && i%15 == 0)
		if milestone {
			workdays = 0
		}
		end := addWorkdays(cursor, max(int(workdays)-1, 0))
		frac := float64(i) / float64(max(n, 1))
		taskStatus, pct := dbtypes.TaskStatusPending, int64(0)
		switch {
		case status == "COMPLETE" || frac < 0.3:
			taskStatus, pct = dbtypes.TaskStatusComplete, 100
		case frac < 0.4:
			taskStatus, pct = dbtypes.TaskStatusInProgress, int64(10+g.r.IntN(80))
		case i%17 == 5:
			taskStatus = dbtypes.TaskStatusBlocked
		}
		var assignee *string
		if i%4 != 3 {
			assignee = staff[(p+i)%len(staff)].DisplayName
		}
		t, err := q.CreateScheduleTask(ctx, db.CreateScheduleTaskParams{
			ID: g.id(), ProjectID: project.ID, Title: fmt.Sprintf("%s %s", taskVerbs[(i+p)%len(taskVerbs)], taskThings[i%len(taskThings)]),
			StartDate: cursor, Workdays: workdays, EndDateCalculated: end, Phase: phases[i*len(phases)/max(n, 1)],
			Status: taskStatus, IsCriticalPath: i%3 != 1, IsMilestone: milestone, SortOrder: int64(i),
			CreatedAt: created, UpdatedAt: g.ts(-100+p+i%20, i), PercentComplete: pct, AssignedTo: assignee,
		})
		if err := g.row("schedule_tasks", err); err != nil {
			return err
		}
		tasks = append(tasks, t)
		cursor = addWorkdays(end, 1)
	}
	var deps []db.TaskDependency
	for i := 1; i < len(tasks); i++ {
		typ, lag := dbtypes.DependencyTypeFS, int64(0)
		if i%9 == 4 {
			typ, lag = dbtypes.DependencyTypeSS, 1
		}
		d, err := q.CreateTaskDependency(ctx, db.CreateTaskDependencyParams{ID: g.id(), PredecessorID: tasks[i-1].ID, SuccessorID: tasks[i].ID, Type: typ, LagDays: lag})
		if err := g.row("task_dependencies", err); err != nil {
			return err
		}
		deps = append(deps, d)
	}
	for i, ex := range []struct {
		title string
		typ   dbtypes.ExceptionType
		cat   dbtypes.ExceptionCategory
		rec   dbtypes.ExceptionRecurrence
		days  int
	}{
		{"Independence Day", dbtypes.ExceptionTypeHoliday, dbtypes.ExceptionCategoryNationalHoliday, dbtypes.ExceptionRecurrenceYearly, 0},
		{"Rain day", dbtypes.ExceptionTypeNonWorking, dbtypes.ExceptionCategoryWeatherDay, dbtypes.ExceptionRecurrenceOneTime, 1},
	} {
		day := start.AddDays(10 + 9*i)
		if i == 0 {
			day = dbtypes.DateOf(time.Date(start.Year, 7, 4, 0, 0, 0, 0, time.UTC))
		}
		_, err := q.CreateWorkdayException(ctx, db.CreateWorkdayExceptionParams{
			ID: g.id(), ProjectID: project.ID, Title: ex.title, StartDate: day, EndDate: day.AddDays(ex.days),
			Type: ex.typ, Category: ex.cat, Recurrence: ex.rec, Notes: ptr("entered by the office"), CreatedAt: created, UpdatedAt: created,
		})
		if err := g.row("workday_exceptions", err); err != nil {
			return err
		}
	}
	snap := dbtypes.BaselineSnapshot{}
	for _, t := range tasks[:min(len(tasks), 8)] {
		snap.Tasks = append(snap.Tasks, dbtypes.BaselineTask{
			ID: t.ID, ProjectID: t.ProjectID, Title: t.Title, StartDate: t.StartDate.String(), Workdays: int(t.Workdays),
			EndDateCalculated: t.EndDateCalculated.String(), Phase: t.Phase, Status: string(t.Status), IsCriticalPath: t.IsCriticalPath,
			IsMilestone: t.IsMilestone, PercentComplete: int(t.PercentComplete), AssignedTo: t.AssignedTo, SortOrder: int(t.SortOrder),
			CreatedAt: t.CreatedAt.String(), UpdatedAt: t.UpdatedAt.String(),
		})
	}
	for _, d := range deps[:min(len(deps), 7)] {
		snap.Dependencies = append(snap.Dependencies, dbtypes.BaselineDependency{ID: d.ID, PredecessorID: d.PredecessorID, SuccessorID: d.SuccessorID, Type: string(d.Type), LagDays: int(d.LagDays)})
	}
	_, err = q.CreateScheduleBaseline(ctx, db.CreateScheduleBaselineParams{ID: g.id(), ProjectID: project.ID, Name: "Contract baseline", SnapshotData: snap, CreatedAt: created})
	if err := g.row("schedule_baselines", err); err != nil {
		return err
	}

	// Money: invoices to the customer, bills from vendors, payments, a credit memo.
	for i := range 2 {
		lines, subtotal := g.lineItems(2 + i)
		tax := dbtypes.Cents(int64(subtotal) * 8 / 100)
		total := subtotal + tax
		paid := dbtypes.Cents(0)
		if i == 0 {
			paid = total
		}
		issue := start.AddDays(14 * (i + 1))
		inv, err := g.q.CreateInvoice(ctx, db.CreateInvoiceParams{
			ID: g.id(), NetsuiteID: ptr(fmt.Sprintf("INV-NS-%d-%d", p, i)), CustomerID: customer.ID, ProjectID: &project.ID,
			InvoiceNumber: ptr(fmt.Sprintf("INV-%04d", 1000+p*10+i)), Status: []string{"paid", "sent"}[i], IssueDate: issue,
			DueDate: dbtypes.NewNullDate(issue.AddDays(30)), Subtotal: subtotal, Tax: tax, Total: total, AmountPaid: paid, AmountDue: total - paid,
			Memo: ptr("Progress billing"), LineItems: &lines, CreatedAt: g.ts(-80+p, i), UpdatedAt: g.ts(-70+p, i),
		})
		if err := g.row("invoices", err); err != nil {
			return err
		}
		if paid > 0 {
			_, err := q.CreatePayment(ctx, db.CreatePaymentParams{
				ID: g.id(), CustomerID: &customer.ID, ProjectID: &project.ID, PaymentType: dbtypes.PaymentTypeReceived, Amount: paid,
				PaymentDate: issue.AddDays(12), PaymentMethod: ptr(dbtypes.PaymentMethodCheck), ReferenceNumber: ptr(fmt.Sprintf("CHK-%d", 8800+p)),
				Memo: ptr("Payment for " + *inv.InvoiceNumber), CreatedAt: g.ts(-60+p, i), UpdatedAt: g.ts(-60+p, i),
			})
			if err := g.row("payments", err); err != nil {
				return err
			}
		}
	}
	for i := range 2 {
		vendor := vendors[(p+i)%len(vendors)]
		lines, subtotal := g.lineItems(1 + i)
		billDate := start.AddDays(7 + 10*i)
		due := dbtypes.NullDate{}
		if i == 0 {
			due = dbtypes.NewNullDate(billDate.AddDays(15))
		}
		_, err := q.CreateVendorBill(ctx, db.CreateVendorBillParams{
			ID: g.id(), VendorID: vendor.ID, ProjectID: &project.ID, BillNumber: ptr(fmt.Sprintf("B-%d-%d", p, i)), Status: []string{"paid", "pending"}[i],
			BillDate: billDate, DueDate: due, Subtotal: subtotal, Total: subtotal, AmountPaid: []dbtypes.Money{subtotal, 0}[i], AmountDue: []dbtypes.Money{0, subtotal}[i],
			LineItems: &lines, CreatedAt: g.ts(-75+p, i), UpdatedAt: g.ts(-75+p, i),
		})
		if err := g.row("vendor_bills", err); err != nil {
			return err
		}
		if i == 0 {
			_, err := q.CreatePayment(ctx, db.CreatePaymentParams{
				ID: g.id(), VendorID: &vendor.ID, ProjectID: &project.ID, PaymentType: dbtypes.PaymentTypeSent, Amount: subtotal,
				PaymentDate: billDate.AddDays(10), PaymentMethod: ptr(dbtypes.PaymentMethodACH), CreatedAt: g.ts(-65+p, i), UpdatedAt: g.ts(-65+p, i),
			})
			if err := g.row("payments", err); err != nil {
				return err
			}
		}
	}
	if p%3 == 0 {
		lines, total := g.lineItems(1)
		_, err := q.CreateCreditMemo(ctx, db.CreateCreditMemoParams{
			ID: g.id(), CustomerID: customer.ID, ProjectID: &project.ID, MemoNumber: ptr(fmt.Sprintf("CM-%d", 300+p)), Status: dbtypes.CreditMemoStatusApplied,
			IssueDate: start.AddDays(40), Total: total, AmountApplied: total, LineItems: &lines, CreatedAt: g.ts(-50+p, 0), UpdatedAt: g.ts(-50+p, 0),
		})
		if err := g.row("credit_memos", err); err != nil {
			return err
		}
	}
	return nil
}

// lineItems returns n line items in whole cents and their sum.
func (g *gen) lineItems(n int) (dbtypes.LineItems, dbtypes.Money) {
	var items dbtypes.LineItems
	var sum dbtypes.Money
	for i := range n {
		qty := float64(1 + g.r.IntN(40))
		rateCents := int64(500 + g.r.IntN(20000))
		amount := int64(qty) * rateCents
		items = append(items, dbtypes.LineItem{Description: taskThings[(i+n)%len(taskThings)], Quantity: qty, Rate: float64(rateCents) / 100, Amount: float64(amount) / 100})
		sum += dbtypes.Cents(amount)
	}
	return items, sum
}

// people writes everything hanging off users: the assistant, plugins, themes, Google
// Drive, dashboards, feedback and push tokens.
func (g *gen) people(users []db.User, orgID string) error {
	ctx, q := g.ctx, g.q
	admin := users[0]
	_, err := q.CreateAgentConfig(ctx, db.CreateAgentConfigParams{
		ID: "global", ModelID: "anthropic/claude-sonnet-4", ModelName: "Claude Sonnet 4", Provider: "anthropic",
		PromptCost: "0.000003", CompletionCost: "0.000015", ContextLength: 200000, UpdatedBy: admin.ID, UpdatedAt: g.ts(-30, 0),
		MaxCostPerMillion: ptr("20"), AllowUserSelection: true,
	})
	if err := g.row("agent_config", err); err != nil {
		return err
	}
	for i, u := range users {
		if i < 4 {
			_, err := q.CreateUserModelPreference(ctx, db.CreateUserModelPreferenceParams{UserID: u.ID, ModelID: "openai/gpt-4.1-mini", PromptCost: "0.0000004", CompletionCost: "0.0000016", UpdatedAt: g.ts(-10, i)})
			if err := g.row("user_model_preference", err); err != nil {
				return err
			}
		}
		for c := range 2 {
			conv, err := q.CreateAgentConversation(ctx, db.CreateAgentConversationParams{ID: g.id(), UserID: u.ID, Title: ptr([]string{"Schedule questions", "Invoice follow-up"}[c]), LastMessageAt: g.ts(-c, i), CreatedAt: g.ts(-5-c, i)})
			if err := g.row("agent_conversations", err); err != nil {
				return err
			}
			for m := range 4 {
				role := []dbtypes.MessageRole{dbtypes.MessageRoleUser, dbtypes.MessageRoleAssistant}[m%2]
				text := []string{"Which tasks slip if framing is late?", "Drywall, paint and trim move out by three working days.", "Draft a reminder for the open invoice.", "Here is a short, friendly reminder you can send."}[m]
				parts := dbtypes.MessageParts{{"type": raw("text"), "text": raw(text)}}
				_, err := q.CreateAgentMemory(ctx, db.CreateAgentMemoryParams{ID: g.id(), ConversationID: conv.ID, UserID: u.ID, Role: role, Content: text, Metadata: &parts, CreatedAt: g.ts(-5-c, i*10+m)})
				if err := g.row("agent_memories", err); err != nil {
					return err
				}
			}
			_, err = q.CreateAgentUsage(ctx, db.CreateAgentUsageParams{ID: g.id(), ConversationID: conv.ID, UserID: u.ID, ModelID: "anthropic/claude-sonnet-4", PromptTokens: 1200, CompletionTokens: 300, TotalTokens: 1500, EstimatedCost: "0.00810000", CreatedAt: g.ts(-5-c, i*10+5)})
			if err := g.row("agent_usage", err); err != nil {
				return err
			}
		}
		for m := range 2 {
			_, err := q.CreateSlabMemory(ctx, db.CreateSlabMemoryParams{ID: g.id(), UserID: u.ID, Content: []string{"Prefers schedules grouped by phase", "Invoices go out on the 1st and the 15th"}[m], MemoryType: []dbtypes.MemoryType{dbtypes.MemoryTypePreference, dbtypes.MemoryTypeFact}[m], Tags: ptr("schedule"), Importance: 0.5 + 0.2*float64(m), Pinned: m == 0, AccessCount: int64(i + m), LastAccessedAt: ptr(g.ts(-1, i)), CreatedAt: g.ts(-40, i+m)})
			if err := g.row("slab_memories", err); err != nil {
				return err
			}
		}
		_, err = q.CreatePushToken(ctx, db.CreatePushTokenParams{ID: g.id(), UserID: u.ID, Token: fmt.Sprintf("ExponentPushToken[demo-%d]", i), Platform: []dbtypes.Platform{dbtypes.PlatformIOS, dbtypes.PlatformAndroid}[i%2], CreatedAt: g.ts(-30, i), UpdatedAt: g.ts(-30, i)})
		if err := g.row("push_tokens", err); err != nil {
			return err
		}
		if i < 5 {
			for k := range 3 {
				_, err := q.CreateAgentItem(ctx, db.CreateAgentItemParams{ID: g.id(), UserID: u.ID, Type: []dbtypes.AgentItemType{dbtypes.AgentItemTypeTodo, dbtypes.AgentItemTypeNote, dbtypes.AgentItemTypeChecklist}[k], Title: []string{"Call the inspector", "Gate code is 4411", "Pre-pour checklist"}[k], Content: ptr("from the assistant"), Done: k == 0 && i%2 == 0, SortOrder: int64(k), Metadata: &dbtypes.JSONObject{"source": raw("assistant")}, CreatedAt: g.ts(-3, k), UpdatedAt: g.ts(-2, k)})
				if err := g.row("agent_items", err); err != nil {
					return err
				}
			}
			_, err := q.CreateGoogleStarredFile(ctx, db.CreateGoogleStarredFileParams{ID: g.id(), UserID: u.ID, GoogleFileID: fmt.Sprintf("1AbCdEf%d", i), CreatedAt: g.ts(-4, i)})
			if err := g.row("google_starred_files", err); err != nil {
				return err
			}
		}
	}
	_, err = q.CreateFeedbackInterview(ctx, db.CreateFeedbackInterviewParams{
		ID: g.id(), UserID: users[1%len(users)].ID, UserName: *users[1%len(users)].DisplayName, UserRole: string(users[1%len(users)].Role),
		Responses: dbtypes.InterviewResponses{{Question: "What slows you down?", Answer: "Re-entering dates after a delay."}}, Summary: "Wants automatic rescheduling.",
		PainPoints: &dbtypes.StringList{"manual rescheduling"}, FeatureRequests: &dbtypes.StringList{"auto-shift successors"}, OverallSentiment: dbtypes.SentimentPositive, CreatedAt: g.ts(-12, 0),
	})
	if err := g.row("feedback_interviews", err); err != nil {
		return err
	}
	for i := range 4 {
		_, err := q.CreateFeedback(ctx, db.CreateFeedbackParams{ID: g.id(), Type: []dbtypes.FeedbackType{dbtypes.FeedbackTypeBug, dbtypes.FeedbackTypeFeature, dbtypes.FeedbackTypeQuestion, dbtypes.FeedbackTypeGeneral}[i], Message: "Demo feedback message", Email: ptr("someone@example.com"), PageURL: ptr("/dashboard/projects"), ViewportWidth: ptr(int64(1440)), ViewportHeight: ptr(int64(900)), IPHash: ptr(fmt.Sprintf("%x", 0xabc000+i)), CreatedAt: g.ts(-i, 0)})
		if err := g.row("feedback", err); err != nil {
			return err
		}
	}
	plugins := []struct {
		name string
		typ  dbtypes.PluginSourceType
		caps dbtypes.Capabilities
	}{{"netsuite-sync", dbtypes.PluginSourceTypeBuiltin, dbtypes.Capabilities{"tools", "queries"}}, {"weather", dbtypes.PluginSourceTypeNpm, dbtypes.Capabilities{"tools"}}, {"estimating-tips", dbtypes.PluginSourceTypeSkills, dbtypes.Capabilities{"prompt"}}}
	for i, pl := range plugins {
		plugin, err := q.CreatePlugin(ctx, db.CreatePluginParams{ID: g.id(), Name: pl.name, Version: "1.2.0", Source: "registry:" + pl.name, SourceType: pl.typ, Capabilities: pl.caps, RequiredEnvVars: &dbtypes.StringList{}, Status: dbtypes.PluginStatusEnabled, EnabledBy: &admin.ID, EnabledAt: ptr(g.ts(-20, i)), InstalledAt: g.ts(-21, i), UpdatedAt: g.ts(-20, i)})
		if err := g.row("plugins", err); err != nil {
			return err
		}
		for k, key := range []string{"region", "api_key"} {
			value := "us-west"
			if k == 1 {
				value = "v1.demo-ciphertext"
			}
			_, err := q.CreatePluginConfig(ctx, db.CreatePluginConfigParams{ID: g.id(), PluginID: plugin.ID, Key: key, Value: value, IsEncrypted: k == 1, UpdatedAt: g.ts(-20, i)})
			if err := g.row("plugin_config", err); err != nil {
				return err
			}
		}
		for k, ev := range []dbtypes.PluginEventType{dbtypes.PluginEventTypeInstalled, dbtypes.PluginEventTypeEnabled} {
			_, err := q.CreatePluginEvent(ctx, db.CreatePluginEventParams{ID: g.id(), PluginID: plugin.ID, EventType: ev, UserID: &admin.ID, CreatedAt: g.ts(-21+k, i)})
			if err := g.row("plugin_events", err); err != nil {
				return err
			}
		}
	}
	palette := map[string]string{"background": "oklch(0.99 0 0)", "foreground": "oklch(0.2 0 0)", "primary": "oklch(0.55 0.2 250)"}
	for i := range 2 {
		theme, err := q.CreateCustomTheme(ctx, db.CreateCustomThemeParams{ID: g.id(), UserID: users[i%len(users)].ID, Name: []string{"Site Orange", "Blueprint"}[i], Description: "demo theme", ThemeData: dbtypes.ThemeData{
			Name: []string{"Site Orange", "Blueprint"}[i], Description: "demo theme", Light: palette, Dark: palette,
			Fonts: dbtypes.ThemeFonts{Sans: "Inter", Serif: "Georgia", Mono: "JetBrains Mono"}, FontSources: dbtypes.ThemeFontSources{GoogleFonts: []string{"Inter"}},
			Tokens:        dbtypes.ThemeTokens{Radius: "0.5rem", Spacing: "0.25rem", TrackingNormal: "0em", ShadowColor: "#000000", ShadowOpacity: "0.1", ShadowBlur: "3px", ShadowSpread: "0px", ShadowOffsetX: "0", ShadowOffsetY: "1px"},
			PreviewColors: dbtypes.ThemePreviewColors{Primary: palette["primary"], Background: palette["background"], Foreground: palette["foreground"]},
		}, CreatedAt: g.ts(-15, i), UpdatedAt: g.ts(-15, i)})
		if err := g.row("custom_themes", err); err != nil {
			return err
		}
		_, err = q.CreateUserThemePreference(ctx, db.CreateUserThemePreferenceParams{UserID: users[i%len(users)].ID, ActiveThemeID: theme.ID, UpdatedAt: g.ts(-15, i)})
		if err := g.row("user_theme_preference", err); err != nil {
			return err
		}
	}
	_, err = q.CreateGoogleAuth(ctx, db.CreateGoogleAuthParams{ID: g.id(), OrganizationID: orgID, ServiceAccountKeyEncrypted: "v1.demo-ciphertext-key", WorkspaceDomain: "maple.example", SharedDriveID: ptr("0AHdemo"), SharedDriveName: ptr("Projects"), ConnectedBy: admin.ID, CreatedAt: g.ts(-45, 0), UpdatedAt: g.ts(-45, 0)})
	if err := g.row("google_auth", err); err != nil {
		return err
	}
	for i := range 2 {
		_, err := q.CreateCustomDashboard(ctx, db.CreateCustomDashboardParams{ID: g.id(), UserID: users[i%len(users)].ID, Name: []string{"Cash flow", "Open invoices"}[i], Description: "generated by the assistant",
			SpecData: dbtypes.DashboardSpec{Root: "root", Elements: map[string]dbtypes.DashboardElement{"root": {Type: "Card", Props: raw(map[string]string{"title": "Overview"}), Children: []string{"t"}}, "t": {Type: "Table", Props: raw(map[string]string{"dataKey": "invoices"})}}},
			Queries:  dbtypes.DashboardQueries{{Key: "invoices", QueryType: "invoices", Limit: ptr(50)}}, RenderPrompt: "Show open invoices", CreatedAt: g.ts(-8, i), UpdatedAt: g.ts(-8, i)})
		if err := g.row("custom_dashboards", err); err != nil {
			return err
		}
	}
	return nil
}
