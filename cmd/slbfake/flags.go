package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"strings"
	"time"

	"github.com/slbfake/slbfake/fake"
)

// defaultListen is where the server listens without -listen.
const defaultListen = "127.0.0.1:8080"

// defaultCallLimit bounds the server's call record, so that a long run does
// not grow without end: about 5 KB a call, so about 50 MB when full (the
// soak run measured the server levelling off at about 105 MB).
const defaultCallLimit = 10000

// Server limits and the state file's coalescing interval: the defaults of
// the flags of the same names (see the README's "Limits and safety").
const (
	// defaultStateInterval is how long a change may wait before the state
	// file is rewritten, so that a burst of changes costs one write.
	defaultStateInterval = 200 * time.Millisecond
	// defaultReadHeaderTimeout bounds the request line and headers.
	defaultReadHeaderTimeout = 10 * time.Second
	// defaultReadTimeout bounds the whole request: line, headers and body.
	// It is lifted once the body has been read, so that it never cuts a call
	// that is waiting out an injected latency.
	defaultReadTimeout = time.Minute
	// defaultWriteTimeout bounds the writing of a response, counted from its
	// first byte: an injected latency (up to an hour) is spent before it
	// starts.
	defaultWriteTimeout = time.Minute
	// defaultIdleTimeout closes a keep-alive connection left idle this long.
	defaultIdleTimeout = 2 * time.Minute
	// defaultMaxHeaderBytes bounds the request line and headers (net/http
	// allows 4096 bytes of slack on top and answers 431 beyond).
	defaultMaxHeaderBytes = 64 << 10
)

// firstDerivedAccount is the account of the first -access-key given without
// ACCOUNT; the n-th such flag (counting every -access-key, from 1) gets
// firstDerivedAccount+n-1. Sixteen digits, like real account IDs, and well
// clear of fake.DefaultAccountId.
const firstDerivedAccount = 1000000000000001

// config is the parsed command line.
type config struct {
	listen string
	keys   []fake.AccessKey
	seed   uint64
	state  string
	// faults is a JSON file of fault rules ([]fake.FaultRule).
	faults string
	// virtualClock starts the fake on a virtual clock at the real time,
	// moved only by the admin endpoint (POST /_slbfake/clock?advance=D).
	virtualClock bool
	// pending, starting, stopping are the lifecycle durations; configuring
	// the LB configuring window.
	pending, starting, stopping, configuring time.Duration
	// listenerStarting, listenerStopping are the listeners' durations.
	listenerStarting, listenerStopping time.Duration
	// callLimit bounds the call record (fake.WithCallLimit).
	callLimit int
	// adminHosts are more Host names the admin endpoint answers to.
	adminHosts []string
	// stateInterval is the longest a committed change waits before the
	// state file is rewritten (0: at once).
	stateInterval time.Duration
	// The http.Server's limits (0 disables a timeout).
	readHeaderTimeout, readTimeout, writeTimeout, idleTimeout time.Duration
	maxHeaderBytes                                            int
}

// defaultConfig is the configuration of an empty command line.
func defaultConfig() config {
	return config{listen: defaultListen, callLimit: defaultCallLimit, stateInterval: defaultStateInterval,
		readHeaderTimeout: defaultReadHeaderTimeout, readTimeout: defaultReadTimeout,
		writeTimeout: defaultWriteTimeout, idleTimeout: defaultIdleTimeout, maxHeaderBytes: defaultMaxHeaderBytes}
}

// usageError is a bad command line: main exits 2 on it.
type usageError struct{ msg string }

func (e *usageError) Error() string { return e.msg }

// accessKeys collects the repeatable -access-key flag.
type accessKeys struct{ keys *[]fake.AccessKey }

func (a accessKeys) String() string {
	if a.keys == nil {
		return ""
	}
	ids := make([]string, len(*a.keys))
	for i, k := range *a.keys {
		ids[i] = k.Id
	}
	return strings.Join(ids, ",")
}

