package bench

import (
	"encoding/hex"
	"fmt"
	"math/rand/v2"
	"strconv"
	"strings"
	"time"
)

// GeneratorVersion is part of the cache key: bump it whenever Generate would emit
// different rows, so that a cached database is never reused across generator changes.
const GeneratorVersion = 1

// Size is one scale of the generated data set.
type Size struct {
	Name          string
	Projects      int // including the three probe projects
	Tasks         int // schedule tasks in all projects
	Users         int
	Orgs          int
	Customers     int
	Vendors       int
	Financial     int // rows in each of invoices, vendor_bills and payments
	Conversations int
	Messages      int // agent_memories rows (chat messages)
	Usage         int // agent_usage rows
	ImportRows    int // rows of one bulk-import operation
}

// The probe projects exist at every size with these task counts, so that an operation
// on "the 500-task project" reads the same amount of data at 10k and at 1M tasks.
const (
	ProbeSmall = 50
	ProbeLarge = 500
	ProbeHuge  = 5000
	// ProbeMessages is the length of the probe conversation.
	ProbeMessages = 200
)

// Sizes are the scales a run can pick with -size. "tiny" is the CI default: every
// benchmark runs once on it in seconds. The others follow the performance issue:
// 1,000 projects, 100 users, 50k of each financial document, 200k chat messages and 1M
// AI-usage rows, with 10k, 100k or 1M schedule tasks.
var Sizes = map[string]Size{
	"tiny": {Name: "tiny", Projects: 20, Tasks: 6_000, Users: 20, Orgs: 3, Customers: 50, Vendors: 50,
		Financial: 1_000, Conversations: 100, Messages: 4_000, Usage: 20_000, ImportRows: 5_000},
	"10k":  full("10k", 10_000),
	"100k": full("100k", 100_000),
	"1m":   full("1m", 1_000_000),
}

func full(name string, tasks int) Size {
	return Size{Name: name, Projects: 1_000, Tasks: tasks, Users: 100, Orgs: 10, Customers: 500, Vendors: 500,
		Financial: 50_000, Conversations: 5_000, Messages: 200_000, Usage: 1_000_000, ImportRows: 100_000}
}

// Manifest names the rows the benchmarks operate on. It is derived from the seed, so
// the same size always yields the same manifest.
type Manifest struct {
	Size              string   `json:"size"`
	Rows              int64    `json:"rows"` // rows written per database
	ProjectSmall      string   `json:"project_small"`
	ProjectLarge      string   `json:"project_large"`
	ProjectHuge       string   `json:"project_huge"`
	HugeTaskIDs       []string `json:"huge_task_ids"` // the huge project's tasks in sort order
	LookupTaskIDs     []string `json:"lookup_task_ids"`
	LookupProjectIDs  []string `json:"lookup_project_ids"`
	ConversationID    string   `json:"conversation_id"`
	ConversationOwner string   `json:"conversation_owner"`
	UserIDs           []string `json:"user_ids"`
	OrgIDs            []string `json:"org_ids"`
	Today             string   `json:"today"`
}

