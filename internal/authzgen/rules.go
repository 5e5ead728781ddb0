package main

// The permission rules: which check each db.Querier method gets. This file is the
// table to edit when a new query is not covered; `go run ./internal/authzgen` says which
// method, and which line would cover it.
//
// A method is matched against rules top to bottom; the first rule that matches decides.
// A rule matches when
//   - File is the method's aggregate (the query file queries/<File>.sql, db/<File>.sql.go),
//   - Method, a regular expression, matches the method's name ("" = every method),
//   - On, when set, holds the action of the method's verb (see verbs), and
//   - User, when set, is whether the method has a user id argument: withUser / noUser.
//
// Then is one of
//   - byVerb("customer"): permission on the resource, the action from the verb;
//   - perm("organization", U): permission on the resource with that action;
//   - owner: ownership. The method's user id argument — a parameter field UserID, or a
//     lone userID argument — must equal the actor's id. A method matched by an owner rule
//     that has no such argument stops the generator: scope the query by user_id;
//   - anyActive: any active user with a known role.
//
// Resources are the rows of §6 of the access-pattern spec; authz.Matrix holds the table.

// The action of a method's verb, the first word of its name. A verb that is not here
// stops the generator when a rule needs it, so add a verb only with one meaning.
var verbs = map[string]byte{
	// read
	"Get": R, "List": R, "Count": R, "Search": R, "Sum": R, "Has": R, "Last": R,
	"Find": R, "Exists": R, "Next": R, "Check": R,
	// create
	"Create": C, "Insert": C, "Invite": C, "Add": C, "Star": C,
	// update (an upsert may insert, but §6 treats saving a thing as updating it)
	"Update": U, "Set": U, "Upsert": U, "Toggle": U, "Touch": U, "Apply": U, "Reorder": U,
	"Mark": U, "Resolve": U, "Complete": U, "Start": U, "Increment": U, "Assign": U,
	"Activate": U, "Deactivate": U, "Rename": U, "Move": U, "Fail": U, "Rekey": U,
	// delete
	"Delete": D, "Prune": D, "Remove": D, "Unstar": D,
	// approve
	"Approve": A,
}

const (
	reads  = "R"
	writes = "CUDA"
)

var rules = []rule{
	// Personal tables (§6 "Per-user scoping"): ownership only, whatever the role. This
	// also closes the §6 ⚠: loading, saving and deleting a conversation checked no owner.
	{File: "agent_items", Then: owner, Why: "agent_items: owner-scoped (§1.4, agentItem.*)"},
	{File: "conversations", Then: owner, Why: "agent_conversations and their messages: the owner only"},
	{File: "slab_memories", Then: owner, Why: "slab_memories: the owner only"},
	{File: "themes", Then: owner, Why: "custom_themes, user_theme_preference: the owner only"},
	{File: "dashboards", Then: owner, Why: "custom_dashboards: the owner only"},
	{File: "push_tokens", Then: owner, Why: "push_tokens: the owner only"},

	{File: "users", Then: byVerb("user"), Why: "§6 user:read/update/delete/create (google email = user:update)"},

	{File: "organizations", Method: "Member", On: writes, Then: perm("organization", U),
		Why: "adding or removing an organization member changes the organization"},
	{File: "organizations", Then: byVerb("organization"), Why: "§6 organization:*"},

	{File: "teams_groups", Method: "GroupMember", On: writes, Then: perm("group", U), Why: "§6 group assignment = group:update"},
	{File: "teams_groups", Method: "TeamMember", On: writes, Then: perm("team", U), Why: "§6 team assignment = team:update"},
	{File: "teams_groups", Method: "Group", Then: byVerb("group"), Why: "§6 group:*"},
	{File: "teams_groups", Method: "Team", Then: byVerb("team"), Why: "§6 team:*"},

	{File: "projects", Method: "Member", On: writes, Then: perm("project", U), Why: "§6 assignUserToProject = project:update"},
	{File: "projects", Then: byVerb("project"), Why: "§6 project:*"},

	{File: "schedule", Then: byVerb("schedule"), Why: "§6 schedule:* (tasks, dependencies)"},
	{File: "exceptions_baselines", Then: byVerb("schedule"), Why: "workday exceptions and baselines are part of the schedule"},

	{File: "customers", Then: byVerb("customer"), Why: "§6 customer:*"},
	{File: "vendors", Then: byVerb("vendor"), Why: "§6 vendor:*"},
	{File: "financials", Then: byVerb("finance"), Why: "§6 finance:* (invoices, vendor bills, credit memos, payments)"},

	{File: "netsuite", Method: "NetsuiteAuth|Token", On: writes, Then: perm("organization", U),
		Why: "§6 NetSuite OAuth start/callback/disconnect = organization:update"},
	{File: "netsuite", Then: byVerb("finance"),
		Why: "§6 finance:read status/history/conflicts, finance:update resolve; sync bookkeeping is finance"},

	{File: "google", Method: "[Ss]tar", Then: owner, Why: "google_starred_files: stars are per user"},
	{File: "google", On: reads, Then: perm("document", R), Why: "§6 document:* for file ops, which read the Drive connection"},
	{File: "google", On: "D", Then: perm("organization", D), Why: "§6 disconnect Drive = organization:delete"},
	{File: "google", On: "CU", Then: perm("organization", U), Why: "§6 connect Drive, select shared drive = organization:update"},

	{File: "ai_config", Method: "UserModelPreference", Then: owner, Why: "user_model_preference: the owner only"},
	{File: "ai_config", Method: "Usage", User: withUser, Then: owner, Why: "a user's own agent_usage"},
	{File: "ai_config", Method: "Usage", Then: perm("agent", U),
		Why: "§6 usage metrics and all conversations' usage = can(agent, update)"},
	{File: "ai_config", On: reads, Then: perm("agent", R), Why: "reading the AI model config: agent:read"},
	{File: "ai_config", Then: perm("agent", U), Why: "§6 set model, model policy = can(agent, update)"},

	{File: "plugins", On: reads, Then: perm("agent", R), Why: "listing skills and plugins: agent:read (no client)"},
	{File: "plugins", Then: perm("agent", U),
		Why: "install, toggle, uninstall: admin only, as the app's agent tools require (§4.9)"},

	{File: "feedback", Then: anyActive, Why: "feedback: any active user"},
}
