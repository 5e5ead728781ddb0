package dbtypes

import (
	"database/sql/driver"
	"slices"
	"strings"
)

// enumSet lists the members of a CHECK-constrained text column in schema
// order and implements the shared Valid, Value and Scan logic.
type enumSet[T ~string] []T

// valid reports whether v is a member.
func (s enumSet[T]) valid(v T) bool { return slices.Contains(s, v) }

// check refuses a non-member, listing the members.
func (s enumSet[T]) check(v T) error {
	if s.valid(v) {
		return nil
	}
	names := make([]string, len(s))
	for i, m := range s {
		names[i] = string(m)
		if m == "" {
			names[i] = `""`
		}
	}
	return invalidf[T](string(v), "want one of %s", strings.Join(names, ", "))
}

// value writes a member as text.
func (s enumSet[T]) value(v T) (driver.Value, error) {
	if err := s.check(v); err != nil {
		return nil, err
	}
	return string(v), nil
}

// scan reads a member from text.
func (s enumSet[T]) scan(dst *T, src any) error {
	str, ok := text(src)
	if !ok {
		return unsupported[T](src)
	}
	if err := s.check(T(str)); err != nil {
		return err
	}
	*dst = T(str)
	return nil
}

// strs converts members to plain strings.
func strs[T ~string](s enumSet[T]) []string {
	out := make([]string, len(s))
	for i, v := range s {
		out[i] = string(v)
	}
	return out
}

// UserRole is a user's role (users.role), which decides their permissions.
type UserRole string

// UserRole members, in schema order.
const (
	UserRoleAdmin  UserRole = "admin"
	UserRoleOffice UserRole = "office"
	UserRoleField  UserRole = "field"
	UserRoleClient UserRole = "client"
)

var userRoleSet = enumSet[UserRole]{UserRoleAdmin, UserRoleOffice, UserRoleField, UserRoleClient}

// UserRoleValues returns every UserRole in schema order.
func UserRoleValues() []UserRole { return slices.Clone(userRoleSet) }

// Valid reports whether v is one of the UserRole constants.
func (v UserRole) Valid() bool { return userRoleSet.valid(v) }

// Value implements driver.Valuer; it refuses a non-member.
func (v UserRole) Value() (driver.Value, error) { return userRoleSet.value(v) }

// Scan implements sql.Scanner; it refuses a non-member.
func (v *UserRole) Scan(src any) error { return userRoleSet.scan(v, src) }

// OrganizationType tells the company's own organization from client organizations
// (organizations.type).
type OrganizationType string

// OrganizationType members, in schema order.
const (
	OrganizationTypeInternal OrganizationType = "internal"
	OrganizationTypeClient   OrganizationType = "client"
)

var organizationTypeSet = enumSet[OrganizationType]{OrganizationTypeInternal, OrganizationTypeClient}

// OrganizationTypeValues returns every OrganizationType in schema order.
func OrganizationTypeValues() []OrganizationType { return slices.Clone(organizationTypeSet) }

// Valid reports whether v is one of the OrganizationType constants.
func (v OrganizationType) Valid() bool { return organizationTypeSet.valid(v) }

// Value implements driver.Valuer; it refuses a non-member.
func (v OrganizationType) Value() (driver.Value, error) { return organizationTypeSet.value(v) }

// Scan implements sql.Scanner; it refuses a non-member.
func (v *OrganizationType) Scan(src any) error { return organizationTypeSet.scan(v, src) }

// TaskStatus is the progress state of a schedule task (schedule_tasks.status).
type TaskStatus string

// TaskStatus members, in schema order.
const (
	TaskStatusPending    TaskStatus = "PENDING"
	TaskStatusInProgress TaskStatus = "IN_PROGRESS"
	TaskStatusComplete   TaskStatus = "COMPLETE"
	TaskStatusBlocked    TaskStatus = "BLOCKED"
)

var taskStatusSet = enumSet[TaskStatus]{TaskStatusPending, TaskStatusInProgress, TaskStatusComplete, TaskStatusBlocked}

