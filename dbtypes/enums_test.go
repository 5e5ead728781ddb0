package dbtypes_test

import (
	"database/sql/driver"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/compass-eng/compassdb/dbtypes"
)

// enum is the value half of a dbtypes enumeration.
type enum interface {
	~string
	Valid() bool
	driver.Valuer
}

// checkEnum verifies an enumeration against the expected values in order,
// its Value/Scan round trip, its refusal of other values, and EnumValues for
// its columns.
func checkEnum[T enum, P scanner[T]](t *testing.T, values []T, want []string, columns ...string) {
	t.Helper()
	got := make([]string, len(values))
	for i, v := range values {
		got[i] = string(v)
	}
	if !slices.Equal(got, want) {
		t.Errorf("Values() = %q, want %q", got, want)
	}
	for _, v := range values {
		if !v.Valid() {
			t.Errorf("%q.Valid() = false", v)
		}
		if dv, err := v.Value(); err != nil || dv != string(v) {
			t.Errorf("%q.Value() = %#v, %v", v, dv, err)
		}
		if back := roundTrip[T, P](t, v); back != v {
			t.Errorf("round trip %q -> %q", v, back)
		}
		var fromBytes T
		if err := P(&fromBytes).Scan([]byte(v)); err != nil || fromBytes != v {
			t.Errorf("Scan([]byte(%q)) = %q, %v", v, fromBytes, err)
		}
	}
	bogus := []string{"bogus", " " + want[len(want)-1], want[len(want)-1] + " "}
	for _, w := range want {
		for _, c := range []string{strings.ToUpper(w), strings.ToLower(w)} {
			if !slices.Contains(want, c) {
				bogus = append(bogus, c)
			}
		}
	}
	for _, b := range bogus {
		v := T(b)
		if v.Valid() {
			t.Errorf("%q.Valid() = true", b)
		}
		_, err := v.Value()
		if iv := wantInvalid(t, err); iv.Value != b {
			t.Errorf("Value error names %q, want %q", iv.Value, b)
		}
		dst := values[0]
		wantInvalid(t, P(&dst).Scan(b))
		if dst != values[0] {
			t.Errorf("failed Scan(%q) changed the destination to %q", b, dst)
		}
	}
	var dst T
	wantInvalid(t, P(&dst).Scan(nil))
	wantInvalid(t, P(&dst).Scan(int64(1)))
	for _, col := range columns {
		if vals, ok := dbtypes.EnumValues(col); !ok || !slices.Equal(vals, want) {
			t.Errorf("EnumValues(%q) = %q, %v; want %q", col, vals, ok, want)
		}
	}
}

func TestEnums(t *testing.T) {
	tests := map[string]func(*testing.T){
		"UserRole": func(t *testing.T) {
			checkEnum(t, dbtypes.UserRoleValues(), []string{"admin", "office", "field", "client"}, "users.role")
		},
		"OrganizationType": func(t *testing.T) {
			checkEnum(t, dbtypes.OrganizationTypeValues(), []string{"internal", "client"}, "organizations.type")
		},
		"TaskStatus": func(t *testing.T) {
			checkEnum(t, dbtypes.TaskStatusValues(), []string{"PENDING", "IN_PROGRESS", "COMPLETE", "BLOCKED"}, "schedule_tasks.status")
		},
		"DependencyType": func(t *testing.T) {
			checkEnum(t, dbtypes.DependencyTypeValues(), []string{"FS", "SS", "FF", "SF"}, "task_dependencies.type")
		},
		"ExceptionType": func(t *testing.T) {
			checkEnum(t, dbtypes.ExceptionTypeValues(), []string{"non_working", "holiday", "working"}, "workday_exceptions.type")
		},
		"ExceptionCategory": func(t *testing.T) {
			checkEnum(t, dbtypes.ExceptionCategoryValues(), []string{"national_holiday", "state_holiday", "vacation_day", "company_holiday", "weather_day"}, "workday_exceptions.category")
		},
		"ExceptionRecurrence": func(t *testing.T) {
			checkEnum(t, dbtypes.ExceptionRecurrenceValues(), []string{"one_time", "yearly"}, "workday_exceptions.recurrence")
		},
		"FeedbackType": func(t *testing.T) {
			checkEnum(t, dbtypes.FeedbackTypeValues(), []string{"bug", "feature", "question", "general"}, "feedback.type")
		},
		"Sentiment": func(t *testing.T) {
			checkEnum(t, dbtypes.SentimentValues(), []string{"positive", "neutral", "negative", "mixed"}, "feedback_interviews.overall_sentiment")
		},
		"MessageRole": func(t *testing.T) {
			checkEnum(t, dbtypes.MessageRoleValues(), []string{"user", "assistant", "system"}, "agent_memories.role")
		},
		"MemoryType": func(t *testing.T) {
			checkEnum(t, dbtypes.MemoryTypeValues(), []string{"preference", "workflow", "fact", "decision"}, "slab_memories.memory_type")
		},
		"Platform": func(t *testing.T) {
			checkEnum(t, dbtypes.PlatformValues(), []string{"ios", "android"}, "push_tokens.platform")
		},
		"LocalTable": func(t *testing.T) {
			checkEnum(t, dbtypes.LocalTableValues(), []string{"customers", "vendors", "projects", "invoices", "vendor_bills"}, "netsuite_sync_metadata.local_table")
		},
		"RecordType": func(t *testing.T) {
			checkEnum(t, dbtypes.RecordTypeValues(), []string{"customer", "vendor", "job", "invoice", "vendorBill"}, "netsuite_sync_metadata.netsuite_record_type", "netsuite_sync_log.record_type")
		},
		"SyncStatus": func(t *testing.T) {
			checkEnum(t, dbtypes.SyncStatusValues(), []string{"synced", "pending_push", "conflict", "error"}, "netsuite_sync_metadata.sync_status")
		},
		"SyncDirection": func(t *testing.T) {
			checkEnum(t, dbtypes.SyncDirectionValues(), []string{"pull", "push"}, "netsuite_sync_log.direction")
		},
		"SyncRunStatus": func(t *testing.T) {
			checkEnum(t, dbtypes.SyncRunStatusValues(), []string{"running", "completed", "failed"}, "netsuite_sync_log.status")
		},
		"PaymentType": func(t *testing.T) {
			checkEnum(t, dbtypes.PaymentTypeValues(), []string{"received", "sent"}, "payments.payment_type")
		},
		"PaymentMethod": func(t *testing.T) {
			checkEnum(t, dbtypes.PaymentMethodValues(), []string{"", "check", "ach", "wire", "credit_card", "cash", "other"}, "payments.payment_method")
		},
		"CreditMemoStatus": func(t *testing.T) {
			checkEnum(t, dbtypes.CreditMemoStatusValues(), []string{"draft", "applied", "void"}, "credit_memos.status")
		},
		"PluginSourceType": func(t *testing.T) {
			checkEnum(t, dbtypes.PluginSourceTypeValues(), []string{"builtin", "local", "npm", "skills"}, "plugins.source_type")
		},
		"PluginStatus": func(t *testing.T) {
			checkEnum(t, dbtypes.PluginStatusValues(), []string{"enabled", "disabled", "error"}, "plugins.status")
		},
		"PluginEventType": func(t *testing.T) {
			checkEnum(t, dbtypes.PluginEventTypeValues(), []string{"installed", "enabled", "disabled", "configured", "error"}, "plugin_events.event_type")
		},
		"AgentItemType": func(t *testing.T) {
			checkEnum(t, dbtypes.AgentItemTypeValues(), []string{"todo", "note", "checklist"}, "agent_items.type")
		},
	}
	if len(tests) != 24 {
		t.Fatalf("%d enumerations tested, want 24", len(tests))
	}
	for name, test := range tests {
		t.Run(name, test)
	}
}