// Table column lists, shared by both schemas (the library keeps the existing columns).
var tableColumns = map[string][]string{
	"users":                {"id", "email", "first_name", "last_name", "display_name", "avatar_url", "role", "is_active", "last_login_at", "created_at", "updated_at", "google_email"},
	"organizations":        {"id", "name", "slug", "type", "logo_url", "is_active", "created_at", "updated_at"},
	"organization_members": {"id", "organization_id", "user_id", "role", "joined_at"},
	"teams":                {"id", "organization_id", "name", "description", "created_at"},
	"team_members":         {"id", "team_id", "user_id", "joined_at"},
	"groups":               {"id", "organization_id", "name", "description", "color", "created_at"},
	"group_members":        {"id", "group_id", "user_id", "joined_at"},
	"projects":             {"id", "name", "created_at", "status", "address", "client_name", "project_manager", "netsuite_job_id", "organization_id"},
	"project_members":      {"id", "project_id", "user_id", "role", "assigned_at"},
	"schedule_tasks":       {"id", "project_id", "title", "start_date", "workdays", "end_date_calculated", "phase", "status", "is_critical_path", "is_milestone", "sort_order", "created_at", "updated_at", "percent_complete", "assigned_to"},
	"task_dependencies":    {"id", "predecessor_id", "successor_id", "type", "lag_days"},
	"workday_exceptions":   {"id", "project_id", "title", "start_date", "end_date", "type", "category", "recurrence", "notes", "created_at", "updated_at"},
	"customers":            {"id", "name", "email", "phone", "created_at", "netsuite_id", "updated_at", "company", "address", "notes"},
	"vendors":              {"id", "name", "category", "email", "phone", "address", "created_at", "netsuite_id", "updated_at"},
	"invoices":             {"id", "netsuite_id", "customer_id", "project_id", "invoice_number", "status", "issue_date", "due_date", "subtotal", "tax", "total", "amount_paid", "amount_due", "memo", "line_items", "created_at", "updated_at"},
	"vendor_bills":         {"id", "netsuite_id", "vendor_id", "project_id", "bill_number", "status", "bill_date", "due_date", "subtotal", "tax", "total", "amount_paid", "amount_due", "memo", "line_items", "created_at", "updated_at"},
	"payments":             {"id", "netsuite_id", "customer_id", "vendor_id", "project_id", "payment_type", "amount", "payment_date", "payment_method", "reference_number", "memo", "created_at", "updated_at"},
	"agent_conversations":  {"id", "user_id", "title", "last_message_at", "created_at"},
	"agent_memories":       {"id", "conversation_id", "user_id", "role", "content", "embedding", "metadata", "created_at"},
	"agent_usage":          {"id", "conversation_id", "user_id", "model_id", "prompt_tokens", "completion_tokens", "total_tokens", "estimated_cost", "created_at"},
}

// Emit receives one generated row; vals follow tableColumns[table].
type Emit func(table string, vals []any) error

var (
	epoch  = time.Date(2025, 1, 6, 8, 0, 0, 0, time.UTC)
	today  = time.Date(2026, 3, 2, 0, 0, 0, 0, time.UTC) // a Monday: the "current week" of the project page
	phases = []string{"preconstruction", "sitework", "foundation", "framing", "mep", "drywall", "finishes", "closeout"}
	words  = strings.Fields(`the a schedule concrete pour inspection framing crew permit roof drywall electrical rough plumbing
		hvac delivery lumber steel foundation excavation grading survey owner change order invoice vendor budget please can you
		update move task tomorrow next week late early weather rain delay crane site safety meeting punch list walkthrough`)
	models = []string{"qwen/qwen3-coder-next", "anthropic/claude-sonnet-4", "openai/gpt-4.1-mini", "google/gemini-2.5-flash", "meta-llama/llama-4-maverick"}
)

type gen struct {
	r    *rand.Rand
	emit Emit
	rows int64
	buf  [16]byte
}

func (g *gen) row(table string, vals ...any) error {
	g.rows++
	return g.emit(table, vals)
}

// uuid returns a random (version 4) UUID string from the seeded generator: the ids the
// existing system makes with crypto.randomUUID, so primary-key inserts and lookups hit
// random places in the index as they do in production.
func (g *gen) uuid() string {
	lo, hi := g.r.Uint64(), g.r.Uint64()
	for i := range 8 {
		g.buf[i] = byte(lo >> (8 * i))
		g.buf[8+i] = byte(hi >> (8 * i))
	}
	g.buf[6] = g.buf[6]&0x0f | 0x40
	g.buf[8] = g.buf[8]&0x3f | 0x80
	var s [36]byte
	hex.Encode(s[0:8], g.buf[0:4])
	s[8] = '-'
	hex.Encode(s[9:13], g.buf[4:6])
	s[13] = '-'
	hex.Encode(s[14:18], g.buf[6:8])
	s[18] = '-'
	hex.Encode(s[19:23], g.buf[8:10])
	s[23] = '-'
	hex.Encode(s[24:36], g.buf[10:16])
	return string(s[:])
}