// TaskStatusValues returns every TaskStatus in schema order.
func TaskStatusValues() []TaskStatus { return slices.Clone(taskStatusSet) }

// Valid reports whether v is one of the TaskStatus constants.
func (v TaskStatus) Valid() bool { return taskStatusSet.valid(v) }

// Value implements driver.Valuer; it refuses a non-member.
func (v TaskStatus) Value() (driver.Value, error) { return taskStatusSet.value(v) }

// Scan implements sql.Scanner; it refuses a non-member.
func (v *TaskStatus) Scan(src any) error { return taskStatusSet.scan(v, src) }

// DependencyType is how a task dependency links predecessor and successor
// (task_dependencies.type): finish-to-start, start-to-start, finish-to-finish, start-
// to-finish.
type DependencyType string

// DependencyType members, in schema order.
const (
	DependencyTypeFS DependencyType = "FS"
	DependencyTypeSS DependencyType = "SS"
	DependencyTypeFF DependencyType = "FF"
	DependencyTypeSF DependencyType = "SF"
)

var dependencyTypeSet = enumSet[DependencyType]{DependencyTypeFS, DependencyTypeSS, DependencyTypeFF, DependencyTypeSF}

// DependencyTypeValues returns every DependencyType in schema order.
func DependencyTypeValues() []DependencyType { return slices.Clone(dependencyTypeSet) }

// Valid reports whether v is one of the DependencyType constants.
func (v DependencyType) Valid() bool { return dependencyTypeSet.valid(v) }

// Value implements driver.Valuer; it refuses a non-member.
func (v DependencyType) Value() (driver.Value, error) { return dependencyTypeSet.value(v) }

// Scan implements sql.Scanner; it refuses a non-member.
func (v *DependencyType) Scan(src any) error { return dependencyTypeSet.scan(v, src) }

// ExceptionType is the kind of a workday exception (workday_exceptions.type).
type ExceptionType string

// ExceptionType members, in schema order.
const (
	ExceptionTypeNonWorking ExceptionType = "non_working"
	ExceptionTypeHoliday    ExceptionType = "holiday"
	ExceptionTypeWorking    ExceptionType = "working"
)

var exceptionTypeSet = enumSet[ExceptionType]{ExceptionTypeNonWorking, ExceptionTypeHoliday, ExceptionTypeWorking}

// ExceptionTypeValues returns every ExceptionType in schema order.
func ExceptionTypeValues() []ExceptionType { return slices.Clone(exceptionTypeSet) }

// Valid reports whether v is one of the ExceptionType constants.
func (v ExceptionType) Valid() bool { return exceptionTypeSet.valid(v) }

// Value implements driver.Valuer; it refuses a non-member.
func (v ExceptionType) Value() (driver.Value, error) { return exceptionTypeSet.value(v) }

// Scan implements sql.Scanner; it refuses a non-member.
func (v *ExceptionType) Scan(src any) error { return exceptionTypeSet.scan(v, src) }

// ExceptionCategory is why a workday exception exists (workday_exceptions.category).
type ExceptionCategory string

// ExceptionCategory members, in schema order.
const (
	ExceptionCategoryNationalHoliday ExceptionCategory = "national_holiday"
	ExceptionCategoryStateHoliday    ExceptionCategory = "state_holiday"
	ExceptionCategoryVacationDay     ExceptionCategory = "vacation_day"
	ExceptionCategoryCompanyHoliday  ExceptionCategory = "company_holiday"
	ExceptionCategoryWeatherDay      ExceptionCategory = "weather_day"
)

var exceptionCategorySet = enumSet[ExceptionCategory]{ExceptionCategoryNationalHoliday, ExceptionCategoryStateHoliday, ExceptionCategoryVacationDay, ExceptionCategoryCompanyHoliday, ExceptionCategoryWeatherDay}

