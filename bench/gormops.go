package bench

import (
	"context"
	"encoding/json"
	"time"

	"gorm.io/driver/sqlite"
	"gorm.io/gorm"
	"gorm.io/gorm/logger"

	"github.com/compass-eng/compassdb/dbtypes"
)

// GORM models of the benchmarked tables. Typed columns are plain strings: mattn returns
// TEXT as strings and GORM has no civil-date or cents type, which is what a GORM port of
// the existing app would do.
type (
	GTask struct {
		ID                string `gorm:"primaryKey"`
		ProjectID         string
		Title             string
		StartDate         string
		Workdays          int64
		EndDateCalculated string
		Phase             string
		Status            string
		IsCriticalPath    bool
		IsMilestone       bool
		SortOrder         int64
		CreatedAt         string `gorm:"autoCreateTime:false"`
		UpdatedAt         string `gorm:"autoUpdateTime:false"`
		PercentComplete   int64
		AssignedTo        *string
	}
	GProject struct {
		ID             string `gorm:"primaryKey"`
		Name           string
		CreatedAt      string `gorm:"autoCreateTime:false"`
		Status         string
		Address        *string
		ClientName     *string
		ProjectManager *string
		NetsuiteJobID  *string `gorm:"column:netsuite_job_id"`
		OrganizationID *string
	}
	GDependency struct {
		ID            string `gorm:"primaryKey"`
		PredecessorID string
		SuccessorID   string
		Type          string
		LagDays       int64
	}
	GException struct {
		ID         string `gorm:"primaryKey"`
		ProjectID  string
		Title      string
		StartDate  string
		EndDate    string
		Type       string
		Category   string
		Recurrence string
		Notes      *string
		CreatedAt  string `gorm:"autoCreateTime:false"`
		UpdatedAt  string `gorm:"autoUpdateTime:false"`
	}
	GTeam struct {
		ID   string `gorm:"primaryKey"`
		Name string
	}
	GGroup struct {
		ID    string `gorm:"primaryKey"`
		Name  string
		Color *string
	}
	GUser struct {
		ID          string `gorm:"primaryKey"`
		Email       string
		DisplayName *string
		Role        string
		IsActive    bool
		LastLoginAt *string
		Teams       []GTeam  `gorm:"many2many:team_members;joinForeignKey:UserID;joinReferences:TeamID"`
		Groups      []GGroup `gorm:"many2many:group_members;joinForeignKey:UserID;joinReferences:GroupID"`
		// Filled from grouped counts.
		ProjectCount      int64 `gorm:"-"`
		OrganizationCount int64 `gorm:"-"`
	}
	GConversation struct {
		ID            string `gorm:"primaryKey"`
		UserID        string
		Title         *string
		LastMessageAt string
		CreatedAt     string `gorm:"autoCreateTime:false"`
	}
	GMessage struct {
		ID             string `gorm:"primaryKey"`
		ConversationID string
		UserID         string
		Role           string
		Content        string
		Embedding      *string
		Metadata       []map[string]json.RawMessage `gorm:"serializer:json"`
		CreatedAt      string                       `gorm:"autoCreateTime:false"`
	}
	GProjectPage struct {
		Project    GProject
		Members    []Member
		Tasks      []GTask
		Deps       []GDependency
		Exceptions []GException
		Stats      gStats
		Phases     []PhaseStat
		Recent     []GTask
	}
	gStats struct {
		Total, Complete, PastDue, DueToday, UpcomingMilestones int64
		W0, W1, W2, W3, W4                                     int64
	}
)

func (GTask) TableName() string         { return "schedule_tasks" }
func (GProject) TableName() string      { return "projects" }
func (GDependency) TableName() string   { return "task_dependencies" }
func (GException) TableName() string    { return "workday_exceptions" }
func (GTeam) TableName() string         { return "teams" }
func (GGroup) TableName() string        { return "groups" }
func (GUser) TableName() string         { return "users" }
func (GConversation) TableName() string { return "agent_conversations" }
func (GMessage) TableName() string      { return "agent_memories" }

