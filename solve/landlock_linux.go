package solve

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"unsafe"
)

// Landlock (Linux 5.13 and later) lets an unprivileged process give up
// access to files for itself and everything it starts. kpathsea's
// paranoid modes stop \input and \openout from leaving the scratch
// folder, but not every primitive asks kpathsea: pdfTeX's \pdfobj file
// reads any file by its path. Under Landlock pdflatex can read only the
// TeX installation, the system's libraries and its scratch folder, write
// only its .aux, .log and .pdf there, create no file, and open no TCP
// connection. On a kernel without Landlock pdflatex runs without it.

// Landlock's system calls and constants, from linux/landlock.h.
const (
	sysLandlockCreateRuleset = 444
	sysLandlockAddRule       = 445
	sysLandlockRestrictSelf  = 446

	landlockCreateRulesetVersion = 1
	landlockRulePathBeneath      = 1

	llExecute   = 1 << 0
	llWriteFile = 1 << 1
	llReadFile  = 1 << 2
	llReadDir   = 1 << 3
	llAllABI1   = 1<<13 - 1 // execute through make_sym
	llRefer     = 1 << 13   // ABI 2
	llTruncate  = 1 << 14   // ABI 3
	llIoctlDev  = 1 << 15   // ABI 5

	llNetBindTCP    = 1 << 0 // ABI 4
	llNetConnectTCP = 1 << 1

	llScopeAbstractUnixSocket = 1 << 0 // ABI 6
	llScopeSignal             = 1 << 1

	prSetNoNewPrivs = 38
	oPath           = 0x200000
)

// landlockABI returns the kernel's Landlock ABI version, 0 without
// Landlock.
func landlockABI() int {
	v, _, e := syscall.Syscall(sysLandlockCreateRuleset, 0, 0, landlockCreateRulesetVersion)
	if e != 0 {
		return 0
	}
	return int(v)
}

// landlockRuleset is what a sandboxed pdflatex may do.
type landlockRuleset struct {
	abi      int
	read     []string // trees (or files) it may read and execute
	dir      string   // its scratch folder, which it may read
	writable []string // files it may write
}

// systemReadable are the parts of a Debian-like system pdflatex reads:
// the programs and their libraries, the dynamic linker's cache, the time
// zone, and Debian's TeX configuration and generated files. The TeX trees
// themselves come from kpsewhich (texTrees).
var systemReadable = []string{
	"/usr", "/bin", "/sbin", "/lib", "/lib32", "/lib64", "/libx32",
	"/etc/ld.so.cache", "/etc/localtime", "/etc/texmf", "/var/lib/texmf",
}

// landlockRules gathers the ruleset for sb; its abi is 0 when the kernel
// has no Landlock.
func landlockRules(sb sandbox) *landlockRuleset {
	r := &landlockRuleset{abi: landlockABI(), dir: sb.dir}
	if r.abi == 0 {
		return r
	}
	read := []string{filepath.Dir(sb.bin)}
	if real, err := filepath.EvalSymlinks(sb.bin); err == nil {
		read = append(read, filepath.Dir(real))
	}
	read = append(read, systemReadable...)
	read = append(read, texTrees(sb.bin)...)
	for _, p := range read {
		r.read = append(r.read, p)
		if q, err := filepath.EvalSymlinks(p); err == nil && q != p {
			r.read = append(r.read, q)
		}
	}
	for _, name := range sb.writable {
		r.writable = append(r.writable, filepath.Join(sb.dir, name))
	}
	return r
}

var texTreesCache struct {
	sync.Mutex
	m map[string][]string
}

// texTrees asks kpsewhich, beside the pdflatex binary, for the folders
// TeX reads its files and configuration from ($TEXMF and $TEXMFCNF), in
// the environment pdflatex runs in; once per binary.
func texTrees(bin string) []string {
	texTreesCache.Lock()
	defer texTreesCache.Unlock()
	if trees, ok := texTreesCache.m[bin]; ok {
		return trees
	}
	var trees []string
	kpsewhich := filepath.Join(filepath.Dir(bin), "kpsewhich")
	home, err := os.MkdirTemp("", "derivtex-kpse-*")
	if err == nil {
		defer os.RemoveAll(home)
		cmd := exec.Command(kpsewhich, "--expand-path=$TEXMF:$TEXMFCNF")
		cmd.Env = pdflatexEnv(bin, home)
		cmd.Dir = home
		if out, err := cmd.Output(); err == nil {
			for _, p := range filepath.SplitList(strings.TrimSpace(string(out))) {
				if filepath.IsAbs(p) && !strings.HasPrefix(p, home) {
					trees = append(trees, p)
				}
			}
		}
	}
	if texTreesCache.m == nil {
		texTreesCache.m = map[string][]string{}
	}
	texTreesCache.m[bin] = trees
	return trees
}