// ExceptionCategoryValues returns every ExceptionCategory in schema order.
func ExceptionCategoryValues() []ExceptionCategory { return slices.Clone(exceptionCategorySet) }

// Valid reports whether v is one of the ExceptionCategory constants.
func (v ExceptionCategory) Valid() bool { return exceptionCategorySet.valid(v) }

// Value implements driver.Valuer; it refuses a non-member.
func (v ExceptionCategory) Value() (driver.Value, error) { return exceptionCategorySet.value(v) }

// Scan implements sql.Scanner; it refuses a non-member.
func (v *ExceptionCategory) Scan(src any) error { return exceptionCategorySet.scan(v, src) }

// ExceptionRecurrence is whether a workday exception repeats
// (workday_exceptions.recurrence).
type ExceptionRecurrence string

// ExceptionRecurrence members, in schema order.
const (
	ExceptionRecurrenceOneTime ExceptionRecurrence = "one_time"
	ExceptionRecurrenceYearly  ExceptionRecurrence = "yearly"
)

var exceptionRecurrenceSet = enumSet[ExceptionRecurrence]{ExceptionRecurrenceOneTime, ExceptionRecurrenceYearly}

// ExceptionRecurrenceValues returns every ExceptionRecurrence in schema order.
func ExceptionRecurrenceValues() []ExceptionRecurrence { return slices.Clone(exceptionRecurrenceSet) }

// Valid reports whether v is one of the ExceptionRecurrence constants.
func (v ExceptionRecurrence) Valid() bool { return exceptionRecurrenceSet.valid(v) }

// Value implements driver.Valuer; it refuses a non-member.
func (v ExceptionRecurrence) Value() (driver.Value, error) { return exceptionRecurrenceSet.value(v) }

// Scan implements sql.Scanner; it refuses a non-member.
func (v *ExceptionRecurrence) Scan(src any) error { return exceptionRecurrenceSet.scan(v, src) }

// FeedbackType is the kind of a feedback submission (feedback.type).
type FeedbackType string

// FeedbackType members, in schema order.
const (
	FeedbackTypeBug      FeedbackType = "bug"
	FeedbackTypeFeature  FeedbackType = "feature"
	FeedbackTypeQuestion FeedbackType = "question"
	FeedbackTypeGeneral  FeedbackType = "general"
)

var feedbackTypeSet = enumSet[FeedbackType]{FeedbackTypeBug, FeedbackTypeFeature, FeedbackTypeQuestion, FeedbackTypeGeneral}

// FeedbackTypeValues returns every FeedbackType in schema order.
func FeedbackTypeValues() []FeedbackType { return slices.Clone(feedbackTypeSet) }

// Valid reports whether v is one of the FeedbackType constants.
func (v FeedbackType) Valid() bool { return feedbackTypeSet.valid(v) }

// Value implements driver.Valuer; it refuses a non-member.
func (v FeedbackType) Value() (driver.Value, error) { return feedbackTypeSet.value(v) }

// Scan implements sql.Scanner; it refuses a non-member.
func (v *FeedbackType) Scan(src any) error { return feedbackTypeSet.scan(v, src) }

// Sentiment is the overall sentiment of a feedback interview
// (feedback_interviews.overall_sentiment).
type Sentiment string

// Sentiment members, in schema order.
const (
	SentimentPositive Sentiment = "positive"
	SentimentNeutral  Sentiment = "neutral"
	SentimentNegative Sentiment = "negative"
	SentimentMixed    Sentiment = "mixed"
)

var sentimentSet = enumSet[Sentiment]{SentimentPositive, SentimentNeutral, SentimentNegative, SentimentMixed}

// SentimentValues returns every Sentiment in schema order.
func SentimentValues() []Sentiment { return slices.Clone(sentimentSet) }

// Valid reports whether v is one of the Sentiment constants.
func (v Sentiment) Valid() bool { return sentimentSet.valid(v) }

// Value implements driver.Valuer; it refuses a non-member.
func (v Sentiment) Value() (driver.Value, error) { return sentimentSet.value(v) }

