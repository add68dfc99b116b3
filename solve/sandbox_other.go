//go:build !linux

package solve

import (
	"os"
	"os/exec"
)

// startSandboxed starts cmd. Outside Linux there is no Landlock and no
// file size limit: kpathsea's paranoid modes and the time limit are the
// whole sandbox.
func startSandboxed(cmd *exec.Cmd, _ sandbox) error { return cmd.Start() }

// watchExit waits for cmd in the background; finish returns its error.
func watchExit(cmd *exec.Cmd) (exited <-chan struct{}, finish func() error) {
	done := make(chan struct{})
	var err error
	go func() {
		err = cmd.Wait()
		close(done)
	}()
	return done, func() error { <-done; return err }
}

// signalGroup interrupts or kills the process; outside Linux its children
// are not reached.
func signalGroup(cmd *exec.Cmd, kill bool) {
	if kill || cmd.Process.Signal(os.Interrupt) != nil {
		cmd.Process.Kill()
	}
}

func exceededFileSize(error) bool { return false }

// landlockABI is 0: there is no Landlock.
func landlockABI() int { return 0 }
