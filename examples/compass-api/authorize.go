package main

import (
	"fmt"
	"slices"

	"github.com/compass-eng/compassdb/authz"
	"github.com/compass-eng/compassdb/db"
)

// Permission checks for the library's transactional methods.
//
// Single queries go through the session's authz.Querier, which checks the actor before
// every call. The transactional methods on *compassdb.DB (ProjectSchedule,
// CreateDependency, CreateBaseline, …) run their generated queries on their own
// *db.Queries inside their own transaction, out of the wrapper's reach. Rather than
// re-implementing them with wrapped queries, the service checks explicitly, before the
// call, exactly what the wrapper would have checked on each query the method runs: the
// authz.Requirements of those queries, answered by authz.Can. txQueries records which
// queries each method runs (read from the method's source in the library); a test keeps
// every name in it a real db.Querier method.
var txQueries = map[string][]string{
	"ProjectSchedule":        {"ListScheduleTasksByProject", "ListProjectTaskDependencies", "ListWorkdayExceptionsByProject"},
	"ProjectOverviewStats":   {"ListProjectPhaseStats", "ListProjectOverviewTasks"},
	"CreateDependency":       {"CheckNewTaskDependency", "CreateTaskDependency"},
	"UpdateWorkdayException": {"GetProjectWorkdayException", "UpdateProjectWorkdayException"},
	"CreateBaseline":         {"ListScheduleTasksByProject", "ListProjectTaskDependencies", "CreateScheduleBaseline"},
	"CreateDashboard":        {"CountCustomDashboardsByUser", "CreateFreshCustomDashboard"},
	"DeleteCustomTheme":      {"DeleteCustomTheme", "ResetUserThemePreference"},
}

// authorizeTx refuses, with an *authz.ForbiddenError, an actor who may not run the
// transactional method. For the personal-table methods (ownership requirements) the
// handlers always pass the actor's own id as the user id, so only the actor's standing
// is left to check. An unknown method or query fails closed (500).
func authorizeTx(actor db.User, method string) error {
	queries, ok := txQueries[method]
	if !ok {
		return fmt.Errorf("authorizeTx: no requirements recorded for %s", method)
	}
	for _, name := range queries {
		req, ok := authz.Requirements[name]
		if !ok {
			return fmt.Errorf("authorizeTx: %s runs %s, which authz does not know", method, name)
		}
		switch req.Kind {
		case authz.Permission:
			if !authz.Can(actor, req.Resource, req.Action) {
				why := standing(actor)
				if why == "" {
					why = fmt.Sprintf("role %s may not %s %s", actor.Role, req.Action, req.Resource)
				}
				return &authz.ForbiddenError{UserID: actor.ID, Role: actor.Role, Method: method,
					Resource: req.Resource, Action: req.Action, Reason: why}
			}
		case authz.Ownership, authz.ActiveUser:
			if why := standing(actor); why != "" {
				return &authz.ForbiddenError{UserID: actor.ID, Role: actor.Role, Method: method, Reason: why}
			}
		default:
			return fmt.Errorf("authorizeTx: %s: unknown requirement kind %v", name, req.Kind)
		}
	}
	return nil
}

// standing is why the actor can do nothing at all ("" if they are an active user with
// an id and a role the matrix knows): authz's own rule, which Can applies first.
func standing(u db.User) string {
	switch {
	case !u.IsActive:
		return "the user is inactive"
	case u.ID == "":
		return "the user has no id"
	case !slices.Contains(authz.Roles, u.Role):
		return fmt.Sprintf("unknown role %q", u.Role)
	}
	return ""
}
