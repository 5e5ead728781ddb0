package main

import (
	"math"
	"strconv"

	"github.com/compass-eng/compassdb"
	"github.com/compass-eng/compassdb/db"
	"github.com/compass-eng/compassdb/dbtypes"
)

// The API's JSON shapes. The generated models have no JSON tags (they are the database's
// shape, not the API's), so each resource has a view with snake_case names here. Dates
// are "YYYY-MM-DD", timestamps RFC 3339 in UTC, money a JSON number with two decimals.

type userView struct {
	ID          string             `json:"id"`
	Email       string             `json:"email"`
	DisplayName *string            `json:"display_name"`
	FirstName   *string            `json:"first_name"`
	LastName    *string            `json:"last_name"`
	AvatarURL   *string            `json:"avatar_url"`
	Role        dbtypes.UserRole   `json:"role"`
	IsActive    bool               `json:"is_active"`
	LastLoginAt *dbtypes.Timestamp `json:"last_login_at"`
	CreatedAt   dbtypes.Timestamp  `json:"created_at"`
	UpdatedAt   dbtypes.Timestamp  `json:"updated_at"`
}

func viewUser(u db.User) userView {
	return userView{
		ID: u.ID, Email: u.Email, DisplayName: u.DisplayName, FirstName: u.FirstName, LastName: u.LastName,
		AvatarURL: u.AvatarURL, Role: u.Role, IsActive: u.IsActive, LastLoginAt: u.LastLoginAt,
		CreatedAt: u.CreatedAt, UpdatedAt: u.UpdatedAt,
	}
}

type userWithRelationsView struct {
	userView
	Teams             []compassdb.TeamRef  `json:"teams"`
	Groups            []compassdb.GroupRef `json:"groups"`
	ProjectCount      int64                `json:"project_count"`
	OrganizationCount int64                `json:"organization_count"`
}

func viewUserWithRelations(u compassdb.UserWithRelations) userWithRelationsView {
	return userWithRelationsView{
		userView: viewUser(u.User), Teams: u.Teams, Groups: u.Groups,
		ProjectCount: u.ProjectCount, OrganizationCount: u.OrganizationCount,
	}
}

type organizationView struct {
	ID        string                   `json:"id"`
	Name      string                   `json:"name"`
	Slug      string                   `json:"slug"`
	Type      dbtypes.OrganizationType `json:"type"`
	LogoURL   *string                  `json:"logo_url"`
	IsActive  bool                     `json:"is_active"`
	CreatedAt dbtypes.Timestamp        `json:"created_at"`
}

func viewOrganization(o db.Organization) organizationView {
	return organizationView{ID: o.ID, Name: o.Name, Slug: o.Slug, Type: o.Type, LogoURL: o.LogoURL, IsActive: o.IsActive, CreatedAt: o.CreatedAt}
}

type projectView struct {
	ID             string            `json:"id"`
	Name           string            `json:"name"`
	Status         string            `json:"status"`
	Address        *string           `json:"address"`
	ClientName     *string           `json:"client_name"`
	ProjectManager *string           `json:"project_manager"`
	OrganizationID *string           `json:"organization_id"`
	NetsuiteJobID  *string           `json:"netsuite_job_id"`
	CreatedAt      dbtypes.Timestamp `json:"created_at"`
}

func viewProject(p db.Project) projectView {
	return projectView{
		ID: p.ID, Name: p.Name, Status: p.Status, Address: p.Address, ClientName: p.ClientName,
		ProjectManager: p.ProjectManager, OrganizationID: p.OrganizationID, NetsuiteJobID: p.NetsuiteJobID, CreatedAt: p.CreatedAt,
	}
}

type taskView struct {
	ID                string             `json:"id"`
	ProjectID         string             `json:"project_id"`
	Title             string             `json:"title"`
	Phase             string             `json:"phase"`
	Status            dbtypes.TaskStatus `json:"status"`
	StartDate         dbtypes.Date       `json:"start_date"`
	Workdays          int64              `json:"workdays"`
	EndDateCalculated dbtypes.Date       `json:"end_date_calculated"`
	PercentComplete   int64              `json:"percent_complete"`
	IsMilestone       bool               `json:"is_milestone"`
	IsCriticalPath    bool               `json:"is_critical_path"`
	AssignedTo        *string            `json:"assigned_to"`
	SortOrder         int64              `json:"sort_order"`
	UpdatedAt         dbtypes.Timestamp  `json:"updated_at"`
}

