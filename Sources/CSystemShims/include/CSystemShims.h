#ifndef CSYSTEMSHIMS_H
#define CSYSTEMSHIMS_H

/// Atomically exchanges two paths (Linux renameat2 with RENAME_EXCHANGE).
/// Returns 0 on success, otherwise -1 with errno set (EINVAL/ENOSYS where unsupported).
int toasoan_exchange_paths(const char *first, const char *second);

/// Marks a folder as the top of a directory hierarchy (ext2/3/4's `chattr +T`), so the
/// file system spreads its subfolders over the disk instead of packing them near it.
/// Returns 0 on success, otherwise -1 with errno set (file systems without the flag).
int toasoan_mark_top_folder(const char *path);

#endif