// OpenGORM opens GORM on the same mattn driver and file, with GORM's documented
// performance settings: prepared-statement cache on, no implicit transaction per write.
func OpenGORM(dsn string, maxConns int) (*gorm.DB, error) {
	g, err := gorm.Open(sqlite.Dialector{DriverName: "sqlite3", DSN: dsn}, &gorm.Config{
		PrepareStmt:            true,
		SkipDefaultTransaction: true,
		Logger:                 logger.Discard,
	})
	if err != nil {
		return nil, err
	}
	sqlDB, err := g.DB()
	if err != nil {
		return nil, err
	}
	sqlDB.SetMaxOpenConns(maxConns)
	sqlDB.SetMaxIdleConns(maxConns)
	return g, nil
}

func GormGetTask(ctx context.Context, g *gorm.DB, id string) (GTask, error) {
	var t GTask
	err := g.WithContext(ctx).Take(&t, "id = ?", id).Error
	return t, err
}

func GormListTasks(ctx context.Context, g *gorm.DB, projectID string) ([]GTask, error) {
	var ts []GTask
	err := g.WithContext(ctx).Where("project_id = ?", projectID).Order("sort_order, id").Find(&ts).Error
	return ts, err
}

func GormProjectPage(ctx context.Context, g *gorm.DB, projectID string, today dbtypes.Date) (*GProjectPage, error) {
	p := &GProjectPage{}
	args := weekArgs(projectID, today)
	err := g.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		if err := tx.Take(&p.Project, "id = ?", projectID).Error; err != nil {
			return err
		}
		if err := tx.Table("project_members pm").Select("pm.id, pm.user_id, pm.role, u.display_name, u.email").
			Joins("JOIN users u ON u.id = pm.user_id").Where("pm.project_id = ?", projectID).
			Order("u.display_name, pm.id").Scan(&p.Members).Error; err != nil {
			return err
		}
		if err := tx.Where("project_id = ?", projectID).Order("sort_order, id").Find(&p.Tasks).Error; err != nil {
			return err
		}
		inProject := tx.Model(&GTask{}).Select("id").Where("project_id = ?", projectID)
		if err := tx.Where("predecessor_id IN (?) AND successor_id IN (?)", inProject, inProject).Order("id").Find(&p.Deps).Error; err != nil {
			return err
		}
		if err := tx.Where("project_id = ?", projectID).Order("created_at, id").Find(&p.Exceptions).Error; err != nil {
			return err
		}
		if err := tx.Model(&GTask{}).Select(`COUNT(*) AS total,
  COALESCE(SUM(status = 'COMPLETE'), 0) AS complete,
  COALESCE(SUM(status <> 'COMPLETE' AND end_date_calculated < ?), 0) AS past_due,
  COALESCE(SUM(status <> 'COMPLETE' AND end_date_calculated = ?), 0) AS due_today,
  COALESCE(SUM(is_milestone = 1 AND start_date >= ? AND status <> 'COMPLETE'), 0) AS upcoming_milestones,
  COALESCE(SUM(start_date <= ? AND end_date_calculated >= ?), 0) AS w0,
  COALESCE(SUM(start_date <= ? AND end_date_calculated >= ?), 0) AS w1,
  COALESCE(SUM(start_date <= ? AND end_date_calculated >= ?), 0) AS w2,
  COALESCE(SUM(start_date <= ? AND end_date_calculated >= ?), 0) AS w3,
  COALESCE(SUM(start_date <= ? AND end_date_calculated >= ?), 0) AS w4`,
			args[1], args[1], args[1], args[2], args[2], args[3], args[3], args[4], args[4], args[5], args[5], args[6], args[6]).
			Where("project_id = ?", projectID).Scan(&p.Stats).Error; err != nil {
			return err
		}
		if err := tx.Model(&GTask{}).Select("phase, COUNT(*) AS total, COALESCE(SUM(status = 'COMPLETE'), 0) AS completed").
			Where("project_id = ?", projectID).Group("phase").Order("phase").Scan(&p.Phases).Error; err != nil {
			return err
		}
		return tx.Where("project_id = ?", projectID).Order("updated_at DESC").Limit(5).Find(&p.Recent).Error
	})
	return p, err
}