// Scan implements sql.Scanner; it refuses a non-member.
func (v *Sentiment) Scan(src any) error { return sentimentSet.scan(v, src) }

// MessageRole is the author role of a chat message (agent_memories.role), as in the AI
// SDK.
type MessageRole string

// MessageRole members, in schema order.
const (
	MessageRoleUser      MessageRole = "user"
	MessageRoleAssistant MessageRole = "assistant"
	MessageRoleSystem    MessageRole = "system"
)

var messageRoleSet = enumSet[MessageRole]{MessageRoleUser, MessageRoleAssistant, MessageRoleSystem}

// MessageRoleValues returns every MessageRole in schema order.
func MessageRoleValues() []MessageRole { return slices.Clone(messageRoleSet) }

// Valid reports whether v is one of the MessageRole constants.
func (v MessageRole) Valid() bool { return messageRoleSet.valid(v) }

// Value implements driver.Valuer; it refuses a non-member.
func (v MessageRole) Value() (driver.Value, error) { return messageRoleSet.value(v) }

// Scan implements sql.Scanner; it refuses a non-member.
func (v *MessageRole) Scan(src any) error { return messageRoleSet.scan(v, src) }

// MemoryType is the kind of a persistent agent memory (slab_memories.memory_type).
type MemoryType string

// MemoryType members, in schema order.
const (
	MemoryTypePreference MemoryType = "preference"
	MemoryTypeWorkflow   MemoryType = "workflow"
	MemoryTypeFact       MemoryType = "fact"
	MemoryTypeDecision   MemoryType = "decision"
)

var memoryTypeSet = enumSet[MemoryType]{MemoryTypePreference, MemoryTypeWorkflow, MemoryTypeFact, MemoryTypeDecision}

// MemoryTypeValues returns every MemoryType in schema order.
func MemoryTypeValues() []MemoryType { return slices.Clone(memoryTypeSet) }

// Valid reports whether v is one of the MemoryType constants.
func (v MemoryType) Valid() bool { return memoryTypeSet.valid(v) }

// Value implements driver.Valuer; it refuses a non-member.
func (v MemoryType) Value() (driver.Value, error) { return memoryTypeSet.value(v) }

// Scan implements sql.Scanner; it refuses a non-member.
func (v *MemoryType) Scan(src any) error { return memoryTypeSet.scan(v, src) }

// Platform is the mobile platform of a push token (push_tokens.platform).
type Platform string

// Platform members, in schema order.
const (
	PlatformIOS     Platform = "ios"
	PlatformAndroid Platform = "android"
)

var platformSet = enumSet[Platform]{PlatformIOS, PlatformAndroid}

// PlatformValues returns every Platform in schema order.
func PlatformValues() []Platform { return slices.Clone(platformSet) }

// Valid reports whether v is one of the Platform constants.
func (v Platform) Valid() bool { return platformSet.valid(v) }

// Value implements driver.Valuer; it refuses a non-member.
func (v Platform) Value() (driver.Value, error) { return platformSet.value(v) }

// Scan implements sql.Scanner; it refuses a non-member.
func (v *Platform) Scan(src any) error { return platformSet.scan(v, src) }

// LocalTable names the local table a NetSuite-synced record lives in
// (netsuite_sync_metadata.local_table).
type LocalTable string

// LocalTable members, in schema order.
const (
	LocalTableCustomers   LocalTable = "customers"
	LocalTableVendors     LocalTable = "vendors"
	LocalTableProjects    LocalTable = "projects"
	LocalTableInvoices    LocalTable = "invoices"
	LocalTableVendorBills LocalTable = "vendor_bills"
)

var localTableSet = enumSet[LocalTable]{LocalTableCustomers, LocalTableVendors, LocalTableProjects, LocalTableInvoices, LocalTableVendorBills}

// LocalTableValues returns every LocalTable in schema order.
func LocalTableValues() []LocalTable { return slices.Clone(localTableSet) }