func TestEnumErrorMessage(t *testing.T) {
	err := new(dbtypes.TaskStatus).Scan("DONE")
	iv := wantInvalid(t, err)
	const want = `dbtypes.TaskStatus: invalid value "DONE" (want one of PENDING, IN_PROGRESS, COMPLETE, BLOCKED)`
	if iv.Error() != want || iv.Type != "dbtypes.TaskStatus" || iv.Value != "DONE" {
		t.Errorf("error = %q (%+v), want %q", iv.Error(), iv, want)
	}
	_, err = dbtypes.PaymentMethod("paypal").Value()
	if got := err.Error(); !strings.Contains(got, `want one of "", check, ach,`) {
		t.Errorf("PaymentMethod error = %q, want the empty member shown as \"\"", got)
	}
}

func TestPaymentMethodNone(t *testing.T) {
	pm := dbtypes.PaymentMethodCash
	if err := pm.Scan(""); err != nil || pm != dbtypes.PaymentMethodNone {
		t.Errorf(`Scan("") = %q, %v; want PaymentMethodNone`, pm, err)
	}
	if v, err := dbtypes.PaymentMethodNone.Value(); v != "" || err != nil {
		t.Errorf("PaymentMethodNone.Value() = %#v, %v", v, err)
	}
}

func TestEnumValuesCopies(t *testing.T) {
	vals := dbtypes.TaskStatusValues()
	vals[0] = "HACKED"
	if dbtypes.TaskStatusValues()[0] != dbtypes.TaskStatusPending || !dbtypes.TaskStatusPending.Valid() {
		t.Error("TaskStatusValues returned shared storage")
	}
	col, _ := dbtypes.EnumValues("schedule_tasks.status")
	col[0] = "HACKED"
	if again, _ := dbtypes.EnumValues("schedule_tasks.status"); again[0] != "PENDING" {
		t.Error("EnumValues returned shared storage")
	}
	for _, c := range []string{"projects.status", "invoices.status", "agent_config.id", "users.is_active", ""} {
		if v, ok := dbtypes.EnumValues(c); ok || v != nil {
			t.Errorf("EnumValues(%q) = %q, %v; want none", c, v, ok)
		}
	}
}

// TestEnumValuesMatchSchema compares EnumValues with every text IN-list CHECK
// constraint of ../schema/*.sql, in both directions.
func TestEnumValuesMatchSchema(t *testing.T) {
	files, err := filepath.Glob("../schema/*.sql")
	if err != nil || len(files) == 0 {
		t.Fatalf("no schema files: %v", err)
	}
	table := regexp.MustCompile(`(?i)CREATE TABLE (\w+)`)
	check := regexp.MustCompile(`(\w+) IN \(('[^)]*)\)`)
	quoted := regexp.MustCompile(`'([^']*)'`)
	found := 0
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, stmt := range strings.Split(string(b), ";") {
			m := table.FindStringSubmatch(stmt)
			if m == nil {
				continue
			}
			for _, c := range check.FindAllStringSubmatch(stmt, -1) {
				col := m[1] + "." + c[1]
				var want []string
				for _, q := range quoted.FindAllStringSubmatch(c[2], -1) {
					want = append(want, q[1])
				}
				found++
				if got, ok := dbtypes.EnumValues(col); !ok || !slices.Equal(got, want) {
					t.Errorf("EnumValues(%q) = %q, %v; schema CHECK lists %q", col, got, ok, want)
				}
			}
		}
	}
	// 25 columns: every enumeration once, RecordType twice.
	if found != 25 {
		t.Errorf("found %d CHECKed enumeration columns in the schema, EnumValues covers 25", found)
	}
}