func GormUsersWithRelations(ctx context.Context, g *gorm.DB) ([]GUser, error) {
	var users []GUser
	err := g.WithContext(ctx).Preload("Teams").Preload("Groups").Where("is_active = ?", true).
		Order("display_name, id").Find(&users).Error
	if err != nil {
		return nil, err
	}
	type count struct {
		UserID string
		N      int64
	}
	var projects, orgs []count
	if err := g.WithContext(ctx).Table("project_members").Select("user_id, COUNT(*) AS n").Group("user_id").Scan(&projects).Error; err != nil {
		return nil, err
	}
	if err := g.WithContext(ctx).Table("organization_members").Select("user_id, COUNT(*) AS n").Group("user_id").Scan(&orgs).Error; err != nil {
		return nil, err
	}
	idx := make(map[string]int, len(users))
	for i := range users {
		idx[users[i].ID] = i
	}
	for _, c := range projects {
		if i, ok := idx[c.UserID]; ok {
			users[i].ProjectCount = c.N
		}
	}
	for _, c := range orgs {
		if i, ok := idx[c.UserID]; ok {
			users[i].OrganizationCount = c.N
		}
	}
	return users, nil
}

func GormConversation(ctx context.Context, g *gorm.DB, id, userID string) (GConversation, []GMessage, error) {
	var c GConversation
	var ms []GMessage
	err := g.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		if err := tx.Take(&c, "id = ? AND user_id = ?", id, userID).Error; err != nil {
			return err
		}
		return tx.Where("conversation_id = ? AND user_id = ?", id, userID).Order("created_at, id").Find(&ms).Error
	})
	return c, ms, err
}

func GormUsagePerUserMonth(ctx context.Context, g *gorm.DB, since dbtypes.Timestamp) ([]UsageMonth, error) {
	var out []UsageMonth
	err := g.WithContext(ctx).Table("agent_usage").
		Select("user_id, substr(created_at, 1, 7) AS month, COUNT(*) AS requests, SUM(total_tokens) AS tokens, SUM(CAST(estimated_cost AS REAL)) AS cost").
		Where("created_at >= ?", since.String()).Group("user_id, month").Order("user_id, month").Scan(&out).Error
	return out, err
}

type gTotal struct {
	Status           string
	Count            int64
	Total, Paid, Due float64
}

func GormFinancialTotals(ctx context.Context, g *gorm.DB, projectID string) ([]gTotal, error) {
	var inv, bills, pays []gTotal
	g = g.WithContext(ctx)
	sel := "status, COUNT(*) AS count, ROUND(SUM(total), 2) AS total, ROUND(SUM(amount_paid), 2) AS paid, ROUND(SUM(amount_due), 2) AS due"
	if err := g.Table("invoices").Select(sel).Where("project_id = ?", projectID).Group("status").Order("status").Scan(&inv).Error; err != nil {
		return nil, err
	}
	if err := g.Table("vendor_bills").Select(sel).Where("project_id = ?", projectID).Group("status").Order("status").Scan(&bills).Error; err != nil {
		return nil, err
	}
	if err := g.Table("payments").Select("payment_type AS status, COUNT(*) AS count, ROUND(SUM(amount), 2) AS total, ROUND(SUM(amount), 2) AS paid, 0.0 AS due").
		Where("project_id = ?", projectID).Group("payment_type").Order("payment_type").Scan(&pays).Error; err != nil {
		return nil, err
	}
	return append(append(inv, bills...), pays...), nil
}

func GormAddDependency(ctx context.Context, g *gorm.DB, projectID string, d GDependency) error {
	return g.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		var c struct {
			PredecessorProjectID string
			SuccessorProjectID   string
			CreatesCycle         bool
		}
		if err := tx.Raw(sqlWouldCycle, d.PredecessorID, d.SuccessorID).Scan(&c).Error; err != nil {
			return err
		}
		switch {
		case c.PredecessorProjectID != projectID || c.SuccessorProjectID != projectID:
			return errCrossProject
		case c.CreatesCycle:
			return ErrCycle
		}
		return tx.Create(&d).Error
	})
}

func GormImport(ctx context.Context, g *gorm.DB, tasks []GTask) error {
	return g.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		return tx.CreateInBatches(tasks, ImportChunk).Error
	})
}

// gormTime formats a timestamp as the existing system stores it.
func gormTime(t time.Time) string { return t.UTC().Format(dbtypes.TimestampLayout) }
