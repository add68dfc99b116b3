package solve

import (
	"os"
	"os/exec"
	"path/filepath"
	"time"
)

// sandbox says what pdflatex may touch.
type sandbox struct {
	bin      string   // the pdflatex binary, an absolute path
	dir      string   // the scratch folder, pdflatex's working directory
	writable []string // the files in dir pdflatex may write; they exist
}

// runResult is how a sandboxed run ended, beside its error.
type runResult struct {
	timedOut     bool // stopped at the time limit
	fileTooLarge bool // a file reached MaxPDFBytes
}

// runSandboxed starts cmd in the sandbox and waits for it to end, or for
// the time limit. At the limit it interrupts the process group, on which
// TeX stops and logs the line it was reading, and kills the group if it
// has not ended interruptGrace later. Whatever is left of the group when
// the process has ended (children included) is killed too.
func runSandboxed(cmd *exec.Cmd, sb sandbox, limit time.Duration) (runResult, error) {
	var res runResult
	if err := startSandboxed(cmd, sb); err != nil {
		return res, err
	}
	exited, finish := watchExit(cmd)
	timer := time.NewTimer(limit)
	defer timer.Stop()
	select {
	case <-exited:
	case <-timer.C:
		res.timedOut = true
		signalGroup(cmd, false)
		grace := time.NewTimer(interruptGrace)
		select {
		case <-exited:
		case <-grace.C:
			signalGroup(cmd, true)
			<-exited
		}
		grace.Stop()
	}
	err := finish()
	res.fileTooLarge = exceededFileSize(err)
	for _, name := range sb.writable {
		if st, err := os.Stat(filepath.Join(sb.dir, name)); err == nil && st.Size() >= MaxPDFBytes {
			res.fileTooLarge = true
		}
	}
	return res, err
}
