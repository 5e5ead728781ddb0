package dbtest

import (
	"context"
	"encoding/json"
	"fmt"
	"reflect"
	"time"

	"github.com/compass-eng/compassdb/db"
	"github.com/compass-eng/compassdb/dbtypes"
)

// FixtureTime is the fixed instant the fixture is written at: every timestamp of Seed
// is FixtureTime plus a few whole minutes, so the stored text is always
// 2026-02-04T12:MM:56.789Z (a non-zero millisecond part, to show it survives).
var FixtureTime = time.Date(2026, time.February, 4, 12, 0, 56, 789_000_000, time.UTC)

// At returns FixtureTime plus minutes as a Timestamp.
func At(minutes int) dbtypes.Timestamp {
	return dbtypes.NewTimestamp(FixtureTime.Add(time.Duration(minutes) * time.Minute))
}

// Fixture is one realistic row in every one of the 40 tables, as Seed created it (the
// rows its Create* queries returned). Ids are fixed ("user-1", "org-1", …), so tests can
// name rows directly.
//
// Every nullable column holds a value, with one exception the schema forces:
// payments_counterparty_check allows a customer or a vendor on a payment, never both, so
// Payment (a payment received from Customer) has VendorID nil. schedule_tasks has two
// rows, ScheduleTask and SuccessorTask, because task_dependencies_no_self_check needs
// two tasks for the one TaskDependency.
//
// The struct tag `table` names each field's table; Rows lists them in creation order.
type Fixture struct {
	User                 db.User                 `table:"users"`
	Organization         db.Organization         `table:"organizations"`
	OrganizationMember   db.OrganizationMember   `table:"organization_members"`
	Team                 db.Team                 `table:"teams"`
	TeamMember           db.TeamMember           `table:"team_members"`
	Group                db.Group                `table:"groups"`
	GroupMember          db.GroupMember          `table:"group_members"`
	Project              db.Project              `table:"projects"`
	ProjectMember        db.ProjectMember        `table:"project_members"`
	ScheduleTask         db.ScheduleTask         `table:"schedule_tasks"`
	SuccessorTask        db.ScheduleTask         `table:"schedule_tasks"`
	TaskDependency       db.TaskDependency       `table:"task_dependencies"`
	WorkdayException     db.WorkdayException     `table:"workday_exceptions"`
	ScheduleBaseline     db.ScheduleBaseline     `table:"schedule_baselines"`
	Customer             db.Customer             `table:"customers"`
	Vendor               db.Vendor               `table:"vendors"`
	Feedback             db.Feedback             `table:"feedback"`
	AgentConversation    db.AgentConversation    `table:"agent_conversations"`
	AgentMemory          db.AgentMemory          `table:"agent_memories"`
	FeedbackInterview    db.FeedbackInterview    `table:"feedback_interviews"`
	SlabMemory           db.SlabMemory           `table:"slab_memories"`
	PushToken            db.PushToken            `table:"push_tokens"`
	NetsuiteAuth         db.NetsuiteAuth         `table:"netsuite_auth"`
	NetsuiteSyncMetadata db.NetsuiteSyncMetadata `table:"netsuite_sync_metadata"`
	NetsuiteSyncLog      db.NetsuiteSyncLog      `table:"netsuite_sync_log"`
	Invoice              db.Invoice              `table:"invoices"`
	VendorBill           db.VendorBill           `table:"vendor_bills"`
	Payment              db.Payment              `table:"payments"`
	CreditMemo           db.CreditMemo           `table:"credit_memos"`
	Plugin               db.Plugin               `table:"plugins"`
	PluginConfig         db.PluginConfig         `table:"plugin_config"`
	PluginEvent          db.PluginEvent          `table:"plugin_events"`
	AgentItem            db.AgentItem            `table:"agent_items"`
	AgentConfig          db.AgentConfig          `table:"agent_config"`
	UserModelPreference  db.UserModelPreference  `table:"user_model_preference"`
	AgentUsage           db.AgentUsage           `table:"agent_usage"`
	CustomTheme          db.CustomTheme          `table:"custom_themes"`
	UserThemePreference  db.UserThemePreference  `table:"user_theme_preference"`
	GoogleAuth           db.GoogleAuth           `table:"google_auth"`
	GoogleStarredFile    db.GoogleStarredFile    `table:"google_starred_files"`
	CustomDashboard      db.CustomDashboard      `table:"custom_dashboards"`
}

