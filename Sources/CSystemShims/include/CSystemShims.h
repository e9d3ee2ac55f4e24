#ifndef CSYSTEMSHIMS_H
#define CSYSTEMSHIMS_H

/// Atomically exchanges two paths (Linux renameat2 with RENAME_EXCHANGE).
/// Returns 0 on success, otherwise -1 with errno set (EINVAL/ENOSYS where unsupported).
int toasoan_exchange_paths(const char *first, const char *second);

/// Marks a folder as the top of a directory hierarchy (ext2/3/4's `chattr +T`), so the
/// file system spreads its subfolders over the disk instead of packing them near it.
/// Returns 0 on success, otherwise -1 with errno set (file systems without the flag).
int toasoan_mark_top_folder(const char *path);

#include <stddef.h>

/// Reads up to `count` bytes from the file's current position, only as far as they are in
/// memory (Linux `preadv2` with `RWF_NOWAIT`): -1 with errno EAGAIN when the first of them
/// would have to come from the disk, a short count when later ones would. Elsewhere -1
/// with errno EOPNOTSUPP.
long toasoan_read_cached(int descriptor, void *buffer, size_t count);

/// The three functions of cmark's `cmark_mem`, declared here so this module needs no cmark.
typedef struct {
    void *(*calloc)(size_t, size_t);
    void *(*realloc)(void *, size_t);
    void (*free)(void *);
} toasoan_markdown_allocator;

/// A bump allocator for cmark, one per thread: a document's thousands of nodes and buffers
/// cost a pointer bump each instead of a malloc and a free. `free` does nothing; everything
/// is released at once by `toasoan_markdown_arena_reset`, on the same thread, after the
/// document and everything cmark made for it are no longer used.
extern const toasoan_markdown_allocator toasoan_markdown_arena;

/// Releases everything allocated on this thread by `toasoan_markdown_arena` (its first
/// megabyte is kept for the next document).
void toasoan_markdown_arena_reset(void);

#endif
