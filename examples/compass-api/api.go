package main

import (
	"context"
	"errors"
	"log/slog"
	"net/http"
	"runtime/debug"
	"strings"
	"time"

	"github.com/compass-eng/compassdb"
	"github.com/compass-eng/compassdb/authz"
	"github.com/compass-eng/compassdb/db"
)

// userHeader carries the acting user's id. It stands in for real authentication: a
// production service would take the user from a verified session or token (WorkOS in
// Compass) and never trust a header that any client can set.
const userHeader = "X-User-ID"

// api is the HTTP service over one open database.
type api struct {
	h   *compassdb.DB
	log *slog.Logger
	now func() time.Time // the clock; tests fix it
}

func newAPI(h *compassdb.DB, log *slog.Logger) *api {
	return &api{h: h, log: log, now: time.Now}
}

// handler returns the service's http.Handler: the routes behind panic recovery and
// request logging.
func (a *api) handler() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /healthz", a.healthz)

	route := func(pattern string, fn handlerFunc) { mux.Handle(pattern, a.authed(fn)) }

	// People and organizations.
	route("GET /me", a.getMe)
	route("GET /users", a.listUsers)
	route("GET /users/{id}", a.getUser)
	route("GET /organizations", a.listOrganizations)

	// Projects and their schedules.
	route("GET /projects", a.listProjects)
	route("GET /projects/{id}", a.getProject)
	route("GET /projects/{id}/schedule", a.getSchedule)
	route("GET /projects/{id}/overview", a.getOverview)
	route("POST /projects/{id}/tasks", a.createTask)
	route("PATCH /projects/{id}/tasks/{taskID}", a.updateTask)
	route("DELETE /projects/{id}/tasks/{taskID}", a.deleteTask)
	route("POST /projects/{id}/dependencies", a.createDependency)
	route("DELETE /projects/{id}/dependencies/{depID}", a.deleteDependency)
	route("POST /projects/{id}/exceptions", a.createException)
	route("PATCH /projects/{id}/exceptions/{exceptionID}", a.updateException)
	route("DELETE /projects/{id}/exceptions/{exceptionID}", a.deleteException)
	route("GET /projects/{id}/baselines", a.listBaselines)
	route("POST /projects/{id}/baselines", a.createBaseline)

	// Customers, vendors and financial documents.
	route("GET /customers", a.listCustomers)
	route("POST /customers", a.createCustomer)
	route("GET /customers/{id}", a.getCustomer)
	route("DELETE /customers/{id}", a.deleteCustomer)
	route("GET /vendors", a.listVendors)
	route("POST /vendors", a.createVendor)
	route("GET /vendors/{id}", a.getVendor)
	route("DELETE /vendors/{id}", a.deleteVendor)
	route("POST /invoices", a.createInvoice)
	route("POST /bills", a.createBill)
	route("POST /payments", a.createPayment)
	route("POST /credit-memos", a.createCreditMemo)
	route("GET /projects/{id}/invoices", a.listProjectInvoices)
	route("GET /projects/{id}/bills", a.listProjectBills)
	route("GET /projects/{id}/payments", a.listProjectPayments)
	route("GET /projects/{id}/credit-memos", a.listProjectCreditMemos)
	route("GET /projects/{id}/finance", a.getProjectFinance)

	// The assistant's usage (admins), and the acting user's own dashboards and themes.
	route("GET /ai/usage", a.getUsage)
	route("GET /me/dashboards", a.listDashboards)
	route("POST /me/dashboards", a.createDashboard)
	route("DELETE /me/dashboards/{id}", a.deleteDashboard)
	route("GET /me/themes", a.listThemes)
	route("POST /me/themes", a.createTheme)
	route("DELETE /me/themes/{id}", a.deleteTheme)

	return a.logRequests(a.recoverPanics(mux))
}

// session is what a handler works with: the acting user and the per-request queries,
// all permission-checked for that user.
type session struct {
	h     *compassdb.DB
	actor db.User
	// read runs single queries on the read pool, write single-statement writes on the
	// write connection; both check the actor's permission before every call.
	read, write *authz.Querier
}

// tx runs fn in one write transaction (compassdb's Tx: commit on nil, rollback on error,
// retried when busy), with the transaction's queries wrapped for the actor.
func (s *session) tx(ctx context.Context, fn func(q *authz.Querier) error) error {
	return s.h.Tx(ctx, func(tx *db.Queries) error { return fn(authz.New(tx, s.actor)) })
}

// readTx runs fn on one read snapshot, with the queries wrapped for the actor.
func (s *session) readTx(ctx context.Context, fn func(q *authz.Querier) error) error {
	return s.h.ReadTx(ctx, func(tx *db.Queries) error { return fn(authz.New(tx, s.actor)) })
}

// handlerFunc is an authenticated handler: it writes its success response itself and
// returns an error for anything else, which the wrapper maps to a JSON error response.
type handlerFunc func(w http.ResponseWriter, r *http.Request, s *session) error

