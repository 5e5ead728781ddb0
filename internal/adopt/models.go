package adopt

import (
	"reflect"

	"github.com/compass-eng/compassdb/db"
)

// models maps each table to the sqlc model whose fields are its columns in order: the
// typed-read check scans every row into these Go types, as the queries will.
var models = map[string]reflect.Type{
	"agent_config":           reflect.TypeFor[db.AgentConfig](),
	"agent_conversations":    reflect.TypeFor[db.AgentConversation](),
	"agent_items":            reflect.TypeFor[db.AgentItem](),
	"agent_memories":         reflect.TypeFor[db.AgentMemory](),
	"agent_usage":            reflect.TypeFor[db.AgentUsage](),
	"credit_memos":           reflect.TypeFor[db.CreditMemo](),
	"custom_dashboards":      reflect.TypeFor[db.CustomDashboard](),
	"custom_themes":          reflect.TypeFor[db.CustomTheme](),
	"customers":              reflect.TypeFor[db.Customer](),
	"feedback":               reflect.TypeFor[db.Feedback](),
	"feedback_interviews":    reflect.TypeFor[db.FeedbackInterview](),
	"google_auth":            reflect.TypeFor[db.GoogleAuth](),
	"google_starred_files":   reflect.TypeFor[db.GoogleStarredFile](),
	"groups":                 reflect.TypeFor[db.Group](),
	"group_members":          reflect.TypeFor[db.GroupMember](),
	"invoices":               reflect.TypeFor[db.Invoice](),
	"netsuite_auth":          reflect.TypeFor[db.NetsuiteAuth](),
	"netsuite_sync_log":      reflect.TypeFor[db.NetsuiteSyncLog](),
	"netsuite_sync_metadata": reflect.TypeFor[db.NetsuiteSyncMetadata](),
	"organizations":          reflect.TypeFor[db.Organization](),
	"organization_members":   reflect.TypeFor[db.OrganizationMember](),
	"payments":               reflect.TypeFor[db.Payment](),
	"plugins":                reflect.TypeFor[db.Plugin](),
	"plugin_config":          reflect.TypeFor[db.PluginConfig](),
	"plugin_events":          reflect.TypeFor[db.PluginEvent](),
	"projects":               reflect.TypeFor[db.Project](),
	"project_members":        reflect.TypeFor[db.ProjectMember](),
	"push_tokens":            reflect.TypeFor[db.PushToken](),
	"schedule_baselines":     reflect.TypeFor[db.ScheduleBaseline](),
	"schedule_tasks":         reflect.TypeFor[db.ScheduleTask](),
	"slab_memories":          reflect.TypeFor[db.SlabMemory](),
	"task_dependencies":      reflect.TypeFor[db.TaskDependency](),
	"teams":                  reflect.TypeFor[db.Team](),
	"team_members":           reflect.TypeFor[db.TeamMember](),
	"users":                  reflect.TypeFor[db.User](),
	"user_model_preference":  reflect.TypeFor[db.UserModelPreference](),
	"user_theme_preference":  reflect.TypeFor[db.UserThemePreference](),
	"vendors":                reflect.TypeFor[db.Vendor](),
	"vendor_bills":           reflect.TypeFor[db.VendorBill](),
	"workday_exceptions":     reflect.TypeFor[db.WorkdayException](),
}
