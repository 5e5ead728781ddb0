package main

import (
	"context"
	"errors"
)

func (e *env) schema(ctx context.Context, args []string) error { return errors.New("todo") }