// authed loads the acting user named by the X-User-ID header (401 when it is missing or
// names no user) and runs fn with a session for that user. Loading the user is the
// sign-in step, which no user performs yet, so it uses the library's *db.Queries
// directly; everything after it goes through authz. An inactive user gets through here
// and is refused (403) by the first permission check.
func (a *api) authed(fn handlerFunc) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		id := strings.TrimSpace(r.Header.Get(userHeader))
		if id == "" {
			a.writeError(w, r, newError(http.StatusUnauthorized, codeUnauthenticated, "missing %s header", userHeader))
			return
		}
		actor, err := a.h.Reader().GetUser(r.Context(), id)
		if errors.Is(err, compassdb.ErrNotFound) {
			a.writeError(w, r, newError(http.StatusUnauthorized, codeUnauthenticated, "unknown user"))
			return
		}
		if err != nil {
			a.writeError(w, r, err)
			return
		}
		if info := infoFrom(r.Context()); info != nil {
			info.user = actor.ID
		}
		s := &session{
			h:     a.h,
			actor: actor,
			read:  authz.New(a.h.Reader(), actor),
			write: authz.New(a.h.Writer(), actor),
		}
		if err := fn(w, r, s); err != nil {
			a.writeError(w, r, err)
		}
	})
}

// writeError writes err as {"error": …, "code": …} with its mapped status. A 503 says
// when to retry; a 500 keeps its cause out of the body and hands it to the request log.
func (a *api) writeError(w http.ResponseWriter, r *http.Request, err error) {
	e := toAPIError(err)
	if e.status >= 500 {
		if info := infoFrom(r.Context()); info != nil {
			info.err = err
		}
	}
	if e.status == http.StatusServiceUnavailable {
		w.Header().Set("Retry-After", "1")
	}
	writeJSON(w, e.status, errorBody{Error: e.message, Code: e.code})
}

// errorBody is the JSON body of every error response.
type errorBody struct {
	Error string `json:"error"`
	Code  string `json:"code"`
}

// healthz pings both of the database's pools.
func (a *api) healthz(w http.ResponseWriter, r *http.Request) {
	ctx, cancel := context.WithTimeout(r.Context(), 2*time.Second)
	defer cancel()
	if err := a.h.Ping(ctx); err != nil {
		if info := infoFrom(r.Context()); info != nil {
			info.err = err
		}
		w.Header().Set("Retry-After", "1")
		writeJSON(w, http.StatusServiceUnavailable, map[string]string{"status": "unavailable", "code": codeBusy})
		return
	}
	writeJSON(w, http.StatusOK, map[string]string{"status": "ok"})
}

// requestInfo collects what the request log line reports beyond the request itself.
type requestInfo struct {
	user string
	err  error
}

type infoKey struct{}

func infoFrom(ctx context.Context) *requestInfo {
	info, _ := ctx.Value(infoKey{}).(*requestInfo)
	return info
}

// statusWriter remembers the status a handler wrote.
type statusWriter struct {
	http.ResponseWriter
	status int
}

func (w *statusWriter) WriteHeader(status int) {
	if w.status == 0 {
		w.status = status
	}
	w.ResponseWriter.WriteHeader(status)
}

func (w *statusWriter) Write(b []byte) (int, error) {
	if w.status == 0 {
		w.status = http.StatusOK
	}
	return w.ResponseWriter.Write(b)
}

func (w *statusWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }

// logRequests logs one line per request: method, path, status, duration, and the acting
// user and the route pattern when known. Server errors are logged at level ERROR with
// their cause, which the response never shows.
func (a *api) logRequests(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		info := &requestInfo{}
		r = r.WithContext(context.WithValue(r.Context(), infoKey{}, info))
		sw := &statusWriter{ResponseWriter: w}
		next.ServeHTTP(sw, r)

		status := sw.status
		if status == 0 {
			status = http.StatusOK
		}
		attrs := []slog.Attr{
			slog.String("method", r.Method),
			slog.String("path", r.URL.Path),
			slog.Int("status", status),
			slog.Duration("duration", time.Since(start)),
		}
		if r.Pattern != "" {
			attrs = append(attrs, slog.String("route", r.Pattern))
		}
		if info.user != "" {
			attrs = append(attrs, slog.String("user", info.user))
		}
		level := slog.LevelInfo
		if status >= 500 {
			level = slog.LevelError
			if info.err != nil {
				attrs = append(attrs, slog.String("error", info.err.Error()))
			}
		}
		a.log.LogAttrs(r.Context(), level, "request", attrs...)
	})
}

// recoverPanics turns a handler's panic into a 500 with a JSON body and logs the stack.
func (a *api) recoverPanics(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		defer func() {
			p := recover()
			if p == nil {
				return
			}
			if p == http.ErrAbortHandler {
				panic(p)
			}
			a.log.Error("panic", "method", r.Method, "path", r.URL.Path, "panic", p, "stack", string(debug.Stack()))
			a.writeError(w, r, errors.New("panic"))
		}()
		next.ServeHTTP(w, r)
	})
}