func viewTask(t db.ScheduleTask) taskView {
	return taskView{
		ID: t.ID, ProjectID: t.ProjectID, Title: t.Title, Phase: t.Phase, Status: t.Status,
		StartDate: t.StartDate, Workdays: t.Workdays, EndDateCalculated: t.EndDateCalculated,
		PercentComplete: t.PercentComplete, IsMilestone: t.IsMilestone, IsCriticalPath: t.IsCriticalPath,
		AssignedTo: t.AssignedTo, SortOrder: t.SortOrder, UpdatedAt: t.UpdatedAt,
	}
}

type dependencyView struct {
	ID            string                 `json:"id"`
	PredecessorID string                 `json:"predecessor_id"`
	SuccessorID   string                 `json:"successor_id"`
	Type          dbtypes.DependencyType `json:"type"`
	LagDays       int64                  `json:"lag_days"`
}

func viewDependency(d db.TaskDependency) dependencyView {
	return dependencyView{ID: d.ID, PredecessorID: d.PredecessorID, SuccessorID: d.SuccessorID, Type: d.Type, LagDays: d.LagDays}
}

type exceptionView struct {
	ID         string                      `json:"id"`
	ProjectID  string                      `json:"project_id"`
	Title      string                      `json:"title"`
	StartDate  dbtypes.Date                `json:"start_date"`
	EndDate    dbtypes.Date                `json:"end_date"`
	Type       dbtypes.ExceptionType       `json:"type"`
	Category   dbtypes.ExceptionCategory   `json:"category"`
	Recurrence dbtypes.ExceptionRecurrence `json:"recurrence"`
	Notes      *string                     `json:"notes"`
	UpdatedAt  dbtypes.Timestamp           `json:"updated_at"`
}

func viewException(e db.WorkdayException) exceptionView {
	return exceptionView{
		ID: e.ID, ProjectID: e.ProjectID, Title: e.Title, StartDate: e.StartDate, EndDate: e.EndDate,
		Type: e.Type, Category: e.Category, Recurrence: e.Recurrence, Notes: e.Notes, UpdatedAt: e.UpdatedAt,
	}
}

type baselineView struct {
	ID              string            `json:"id"`
	ProjectID       string            `json:"project_id"`
	Name            string            `json:"name"`
	TaskCount       int               `json:"task_count"`
	DependencyCount int               `json:"dependency_count"`
	CreatedAt       dbtypes.Timestamp `json:"created_at"`
}

func viewBaseline(b db.ScheduleBaseline) baselineView {
	return baselineView{
		ID: b.ID, ProjectID: b.ProjectID, Name: b.Name, CreatedAt: b.CreatedAt,
		TaskCount: len(b.SnapshotData.Tasks), DependencyCount: len(b.SnapshotData.Dependencies),
	}
}

type scheduleView struct {
	Project      projectView      `json:"project"`
	Tasks        []taskView       `json:"tasks"`
	Dependencies []dependencyView `json:"dependencies"`
	Exceptions   []exceptionView  `json:"exceptions"`
}

type phaseView struct {
	Phase    string `json:"phase"`
	Total    int64  `json:"total"`
	Complete int64  `json:"complete"`
	PastDue  int64  `json:"past_due"`
	DueToday int64  `json:"due_today"`
}

type overviewDayView struct {
	Date  dbtypes.Date `json:"date"`
	Tasks []taskView   `json:"tasks"`
}

type overviewView struct {
	Today              dbtypes.Date      `json:"today"`
	TotalTasks         int64             `json:"total_tasks"`
	CompleteTasks      int64             `json:"complete_tasks"`
	PercentComplete    int64             `json:"percent_complete"`
	PastDue            int64             `json:"past_due"`
	DueToday           int64             `json:"due_today"`
	Phases             []phaseView       `json:"phases"`
	UpcomingMilestones []taskView        `json:"upcoming_milestones"`
	RecentlyUpdated    []taskView        `json:"recently_updated"`
	Week               []overviewDayView `json:"week"`
}

