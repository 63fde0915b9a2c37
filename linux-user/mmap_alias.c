/*
 * Self-modifying code through a second mapping.  A JIT that keeps W^X maps
 * one memfd (or shared file) twice, writes code through a writable view and
 * runs it through an executable one.  The processor notices by physical
 * address; accel/tcg only watches writes to the pages it translated from.
 *
 * So linux-user remembers its MAP_SHARED file mappings.  When a writable
 * view and an executable view of the same file overlap, the writable view
 * is write-protected on the host.  A write to it faults: the translated
 * code of the matching pages of every executable view is dropped, the page
 * is opened, and the writing instruction is single-stepped on the host
 * (EFLAGS.TF) so that the SIGTRAP after it can close the page again.
 */
#include <signal.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <ucontext.h>

#include <glib.h>

#include "exec/exec-all.h"
#include "linux-user/qemu.h"

typedef struct SharedMap {
    uint32_t start, len;
    dev_t dev;
    ino_t ino;
    uint64_t offset;    /* file offset of start */
    int prot;
    bool watched;       /* host write-protected: a writable alias of code */
} SharedMap;

static GArray *shared_maps;   /* of SharedMap */

/* The page opened for one single-stepped write (0: none). */
static uint32_t rearm_page;
static bool rearm_pending;

static bool overlaps(const SharedMap *a, const SharedMap *b)
{
    return a->dev == b->dev && a->ino == b->ino && a->offset < b->offset + b->len &&
           b->offset < a->offset + a->len;
}

static void watch(SharedMap *m)
{
    if (!m->watched) {
        m->watched = true;
        mprotect(g2h_untagged(m->start), m->len, PROT_READ);
    }
}

void alias_note_shared_map(uint32_t start, uint32_t len, int fd, uint64_t offset, int prot)
{
    struct stat st;
    if (fstat(fd, &st) != 0) {
        return;
    }
    if (!shared_maps) {
        shared_maps = g_array_new(FALSE, FALSE, sizeof(SharedMap));
    }
    alias_forget_range(start, len);
    SharedMap n = { start, len, st.st_dev, st.st_ino, offset, prot, false };
    g_array_append_val(shared_maps, n);
    SharedMap *nm = &g_array_index(shared_maps, SharedMap, shared_maps->len - 1);
    for (guint i = 0; i + 1 < shared_maps->len; i++) {
        SharedMap *m = &g_array_index(shared_maps, SharedMap, i);
        if (!overlaps(m, nm)) {
            continue;
        }
        if ((m->prot & PROT_WRITE) && (nm->prot & PROT_EXEC)) {
            watch(m);
        }
        if ((nm->prot & PROT_WRITE) && (m->prot & PROT_EXEC)) {
            watch(nm);
        }
    }
}

void alias_forget_range(uint32_t start, uint32_t len)
{
    if (!shared_maps) {
        return;
    }
    uint64_t end = (uint64_t)start + len;
    for (guint i = 0; i < shared_maps->len;) {
        SharedMap *m = &g_array_index(shared_maps, SharedMap, i);
        if (m->start < end && start < (uint64_t)m->start + m->len) {
            g_array_remove_index_fast(shared_maps, i);
        } else {
            i++;
        }
    }
}

void alias_reprotect(uint32_t start, uint32_t len)
{
    if (!shared_maps) {
        return;
    }
    for (guint i = 0; i < shared_maps->len; i++) {
        SharedMap *m = &g_array_index(shared_maps, SharedMap, i);
        uint64_t s = MAX(start, m->start), e = MIN((uint64_t)start + len, (uint64_t)m->start + m->len);
        if (m->watched && s < e && (page_get_flags((uint32_t)s) & PAGE_WRITE)) {
            mprotect(g2h_untagged((uint32_t)s), e - s, PROT_READ);
        }
    }
}

bool alias_write_fault(uint32_t addr, ucontext_t *uc)
{
    if (!shared_maps) {
        return false;
    }
    for (guint i = 0; i < shared_maps->len; i++) {
        SharedMap *w = &g_array_index(shared_maps, SharedMap, i);
        if (!w->watched || addr - w->start >= w->len || !(page_get_flags(addr) & PAGE_WRITE)) {
            continue;
        }
        uint32_t page = addr & (uint32_t)TARGET_PAGE_MASK;
        uint64_t foff = w->offset + (page - w->start);
        for (guint j = 0; j < shared_maps->len; j++) {
            SharedMap *x = &g_array_index(shared_maps, SharedMap, j);
            if (x->dev == w->dev && x->ino == w->ino && (x->prot & PROT_EXEC) &&
                foff >= x->offset && foff < x->offset + x->len) {
                uint32_t xpage = x->start + (uint32_t)(foff - x->offset);
                tb_invalidate_phys_range(xpage, (uint64_t)xpage + TARGET_PAGE_SIZE);
            }
        }
        mprotect(g2h_untagged(page), TARGET_PAGE_SIZE, PROT_READ | PROT_WRITE);
        rearm_page = page;
        rearm_pending = true;
        uc->uc_mcontext.gregs[REG_EFL] |= 0x100; /* TF: trap after this instruction */
        return true;
    }
    return false;
}

bool alias_single_step_done(ucontext_t *uc)
{
    if (!rearm_pending) {
        return false;
    }
    rearm_pending = false;
    uc->uc_mcontext.gregs[REG_EFL] &= ~0x100L;
    mprotect(g2h_untagged(rearm_page), TARGET_PAGE_SIZE, PROT_READ);
    return true;
}
