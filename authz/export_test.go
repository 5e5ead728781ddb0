package authz

// OwnPtr exposes the check of an ownership method whose user id argument is nullable,
// which no query of db/ has yet.
func (q *Querier) OwnPtr(method string, userID *string) error { return q.ownPtr(method, userID) }