// Valid reports whether v is one of the LocalTable constants.
func (v LocalTable) Valid() bool { return localTableSet.valid(v) }

// Value implements driver.Valuer; it refuses a non-member.
func (v LocalTable) Value() (driver.Value, error) { return localTableSet.value(v) }

// Scan implements sql.Scanner; it refuses a non-member.
func (v *LocalTable) Scan(src any) error { return localTableSet.scan(v, src) }

// RecordType is a NetSuite record type (netsuite_sync_metadata.netsuite_record_type,
// netsuite_sync_log.record_type).
type RecordType string

// RecordType members, in schema order.
const (
	RecordTypeCustomer   RecordType = "customer"
	RecordTypeVendor     RecordType = "vendor"
	RecordTypeJob        RecordType = "job"
	RecordTypeInvoice    RecordType = "invoice"
	RecordTypeVendorBill RecordType = "vendorBill"
)

var recordTypeSet = enumSet[RecordType]{RecordTypeCustomer, RecordTypeVendor, RecordTypeJob, RecordTypeInvoice, RecordTypeVendorBill}

// RecordTypeValues returns every RecordType in schema order.
func RecordTypeValues() []RecordType { return slices.Clone(recordTypeSet) }

// Valid reports whether v is one of the RecordType constants.
func (v RecordType) Valid() bool { return recordTypeSet.valid(v) }

// Value implements driver.Valuer; it refuses a non-member.
func (v RecordType) Value() (driver.Value, error) { return recordTypeSet.value(v) }

// Scan implements sql.Scanner; it refuses a non-member.
func (v *RecordType) Scan(src any) error { return recordTypeSet.scan(v, src) }

// SyncStatus is the NetSuite sync state of a local record
// (netsuite_sync_metadata.sync_status).
type SyncStatus string

// SyncStatus members, in schema order.
const (
	SyncStatusSynced      SyncStatus = "synced"
	SyncStatusPendingPush SyncStatus = "pending_push"
	SyncStatusConflict    SyncStatus = "conflict"
	SyncStatusError       SyncStatus = "error"
)

var syncStatusSet = enumSet[SyncStatus]{SyncStatusSynced, SyncStatusPendingPush, SyncStatusConflict, SyncStatusError}

// SyncStatusValues returns every SyncStatus in schema order.
func SyncStatusValues() []SyncStatus { return slices.Clone(syncStatusSet) }

// Valid reports whether v is one of the SyncStatus constants.
func (v SyncStatus) Valid() bool { return syncStatusSet.valid(v) }

// Value implements driver.Valuer; it refuses a non-member.
func (v SyncStatus) Value() (driver.Value, error) { return syncStatusSet.value(v) }

// Scan implements sql.Scanner; it refuses a non-member.
func (v *SyncStatus) Scan(src any) error { return syncStatusSet.scan(v, src) }

// SyncDirection is the direction of a NetSuite sync run (netsuite_sync_log.direction).
type SyncDirection string

// SyncDirection members, in schema order.
const (
	SyncDirectionPull SyncDirection = "pull"
	SyncDirectionPush SyncDirection = "push"
)

var syncDirectionSet = enumSet[SyncDirection]{SyncDirectionPull, SyncDirectionPush}

// SyncDirectionValues returns every SyncDirection in schema order.
func SyncDirectionValues() []SyncDirection { return slices.Clone(syncDirectionSet) }

// Valid reports whether v is one of the SyncDirection constants.
func (v SyncDirection) Valid() bool { return syncDirectionSet.valid(v) }

// Value implements driver.Valuer; it refuses a non-member.
func (v SyncDirection) Value() (driver.Value, error) { return syncDirectionSet.value(v) }

// Scan implements sql.Scanner; it refuses a non-member.
func (v *SyncDirection) Scan(src any) error { return syncDirectionSet.scan(v, src) }

// SyncRunStatus is the state of a NetSuite sync run (netsuite_sync_log.status).
type SyncRunStatus string