// FixtureRow is one row of a Fixture: its table, the Fixture field's name and the row
// (a db model value such as db.User).
type FixtureRow struct {
	Table string
	Field string
	Row   any
}

// Rows returns the fixture's rows in creation order (parents before children).
func (f *Fixture) Rows() []FixtureRow {
	v := reflect.ValueOf(f).Elem()
	rows := make([]FixtureRow, 0, v.NumField())
	for i := range v.NumField() {
		field := v.Type().Field(i)
		rows = append(rows, FixtureRow{Table: field.Tag.Get("table"), Field: field.Name, Row: v.Field(i).Interface()})
	}
	return rows
}

// Row returns the first fixture row of table, or nil if the fixture has none.
func (f *Fixture) Row(table string) any {
	for _, r := range f.Rows() {
		if r.Table == table {
			return r.Row
		}
	}
	return nil
}

func ptr[T any](v T) *T { return &v }

// raw is a JSON literal for the verbatim (json.RawMessage) parts of documents. Keep it
// compact: that is how it is written back.
func raw(s string) json.RawMessage { return json.RawMessage(s) }

// Seed creates the Fixture through q's generated Create* queries, parents first. Run it
// on a fresh migrated database (ids are fixed), inside a transaction to make it one
// commit: h.Tx(ctx, func(q *db.Queries) error { f, err = dbtest.Seed(ctx, q); return err }).
func Seed(ctx context.Context, q *db.Queries) (*Fixture, error) {
	f := &Fixture{}
	var err error
	step := func(table string, create func() error) {
		if err == nil {
			if e := create(); e != nil {
				err = fmt.Errorf("dbtest.Seed: %s: %w", table, e)
			}
		}
	}

	// Core: people and organizations.
	step("users", func() (e error) {
		f.User, e = q.CreateUser(ctx, db.CreateUserParams{
			ID: "user-1", Email: "ada.mason@maple.example",
			FirstName: ptr("Ada"), LastName: ptr("Mason"), DisplayName: ptr("Ada Mason"),
			AvatarURL: ptr("https://cdn.maple.example/avatars/ada.png"),
			Role:      dbtypes.UserRoleAdmin, IsActive: true, LastLoginAt: ptr(At(50)),
			CreatedAt: At(0), UpdatedAt: At(1), GoogleEmail: ptr("ada@maplebuilders.example"),
		})
		return e
	})
	step("organizations", func() (e error) {
		f.Organization, e = q.CreateOrganization(ctx, db.CreateOrganizationParams{
			ID: "org-1", Name: "Maple Builders", Slug: "maple-builders", Type: dbtypes.OrganizationTypeInternal,
			LogoURL: ptr("https://cdn.maple.example/logo.svg"), IsActive: true, CreatedAt: At(0), UpdatedAt: At(2),
		})
		return e
	})
	step("organization_members", func() (e error) {
		f.OrganizationMember, e = q.CreateOrganizationMember(ctx, db.CreateOrganizationMemberParams{
			ID: "org-member-1", OrganizationID: f.Organization.ID, UserID: f.User.ID, Role: "admin", JoinedAt: At(3),
		})
		return e
	})
	step("teams", func() (e error) {
		f.Team, e = q.CreateTeam(ctx, db.CreateTeamParams{
			ID: "team-1", OrganizationID: f.Organization.ID, Name: "Framing crew",
			Description: ptr("Walls, floors and roof structure"), CreatedAt: At(4),
		})
		return e
	})
	step("team_members", func() (e error) {
		f.TeamMember, e = q.CreateTeamMember(ctx, db.CreateTeamMemberParams{
			ID: "team-member-1", TeamID: f.Team.ID, UserID: f.User.ID, JoinedAt: At(5),
		})
		return e
	})
	step("groups", func() (e error) {
		f.Group, e = q.CreateGroup(ctx, db.CreateGroupParams{
			ID: "group-1", OrganizationID: f.Organization.ID, Name: "Estimators",
			Description: ptr("Everyone who prices bids"), Color: ptr("#2f6f4f"), CreatedAt: At(6),
		})
		return e
	})
	step("group_members", func() (e error) {
		f.GroupMember, e = q.CreateGroupMember(ctx, db.CreateGroupMemberParams{
			ID: "group-member-1", GroupID: f.Group.ID, UserID: f.User.ID, JoinedAt: At(7),
		})
		return e
	})

	// Core: a project with its schedule.
	step("projects", func() (e error) {
		f.Project, e = q.CreateProject(ctx, db.CreateProjectParams{
			ID: "project-1", Name: "Maple Street Remodel", CreatedAt: At(8), Status: "ACTIVE",
			Address: ptr("12 Maple Street, Springfield"), ClientName: ptr("Jordan Lee"),
			ProjectManager: ptr("Ada Mason"), NetsuiteJobID: ptr("NS-JOB-1001"), OrganizationID: ptr(f.Organization.ID),
		})
		return e
	})
	step("project_members", func() (e error) {
		f.ProjectMember, e = q.CreateProjectMember(ctx, db.CreateProjectMemberParams{
			ID: "project-member-1", ProjectID: f.Project.ID, UserID: f.User.ID, Role: "manager", AssignedAt: At(9),
		})
		return e
	})
	step("schedule_tasks", func() (e error) {
		f.ScheduleTask, e = q.CreateScheduleTask(ctx, db.CreateScheduleTaskParams{
			ID: "task-1", ProjectID: f.Project.ID, Title: "Demolition",
			StartDate: dbtypes.MustParseDate("2026-03-02"), Workdays: 3, EndDateCalculated: dbtypes.MustParseDate("2026-03-04"),
			Phase: "sitework", Status: dbtypes.TaskStatusInProgress, IsCriticalPath: true, IsMilestone: false,
			SortOrder: 1, CreatedAt: At(10), UpdatedAt: At(11), PercentComplete: 40, AssignedTo: ptr(f.User.ID),
		})
		return e
	})
	step("schedule_tasks", func() (e error) {
		f.SuccessorTask, e = q.CreateScheduleTask(ctx, db.CreateScheduleTaskParams{
			ID: "task-2", ProjectID: f.Project.ID, Title: "Framing inspection",
			StartDate: dbtypes.MustParseDate("2026-03-05"), Workdays: 0, EndDateCalculated: dbtypes.MustParseDate("2026-03-05"),
			Phase: "framing", Status: dbtypes.TaskStatusPending, IsCriticalPath: true, IsMilestone: true,
			SortOrder: 2, CreatedAt: At(10), UpdatedAt: At(10), PercentComplete: 0, AssignedTo: ptr(f.User.ID),
		})
		return e
	})
	step("task_dependencies", func() (e error) {
		f.TaskDependency, e = q.CreateTaskDependency(ctx, db.CreateTaskDependencyParams{
			ID: "dependency-1", PredecessorID: f.ScheduleTask.ID, SuccessorID: f.SuccessorTask.ID,
			Type: dbtypes.DependencyTypeFS, LagDays: 1,
		})
		return e
	})
	step("workday_exceptions", func() (e error) {
		f.WorkdayException, e = q.CreateWorkdayException(ctx, db.CreateWorkdayExceptionParams{
			ID: "exception-1", ProjectID: f.Project.ID, Title: "Site closed for inspection",
			StartDate: dbtypes.MustParseDate("2026-03-09"), EndDate: dbtypes.MustParseDate("2026-03-10"),
			Type: dbtypes.ExceptionTypeNonWorking, Category: dbtypes.ExceptionCategoryWeatherDay,
			Recurrence: dbtypes.ExceptionRecurrenceOneTime, Notes: ptr("County inspector on site"),
			CreatedAt: At(12), UpdatedAt: At(13),
		})
		return e
	})
	step("schedule_baselines", func() (e error) {
		task := f.ScheduleTask
		f.ScheduleBaseline, e = q.CreateScheduleBaseline(ctx, db.CreateScheduleBaselineParams{
			ID: "baseline-1", ProjectID: f.Project.ID, Name: "Contract schedule",
			SnapshotData: dbtypes.BaselineSnapshot{
				Tasks: []dbtypes.BaselineTask{{
					ID: task.ID, ProjectID: task.ProjectID, Title: task.Title, StartDate: task.StartDate.String(),
					Workdays: int(task.Workdays), EndDateCalculated: task.EndDateCalculated.String(), Phase: task.Phase,
					Status: string(task.Status), IsCriticalPath: task.IsCriticalPath, IsMilestone: task.IsMilestone,
					PercentComplete: int(task.PercentComplete), AssignedTo: task.AssignedTo, SortOrder: int(task.SortOrder),
					CreatedAt: task.CreatedAt.String(), UpdatedAt: task.UpdatedAt.String(),
				}},
				Dependencies: []dbtypes.BaselineDependency{{
					ID: "dependency-1", PredecessorID: "task-1", SuccessorID: "task-2", Type: "FS", LagDays: 1,
				}},
			},
			CreatedAt: At(14),
		})
		return e
	})

	// Core: customers, vendors, feedback, the assistant's conversations.
	step("customers", func() (e error) {
		f.Customer, e = q.CreateCustomer(ctx, db.CreateCustomerParams{
			ID: "customer-1", Name: "Jordan Lee", Email: ptr("jordan.lee@example.com"), Phone: ptr("+1 555 0100"),
			CreatedAt: At(15), NetsuiteID: ptr("NS-CUST-1001"), UpdatedAt: ptr(At(16)), Company: ptr("Lee Family Trust"),
			Address: ptr("12 Maple Street, Springfield"), Notes: ptr("Prefers email"),
		})
		return e
	})
	step("vendors", func() (e error) {
		f.Vendor, e = q.CreateVendor(ctx, db.CreateVendorParams{
			ID: "vendor-1", Name: "Timber Supply Co.", Category: "Supplier", Email: ptr("orders@timber.example"),
			Phone: ptr("+1 555 0199"), Address: ptr("400 Mill Road, Springfield"), CreatedAt: At(15),
			NetsuiteID: ptr("NS-VEND-2001"), UpdatedAt: ptr(At(17)),
		})
		return e
	})
	step("feedback", func() (e error) {
		f.Feedback, e = q.CreateFeedback(ctx, db.CreateFeedbackParams{
			ID: "feedback-1", Type: dbtypes.FeedbackTypeBug, Message: "The Gantt chart does not scroll on iPad",
			Name: ptr("Ada Mason"), Email: ptr("ada.mason@maple.example"), PageURL: ptr("https://compass.example/projects/project-1/schedule"),
			UserAgent: ptr("Mozilla/5.0 (iPad; CPU OS 17_0 like Mac OS X)"), ViewportWidth: ptr(int64(1024)),
			ViewportHeight: ptr(int64(768)), IPHash: ptr("9f86d081884c7d659a2feaa0c55ad015"),
			GithubIssueURL: ptr("https://github.example/compass/issues/42"), CreatedAt: At(18),
		})
		return e
	})
	step("agent_conversations", func() (e error) {
		f.AgentConversation, e = q.CreateAgentConversation(ctx, db.CreateAgentConversationParams{
			ID: "conversation-1", UserID: f.User.ID, Title: ptr("Framing schedule questions"),
			LastMessageAt: At(21), CreatedAt: At(19),
		})
		return e
	})
	step("agent_memories", func() (e error) {
		f.AgentMemory, e = q.CreateAgentMemory(ctx, db.CreateAgentMemoryParams{
			ID: "memory-1", ConversationID: f.AgentConversation.ID, UserID: f.User.ID, Role: dbtypes.MessageRoleAssistant,
			Content:   "Framing starts on March 5 once demolition is done.",
			Embedding: ptr(dbtypes.Embedding{0.25, -0.5, 1}),
			Metadata: ptr(dbtypes.MessageParts{
				{"type": raw(`"text"`), "text": raw(`"Framing starts on March 5 once demolition is done."`)},
				{"type": raw(`"tool-queryData"`), "state": raw(`"output-available"`), "output": raw(`{"tasks":2}`)},
			}),
			CreatedAt: At(20),
		})
		return e
	})
	step("feedback_interviews", func() (e error) {
		f.FeedbackInterview, e = q.CreateFeedbackInterview(ctx, db.CreateFeedbackInterviewParams{
			ID: "interview-1", UserID: f.User.ID, UserName: "Ada Mason", UserRole: "admin",
			Responses: dbtypes.InterviewResponses{
				{Question: "What slows you down?", Answer: "Re-entering invoices from NetSuite"},
				{Question: "What do you use most?", Answer: "The schedule"},
			},
			Summary: "Wants fewer manual steps in billing", PainPoints: ptr(dbtypes.StringList{"manual invoice entry"}),
			FeatureRequests:  ptr(dbtypes.StringList{"bulk invoice import", "offline schedule"}),
			OverallSentiment: dbtypes.SentimentMixed, GithubIssueURL: ptr("https://github.example/compass/issues/43"),
			ConversationID: ptr(f.AgentConversation.ID), CreatedAt: At(22),
		})
		return e
	})
	step("slab_memories", func() (e error) {
		f.SlabMemory, e = q.CreateSlabMemory(ctx, db.CreateSlabMemoryParams{
			ID: "slab-1", UserID: f.User.ID, Content: "Ada prefers schedules grouped by phase",
			MemoryType: dbtypes.MemoryTypePreference, Tags: ptr("schedule,ui"), Importance: 0.75, Pinned: true,
			AccessCount: 3, LastAccessedAt: ptr(At(24)), CreatedAt: At(23),
		})
		return e
	})
	step("push_tokens", func() (e error) {
		f.PushToken, e = q.CreatePushToken(ctx, db.CreatePushTokenParams{
			ID: "push-token-1", UserID: f.User.ID, Token: "ExponentPushToken[abc123]", Platform: dbtypes.PlatformIOS,
			CreatedAt: At(25), UpdatedAt: At(26),
		})
		return e
	})

	// NetSuite.
	step("netsuite_auth", func() (e error) {
		f.NetsuiteAuth, e = q.CreateNetsuiteAuth(ctx, db.CreateNetsuiteAuthParams{
			ID: "netsuite-auth-1", AccountID: "TSTDRV1234567", AccessTokenEncrypted: "v1.iv-access.ciphertext-access",
			RefreshTokenEncrypted: "v1.iv-refresh.ciphertext-refresh", ExpiresIn: 3600, TokenType: "Bearer",
			IssuedAt: FixtureTime.UnixMilli(), CreatedAt: At(27), UpdatedAt: At(28),
		})
		return e
	})
	step("netsuite_sync_metadata", func() (e error) {
		f.NetsuiteSyncMetadata, e = q.CreateNetsuiteSyncMetadata(ctx, db.CreateNetsuiteSyncMetadataParams{
			ID: "sync-metadata-1", LocalTable: dbtypes.LocalTableCustomers, LocalRecordID: "customer-1",
			NetsuiteRecordType: dbtypes.RecordTypeCustomer, NetsuiteInternalID: ptr("1001"), LastSyncedAt: ptr(At(29)),
			LastModifiedLocal: ptr(At(16).String()), LastModifiedRemote: ptr("2026-02-04T11:58:00.000Z"),
			SyncStatus: dbtypes.SyncStatusConflict,
			ConflictData: ptr(dbtypes.ConflictData{
				Remote: raw(`{"name":"Jordan Lee","phone":"+1 555 0101"}`), Reason: "phone changed on both sides",
			}),
			ErrorMessage: ptr("needs review"), RetryCount: 1, CreatedAt: At(27), UpdatedAt: At(29),
		})
		return e
	})
	step("netsuite_sync_log", func() (e error) {
		f.NetsuiteSyncLog, e = q.CreateNetsuiteSyncLog(ctx, db.CreateNetsuiteSyncLogParams{
			ID: "sync-log-1", SyncType: "delta", RecordType: dbtypes.RecordTypeCustomer, Direction: dbtypes.SyncDirectionPull,
			Status: dbtypes.SyncRunStatusCompleted, RecordsProcessed: 12, RecordsFailed: 1,
			ErrorSummary: ptr("1 record in conflict"), StartedAt: At(28), CompletedAt: ptr(At(29)), CreatedAt: At(28),
		})
		return e
	})
	step("invoices", func() (e error) {
		f.Invoice, e = q.CreateInvoice(ctx, db.CreateInvoiceParams{
			ID: "invoice-1", NetsuiteID: ptr("NS-INV-3001"), CustomerID: f.Customer.ID, ProjectID: ptr(f.Project.ID),
			InvoiceNumber: ptr("INV-1001"), Status: "sent", IssueDate: dbtypes.MustParseDate("2026-03-12"),
			DueDate:  dbtypes.NewNullDate(dbtypes.MustParseDate("2026-04-11")),
			Subtotal: dbtypes.Cents(470000), Tax: dbtypes.Cents(37600), Total: dbtypes.Cents(507600),
			AmountPaid: dbtypes.Cents(100000), AmountDue: dbtypes.Cents(407600), Memo: ptr("Progress billing 1"),
			LineItems: ptr(dbtypes.LineItems{
				{Description: "Demolition", Quantity: 1, Rate: 4200, Amount: 4200},
				{Description: "Framing lumber", Quantity: 40, Rate: 12.5, Amount: 500},
			}),
			CreatedAt: At(30), UpdatedAt: At(31),
		})
		return e
	})
	step("vendor_bills", func() (e error) {
		f.VendorBill, e = q.CreateVendorBill(ctx, db.CreateVendorBillParams{
			ID: "bill-1", NetsuiteID: ptr("NS-BILL-4001"), VendorID: f.Vendor.ID, ProjectID: ptr(f.Project.ID),
			BillNumber: ptr("TS-88"), Status: "pending", BillDate: dbtypes.MustParseDate("2026-03-06"),
			DueDate:  dbtypes.NewNullDate(dbtypes.MustParseDate("2026-04-05")),
			Subtotal: dbtypes.Cents(123456), Tax: dbtypes.Cents(9877), Total: dbtypes.Cents(133333),
			AmountPaid: dbtypes.Cents(0), AmountDue: dbtypes.Cents(133333), Memo: ptr("Studs and sheathing"),
			LineItems: ptr(dbtypes.LineItems{{Description: "2x4 studs", Quantity: 300, Rate: 4.1152, Amount: 1234.56}}),
			CreatedAt: At(32), UpdatedAt: At(33),
		})
		return e
	})
	step("payments", func() (e error) {
		f.Payment, e = q.CreatePayment(ctx, db.CreatePaymentParams{
			ID: "payment-1", NetsuiteID: ptr("NS-PAY-5001"), CustomerID: ptr(f.Customer.ID), VendorID: nil,
			ProjectID: ptr(f.Project.ID), PaymentType: dbtypes.PaymentTypeReceived, Amount: dbtypes.Cents(100000),
			PaymentDate: dbtypes.MustParseDate("2026-03-20"), PaymentMethod: ptr(dbtypes.PaymentMethodACH),
			ReferenceNumber: ptr("ACH-778899"), Memo: ptr("Deposit"), CreatedAt: At(34), UpdatedAt: At(35),
		})
		return e
	})
	step("credit_memos", func() (e error) {
		f.CreditMemo, e = q.CreateCreditMemo(ctx, db.CreateCreditMemoParams{
			ID: "credit-memo-1", NetsuiteID: ptr("NS-CM-6001"), CustomerID: f.Customer.ID, ProjectID: ptr(f.Project.ID),
			MemoNumber: ptr("CM-12"), Status: dbtypes.CreditMemoStatusApplied, IssueDate: dbtypes.MustParseDate("2026-03-25"),
			Total: dbtypes.Cents(25000), AmountApplied: dbtypes.Cents(15000), AmountRemaining: dbtypes.Cents(10000),
			Memo:      ptr("Unused dumpster days"),
			LineItems: ptr(dbtypes.LineItems{{Description: "Dumpster rental credit", Quantity: 2, Rate: 125, Amount: 250}}),
			CreatedAt: At(36), UpdatedAt: At(37),
		})
		return e
	})

	// Plugins.
	step("plugins", func() (e error) {
		f.Plugin, e = q.CreatePlugin(ctx, db.CreatePluginParams{
			ID: "plugin-1", Name: "Weather", Description: ptr("Forecasts for job sites"), Version: "1.2.0",
			Source: "@compass/plugin-weather", SourceType: dbtypes.PluginSourceTypeNpm,
			Capabilities:    dbtypes.Capabilities{dbtypes.CapabilityTools, dbtypes.CapabilityPrompt},
			RequiredEnvVars: ptr(dbtypes.StringList{"WEATHER_API_KEY"}), Status: dbtypes.PluginStatusEnabled,
			StatusReason: ptr("enabled by an admin"), EnabledBy: ptr(f.User.ID), EnabledAt: ptr(At(39)),
			InstalledAt: At(38), UpdatedAt: At(39),
		})
		return e
	})
	step("plugin_config", func() (e error) {
		f.PluginConfig, e = q.CreatePluginConfig(ctx, db.CreatePluginConfigParams{
			ID: "plugin-config-1", PluginID: f.Plugin.ID, Key: "WEATHER_API_KEY", Value: "v1.iv-key.ciphertext-key",
			IsEncrypted: true, UpdatedAt: At(40),
		})
		return e
	})
	step("plugin_events", func() (e error) {
		f.PluginEvent, e = q.CreatePluginEvent(ctx, db.CreatePluginEventParams{
			ID: "plugin-event-1", PluginID: f.Plugin.ID, EventType: dbtypes.PluginEventTypeEnabled,
			Details: ptr(`{"version":"1.2.0"}`), UserID: ptr(f.User.ID), CreatedAt: At(39),
		})
		return e
	})

	// The assistant's items, model configuration and usage.
	step("agent_items", func() (e error) {
		f.AgentItem, e = q.CreateAgentItem(ctx, db.CreateAgentItemParams{
			ID: "agent-item-1", UserID: f.User.ID, ConversationID: ptr(f.AgentConversation.ID),
			Type: dbtypes.AgentItemTypeTodo, Title: "Call the framing inspector", Content: ptr("Before March 5"),
			Done: false, SortOrder: 1, ParentID: ptr("agent-item-checklist"),
			Metadata:  ptr(dbtypes.JSONObject{"priority": raw(`"high"`), "tags": raw(`["permits"]`)}),
			CreatedAt: At(41), UpdatedAt: At(42),
		})
		return e
	})
	step("agent_config", func() (e error) {
		f.AgentConfig, e = q.CreateAgentConfig(ctx, db.CreateAgentConfigParams{
			ID: "global", ModelID: "anthropic/claude-sonnet-4", ModelName: "Claude Sonnet 4", Provider: "anthropic",
			PromptCost: "0.000003", CompletionCost: "0.000015", ContextLength: 200000, UpdatedBy: f.User.ID,
			UpdatedAt: At(43), MaxCostPerMillion: ptr("20.00"), AllowUserSelection: true,
		})
		return e
	})
	step("user_model_preference", func() (e error) {
		f.UserModelPreference, e = q.CreateUserModelPreference(ctx, db.CreateUserModelPreferenceParams{
			UserID: f.User.ID, ModelID: "openai/gpt-4.1-mini", PromptCost: "0.0000004", CompletionCost: "0.0000016",
			UpdatedAt: At(44),
		})
		return e
	})
	step("agent_usage", func() (e error) {
		f.AgentUsage, e = q.CreateAgentUsage(ctx, db.CreateAgentUsageParams{
			ID: "usage-1", ConversationID: f.AgentConversation.ID, UserID: f.User.ID, ModelID: "anthropic/claude-sonnet-4",
			PromptTokens: 1200, CompletionTokens: 300, TotalTokens: 1500, EstimatedCost: "0.00810000", CreatedAt: At(21),
		})
		return e
	})

	// Themes, Google Drive, dashboards.
	step("custom_themes", func() (e error) {
		f.CustomTheme, e = q.CreateCustomTheme(ctx, db.CreateCustomThemeParams{
			ID: "theme-1", UserID: f.User.ID, Name: "Sawdust", Description: "Warm neutrals",
			ThemeData: dbtypes.ThemeData{
				ID: "theme-1", Name: "Sawdust", Description: "Warm neutrals",
				Light:       map[string]string{"background": "oklch(0.98 0.01 80)", "primary": "oklch(0.55 0.12 60)"},
				Dark:        map[string]string{"background": "oklch(0.2 0.01 80)", "primary": "oklch(0.7 0.12 60)"},
				Fonts:       dbtypes.ThemeFonts{Sans: "Inter, sans-serif", Serif: "Georgia, serif", Mono: "JetBrains Mono, monospace"},
				FontSources: dbtypes.ThemeFontSources{GoogleFonts: []string{"Inter", "JetBrains Mono"}},
				Tokens: dbtypes.ThemeTokens{
					Radius: "0.5rem", Spacing: "0.25rem", TrackingNormal: "0em", ShadowColor: "oklch(0 0 0)",
					ShadowOpacity: "0.1", ShadowBlur: "3px", ShadowSpread: "0px", ShadowOffsetX: "0px", ShadowOffsetY: "1px",
				},
				Shadows: dbtypes.ThemeShadows{
					Light: map[string]string{"sm": "0 1px 2px oklch(0 0 0 / 0.1)"},
					Dark:  map[string]string{"sm": "0 1px 2px oklch(0 0 0 / 0.3)"},
				},
				IsPreset:      false,
				PreviewColors: dbtypes.ThemePreviewColors{Primary: "oklch(0.55 0.12 60)", Background: "oklch(0.98 0.01 80)", Foreground: "oklch(0.2 0.01 80)"},
			},
			CreatedAt: At(45), UpdatedAt: At(46),
		})
		return e
	})
	step("user_theme_preference", func() (e error) {
		f.UserThemePreference, e = q.CreateUserThemePreference(ctx, db.CreateUserThemePreferenceParams{
			UserID: f.User.ID, ActiveThemeID: f.CustomTheme.ID, UpdatedAt: At(47),
		})
		return e
	})
	step("google_auth", func() (e error) {
		f.GoogleAuth, e = q.CreateGoogleAuth(ctx, db.CreateGoogleAuthParams{
			ID: "google-auth-1", OrganizationID: f.Organization.ID, ServiceAccountKeyEncrypted: "v1.iv-sa.ciphertext-sa",
			WorkspaceDomain: "maplebuilders.example", SharedDriveID: ptr("0AGdrive123"), SharedDriveName: ptr("Projects"),
			ConnectedBy: f.User.ID, CreatedAt: At(48), UpdatedAt: At(49),
		})
		return e
	})
	step("google_starred_files", func() (e error) {
		f.GoogleStarredFile, e = q.CreateGoogleStarredFile(ctx, db.CreateGoogleStarredFileParams{
			ID: "starred-1", UserID: f.User.ID, GoogleFileID: "1AbCdEfGhIjK", CreatedAt: At(49),
		})
		return e
	})
	step("custom_dashboards", func() (e error) {
		f.CustomDashboard, e = q.CreateCustomDashboard(ctx, db.CreateCustomDashboardParams{
			ID: "dashboard-1", UserID: f.User.ID, Name: "Receivables", Description: "Open invoices by customer",
			SpecData: dbtypes.DashboardSpec{
				Root: "root",
				Elements: map[string]dbtypes.DashboardElement{
					"root":  {Type: "Stack", Props: raw(`{"gap":"md"}`), Children: []string{"total"}},
					"total": {Type: "Metric", Props: raw(`{"label":"Open","value":{"path":"/invoices/total"}}`)},
				},
			},
			Queries: dbtypes.DashboardQueries{
				{Key: "invoices", QueryType: "invoices", Search: ptr("Lee"), Limit: ptr(50)},
				{Key: "customer", QueryType: "customer_detail", ID: ptr("customer-1")},
			},
			RenderPrompt: "Show open receivables", CreatedAt: At(50), UpdatedAt: At(51),
		})
		return e
	})
	if err != nil {
		return nil, err
	}
	return f, nil
}
