// Writes FILES new files of SIZE bytes each, CHUNK bytes per write(), and prints the time a
// megabyte. On the project's machine one write of 2 MB or more cost 7 to 10 ms a MB, and
// pieces below 2 MB 0.27 ms (see Benchmarks/HISTORY.md, "Large writes"; POSIXFiles.largestWrite).
//
// usage: cc -O2 -o /tmp/large-writes Benchmarks/large-writes.c
//        mkdir /tmp/lw && /tmp/large-writes /tmp/lw 5190830 5190830 10 && /tmp/large-writes /tmp/lw 5190830 1048576 10
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static double now(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec + t.tv_nsec / 1e9;
}

int main(int argc, char **argv) {
    if (argc != 5) {
        fprintf(stderr, "usage: %s FOLDER SIZE CHUNK FILES\n", argv[0]);
        return 2;
    }
    size_t size = strtoul(argv[2], NULL, 10), chunk = strtoul(argv[3], NULL, 10);
    int files = atoi(argv[4]);
    char *bytes = malloc(size);
    memset(bytes, 'x', size);
    double start = now();
    for (int file = 0; file < files; file++) {
        char name[4096];
        snprintf(name, sizeof name, "%s/file-%d-%d", argv[1], getpid(), file);
        int descriptor = open(name, O_CREAT | O_WRONLY | O_TRUNC, 0644);
        if (descriptor < 0) { perror(name); return 1; }
        for (size_t offset = 0; offset < size; offset += chunk) {
            size_t count = size - offset < chunk ? size - offset : chunk;
            if (write(descriptor, bytes + offset, count) != (ssize_t)count) { perror("write"); return 1; }
        }
        close(descriptor);
    }
    double elapsed = now() - start;
    printf("%d files of %zu bytes, %zu a write: %.1f ms, %.2f ms a MB\n", files, size, chunk, elapsed * 1e3,
           elapsed * 1e3 / (size * (double)files / 1e6));
    return 0;
}