func viewOverview(o compassdb.ProjectOverview) overviewView {
	v := overviewView{
		Today: o.Today, TotalTasks: o.TotalTasks, CompleteTasks: o.CompleteTasks, PercentComplete: o.PercentComplete,
		PastDue: o.PastDue, DueToday: o.DueToday,
		Phases:             make([]phaseView, len(o.Phases)),
		UpcomingMilestones: mapSlice(o.UpcomingMilestones, viewTask),
		RecentlyUpdated:    mapSlice(o.RecentlyUpdated, viewTask),
		Week:               make([]overviewDayView, len(o.Week)),
	}
	for i, p := range o.Phases {
		v.Phases[i] = phaseView{Phase: p.Phase, Total: p.Total, Complete: p.Complete, PastDue: p.PastDue, DueToday: p.DueToday}
	}
	for i, d := range o.Week {
		v.Week[i] = overviewDayView{Date: d.Date, Tasks: mapSlice(d.Tasks, viewTask)}
	}
	return v
}

type customerView struct {
	ID         string             `json:"id"`
	Name       string             `json:"name"`
	Company    *string            `json:"company"`
	Email      *string            `json:"email"`
	Phone      *string            `json:"phone"`
	Address    *string            `json:"address"`
	Notes      *string            `json:"notes"`
	NetsuiteID *string            `json:"netsuite_id"`
	CreatedAt  dbtypes.Timestamp  `json:"created_at"`
	UpdatedAt  *dbtypes.Timestamp `json:"updated_at"`
}

func viewCustomer(c db.Customer) customerView {
	return customerView{
		ID: c.ID, Name: c.Name, Company: c.Company, Email: c.Email, Phone: c.Phone, Address: c.Address,
		Notes: c.Notes, NetsuiteID: c.NetsuiteID, CreatedAt: c.CreatedAt, UpdatedAt: c.UpdatedAt,
	}
}

type vendorView struct {
	ID         string             `json:"id"`
	Name       string             `json:"name"`
	Category   string             `json:"category"`
	Email      *string            `json:"email"`
	Phone      *string            `json:"phone"`
	Address    *string            `json:"address"`
	NetsuiteID *string            `json:"netsuite_id"`
	CreatedAt  dbtypes.Timestamp  `json:"created_at"`
	UpdatedAt  *dbtypes.Timestamp `json:"updated_at"`
}

func viewVendor(v db.Vendor) vendorView {
	return vendorView{
		ID: v.ID, Name: v.Name, Category: v.Category, Email: v.Email, Phone: v.Phone, Address: v.Address,
		NetsuiteID: v.NetsuiteID, CreatedAt: v.CreatedAt, UpdatedAt: v.UpdatedAt,
	}
}

type invoiceView struct {
	ID            string             `json:"id"`
	CustomerID    string             `json:"customer_id"`
	ProjectID     *string            `json:"project_id"`
	InvoiceNumber *string            `json:"invoice_number"`
	Status        string             `json:"status"`
	IssueDate     dbtypes.Date       `json:"issue_date"`
	DueDate       dbtypes.NullDate   `json:"due_date"`
	Subtotal      dbtypes.Money      `json:"subtotal"`
	Tax           dbtypes.Money      `json:"tax"`
	Total         dbtypes.Money      `json:"total"`
	AmountPaid    dbtypes.Money      `json:"amount_paid"`
	AmountDue     dbtypes.Money      `json:"amount_due"`
	Memo          *string            `json:"memo"`
	LineItems     *dbtypes.LineItems `json:"line_items"`
	CreatedAt     dbtypes.Timestamp  `json:"created_at"`
}

