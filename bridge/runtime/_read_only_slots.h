/* Writing one pointer in the part of a loaded module that the dynamic linker made read-only
 * after relocating it (PT_GNU_RELRO: linkage slots, vtables). Shared by _string_copies.c and
 * _job_queue.c, which each redirect one of pythonmonkey's calls. Included after Python.h,
 * which defines _GNU_SOURCE (dl_iterate_phdr needs it). */
#ifndef BRIDGE_READ_ONLY_SLOTS_H
#define BRIDGE_READ_ONLY_SLOTS_H

#include <link.h>
#include <stdint.h>
#include <sys/mman.h>
#include <unistd.h>

struct read_only_range {
  uintptr_t base;        /* where the module is loaded */
  uintptr_t start, end;  /* its relocation read-only range, empty if it has none */
};

static int find_read_only_range(struct dl_phdr_info *info, size_t size, void *data) {
  (void)size;
  struct read_only_range *range = data;
  if (info->dlpi_addr != range->base) {
    return 0;
  }
  for (int i = 0; i < info->dlpi_phnum; i++) {
    const ElfW(Phdr) *header = &info->dlpi_phdr[i];
    if (header->p_type == PT_GNU_RELRO) {
      range->start = info->dlpi_addr + header->p_vaddr;
      range->end = range->start + header->p_memsz;
    }
  }
  return 1;
}

/* The read-only range of the module loaded at `base`. */
static struct read_only_range read_only_range_of(uintptr_t base) {
  struct read_only_range range = {base, 0, 0};
  dl_iterate_phdr(find_read_only_range, &range);
  return range;
}

/* *slot = value, lifting the protection for the write when the slot is in `range`; 0 or -1
 * with errno set. */
static int write_slot(const struct read_only_range *range, void **slot, void *value) {
  uintptr_t address = (uintptr_t)slot;
  if (address < range->start || address >= range->end) {
    *slot = value;
    return 0;
  }
  uintptr_t page = address & ~((uintptr_t)sysconf(_SC_PAGESIZE) - 1);
  size_t length = sizeof(void *) + (address - page);
  if (mprotect((void *)page, length, PROT_READ | PROT_WRITE) != 0) {
    return -1;
  }
  *slot = value;
  return mprotect((void *)page, length, PROT_READ);
}

#endif
