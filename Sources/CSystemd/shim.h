#ifndef NETCTL_CSYSTEMD_SHIM_H
#define NETCTL_CSYSTEMD_SHIM_H
#include <systemd/sd-daemon.h>
#include <systemd/sd-journal.h>
#include <sys/syscall.h>
#include <unistd.h>

/* The calling thread's kernel ID: Swift cannot call the variadic syscall(2) itself. */
static inline int netctl_thread_id(void) { return (int)syscall(SYS_gettid); }
#endif
