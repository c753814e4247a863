// Command slbfake serves the fake Alibaba Cloud SLB, ECS and VPC over HTTP,
// for SDKs and tools in any language:
//
//	go run ./cmd/slbfake [-listen 127.0.0.1:8080] [-access-key ID:SECRET[:ACCOUNT[:TOKEN]]]... [-seed N] [-state FILE]
//
// Its first line on standard output is "slbfake listening on http://HOST:PORT",
// the address it bound; the credentials it accepts follow. It logs one line
// per request to standard error, and a warning there when it listens on an
// address that is not loopback. A bad command line exits 2.
//
// With -state FILE the world survives the process: FILE is loaded at start,
// rewritten atomically (temporary file, fsync, rename, fsync of the
// directory) at most -state-interval after each change, and written once
// more on SIGINT or SIGTERM. Those signals cancel the calls in flight (an
// injected latency included: they answer 503 ServiceUnavailable and change
// nothing), stop the server within shutdownGrace, write the state and exit
// 0. A kill -9 loses at most the changes of the last -state-interval (plus
// the time of two writes); temporary files a kill left behind are removed at
// the next start.
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

// shutdownGrace bounds the wait for connections to finish on shutdown, once
// the calls in flight have been cancelled; the connections still open then
// (a client still sending its body, say) are closed.
const shutdownGrace = 3 * time.Second

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

// run serves until ctx is done, then cancels the calls in flight, shuts the
// server down and writes the state file. args are the command-line arguments
// without the program name.
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
	var saved *os.File
	if cfg.state != "" {
		if saved, err = openState(cfg.state); err != nil {
			return err
		}
		if saved != nil {
			defer saved.Close()
		}
	}
	opts = append(opts, fake.WithSeed(cfg.seed),
		fake.WithLifecycle(model.LifecycleDurations{Pending: cfg.pending, Starting: cfg.starting, Stopping: cfg.stopping,
			ListenerStarting: cfg.listenerStarting, ListenerStopping: cfg.listenerStopping}),
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
		err := importState(f, saved)
		saved.Close()
		if err != nil {
			return fmt.Errorf("load state %s: %w", cfg.state, err)
		}
	}
	var leftovers []string
	if cfg.state != "" {
		if leftovers, err = removeLeftovers(cfg.state); err != nil {
			return err
		}
	}

	ln, err := (&net.ListenConfig{}).Listen(ctx, "tcp", cfg.listen)
	if err != nil {
		return err
	}
	// Every request's context descends from base: cancelling it on shutdown
	// ends the calls in flight, those waiting out a latency fault included.
	base, cancelCalls := context.WithCancel(context.WithoutCancel(ctx))
	defer cancelCalls()
	fe := &frontend{h: fake.AllowAdminHosts(f.Handler(), cfg.adminHosts...), readTimeout: cfg.readTimeout, writeTimeout: cfg.writeTimeout}
	var persist *persister
	if cfg.state != "" {
		persist = newPersister(f, cfg.state, cfg.stateInterval, logger)
		fe.version, fe.changed = f.Version, persist.changed
	}
	srv := &http.Server{
		Handler:           fe,
		ReadHeaderTimeout: cfg.readHeaderTimeout,
		ReadTimeout:       cfg.readTimeout,
		WriteTimeout:      cfg.writeTimeout,
		IdleTimeout:       cfg.idleTimeout,
		MaxHeaderBytes:    cfg.maxHeaderBytes,
		BaseContext:       func(net.Listener) context.Context { return base },
		ErrorLog:          slog.NewLogLogger(logger.Handler(), slog.LevelWarn),
	}
	if !isLoopback(ln.Addr()) {
		if _, err := io.WriteString(stderr, nonLoopbackWarning(ln.Addr())); err != nil {
			ln.Close()
			return err
		}
	}
	if err := printBanner(stdout, ln.Addr(), f.AccessKeys()); err != nil {
		ln.Close()
		return err
	}
	if saved != nil {
		logger.Info("state loaded", "file", cfg.state)
	}
	for _, name := range leftovers {
		logger.Info("removed a temporary state file left by a killed write", "file", name)
	}

	persistCtx, stopPersist := context.WithCancel(context.Background())
	persisted := make(chan struct{})
	go func() {
		defer close(persisted)
		if persist != nil {
			persist.loop(persistCtx)
		}
	}()
	served := make(chan error, 1)
	go func() { served <- srv.Serve(ln) }()
	select {
	case err = <-served: // Serve failed before any shutdown
	case <-ctx.Done():
		cancelCalls()
		sctx, cancel := context.WithTimeout(context.Background(), shutdownGrace)
		if serr := srv.Shutdown(sctx); serr != nil {
			logger.Warn("connections still open after the shutdown grace; closing them", "grace", shutdownGrace)
			srv.Close()
		}
		cancel()
		<-served // http.ErrServerClosed
	}
	stopPersist()
	<-persisted // no write in progress from here on
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
