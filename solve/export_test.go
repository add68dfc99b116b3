package solve

// LandlockABI is the kernel's Landlock ABI version, 0 without Landlock,
// for tests that say which layer stopped an attack.
var LandlockABI = landlockABI
