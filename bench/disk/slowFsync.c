/*
 * A slow disk for the database benchmark: loaded with LD_PRELOAD, it makes every fsync and
 * fdatasync take NAVI_SLOW_FSYNC_MS milliseconds longer (as on a busy laptop disk or a network
 * home directory), then does the real call. Built by bench/disk/index.ts at run time.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <stdlib.h>
#include <time.h>

static void delay(void) {
  const char *value = getenv("NAVI_SLOW_FSYNC_MS");
  long ms = value ? atol(value) : 0;
  if (ms <= 0) return;
  struct timespec wait = { ms / 1000, (ms % 1000) * 1000000L };
  while (nanosleep(&wait, &wait) != 0) {
  }
}

int fsync(int fd) {
  static int (*real)(int);
  if (!real) real = (int (*)(int))dlsym(RTLD_NEXT, "fsync");
  delay();
  return real(fd);
}

int fdatasync(int fd) {
  static int (*real)(int);
  if (!real) real = (int (*)(int))dlsym(RTLD_NEXT, "fdatasync");
  delay();
  return real(fd);
}