func ts(t time.Time) string   { return t.UTC().Format("2006-01-02T15:04:05.000Z") }
func date(t time.Time) string { return t.UTC().Format("2006-01-02") }

// at returns a timestamp up to days after epoch.
func (g *gen) at(days int) time.Time {
	return epoch.Add(time.Duration(g.r.Int64N(int64(days) * int64(24*time.Hour))))
}

func (g *gen) pick(s []string) string { return s[g.r.IntN(len(s))] }

func (g *gen) sentence(minWords, maxWords int) string {
	n := minWords + g.r.IntN(maxWords-minWords+1)
	var b strings.Builder
	for i := range n {
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(g.pick(words))
	}
	return b.String()
}

func nullable(ok bool, v string) any {
	if !ok {
		return nil
	}
	return v
}

// cents formats an amount in cents as the REAL the existing system stores.
func cents(c int64) float64 { return float64(c) / 100 }

// Generate emits the whole data set of size s, deterministically: the same size always
// yields the same rows in the same order.
func Generate(s Size, emit Emit) (Manifest, error) {
	g := &gen{r: rand.New(rand.NewPCG(20260302, uint64(len(s.Name)))), emit: emit}
	m := Manifest{Size: s.Name, Today: date(today)}
	err := g.all(s, &m)
	m.Rows = g.rows
	return m, err
}