// landlockRulesetAttr is struct landlock_ruleset_attr; the kernel is told
// how much of it its ABI knows.
type landlockRulesetAttr struct {
	handledAccessFS  uint64
	handledAccessNet uint64 // ABI 4
	scoped           uint64 // ABI 6
}

// landlockPathBeneathAttr is struct landlock_path_beneath_attr, which is
// packed: the kernel reads its first 12 bytes.
type landlockPathBeneathAttr struct {
	allowedAccess uint64
	parentFd      int32
}

// restrictThread applies the ruleset to the calling thread, which must be
// locked to its goroutine and end with it. Without Landlock it does
// nothing.
func (r *landlockRuleset) restrictThread() error {
	if r.abi == 0 {
		return nil
	}
	handled := uint64(llAllABI1)
	fileRights := uint64(llExecute | llWriteFile | llReadFile)
	truncate := uint64(0)
	if r.abi >= 2 {
		handled |= llRefer
	}
	if r.abi >= 3 {
		handled |= llTruncate
		fileRights |= llTruncate
		truncate = llTruncate
	}
	if r.abi >= 5 {
		handled |= llIoctlDev
		fileRights |= llIoctlDev
	}
	attr := landlockRulesetAttr{handledAccessFS: handled}
	size := unsafe.Sizeof(attr.handledAccessFS)
	if r.abi >= 4 {
		attr.handledAccessNet = llNetBindTCP | llNetConnectTCP
		size += unsafe.Sizeof(attr.handledAccessNet)
	}
	if r.abi >= 6 {
		attr.scoped = llScopeAbstractUnixSocket | llScopeSignal
		size += unsafe.Sizeof(attr.scoped)
	}
	fd, _, e := syscall.Syscall(sysLandlockCreateRuleset, uintptr(unsafe.Pointer(&attr)), size, 0)
	if e != 0 {
		return fmt.Errorf("landlock: creating the ruleset: %w", e)
	}
	defer syscall.Close(int(fd))

	add := func(path string, access uint64, optional bool) error {
		st, err := os.Stat(path)
		if err != nil {
			if optional {
				return nil
			}
			return fmt.Errorf("landlock: %w", err)
		}
		if !st.IsDir() {
			access &= fileRights
		}
		pfd, err := syscall.Open(path, oPath|syscall.O_CLOEXEC, 0)
		if err != nil {
			return fmt.Errorf("landlock: opening %s: %w", path, err)
		}
		defer syscall.Close(pfd)
		rule := landlockPathBeneathAttr{allowedAccess: access, parentFd: int32(pfd)}
		if _, _, e := syscall.Syscall6(sysLandlockAddRule, fd, landlockRulePathBeneath, uintptr(unsafe.Pointer(&rule)), 0, 0, 0); e != 0 {
			return fmt.Errorf("landlock: allowing %s: %w", path, e)
		}
		return nil
	}
	for _, p := range r.read {
		if err := add(p, llExecute|llReadFile|llReadDir, true); err != nil {
			return err
		}
	}
	if err := add(r.dir, llReadFile|llReadDir, false); err != nil {
		return err
	}
	for _, p := range r.writable {
		if err := add(p, llReadFile|llWriteFile|truncate, false); err != nil {
			return err
		}
	}
	if err := add(os.DevNull, llReadFile|llWriteFile, false); err != nil {
		return err
	}
	if _, _, e := syscall.RawSyscall6(syscall.SYS_PRCTL, prSetNoNewPrivs, 1, 0, 0, 0, 0); e != 0 {
		return fmt.Errorf("landlock: no_new_privs: %w", e)
	}
	if _, _, e := syscall.Syscall(sysLandlockRestrictSelf, fd, 0, 0); e != 0 {
		return fmt.Errorf("landlock: restricting: %w", e)
	}
	return nil
}