func viewInvoice(i db.Invoice) invoiceView {
	return invoiceView{
		ID: i.ID, CustomerID: i.CustomerID, ProjectID: i.ProjectID, InvoiceNumber: i.InvoiceNumber, Status: i.Status,
		IssueDate: i.IssueDate, DueDate: i.DueDate, Subtotal: i.Subtotal, Tax: i.Tax, Total: i.Total,
		AmountPaid: i.AmountPaid, AmountDue: i.AmountDue, Memo: i.Memo, LineItems: i.LineItems, CreatedAt: i.CreatedAt,
	}
}

type billView struct {
	ID         string             `json:"id"`
	VendorID   string             `json:"vendor_id"`
	ProjectID  *string            `json:"project_id"`
	BillNumber *string            `json:"bill_number"`
	Status     string             `json:"status"`
	BillDate   dbtypes.Date       `json:"bill_date"`
	DueDate    dbtypes.NullDate   `json:"due_date"`
	Subtotal   dbtypes.Money      `json:"subtotal"`
	Tax        dbtypes.Money      `json:"tax"`
	Total      dbtypes.Money      `json:"total"`
	AmountPaid dbtypes.Money      `json:"amount_paid"`
	AmountDue  dbtypes.Money      `json:"amount_due"`
	Memo       *string            `json:"memo"`
	LineItems  *dbtypes.LineItems `json:"line_items"`
	CreatedAt  dbtypes.Timestamp  `json:"created_at"`
}

func viewBill(b db.VendorBill) billView {
	return billView{
		ID: b.ID, VendorID: b.VendorID, ProjectID: b.ProjectID, BillNumber: b.BillNumber, Status: b.Status,
		BillDate: b.BillDate, DueDate: b.DueDate, Subtotal: b.Subtotal, Tax: b.Tax, Total: b.Total,
		AmountPaid: b.AmountPaid, AmountDue: b.AmountDue, Memo: b.Memo, LineItems: b.LineItems, CreatedAt: b.CreatedAt,
	}
}

type paymentView struct {
	ID              string                 `json:"id"`
	PaymentType     dbtypes.PaymentType    `json:"payment_type"`
	CustomerID      *string                `json:"customer_id"`
	VendorID        *string                `json:"vendor_id"`
	ProjectID       *string                `json:"project_id"`
	Amount          dbtypes.Money          `json:"amount"`
	PaymentDate     dbtypes.Date           `json:"payment_date"`
	PaymentMethod   *dbtypes.PaymentMethod `json:"payment_method"`
	ReferenceNumber *string                `json:"reference_number"`
	Memo            *string                `json:"memo"`
	CreatedAt       dbtypes.Timestamp      `json:"created_at"`
}

func viewPayment(p db.Payment) paymentView {
	return paymentView{
		ID: p.ID, PaymentType: p.PaymentType, CustomerID: p.CustomerID, VendorID: p.VendorID, ProjectID: p.ProjectID,
		Amount: p.Amount, PaymentDate: p.PaymentDate, PaymentMethod: p.PaymentMethod, ReferenceNumber: p.ReferenceNumber,
		Memo: p.Memo, CreatedAt: p.CreatedAt,
	}
}

type creditMemoView struct {
	ID              string                   `json:"id"`
	CustomerID      string                   `json:"customer_id"`
	ProjectID       *string                  `json:"project_id"`
	MemoNumber      *string                  `json:"memo_number"`
	Status          dbtypes.CreditMemoStatus `json:"status"`
	IssueDate       dbtypes.Date             `json:"issue_date"`
	Total           dbtypes.Money            `json:"total"`
	AmountApplied   dbtypes.Money            `json:"amount_applied"`
	AmountRemaining dbtypes.Money            `json:"amount_remaining"`
	Memo            *string                  `json:"memo"`
	LineItems       *dbtypes.LineItems       `json:"line_items"`
	CreatedAt       dbtypes.Timestamp        `json:"created_at"`
}

func viewCreditMemo(c db.CreditMemo) creditMemoView {
	return creditMemoView{
		ID: c.ID, CustomerID: c.CustomerID, ProjectID: c.ProjectID, MemoNumber: c.MemoNumber, Status: c.Status,
		IssueDate: c.IssueDate, Total: c.Total, AmountApplied: c.AmountApplied, AmountRemaining: c.AmountRemaining,
		Memo: c.Memo, LineItems: c.LineItems, CreatedAt: c.CreatedAt,
	}
}