func (g *gen) all(s Size, m *Manifest) error {
	// Organizations, users and their memberships.
	for i := range s.Orgs {
		id := g.uuid()
		m.OrgIDs = append(m.OrgIDs, id)
		typ := "client"
		if i == 0 {
			typ = "internal"
		}
		t := g.at(30)
		if err := g.row("organizations", id, fmt.Sprintf("Organization %d", i+1), fmt.Sprintf("org-%d", i+1), typ, nil, 1, ts(t), ts(t)); err != nil {
			return err
		}
	}
	roles := []string{"admin", "office", "office", "office", "field", "field", "field", "client"}
	names := []string{"Ana", "Ben", "Cleo", "Dev", "Eli", "Fay", "Gus", "Hana", "Ivo", "Jun", "Kai", "Lea"}
	for i := range s.Users {
		id := "user_01" + strings.ToUpper(g.uuid()[:8]+g.uuid()[24:])
		m.UserIDs = append(m.UserIDs, id)
		first, last := g.pick(names), g.pick(names)+"son"
		t := g.at(60)
		active := 1
		if g.r.IntN(10) == 0 {
			active = 0
		}
		if err := g.row("users", id, fmt.Sprintf("user%d@example.com", i), first, last, first+" "+last, nil,
			roles[i%len(roles)], active, ts(g.at(420)), ts(t), ts(t), nil); err != nil {
			return err
		}
	}
	var teams, groups [][]string // per org
	for oi, org := range m.OrgIDs {
		teams, groups = append(teams, nil), append(groups, nil)
		for j := range 3 {
			tid, gid := g.uuid(), g.uuid()
			teams[oi], groups[oi] = append(teams[oi], tid), append(groups[oi], gid)
			t := ts(g.at(60))
			if err := g.row("teams", tid, org, fmt.Sprintf("Team %d-%d", oi+1, j+1), nil, t); err != nil {
				return err
			}
			if err := g.row("groups", gid, org, fmt.Sprintf("Group %d-%d", oi+1, j+1), nil, fmt.Sprintf("#%06x", g.r.IntN(1<<24)), t); err != nil {
				return err
			}
		}
	}
	for ui, user := range m.UserIDs {
		n := 1 + g.r.IntN(min(2, len(m.OrgIDs)))
		start := g.r.IntN(len(m.OrgIDs))
		for k := range n {
			oi := (start + k) % len(m.OrgIDs)
			t := ts(g.at(90))
			if err := g.row("organization_members", g.uuid(), m.OrgIDs[oi], user, roles[ui%len(roles)], t); err != nil {
				return err
			}
			for _, tid := range teams[oi] {
				if g.r.IntN(2) == 0 {
					if err := g.row("team_members", g.uuid(), tid, user, t); err != nil {
						return err
					}
				}
			}
			for _, gid := range groups[oi] {
				if g.r.IntN(3) == 0 {
					if err := g.row("group_members", g.uuid(), gid, user, t); err != nil {
						return err
					}
				}
			}
		}
	}

	// Projects: three probes of fixed size, the rest of the tasks spread unevenly.
	counts := make([]int, s.Projects)
	counts[0], counts[1], counts[2] = ProbeSmall, ProbeLarge, ProbeHuge
	rest := s.Tasks - ProbeSmall - ProbeLarge - ProbeHuge
	if rest < 0 || s.Projects < 4 {
		return fmt.Errorf("size %s: too few tasks or projects for the probes", s.Name)
	}
	weights := make([]float64, s.Projects)
	var sum float64
	for i := 3; i < s.Projects; i++ {
		weights[i] = 0.2 + g.r.ExpFloat64()
		sum += weights[i]
	}
	left := rest
	for i := 3; i < s.Projects; i++ {
		counts[i] = int(float64(rest) * weights[i] / sum)
		left -= counts[i]
	}
	for i := 0; left > 0; i = (i + 1) % (s.Projects - 3) {
		counts[3+i]++
		left--
	}
	projectIDs := make([]string, s.Projects)
	for i := range s.Projects {
		id := g.uuid()
		projectIDs[i] = id
		t := g.at(60)
		status := []string{"OPEN", "OPEN", "OPEN", "ACTIVE", "CLOSED"}[g.r.IntN(5)]
		if err := g.row("projects", id, fmt.Sprintf("Project %04d", i+1), ts(t), status, fmt.Sprintf("%d Main St", 100+i),
			fmt.Sprintf("Client %d", g.r.IntN(300)), g.pick(names)+" PM", nil, g.pick(m.OrgIDs)); err != nil {
			return err
		}
		members := 3 + g.r.IntN(6)
		seen := map[int]bool{}
		for range members {
			u := g.r.IntN(len(m.UserIDs))
			if seen[u] {
				continue
			}
			seen[u] = true
			if err := g.row("project_members", g.uuid(), id, m.UserIDs[u], roles[u%len(roles)], ts(t.Add(time.Hour))); err != nil {
				return err
			}
		}
	}
	m.ProjectSmall, m.ProjectLarge, m.ProjectHuge = projectIDs[0], projectIDs[1], projectIDs[2]
	for i := range min(64, s.Projects) {
		m.LookupProjectIDs = append(m.LookupProjectIDs, projectIDs[(i*7919)%s.Projects])
	}

	// Schedule tasks with ~1.5 dependencies each (on earlier tasks of the same project,
	// so every schedule is a DAG), and a few workday exceptions per project.
	lookupEvery := max(1, s.Tasks/1024)
	taskNo := 0
	for pi, pid := range projectIDs {
		n := counts[pi]
		ids := make([]string, n)
		start := epoch.AddDate(0, 0, g.r.IntN(400))
		day := start
		created := g.at(60)
		for k := range n {
			id := g.uuid()
			ids[k] = id
			workdays := 1 + g.r.IntN(10)
			milestone := 0
			if g.r.IntN(20) == 0 {
				workdays, milestone = 0, 1
			}
			end := day.AddDate(0, 0, workdays+workdays/5*2)
			status, pct := "PENDING", 0
			switch {
			case end.Before(today) && g.r.IntN(5) != 0:
				status, pct = "COMPLETE", 100
			case !day.After(today):
				status, pct = "IN_PROGRESS", 10*g.r.IntN(10)
			case g.r.IntN(25) == 0:
				status = "BLOCKED"
			}
			critical := 0
			if g.r.IntN(5) == 0 {
				critical = 1
			}
			updated := created.Add(time.Duration(g.r.Int64N(int64(300 * 24 * time.Hour))))
			assigned := nullable(g.r.IntN(3) != 0, g.pick(names)+" crew")
			phase := phases[min(len(phases)-1, k*len(phases)/max(1, n))]
			if err := g.row("schedule_tasks", id, pid, fmt.Sprintf("%s: %s", phase, g.sentence(2, 5)), date(day), workdays, date(end),
				phase, status, critical, milestone, k, ts(created), ts(updated), pct, assigned); err != nil {
				return err
			}
			if taskNo%lookupEvery == 0 && len(m.LookupTaskIDs) < 1024 {
				m.LookupTaskIDs = append(m.LookupTaskIDs, id)
			}
			taskNo++
			if g.r.IntN(3) != 0 {
				day = day.AddDate(0, 0, 1+g.r.IntN(3))
			}
			if k == 0 {
				continue
			}
			npred := []int{0, 1, 1, 2, 2, 2, 3}[g.r.IntN(7)] // mean 1.57, less at the start
			npred = min(npred, k)
			window := min(k, 20)
			var chosen [3]int
			for p := 0; p < npred; p++ {
			again:
				c := k - 1 - g.r.IntN(window)
				for q := range p {
					if chosen[q] == c {
						goto again
					}
				}
				chosen[p] = c
				typ := "FS"
				switch x := g.r.IntN(100); {
				case x >= 97:
					typ = "SF"
				case x >= 92:
					typ = "FF"
				case x >= 85:
					typ = "SS"
				}
				lag := 0
				if g.r.IntN(5) == 0 {
					lag = 1 + g.r.IntN(3)
				}
				if err := g.row("task_dependencies", g.uuid(), ids[c], id, typ, lag); err != nil {
					return err
				}
			}
		}
		if pi == 2 {
			m.HugeTaskIDs = ids
		}
		for range 2 + g.r.IntN(4) {
			d := start.AddDate(0, 0, g.r.IntN(300))
			cat := []string{"national_holiday", "state_holiday", "vacation_day", "company_holiday", "weather_day"}[g.r.IntN(5)]
			t := ts(created)
			if err := g.row("workday_exceptions", g.uuid(), pid, "Closed: "+cat, date(d), date(d.AddDate(0, 0, g.r.IntN(3))),
				"non_working", cat, "one_time", nil, t, t); err != nil {
				return err
			}
		}
	}

	// Customers, vendors and the financial documents.
	customers, vendors := make([]string, s.Customers), make([]string, s.Vendors)
	for i := range customers {
		customers[i] = g.uuid()
		t := ts(g.at(200))
		if err := g.row("customers", customers[i], fmt.Sprintf("Customer %d", i), fmt.Sprintf("ap%d@customer.example", i), nil, t,
			nullable(i%2 == 0, strconv.Itoa(10000+i)), t, nil, nil, nil); err != nil {
			return err
		}
	}
	for i := range vendors {
		vendors[i] = g.uuid()
		t := ts(g.at(200))
		if err := g.row("vendors", vendors[i], fmt.Sprintf("Vendor %d", i), "Subcontractor", nil, nil, nil, t,
			nullable(i%2 == 0, strconv.Itoa(20000+i)), t); err != nil {
			return err
		}
	}
	project := func() any {
		if g.r.IntN(10) == 0 {
			return nil
		}
		return projectIDs[g.r.IntN(len(projectIDs))]
	}
	doc := func(table, party string, statuses []string, i int) error {
		issue := g.at(420)
		sub := int64(10_000 + g.r.IntN(5_000_000))
		tax := sub * 8 / 100
		total := sub + tax
		status := g.pick(statuses)
		paid := int64(0)
		if status == "paid" {
			paid = total
		}
		lines := fmt.Sprintf(`[{"description":"%s","quantity":1,"rate":%.2f,"amount":%.2f}]`, g.sentence(2, 4), cents(sub), cents(sub))
		t := ts(issue)
		return g.row(table, g.uuid(), nullable(i%3 == 0, strconv.Itoa(300000+i)), party, project(), fmt.Sprintf("N-%06d", i), status,
			date(issue), date(issue.AddDate(0, 0, 30)), cents(sub), cents(tax), cents(total), cents(paid), cents(total-paid), nil, lines, t, t)
	}
	for i := range s.Financial {
		if err := doc("invoices", customers[g.r.IntN(len(customers))], []string{"draft", "sent", "sent", "paid", "paid", "paid", "overdue", "void"}, i); err != nil {
			return err
		}
	}
	for i := range s.Financial {
		if err := doc("vendor_bills", vendors[g.r.IntN(len(vendors))], []string{"pending", "approved", "paid", "paid", "paid", "void"}, i); err != nil {
			return err
		}
	}
	methods := []string{"check", "ach", "wire", "credit_card", "cash", "other"}
	for i := range s.Financial {
		var cust, vend any
		typ := "received"
		if i%2 == 0 {
			cust = customers[g.r.IntN(len(customers))]
		} else {
			typ, vend = "sent", vendors[g.r.IntN(len(vendors))]
		}
		t := g.at(420)
		if err := g.row("payments", g.uuid(), nil, cust, vend, project(), typ, cents(int64(1000+g.r.IntN(2_000_000))), date(t),
			g.pick(methods), fmt.Sprintf("REF-%d", i), nil, ts(t), ts(t)); err != nil {
			return err
		}
	}

	// Conversations, their messages, and the AI usage rows.
	convs := make([]string, s.Conversations)
	owners := make([]string, s.Conversations)
	for i := range convs {
		convs[i] = g.uuid()
		owners[i] = m.UserIDs[g.r.IntN(len(m.UserIDs))]
		t := g.at(420)
		if err := g.row("agent_conversations", convs[i], owners[i], nil, ts(t.Add(time.Hour)), ts(t)); err != nil {
			return err
		}
	}
	m.ConversationID, m.ConversationOwner = convs[0], owners[0]
	perConv := make([]int, len(convs))
	perConv[0] = ProbeMessages
	for i := ProbeMessages; i < s.Messages; i++ {
		perConv[1+g.r.IntN(len(convs)-1)]++
	}
	for ci, conv := range convs {
		t := g.at(420)
		for k := range perConv[ci] {
			role := "user"
			if k%2 == 1 {
				role = "assistant"
			}
			content := g.sentence(8, 60)
			parts := `[{"type":"text","text":"` + content + `"}]`
			if role == "assistant" && g.r.IntN(4) == 0 {
				parts = `[{"type":"tool-queryData","toolCallId":"call_` + g.uuid()[:8] + `","state":"output-available","input":{"table":"schedule_tasks"},"output":{"rows":3}},{"type":"text","text":"` + content + `"}]`
			}
			t = t.Add(time.Duration(1+g.r.IntN(90)) * time.Second)
			if err := g.row("agent_memories", g.uuid(), conv, owners[ci], role, content, nil, parts, ts(t)); err != nil {
				return err
			}
		}
	}
	for range s.Usage {
		ci := g.r.IntN(len(convs))
		prompt, completion := 200+g.r.IntN(20_000), 20+g.r.IntN(4_000)
		cost := float64(prompt)*0.0000003 + float64(completion)*0.0000012
		if err := g.row("agent_usage", g.uuid(), convs[ci], owners[ci], g.pick(models), prompt, completion, prompt+completion,
			strconv.FormatFloat(cost, 'f', 8, 64), ts(g.at(420))); err != nil {
			return err
		}
	}
	return nil
}

// SizeNames lists the sizes from smallest to largest.
func SizeNames() []string { return []string{"tiny", "10k", "100k", "1m"} }
