package main

import (
	"context"
	"errors"
	"io"
)

type finding struct{}

func lintDir(ctx context.Context, dir string, files []string) ([]finding, error) { return nil, nil }
func printFindings(w io.Writer, f []finding)                                     {}
func (e *env) migrateLint(ctx context.Context, args []string) error              { return errors.New("todo") }
func (e *env) adopt(ctx context.Context, args []string) error                    { return errors.New("todo") }
func (e *env) schema(ctx context.Context, args []string) error                   { return errors.New("todo") }
