package bench

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
)

// ProposedIndexes are the indexes these benchmarks recommend adding to the schema, each
// for a plan that otherwise sorts in a temporary B-tree or reads table rows it could
// read from the index. They are measured on a copy of the library database (the
// "library+idx" variants); schema/ and migrations/ are not changed here.
var ProposedIndexes = []string{
	// ListScheduleTasksByProject orders by (sort_order, id): with id in the index the
	// rows come out in order, no sort. Replaces schedule_tasks_project_sort_idx.
	"CREATE INDEX proposed_schedule_tasks_project_sort_id_idx ON schedule_tasks (project_id, sort_order, id)",
	// The project page's per-phase counts: grouped and counted from the index alone.
	"CREATE INDEX proposed_schedule_tasks_project_phase_idx ON schedule_tasks (project_id, phase, status)",
	// ListAgentMemoriesByConversation orders by (created_at, id). Replaces
	// agent_memories_conversation_created_idx.
	"CREATE INDEX proposed_agent_memories_conversation_created_id_idx ON agent_memories (conversation_id, created_at, id)",
	// Usage per user per month: a covering scan already grouped by (user, month).
	// Replaces agent_usage_user_created_idx (same leading column).
	"CREATE INDEX proposed_agent_usage_user_month_idx ON agent_usage (user_id, substr(created_at, 1, 7), created_at, total_tokens, estimated_cost)",
	// Financial totals by status: covering, so no table row is read.
	"CREATE INDEX proposed_invoices_project_status_idx ON invoices (project_id, status, total, amount_paid, amount_due)",
	"CREATE INDEX proposed_vendor_bills_project_status_idx ON vendor_bills (project_id, status, total, amount_paid, amount_due)",
	"CREATE INDEX proposed_payments_project_type_idx ON payments (project_id, payment_type, amount)",
}

// ProposedPath returns a copy of the library database with ProposedIndexes added,
// building it next to the cached data set on first use.
func (d Dataset) ProposedPath(ctx context.Context) (string, error) {
	sum := sha256.Sum256([]byte(strings.Join(ProposedIndexes, ";")))
	path := filepath.Join(d.Dir, "library-proposed-"+hex.EncodeToString(sum[:])[:8]+".db")
	if _, err := os.Stat(path); err == nil {
		return path, nil
	}
	tmp := path + ".building"
	os.Remove(tmp)
	if err := copyFile(d.Library, tmp); err != nil {
		return "", err
	}
	conn, err := sql.Open("sqlite3", "file:"+tmp+"?_cache_size=-524288")
	if err != nil {
		return "", err
	}
	for _, stmt := range ProposedIndexes {
		if _, err := conn.ExecContext(ctx, stmt); err != nil {
			conn.Close()
			return "", fmt.Errorf("%s: %w", stmt, err)
		}
	}
	if err := conn.Close(); err != nil {
		return "", err
	}
	return path, os.Rename(tmp, path)
}

func copyFile(from, to string) error {
	src, err := os.Open(from)
	if err != nil {
		return err
	}
	defer src.Close()
	dst, err := os.Create(to)
	if err != nil {
		return err
	}
	if _, err := io.Copy(dst, src); err != nil {
		dst.Close()
		return err
	}
	// Wait for the copy to reach the disk, so that the kernel's writeback of a
	// gigabyte-sized copy does not land in the first benchmark's commits.
	if err := dst.Sync(); err != nil {
		dst.Close()
		return err
	}
	return dst.Close()
}
