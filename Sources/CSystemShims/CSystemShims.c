#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <unistd.h>
#include <sys/syscall.h>
#include "CSystemShims.h"

int toasoan_exchange_paths(const char *first, const char *second) {
#if defined(__linux__) && defined(SYS_renameat2)
#ifndef RENAME_EXCHANGE
#define RENAME_EXCHANGE (1 << 1)
#endif
    return (int)syscall(SYS_renameat2, AT_FDCWD, first, AT_FDCWD, second, RENAME_EXCHANGE);
#else
    errno = ENOSYS;
    return -1;
#endif
}

#include <sys/uio.h>

long toasoan_read_cached(int descriptor, void *buffer, size_t count) {
#if defined(__linux__) && defined(RWF_NOWAIT)
    struct iovec vector = {buffer, count};
    return (long)preadv2(descriptor, &vector, 1, -1, RWF_NOWAIT);
#else
    (void)descriptor; (void)buffer; (void)count;
    errno = EOPNOTSUPP;
    return -1;
#endif
}

#if defined(__linux__)
#include <linux/fs.h>
#include <sys/ioctl.h>
#endif

int toasoan_mark_top_folder(const char *path) {
#if defined(__linux__) && defined(FS_IOC_GETFLAGS) && defined(FS_TOPDIR_FL)
    int descriptor = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (descriptor < 0) return -1;
    int flags = 0;
    int result = ioctl(descriptor, FS_IOC_GETFLAGS, &flags);
    if (result == 0) {
        flags |= FS_TOPDIR_FL;
        result = ioctl(descriptor, FS_IOC_SETFLAGS, &flags);
    }
    int saved = errno;
    close(descriptor);
    errno = saved;
    return result;
#else
    (void)path;
    errno = ENOTSUP;
    return -1;
#endif
}
