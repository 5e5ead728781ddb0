package compassdb_test

import (
	"bufio"
	"os"
	"os/exec"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

// writerProc is the crash child of reliability_test.go (this test binary with
// COMPASSDB_CRASH_CHILD set) writing writeOnce transactions into a database file through
// the library, in its own process so that a kill is a real SIGKILL of a real writer.
type writerProc struct {
	cmd    *exec.Cmd
	mu     sync.Mutex
	acks   []ack
	first  chan struct{} // closed at the first acknowledgement
	eof    chan struct{} // closed when the child's stdout ends
	stderr strings.Builder
}

// startWriter starts a writer on the database at path, which must hold the world of
// newWorld. It is killed when the test ends, if it is still running.
func startWriter(t *testing.T, path string) *writerProc {
	t.Helper()
	w := &writerProc{first: make(chan struct{}), eof: make(chan struct{})}
	w.cmd = exec.Command(os.Args[0], "-test.run=^$")
	w.cmd.Env = append(os.Environ(), "COMPASSDB_CRASH_CHILD="+path)
	w.cmd.Stderr = &w.stderr
	stdout, err := w.cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := w.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { w.kill() })
	go func() {
		defer close(w.eof)
		sc := bufio.NewScanner(stdout)
		for sc.Scan() {
			if f := strings.Fields(sc.Text()); len(f) == 6 && f[0] == "ack" {
				w.mu.Lock()
				w.acks = append(w.acks, ack{f[1], f[2], f[3], f[4], f[5]})
				if len(w.acks) == 1 {
					close(w.first)
				}
				w.mu.Unlock()
			}
		}
	}()
	return w
}

// waitFirst waits for the first acknowledged transaction.
func (w *writerProc) waitFirst(t *testing.T, timeout time.Duration) {
	t.Helper()
	select {
	case <-w.first:
	case <-w.eof:
		t.Fatalf("the writer exited before its first write: %s", w.stderr.String())
	case <-time.After(timeout):
		t.Fatalf("no write acknowledged within %s: %s", timeout, w.stderr.String())
	}
}

// count is the number of transactions acknowledged so far.
func (w *writerProc) count() int {
	w.mu.Lock()
	defer w.mu.Unlock()
	return len(w.acks)
}

// kill sends SIGKILL and returns every acknowledged transaction, including those the
// child had written to the pipe before it died.
func (w *writerProc) kill() []ack {
	if w.cmd.ProcessState == nil {
		w.cmd.Process.Signal(syscall.SIGKILL)
		<-w.eof
		w.cmd.Wait()
	}
	w.mu.Lock()
	defer w.mu.Unlock()
	return append([]ack(nil), w.acks...)
}

// daemon is a helper program (litestream, litefs, sqld) run by a test.
type daemon struct {
	cmd    *exec.Cmd
	log    string        // its stdout and stderr
	exited chan struct{} // closed when it has exited
}

// startDaemon starts bin with its output in logPath; it is killed when the test ends if
// the test did not stop it.
func startDaemon(t *testing.T, logPath, bin string, args ...string) *daemon {
	t.Helper()
	logf, err := os.Create(logPath)
	if err != nil {
		t.Fatal(err)
	}
	d := &daemon{cmd: exec.Command(bin, args...), log: logPath, exited: make(chan struct{})}
	d.cmd.Stdout, d.cmd.Stderr = logf, logf
	if err := d.cmd.Start(); err != nil {
		logf.Close()
		t.Fatal(err)
	}
	go func() { d.cmd.Wait(); logf.Close(); close(d.exited) }()
	t.Cleanup(func() {
		if d.running() {
			d.cmd.Process.Signal(syscall.SIGKILL)
			<-d.exited
		}
	})
	return d
}

func (d *daemon) running() bool {
	select {
	case <-d.exited:
		return false
	default:
		return true
	}
}

// stop sends sig and waits up to timeout for the program to exit (then kills it and
// fails the test).
func (d *daemon) stop(t *testing.T, sig syscall.Signal, timeout time.Duration) {
	t.Helper()
	d.cmd.Process.Signal(sig)
	select {
	case <-d.exited:
	case <-time.After(timeout):
		d.cmd.Process.Signal(syscall.SIGKILL)
		<-d.exited
		t.Fatalf("%s did not exit within %s of %v; log:\n%s", d.cmd.Path, timeout, sig, d.tail())
	}
}

// tail is the end of the program's log, for failure messages.
func (d *daemon) tail() string {
	b, _ := os.ReadFile(d.log)
	if len(b) > 4000 {
		b = b[len(b)-4000:]
	}
	return string(b)
}

// binary finds a helper program: the path in env if set, else name on PATH; the test is
// skipped with how to install it when it is neither.
func binary(t *testing.T, env, name, install string) string {
	t.Helper()
	if p := os.Getenv(env); p != "" {
		if _, err := os.Stat(p); err != nil {
			t.Fatalf("%s=%s: %v", env, p, err)
		}
		return p
	}
	p, err := exec.LookPath(name)
	if err != nil {
		t.Skipf("%s is not installed: set %s to its path or put it on PATH (%s)", name, env, install)
	}
	return p
}
