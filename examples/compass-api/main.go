// Command compass-api is a small Compass JSON API over net/http that uses compassdb the
// way a production service would: one database handle opened (and migrated) at start,
// per-request queries wrapped with the acting user's permissions (authz), multi-step
// writes in the library's transactions, the library's typed errors mapped to HTTP
// statuses, structured request logs, a health check, and a graceful shutdown that lets
// in-flight requests finish before the database closes.
//
//	go run ./examples/compass-api --seed
//	curl -H 'X-User-ID: demo-admin' localhost:8080/projects
//
// The acting user is named by the X-User-ID header, a stand-in for real authentication.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/compass-eng/compassdb"
)

// shutdownTimeout bounds how long in-flight requests may take to finish on SIGINT or
// SIGTERM before the server stops waiting.
const shutdownTimeout = 15 * time.Second

type config struct {
	dbPath string
	addr   string
	seed   bool
}

func main() {
	var cfg config
	flag.StringVar(&cfg.dbPath, "db", "compass-api.db", "SQLite database file (created and migrated if needed)")
	flag.StringVar(&cfg.addr, "addr", "127.0.0.1:8080", "address to listen on")
	flag.BoolVar(&cfg.seed, "seed", false, "fill an empty database with demo data and print the demo users")
	flag.Parse()

	logger := slog.New(slog.NewTextHandler(os.Stderr, nil))
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := run(ctx, stop, cfg, logger); err != nil {
		logger.Error("compass-api", "error", err)
		os.Exit(1)
	}
}

// run serves until ctx is done (a signal), then shuts down: the listener closes, in-flight
// requests finish (up to shutdownTimeout), and only then the database closes. stop
// restores the default signal handling, so a second Ctrl-C ends the process at once.
func run(ctx context.Context, stop func(), cfg config, logger *slog.Logger) (err error) {
	h, err := compassdb.Open(ctx, cfg.dbPath, compassdb.Options{Migrate: true})
	if err != nil {
		return err
	}
	defer func() {
		if cerr := h.Close(); cerr != nil {
			err = errors.Join(err, fmt.Errorf("close database: %w", cerr))
		} else {
			logger.Info("database closed")
		}
	}()

	if cfg.seed {
		created, err := seedDemo(ctx, h, time.Now())
		if err != nil {
			return fmt.Errorf("seed: %w", err)
		}
		if created {
			logger.Info("seeded demo data", "db", cfg.dbPath)
		} else {
			logger.Info("database not empty; seeding skipped", "db", cfg.dbPath)
		}
	}

	ln, err := net.Listen("tcp", cfg.addr)
	if err != nil {
		return err
	}
	logger.Info("listening", "addr", ln.Addr().String(), "db", cfg.dbPath)
	if cfg.seed {
		printDemoHint(os.Stdout, h, ln.Addr().String())
	}
	return serve(ctx, stop, ln, newAPI(h, logger).handler(), logger)
}

// serve serves handler on ln until ctx is done, then shuts down gracefully: the listener
// closes at once, idle connections close, and requests in flight run to completion (up
// to shutdownTimeout) before serve returns, so the caller may close the database then.
func serve(ctx context.Context, stop func(), ln net.Listener, handler http.Handler, logger *slog.Logger) error {
	srv := &http.Server{
		Handler:           handler,
		ReadHeaderTimeout: 5 * time.Second,
		ReadTimeout:       30 * time.Second,
		WriteTimeout:      30 * time.Second,
		IdleTimeout:       2 * time.Minute,
		ErrorLog:          slog.NewLogLogger(logger.Handler(), slog.LevelWarn),
	}
	served := make(chan error, 1)
	go func() { served <- srv.Serve(ln) }()

	select {
	case err := <-served:
		return err
	case <-ctx.Done():
	}
	stop()
	logger.Info("shutting down; waiting for in-flight requests")
	sctx, cancel := context.WithTimeout(context.Background(), shutdownTimeout)
	defer cancel()
	if err := srv.Shutdown(sctx); err != nil {
		return fmt.Errorf("shutdown: %w", err)
	}
	if err := <-served; !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}
