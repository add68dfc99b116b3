package solve

import (
	"bufio"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestTimeLimitKillsTheGroup: at the time limit the whole process group
// goes, children included, even a process that ignores the interrupt.
func TestTimeLimitKillsTheGroup(t *testing.T) {
	t.Parallel()
	sh, err := exec.LookPath("sh")
	require.NoError(t, err)
	dir, err := filepath.EvalSymlinks(t.TempDir())
	require.NoError(t, err)
	for _, name := range []string{"a", "b", "c"} {
		require.NoError(t, os.WriteFile(filepath.Join(dir, name), nil, 0o600))
	}
	// The shell ignores SIGINT, starts a child that does too, prints the
	// child's process ID and waits.
	cmd := exec.Command(sh, "-c", `trap "" INT; sleep 60 & echo $!; wait`)
	cmd.Dir = dir
	stdout, err := cmd.StdoutPipe()
	require.NoError(t, err)
	pids := make(chan int, 1)
	go func() {
		line, _ := bufio.NewReader(stdout).ReadString('\n')
		pid, _ := strconv.Atoi(strings.TrimSpace(line))
		pids <- pid
	}()
	res, err := runSandboxed(cmd, sandbox{bin: sh, dir: dir, writable: []string{"a", "b", "c"}}, time.Second)
	require.Error(t, err)
	assert.True(t, res.timedOut) // and it returned, though the shell ignores SIGINT and waits 60 s
	child := <-pids
	require.Positive(t, child)
	assert.Eventually(t, func() bool { return !alive(child) }, 2*time.Second, 20*time.Millisecond,
		"the shell's child %d outlived the time limit", child)
}

// alive reports whether a process exists and is not a zombie.
func alive(pid int) bool {
	stat, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/stat")
	if err != nil {
		return false
	}
	fields := strings.Fields(string(stat[strings.LastIndexByte(string(stat), ')')+1:]))
	return len(fields) > 0 && fields[0] != "Z" && fields[0] != "X"
}

// TestFileSizeLimit: a process of the sandbox cannot write a file larger
// than MaxPDFBytes. The limit is set just after the process starts, so the
// shell here waits before it starts the children that write: pdflatex
// reads its format first, and starts no children.
func TestFileSizeLimit(t *testing.T) {
	t.Parallel()
	sh, err := exec.LookPath("sh")
	require.NoError(t, err)
	dir, err := filepath.EvalSymlinks(t.TempDir())
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(filepath.Join(dir, "big"), nil, 0o600))
	// The limit is set just after the process starts (see limitFileSize),
	// so the shell waits until it sees it before writing.
	cmd := exec.Command(sh, "-c", `until [ "$(ulimit -f)" != unlimited ]; do sleep 0.01; done; `+
		"yes | head -c "+strconv.Itoa(MaxPDFBytes+1)+" > big")
	cmd.Dir = dir
	out := &tailBuffer{max: 1 << 10}
	cmd.Stdout, cmd.Stderr = out, out
	res, err := runSandboxed(cmd, sandbox{bin: sh, dir: dir, writable: []string{"big"}}, 20*time.Second)
	require.Error(t, err, out.String())
	t.Log(err, out.String())
	assert.True(t, res.fileTooLarge)
	st, err := os.Stat(filepath.Join(dir, "big"))
	require.NoError(t, err)
	assert.LessOrEqual(t, st.Size(), int64(MaxPDFBytes))
}

// TestLandlockConfinesChildren: under Landlock a sandboxed process reads
// only what its ruleset allows, and Go's other threads stay free.
func TestLandlockConfinesChildren(t *testing.T) {
	t.Parallel()
	if landlockABI() == 0 {
		t.Skip("no Landlock in this kernel")
	}
	sh, err := exec.LookPath("sh")
	require.NoError(t, err)
	dir, err := filepath.EvalSymlinks(t.TempDir())
	require.NoError(t, err)
	secret := filepath.Join(t.TempDir(), "secret")
	require.NoError(t, os.WriteFile(secret, []byte("s3cret"), 0o600))
	cmd := exec.Command(sh, "-c", "cat "+secret)
	cmd.Dir = dir
	out := &tailBuffer{max: 1 << 10}
	cmd.Stdout, cmd.Stderr = out, out
	_, err = runSandboxed(cmd, sandbox{bin: sh, dir: dir}, 10*time.Second)
	require.Error(t, err)
	assert.NotContains(t, out.String(), "s3cret")
	assert.Contains(t, out.String(), "Permission denied")
	// The test process itself still reads it.
	b, err := os.ReadFile(secret)
	require.NoError(t, err)
	assert.Equal(t, "s3cret", string(b))
}
