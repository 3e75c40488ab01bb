// libFuzzer's driver, for ats-fuzz's own main (Sources/ats-fuzz). Declared only: the
// definition comes with -sanitize=fuzzer, and an ordinary build never calls it.
// https://llvm.org/docs/LibFuzzer.html#using-libfuzzer-as-a-library
#include <stddef.h>
#include <stdint.h>

int LLVMFuzzerRunDriver(int *argc, char ***argv, int (*UserCb)(const uint8_t *Data, size_t Size));