// SyncRunStatus members, in schema order.
const (
	SyncRunStatusRunning   SyncRunStatus = "running"
	SyncRunStatusCompleted SyncRunStatus = "completed"
	SyncRunStatusFailed    SyncRunStatus = "failed"
)

var syncRunStatusSet = enumSet[SyncRunStatus]{SyncRunStatusRunning, SyncRunStatusCompleted, SyncRunStatusFailed}

// SyncRunStatusValues returns every SyncRunStatus in schema order.
func SyncRunStatusValues() []SyncRunStatus { return slices.Clone(syncRunStatusSet) }

// Valid reports whether v is one of the SyncRunStatus constants.
func (v SyncRunStatus) Valid() bool { return syncRunStatusSet.valid(v) }

// Value implements driver.Valuer; it refuses a non-member.
func (v SyncRunStatus) Value() (driver.Value, error) { return syncRunStatusSet.value(v) }

// Scan implements sql.Scanner; it refuses a non-member.
func (v *SyncRunStatus) Scan(src any) error { return syncRunStatusSet.scan(v, src) }

// PaymentType tells payments received from customers from payments sent to vendors
// (payments.payment_type).
type PaymentType string

// PaymentType members, in schema order.
const (
	PaymentTypeReceived PaymentType = "received"
	PaymentTypeSent     PaymentType = "sent"
)

var paymentTypeSet = enumSet[PaymentType]{PaymentTypeReceived, PaymentTypeSent}

// PaymentTypeValues returns every PaymentType in schema order.
func PaymentTypeValues() []PaymentType { return slices.Clone(paymentTypeSet) }

// Valid reports whether v is one of the PaymentType constants.
func (v PaymentType) Valid() bool { return paymentTypeSet.valid(v) }

// Value implements driver.Valuer; it refuses a non-member.
func (v PaymentType) Value() (driver.Value, error) { return paymentTypeSet.value(v) }

// Scan implements sql.Scanner; it refuses a non-member.
func (v *PaymentType) Scan(src any) error { return paymentTypeSet.scan(v, src) }

// PaymentMethod is how a payment was made (payments.payment_method). The existing
// application writes "" when none was chosen; that is PaymentMethodNone, distinct from
// a NULL column.
type PaymentMethod string

// PaymentMethod members, in schema order.
const (
	PaymentMethodNone       PaymentMethod = ""
	PaymentMethodCheck      PaymentMethod = "check"
	PaymentMethodACH        PaymentMethod = "ach"
	PaymentMethodWire       PaymentMethod = "wire"
	PaymentMethodCreditCard PaymentMethod = "credit_card"
	PaymentMethodCash       PaymentMethod = "cash"
	PaymentMethodOther      PaymentMethod = "other"
)

var paymentMethodSet = enumSet[PaymentMethod]{PaymentMethodNone, PaymentMethodCheck, PaymentMethodACH, PaymentMethodWire, PaymentMethodCreditCard, PaymentMethodCash, PaymentMethodOther}

// PaymentMethodValues returns every PaymentMethod in schema order.
func PaymentMethodValues() []PaymentMethod { return slices.Clone(paymentMethodSet) }

// Valid reports whether v is one of the PaymentMethod constants.
func (v PaymentMethod) Valid() bool { return paymentMethodSet.valid(v) }

// Value implements driver.Valuer; it refuses a non-member.
func (v PaymentMethod) Value() (driver.Value, error) { return paymentMethodSet.value(v) }

// Scan implements sql.Scanner; it refuses a non-member.
func (v *PaymentMethod) Scan(src any) error { return paymentMethodSet.scan(v, src) }

// CreditMemoStatus is the state of a credit memo (credit_memos.status).
type CreditMemoStatus string

// CreditMemoStatus members, in schema order.
const (
	CreditMemoStatusDraft   CreditMemoStatus = "draft"
	CreditMemoStatusApplied CreditMemoStatus = "applied"
	CreditMemoStatusVoid    CreditMemoStatus = "void"
)