func (a accessKeys) Set(v string) error {
	k, err := parseAccessKey(v, len(*a.keys)+1)
	if err != nil {
		return err
	}
	for _, old := range *a.keys {
		if old.Id == k.Id {
			return fmt.Errorf("access key %q given twice", k.Id)
		}
	}
	*a.keys = append(*a.keys, k)
	return nil
}

// parseAccessKey parses ID:SECRET[:ACCOUNT[:TOKEN]]; position is the flag's
// place among the -access-key flags, from 1, and picks the account when none
// is given (ACCOUNT may be left empty before a TOKEN). A TOKEN makes the key
// an STS credential: requests signed with it must carry that security token.
func parseAccessKey(v string, position int) (fake.AccessKey, error) {
	const want = "want ID:SECRET[:ACCOUNT[:TOKEN]]"
	parts := strings.Split(v, ":")
	if len(parts) < 2 || len(parts) > 4 {
		return fake.AccessKey{}, errors.New(want)
	}
	k := fake.AccessKey{Id: parts[0], Secret: parts[1]}
	switch {
	case k.Id == "":
		return fake.AccessKey{}, errors.New("empty access key ID (" + want + ")")
	case k.Secret == "":
		return fake.AccessKey{}, errors.New("empty access key secret (" + want + ")")
	case strings.ContainsAny(v, " \t\r\n"):
		return fake.AccessKey{}, errors.New("white space in access key")
	case k.Id == fake.DefaultAccessKeyId:
		return fake.AccessKey{}, fmt.Errorf("%s is the default access key, always accepted with its own secret", k.Id)
	}
	if len(parts) == 4 {
		if k.SecurityToken = parts[3]; k.SecurityToken == "" {
			return fake.AccessKey{}, errors.New("empty security token (" + want + ")")
		}
	}
	if len(parts) >= 3 && (parts[2] != "" || len(parts) == 3) {
		k.Account = parts[2]
		if k.Account == "" || strings.Trim(k.Account, "0123456789") != "" {
			return fake.AccessKey{}, fmt.Errorf("account %q is not a number (%s)", k.Account, want)
		}
	} else {
		k.Account = fmt.Sprintf("%016d", firstDerivedAccount+position-1)
	}
	return k, nil
}

