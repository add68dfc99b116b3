package solve

import (
	"errors"
	"os/exec"
	"runtime"
	"syscall"
	"unsafe"
)

// startSandboxed starts cmd in a process group of its own, under a
// Landlock ruleset when the kernel has Landlock (see landlock.go), and
// with its files limited to MaxPDFBytes.
//
// Landlock restricts the thread that asks and whatever it starts from
// then on, so the rules are applied on a thread locked to a goroutine of
// its own, which starts cmd and then ends, and the thread with it: no
// other goroutine ever runs restricted.
func startSandboxed(cmd *exec.Cmd, sb sandbox) error {
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	rules := landlockRules(sb)
	started := make(chan error, 1)
	go func() {
		runtime.LockOSThread() // never unlocked: the thread ends with the goroutine
		if err := rules.restrictThread(); err != nil {
			started <- err
			return
		}
		started <- cmd.Start()
	}()
	if err := <-started; err != nil {
		return err
	}
	limitFileSize(cmd.Process.Pid, MaxPDFBytes)
	return nil
}

// limitFileSize sets RLIMIT_FSIZE of a running process: a write beyond
// max bytes kills it with SIGXFSZ. pdflatex is limited right after it
// starts, while it is still loading its format, before any of the
// document is read.
func limitFileSize(pid int, max uint64) {
	const rlimitFSize = 1
	lim := syscall.Rlimit{Cur: max, Max: max}
	syscall.RawSyscall6(syscall.SYS_PRLIMIT64, uintptr(pid), rlimitFSize, uintptr(unsafe.Pointer(&lim)), 0, 0, 0)
}

// exceededFileSize reports whether the process was killed for writing
// past its file size limit.
func exceededFileSize(err error) bool {
	var exit *exec.ExitError
	if !errors.As(err, &exit) {
		return false
	}
	ws, ok := exit.Sys().(syscall.WaitStatus)
	return ok && ws.Signaled() && ws.Signal() == syscall.SIGXFSZ
}

// watchExit reports on exited when cmd's process has ended, without
// reaping it: while it is unreaped its process ID, which is also its
// group's ID, cannot be reused, so signalling the group cannot hit a
// stranger. finish kills what is left of the group and reaps the process.
func watchExit(cmd *exec.Cmd) (exited <-chan struct{}, finish func() error) {
	done := make(chan struct{})
	pid := cmd.Process.Pid
	go func() {
		defer close(done)
		const pPID, wExited, wNoWait = 1, 4, 0x1000000
		var info [128]byte // siginfo_t
		for {
			_, _, e := syscall.Syscall6(syscall.SYS_WAITID, pPID, uintptr(pid), uintptr(unsafe.Pointer(&info)), wExited|wNoWait, 0, 0)
			if e != syscall.EINTR {
				return
			}
		}
	}()
	return done, func() error {
		<-done
		signalGroup(cmd, true)
		return cmd.Wait()
	}
}

// signalGroup interrupts (SIGINT) or kills (SIGKILL) cmd's process group.
func signalGroup(cmd *exec.Cmd, kill bool) {
	sig := syscall.SIGINT
	if kill {
		sig = syscall.SIGKILL
	}
	syscall.Kill(-cmd.Process.Pid, sig)
}