var creditMemoStatusSet = enumSet[CreditMemoStatus]{CreditMemoStatusDraft, CreditMemoStatusApplied, CreditMemoStatusVoid}

// CreditMemoStatusValues returns every CreditMemoStatus in schema order.
func CreditMemoStatusValues() []CreditMemoStatus { return slices.Clone(creditMemoStatusSet) }

// Valid reports whether v is one of the CreditMemoStatus constants.
func (v CreditMemoStatus) Valid() bool { return creditMemoStatusSet.valid(v) }

// Value implements driver.Valuer; it refuses a non-member.
func (v CreditMemoStatus) Value() (driver.Value, error) { return creditMemoStatusSet.value(v) }

// Scan implements sql.Scanner; it refuses a non-member.
func (v *CreditMemoStatus) Scan(src any) error { return creditMemoStatusSet.scan(v, src) }

// PluginSourceType is where a plugin was installed from (plugins.source_type).
type PluginSourceType string

// PluginSourceType members, in schema order.
const (
	PluginSourceTypeBuiltin PluginSourceType = "builtin"
	PluginSourceTypeLocal   PluginSourceType = "local"
	PluginSourceTypeNpm     PluginSourceType = "npm"
	PluginSourceTypeSkills  PluginSourceType = "skills"
)

var pluginSourceTypeSet = enumSet[PluginSourceType]{PluginSourceTypeBuiltin, PluginSourceTypeLocal, PluginSourceTypeNpm, PluginSourceTypeSkills}

// PluginSourceTypeValues returns every PluginSourceType in schema order.
func PluginSourceTypeValues() []PluginSourceType { return slices.Clone(pluginSourceTypeSet) }

// Valid reports whether v is one of the PluginSourceType constants.
func (v PluginSourceType) Valid() bool { return pluginSourceTypeSet.valid(v) }

// Value implements driver.Valuer; it refuses a non-member.
func (v PluginSourceType) Value() (driver.Value, error) { return pluginSourceTypeSet.value(v) }

// Scan implements sql.Scanner; it refuses a non-member.
func (v *PluginSourceType) Scan(src any) error { return pluginSourceTypeSet.scan(v, src) }

// PluginStatus is whether a plugin is active (plugins.status).
type PluginStatus string

// PluginStatus members, in schema order.
const (
	PluginStatusEnabled  PluginStatus = "enabled"
	PluginStatusDisabled PluginStatus = "disabled"
	PluginStatusError    PluginStatus = "error"
)

var pluginStatusSet = enumSet[PluginStatus]{PluginStatusEnabled, PluginStatusDisabled, PluginStatusError}

// PluginStatusValues returns every PluginStatus in schema order.
func PluginStatusValues() []PluginStatus { return slices.Clone(pluginStatusSet) }

// Valid reports whether v is one of the PluginStatus constants.
func (v PluginStatus) Valid() bool { return pluginStatusSet.valid(v) }

// Value implements driver.Valuer; it refuses a non-member.
func (v PluginStatus) Value() (driver.Value, error) { return pluginStatusSet.value(v) }

// Scan implements sql.Scanner; it refuses a non-member.
func (v *PluginStatus) Scan(src any) error { return pluginStatusSet.scan(v, src) }

// PluginEventType is what happened in a plugin lifecycle event
// (plugin_events.event_type).
type PluginEventType string

// PluginEventType members, in schema order.
const (
	PluginEventTypeInstalled  PluginEventType = "installed"
	PluginEventTypeEnabled    PluginEventType = "enabled"
	PluginEventTypeDisabled   PluginEventType = "disabled"
	PluginEventTypeConfigured PluginEventType = "configured"
	PluginEventTypeError      PluginEventType = "error"
)

var pluginEventTypeSet = enumSet[PluginEventType]{PluginEventTypeInstalled, PluginEventTypeEnabled, PluginEventTypeDisabled, PluginEventTypeConfigured, PluginEventTypeError}