// parseFlags parses args (without the program name). Errors are usageErrors,
// or flag.ErrHelp for -h; the flag package has already written the usage to
// stderr.
func parseFlags(args []string, stderr io.Writer) (config, error) {
	cfg := defaultConfig()
	fs := flag.NewFlagSet("slbfake", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprintf(fs.Output(), "Usage: slbfake [flags]\n\n"+
			"Serves an in-memory fake of Alibaba Cloud SLB (2014-05-15), ECS and VPC over\n"+
			"Alibaba's RPC protocol. Default credentials: %s / %s (account %s).\n\nFlags:\n",
			fake.DefaultAccessKeyId, fake.DefaultAccessKeySecret, fake.DefaultAccountId)
		fs.PrintDefaults()
	}
	fs.StringVar(&cfg.listen, "listen", defaultListen, "`address` to listen on, HOST:PORT; port 0 picks a free port")
	fs.Var(accessKeys{&cfg.keys}, "access-key", "accept the credential `ID:SECRET[:ACCOUNT[:TOKEN]]` as well as the default (repeatable);\n"+
		"with TOKEN it is an STS credential: requests must carry that security token;\n"+
		"without ACCOUNT, the n-th -access-key (counting all of them) gets account 1000000000000000+n")
	fs.Uint64Var(&cfg.seed, "seed", 0, "seed of every resource ID and RequestId of a new world (a loaded -state resumes its own)")
	fs.StringVar(&cfg.state, "state", "", "state `file`: loaded at start if it exists, rewritten atomically at most\n"+
		"-state-interval after each change, and on SIGINT/SIGTERM")
	fs.DurationVar(&cfg.stateInterval, "state-interval", defaultStateInterval, "longest a change waits before the -state file is rewritten;\n"+
		"a kill -9 loses at most the changes of the last interval (plus two writes); 0 writes at once")
	fs.StringVar(&cfg.faults, "faults", "", "JSON `file` of fault rules (an array of fake.FaultRule) to start with;\n"+
		"change them at run time with PUT /_slbfake/faults")
	fs.BoolVar(&cfg.virtualClock, "virtual-clock", false, "run on a virtual clock that starts at the real time and moves only\n"+
		"with POST /_slbfake/clock?advance=DURATION (default: real time)")
	fs.DurationVar(&cfg.pending, "pending", 0, "how long new instances stay Pending")
	fs.DurationVar(&cfg.starting, "starting", 0, "how long starting instances stay Starting")
	fs.DurationVar(&cfg.stopping, "stopping", 0, "how long stopping instances stay Stopping")
	fs.DurationVar(&cfg.listenerStarting, "listener-starting", 0, "how long started SLB listeners stay starting")
	fs.DurationVar(&cfg.listenerStopping, "listener-stopping", 0, "how long stopped SLB listeners stay stopping")
	fs.DurationVar(&cfg.configuring, "configuring-window", 0, "how long an LB refuses another backend change after one\n"+
		"(BackendServer.configuring)")
	fs.IntVar(&cfg.callLimit, "call-limit", defaultCallLimit, "keep the last `N` calls in the record (GET /_slbfake/calls); 0 keeps all")
	fs.Func("admin-host", "let the admin endpoint /_slbfake/ answer requests whose Host is `NAME` too (repeatable);\n"+
		"it answers loopback names and the address it was reached at; \"*\" gives up the Host check", func(v string) error {
		if strings.TrimSpace(v) == "" {
			return errors.New("empty host name")
		}
		cfg.adminHosts = append(cfg.adminHosts, v)
		return nil
	})
	fs.DurationVar(&cfg.readHeaderTimeout, "read-header-timeout", defaultReadHeaderTimeout, "longest wait for a request's line and headers (0: -read-timeout's)")
	fs.DurationVar(&cfg.readTimeout, "read-timeout", defaultReadTimeout, "longest wait for a whole request, body included (lifted once the body\n"+
		"is read, so an injected latency is never cut); 0: none")
	fs.DurationVar(&cfg.writeTimeout, "write-timeout", defaultWriteTimeout, "longest a response may take to write, from its first byte (an injected\n"+
		"latency is spent before); 0: none")
	fs.DurationVar(&cfg.idleTimeout, "idle-timeout", defaultIdleTimeout, "close a keep-alive connection idle this long (0: -read-timeout's)")
	fs.IntVar(&cfg.maxHeaderBytes, "max-header-bytes", defaultMaxHeaderBytes, "largest request line and headers, in `bytes` (431 beyond)")
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return cfg, err
		}
		return cfg, &usageError{err.Error()}
	}
	for _, d := range []struct {
		name string
		v    time.Duration
	}{{"state-interval", cfg.stateInterval}, {"read-header-timeout", cfg.readHeaderTimeout}, {"read-timeout", cfg.readTimeout},
		{"write-timeout", cfg.writeTimeout}, {"idle-timeout", cfg.idleTimeout}} {
		if d.v < 0 {
			return cfg, usage(fs, "invalid value %q for flag -%s: negative", d.v.String(), d.name)
		}
	}
	if cfg.maxHeaderBytes <= 0 {
		return cfg, usage(fs, "invalid value %d for flag -max-header-bytes: want a positive size", cfg.maxHeaderBytes)
	}
	if fs.NArg() > 0 {
		return cfg, usage(fs, "unexpected argument %q", fs.Arg(0))
	}
	if _, port, err := net.SplitHostPort(cfg.listen); err != nil {
		return cfg, usage(fs, "invalid value %q for flag -listen: want HOST:PORT", cfg.listen)
	} else if _, err := net.LookupPort("tcp", port); err != nil {
		return cfg, usage(fs, "invalid value %q for flag -listen: bad port %q", cfg.listen, port)
	}
	return cfg, nil
}

// usage reports a bad command line the way the flag package does: the
// message, then the usage.
func usage(fs *flag.FlagSet, format string, args ...any) error {
	msg := fmt.Sprintf(format, args...)
	fmt.Fprintln(fs.Output(), msg)
	fs.Usage()
	return &usageError{msg}
}
