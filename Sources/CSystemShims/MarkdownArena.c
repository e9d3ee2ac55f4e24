#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "CSystemShims.h"

// A bump allocator per thread for cmark (see CSystemShims.h). Each allocation is preceded by
// a 16-byte header holding its size, so realloc can copy the old contents; the newest
// allocation grows in place, which is how cmark's buffers grow.

enum { HEADER = 16, BLOCK_SIZE = 1 << 20 };

struct arena_block {
    struct arena_block *next;
    size_t size;  // bytes after this header
    size_t used;
    char *last;   // the newest allocation in this block (growable in place), or NULL
    _Alignas(16) char data[];
};

static _Thread_local struct arena_block *first_block;
static _Thread_local struct arena_block *current_block;

static struct arena_block *new_block(size_t minimum) {
    size_t size = minimum > BLOCK_SIZE ? minimum : BLOCK_SIZE;
    struct arena_block *block = malloc(sizeof(struct arena_block) + size);
    if (block == NULL) abort();  // as cmark does when its allocator fails
    block->next = NULL;
    block->size = size;
    block->used = 0;
    block->last = NULL;
    return block;
}

static size_t rounded(size_t size) { return (size + 15) & ~(size_t)15; }

static void *allocate(size_t size) {
    size_t needed = HEADER + rounded(size);
    if (current_block == NULL) {
        if (first_block == NULL) first_block = new_block(needed);
        current_block = first_block;
    }
    while (current_block->size - current_block->used < needed) {
        if (current_block->next == NULL) current_block->next = new_block(needed);
        current_block = current_block->next;
        current_block->used = 0;
        current_block->last = NULL;
    }
    char *start = current_block->data + current_block->used;
    current_block->used += needed;
    *(size_t *)start = size;
    current_block->last = start + HEADER;
    return start + HEADER;
}

static void *arena_calloc(size_t count, size_t size) {
    size_t total = count * size;
    if (size != 0 && total / size != count) abort();
    void *memory = allocate(total);
    memset(memory, 0, total);
    return memory;
}

static void *arena_realloc(void *pointer, size_t size) {
    if (pointer == NULL) return allocate(size);
    size_t *header = (size_t *)((char *)pointer - HEADER);
    size_t old = *header;
    struct arena_block *block = current_block;
    if (block != NULL && block->last == pointer) {
        size_t start = (size_t)((char *)pointer - block->data);
        if (start + rounded(size) <= block->size) {
            block->used = start + rounded(size);
            *header = size;
            return pointer;
        }
    }
    void *moved = allocate(size);
    memcpy(moved, pointer, old < size ? old : size);
    return moved;
}

static void arena_free(void *pointer) { (void)pointer; }

const toasoan_markdown_allocator toasoan_markdown_arena = {arena_calloc, arena_realloc, arena_free};

void toasoan_markdown_arena_reset(void) {
    if (first_block == NULL) return;
    struct arena_block *block = first_block->next;
    while (block != NULL) {
        struct arena_block *next = block->next;
        free(block);
        block = next;
    }
    first_block->next = NULL;
    first_block->used = 0;
    first_block->last = NULL;
    current_block = first_block;
}
