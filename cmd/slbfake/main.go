// Command slbfake serves the fake Alibaba Cloud SLB, ECS and VPC over HTTP,
// for SDKs and tools in any language:
//
//	go run ./cmd/slbfake [-listen 127.0.0.1:8080] [-access-key ID:SECRET[:ACCOUNT[:TOKEN]]]... [-seed N] [-state FILE]
//
// Its first line on standard output is "slbfake listening on http://HOST:PORT",
// the address it bound; the credentials it accepts follow. It logs one line
// per request to standard error. On SIGINT or SIGTERM it stops serving,
// writes the -state file and exits 0. A bad command line exits 2.
package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/slbfake/slbfake/fake"
	"github.com/slbfake/slbfake/model"
)

// shutdownTimeout bounds the wait for in-flight requests on shutdown.
const shutdownTimeout = 10 * time.Second

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	go func() {
		<-ctx.Done()
		stop() // a second signal kills at once
	}()
	err := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	var uerr *usageError
	switch {
	case err == nil:
	case errors.Is(err, flag.ErrHelp):
	case errors.As(err, &uerr):
		os.Exit(2) // the flag package has printed the message and the usage
	default:
		fmt.Fprintln(os.Stderr, "slbfake:", err)
		os.Exit(1)
	}
}

// run serves until ctx is done, then shuts the server down gracefully and
// writes the state file. args are the command-line arguments without the
// program name.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	cfg, err := parseFlags(args, stderr)
	if err != nil {
		return err
	}
	logger := slog.New(slog.NewTextHandler(stderr, nil))
	opts := []fake.Option{fake.WithLogger(logger)}
	for _, k := range cfg.keys {
		opts = append(opts, fake.WithAccessKey(k))
	}
	var saved []byte
	if cfg.state != "" {
		if saved, err = readState(cfg.state); err != nil {
			return err
		}
	}
	opts = append(opts, fake.WithSeed(cfg.seed),
		fake.WithLifecycle(model.LifecycleDurations{Pending: cfg.pending, Starting: cfg.starting, Stopping: cfg.stopping}),
		fake.WithConfiguringWindow(cfg.configuring), fake.WithCallLimit(cfg.callLimit))
	if cfg.virtualClock {
		opts = append(opts, fake.WithClock(fake.NewVirtualClock(time.Now().UTC())))
	}
	if cfg.faults != "" {
		rules, err := readFaults(cfg.faults)
		if err != nil {
			return err
		}
		opts = append(opts, fake.WithFaults(rules...))
	}
	f := fake.New(opts...)
	if saved != nil {
		if err := importState(f, saved); err != nil {
			return fmt.Errorf("load state %s: %w", cfg.state, err)
		}
	}

	ln, err := (&net.ListenConfig{}).Listen(ctx, "tcp", cfg.listen)
	if err != nil {
		return err
	}
	srv := &http.Server{
		Handler:           f.Handler(),
		ReadHeaderTimeout: 30 * time.Second,
		ErrorLog:          slog.NewLogLogger(logger.Handler(), slog.LevelWarn),
	}
	if err := printBanner(stdout, ln.Addr(), f.AccessKeys()); err != nil {
		ln.Close()
		return err
	}
	if saved != nil {
		logger.Info("state loaded", "file", cfg.state)
	}

	served := make(chan error, 1)
	go func() { served <- srv.Serve(ln) }()
	select {
	case err = <-served: // Serve failed before any shutdown
	case <-ctx.Done():
		sctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), shutdownTimeout)
		err = srv.Shutdown(sctx)
		cancel()
		<-served // http.ErrServerClosed
	}
	if cfg.state != "" {
		if serr := writeState(f, cfg.state); serr != nil {
			return errors.Join(err, fmt.Errorf("write state: %w", serr))
		}
		logger.Info("state written", "file", cfg.state)
	}
	return err
}

// printBanner writes the listening line, then the credentials the server
// accepts, the default first.
func printBanner(w io.Writer, addr net.Addr, keys []fake.AccessKey) error {
	var err error
	p := func(format string, args ...any) {
		if err == nil {
			_, err = fmt.Fprintf(w, format, args...)
		}
	}
	p("slbfake listening on http://%s\n", addr)
	for i, k := range keys {
		if i == 0 {
			p("default credentials (account %s):\n", k.Account)
		} else {
			p("credentials (account %s):\n", k.Account)
		}
		p("  ALIBABA_CLOUD_ACCESS_KEY_ID=%s\n", k.Id)
		p("  ALIBABA_CLOUD_ACCESS_KEY_SECRET=%s\n", k.Secret)
	}
	return err
}

// readFaults reads a JSON array of fault rules and checks them, so that a bad
// file stops the server before it listens.
func readFaults(path string) ([]fake.FaultRule, error) {
	raw, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("faults: %w", err)
	}
	var rules []fake.FaultRule
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&rules); err != nil {
		return nil, fmt.Errorf("faults %s: %w", path, err)
	}
	if err := fake.New().SetFaults(rules...); err != nil {
		return nil, fmt.Errorf("faults %s: %w", path, err)
	}
	return rules, nil
}