// PluginEventTypeValues returns every PluginEventType in schema order.
func PluginEventTypeValues() []PluginEventType { return slices.Clone(pluginEventTypeSet) }

// Valid reports whether v is one of the PluginEventType constants.
func (v PluginEventType) Valid() bool { return pluginEventTypeSet.valid(v) }

// Value implements driver.Valuer; it refuses a non-member.
func (v PluginEventType) Value() (driver.Value, error) { return pluginEventTypeSet.value(v) }

// Scan implements sql.Scanner; it refuses a non-member.
func (v *PluginEventType) Scan(src any) error { return pluginEventTypeSet.scan(v, src) }

// AgentItemType is the kind of an assistant item (agent_items.type).
type AgentItemType string

// AgentItemType members, in schema order.
const (
	AgentItemTypeTodo      AgentItemType = "todo"
	AgentItemTypeNote      AgentItemType = "note"
	AgentItemTypeChecklist AgentItemType = "checklist"
)

var agentItemTypeSet = enumSet[AgentItemType]{AgentItemTypeTodo, AgentItemTypeNote, AgentItemTypeChecklist}

// AgentItemTypeValues returns every AgentItemType in schema order.
func AgentItemTypeValues() []AgentItemType { return slices.Clone(agentItemTypeSet) }

// Valid reports whether v is one of the AgentItemType constants.
func (v AgentItemType) Valid() bool { return agentItemTypeSet.valid(v) }

// Value implements driver.Valuer; it refuses a non-member.
func (v AgentItemType) Value() (driver.Value, error) { return agentItemTypeSet.value(v) }

// Scan implements sql.Scanner; it refuses a non-member.
func (v *AgentItemType) Scan(src any) error { return agentItemTypeSet.scan(v, src) }

// enumColumns maps each CHECK-constrained enumeration column to its members.
var enumColumns = map[string][]string{
	"users.role":                                  strs(userRoleSet),
	"organizations.type":                          strs(organizationTypeSet),
	"schedule_tasks.status":                       strs(taskStatusSet),
	"task_dependencies.type":                      strs(dependencyTypeSet),
	"workday_exceptions.type":                     strs(exceptionTypeSet),
	"workday_exceptions.category":                 strs(exceptionCategorySet),
	"workday_exceptions.recurrence":               strs(exceptionRecurrenceSet),
	"feedback.type":                               strs(feedbackTypeSet),
	"feedback_interviews.overall_sentiment":       strs(sentimentSet),
	"agent_memories.role":                         strs(messageRoleSet),
	"slab_memories.memory_type":                   strs(memoryTypeSet),
	"push_tokens.platform":                        strs(platformSet),
	"netsuite_sync_metadata.local_table":          strs(localTableSet),
	"netsuite_sync_metadata.netsuite_record_type": strs(recordTypeSet),
	"netsuite_sync_log.record_type":               strs(recordTypeSet),
	"netsuite_sync_metadata.sync_status":          strs(syncStatusSet),
	"netsuite_sync_log.direction":                 strs(syncDirectionSet),
	"netsuite_sync_log.status":                    strs(syncRunStatusSet),
	"payments.payment_type":                       strs(paymentTypeSet),
	"payments.payment_method":                     strs(paymentMethodSet),
	"credit_memos.status":                         strs(creditMemoStatusSet),
	"plugins.source_type":                         strs(pluginSourceTypeSet),
	"plugins.status":                              strs(pluginStatusSet),
	"plugin_events.event_type":                    strs(pluginEventTypeSet),
	"agent_items.type":                            strs(agentItemTypeSet),
}

// EnumValues returns the allowed values of a CHECK-constrained enumeration
// column, named "table.column" (e.g. "schedule_tasks.status"), in schema
// order, so tests can compare the Go constants with the schema. It reports
// false for any other column.
func EnumValues(column string) ([]string, bool) {
	v, ok := enumColumns[column]
	return slices.Clone(v), ok
}