// financeView is a project's money by document status.
type financeView struct {
	ProjectID   string             `json:"project_id"`
	Invoices    []statusTotalsView `json:"invoices"`
	Bills       []statusTotalsView `json:"bills"`
	Payments    []paymentTotalView `json:"payments"`
	CreditMemos []creditTotalsView `json:"credit_memos"`
}

type statusTotalsView struct {
	Status     string        `json:"status"`
	Count      int64         `json:"count"`
	Total      dbtypes.Money `json:"total"`
	AmountPaid dbtypes.Money `json:"amount_paid"`
	AmountDue  dbtypes.Money `json:"amount_due"`
}

type paymentTotalView struct {
	PaymentType dbtypes.PaymentType `json:"payment_type"`
	Count       int64               `json:"count"`
	Amount      dbtypes.Money       `json:"amount"`
}

type creditTotalsView struct {
	Status          dbtypes.CreditMemoStatus `json:"status"`
	Count           int64                    `json:"count"`
	Total           dbtypes.Money            `json:"total"`
	AmountApplied   dbtypes.Money            `json:"amount_applied"`
	AmountRemaining dbtypes.Money            `json:"amount_remaining"`
}

type usageView struct {
	Since   dbtypes.Timestamp `json:"since"`
	Days    int               `json:"days"`
	Totals  usageRowView      `json:"totals"`
	Daily   []usageRowView    `json:"daily"`
	ByModel []usageRowView    `json:"by_model"`
}

type usageRowView struct {
	Day         string `json:"day,omitempty"`
	ModelID     string `json:"model_id,omitempty"`
	Requests    int64  `json:"requests"`
	TotalTokens int64  `json:"total_tokens"`
	Cost        cost   `json:"cost"`
}

// cost is an AI cost in dollars. Costs are stored as decimals with 8 places and summed
// as doubles; it is written rounded to those 8 places, so a sum reads 0.04701, not
// 0.047009999999999996.
type cost float64

func (c cost) MarshalJSON() ([]byte, error) {
	return strconv.AppendFloat(nil, math.Round(float64(c)*1e8)/1e8, 'f', -1, 64), nil
}

type dashboardSummaryView struct {
	ID          string            `json:"id"`
	Name        string            `json:"name"`
	Description string            `json:"description"`
	UpdatedAt   dbtypes.Timestamp `json:"updated_at"`
}

type dashboardView struct {
	ID           string                   `json:"id"`
	Name         string                   `json:"name"`
	Description  string                   `json:"description"`
	Spec         dbtypes.DashboardSpec    `json:"spec"`
	Queries      dbtypes.DashboardQueries `json:"queries"`
	RenderPrompt string                   `json:"render_prompt"`
	CreatedAt    dbtypes.Timestamp        `json:"created_at"`
	UpdatedAt    dbtypes.Timestamp        `json:"updated_at"`
}

func viewDashboard(d db.CustomDashboard) dashboardView {
	return dashboardView{
		ID: d.ID, Name: d.Name, Description: d.Description, Spec: d.SpecData, Queries: d.Queries,
		RenderPrompt: d.RenderPrompt, CreatedAt: d.CreatedAt, UpdatedAt: d.UpdatedAt,
	}
}

type themeView struct {
	ID          string            `json:"id"`
	Name        string            `json:"name"`
	Description string            `json:"description"`
	ThemeData   dbtypes.ThemeData `json:"theme_data"`
	CreatedAt   dbtypes.Timestamp `json:"created_at"`
	UpdatedAt   dbtypes.Timestamp `json:"updated_at"`
}

func viewTheme(t db.CustomTheme) themeView {
	return themeView{ID: t.ID, Name: t.Name, Description: t.Description, ThemeData: t.ThemeData, CreatedAt: t.CreatedAt, UpdatedAt: t.UpdatedAt}
}

// mapSlice converts a slice, always returning a non-nil one (JSON [] rather than null).
func mapSlice[T, V any](in []T, f func(T) V) []V {
	out := make([]V, len(in))
	for i, v := range in {
		out[i] = f(v)
	}
	return out
}
