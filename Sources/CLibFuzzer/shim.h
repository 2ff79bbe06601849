#ifndef NETCTL_CLIBFUZZER_SHIM_H
#define NETCTL_CLIBFUZZER_SHIM_H
#include <stddef.h>
#include <stdint.h>

/* libFuzzer's driver for a program that keeps its own main (SwiftPM names the executable's entry
   point main, so libFuzzer's main never runs). Defined by the libFuzzer that -sanitize=fuzzer links;
   declared only, so builds without it never refer to it. */
int LLVMFuzzerRunDriver(int *argc, char ***argv, int (*callback)(const uint8_t *data, size_t size));
#endif
