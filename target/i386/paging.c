/*
 * The i386 page walk (SDM vol. 3A, chapter 4): cpu_tlb_fill for the
 * softmmu TLB and cpu_mmu_index.
 *
 *   paging off        linear = physical
 *   32-bit paging     PDE -> PTE, or a 4 MiB PDE with CR4.PSE (PSE-36:
 *                     PDE bits 20:13 are physical bits 39:32)
 *   PAE paging        PDPTE -> PDE -> PTE, or a 2 MiB PDE; XD with EFER.NXE
 *
 * Every physical address the CPU forms (paging structures included) goes
 * through env->a20_mask.  Accessed and dirty bits are set in guest memory
 * as the processor does (4.8); a page is entered writable in the TLB only
 * once its dirty bit is set, so the first write comes back here to set it.
 */
#include "target/i386/cpu.h"
#include "target/i386/cpu-internal.h"
#include "exec/exec-all.h"
#include "exec/cputlb.h"

#ifdef CONFIG_USER_ONLY

int cpu_mmu_index(CPUArchState *env, bool ifetch)
{
    return MMU_USER_IDX;
}

#else

#include "exec/memory.h"
#include "exec/page-protection.h"
#include "qemu/log.h"

/* mmu_idx: SMM (which sees SMRAM), else CPL 3 = user, else kernel.
 * Implicit supervisor accesses (descriptor tables, TSS) name
 * MMU_KSMAP_IDX themselves. */
int cpu_mmu_index(CPUArchState *env, bool ifetch)
{
    if (env->hflags & HF_SMM_MASK) {
        return MMU_SMM_IDX;
    }
    return (env->hflags & HF_CPL_MASK) == 3 ? MMU_USER_IDX : MMU_KSMAP_IDX;
}

/* Paging-structure entry bits (SDM vol. 3A, tables 4-4..4-11). */
#define PG_P    0x001u
#define PG_RW   0x002u
#define PG_US   0x004u
#define PG_A    0x020u
#define PG_D    0x040u
#define PG_PS   0x080u
#define PG_G    0x100u
#define PG_NX   (1ull << 63)

/* #PF error code bits (SDM vol. 3A, 4.7). */
#define PF_P    0x01u   /* protection violation (the page was present) */
#define PF_W    0x02u   /* write */
#define PF_U    0x04u   /* CPL 3 access */
#define PF_RSVD 0x08u   /* reserved bit set in a paging-structure entry */
#define PF_I    0x10u   /* instruction fetch (only with PAE + NXE) */

typedef struct PageWalk {
    CPUX86State *env;
    AddressSpace *as;
    MemTxAttrs attrs;
} PageWalk;

static uint64_t walk_load(PageWalk *w, uint64_t paddr, bool pae)
{
    paddr &= w->env->a20_mask;
    return pae ? address_space_ldq_le(w->as, paddr, w->attrs, NULL)
               : address_space_ldl_le(w->as, paddr, w->attrs, NULL);
}

/* Sets `bits` in an entry the walk used, if not yet set.  A plain
 * read-modify-write: with one vCPU nothing races with the walk. */
static void walk_set_bits(PageWalk *w, uint64_t paddr, uint64_t *entry, uint32_t bits)
{
    if ((*entry & bits) != bits) {
        *entry |= bits;
        address_space_stl_le(w->as, paddr & w->env->a20_mask, (uint32_t)*entry, w->attrs,
                             NULL);
    }
}

/* MAXPHYADDR: 36 with PAE or PSE-36 (no CPUID leaf 80000008H), else 32. */
static uint64_t phys_mask(CPUX86State *env)
{
    return (env->cpuid_features & (CPUID_PAE | CPUID_PSE36)) ? 0xfffffffffull : 0xffffffffull;
}

/* PAE: the four PDPTEs the processor loads from CR3 when a MOV to CR0, CR3
 * or CR4 makes or keeps PAE paging active (SDM vol. 3A, 4.4.1): a present
 * one with reserved bits set (2:1, 8:5, above MAXPHYADDR, 63) makes that
 * MOV #GP(0).  True if all four are acceptable. */
bool x86_pae_pdptes_valid(CPUX86State *env, uint32_t cr3)
{
    PageWalk w = { env, cpu_get_address_space(env_cpu(env), (env->hflags & HF_SMM_MASK) != 0),
                   { .secure = (env->hflags & HF_SMM_MASK) != 0 } };
    uint64_t rsvd = 0x1e6ull | (~phys_mask(env) & 0x7ffffffffffff000ull) | PG_NX;

    for (int i = 0; i < 4; i++) {
        uint64_t pdpte = walk_load(&w, (cr3 & ~0x1fu) + 8u * i, true);
        if ((pdpte & PG_P) && (pdpte & rsvd)) {
            return false;
        }
    }
    return true;
}

typedef struct Translation {
    uint64_t paddr;     /* of the 4 KiB page holding addr */
    uint64_t size;      /* of the page the walk found */
    int prot;
    uint32_t error;     /* #PF error code when the walk fails */
} Translation;

/*
 * Walks the paging structures for `addr`.  Returns true and fills t->paddr,
 * t->size, t->prot, or false with t->error.
 */
static bool page_walk(CPUX86State *env, AddressSpace *as, uint32_t addr,
                      MMUAccessType type, int mmu_idx, Translation *t)
{
    PageWalk w = { env, as, { .secure = mmu_idx == MMU_SMM_IDX } };
    bool is_user = mmu_idx == MMU_USER_IDX;
    bool is_write = type == MMU_DATA_STORE;
    bool pae = env->cr[4] & CR4_PAE_MASK;
    bool nxe = pae && (env->efer & EFER_NXE);
    uint64_t rsvd_high = pae ? (~phys_mask(env) & 0x7ffffffffffff000ull) | (nxe ? 0 : PG_NX) : 0;
    uint32_t err_base = (is_write ? PF_W : 0) | (is_user ? PF_U : 0) |
                        (nxe && type == MMU_INST_FETCH ? PF_I : 0);
    uint64_t pde, pte, pde_addr, pte_addr, leaf_addr, base;
    uint64_t *leaf;
    uint32_t allowed = PG_RW | PG_US;  /* AND of R/W and U/S over the levels */
    bool nx = false;

    if (pae) {
        uint64_t pdpte_addr = (env->cr[3] & ~0x1fu) + ((addr >> 30) << 3);
        uint64_t pdpte = walk_load(&w, pdpte_addr, true);
        if (!(pdpte & PG_P)) {
            goto not_present;
        }
        /* PDPTE bits 2:1, 8:5 and above MAXPHYADDR are reserved (4.4.1). */
        if (pdpte & (0x1e6ull | (rsvd_high & ~PG_NX) | PG_NX)) {
            goto reserved;
        }
        pde_addr = (pdpte & phys_mask(env) & ~0xfffull) + (((addr >> 21) & 0x1ff) << 3);
        pde = walk_load(&w, pde_addr, true);
        if (!(pde & PG_P)) {
            goto not_present;
        }
        if (pde & rsvd_high) {
            goto reserved;
        }
        allowed &= (uint32_t)pde;
        nx |= nxe && (pde & PG_NX);
        if (pde & PG_PS) {
            /* 2 MiB page: bits 20:13 reserved (bit 12 is PAT). */
            if (pde & 0x1fe000u) {
                goto reserved;
            }
            leaf = &pde;
            leaf_addr = pde_addr;
            t->size = 2u << 20;
            base = (pde & phys_mask(env) & ~0x1fffffull) | (addr & 0x1ff000u);
            goto leaf_found;
        }
        walk_set_bits(&w, pde_addr, &pde, PG_A);
        pte_addr = (pde & phys_mask(env) & ~0xfffull) + (((addr >> 12) & 0x1ff) << 3);
        pte = walk_load(&w, pte_addr, true);
        if (!(pte & PG_P)) {
            goto not_present;
        }
        if (pte & rsvd_high) {
            goto reserved;
        }
        nx |= nxe && (pte & PG_NX);
    } else {
        pde_addr = (env->cr[3] & ~0xfffu) + ((addr >> 22) << 2);
        pde = walk_load(&w, pde_addr, false);
        if (!(pde & PG_P)) {
            goto not_present;
        }
        allowed &= (uint32_t)pde;
        if ((pde & PG_PS) && (env->cr[4] & CR4_PSE_MASK)) {
            /* 4 MiB page: bits 20:13 are physical address bits 39:32 with
             * PSE-36 (those above MAXPHYADDR reserved), bit 21 reserved
             * (SDM vol. 3A, table 4-4). */
            uint64_t high = (pde >> 13) & 0xff;
            uint64_t high_ok = (env->cpuid_features & CPUID_PSE36) ? (phys_mask(env) >> 32) : 0;
            if ((pde & (1u << 21)) || (high & ~high_ok)) {
                goto reserved;
            }
            leaf = &pde;
            leaf_addr = pde_addr;
            t->size = 4u << 20;
            base = (high << 32) | (pde & 0xffc00000u) | (addr & 0x3ff000u);
            goto leaf_found;
        }
        walk_set_bits(&w, pde_addr, &pde, PG_A);
        pte_addr = (pde & ~0xfffull) + (((addr >> 12) & 0x3ff) << 2);
        pte = walk_load(&w, pte_addr, false);
        if (!(pte & PG_P)) {
            goto not_present;
        }
    }
    leaf = &pte;
    leaf_addr = pte_addr;
    t->size = 4096;
    base = pte & phys_mask(env) & ~0xfffull;

leaf_found:
    allowed &= (uint32_t)*leaf;
    /* Access rights (SDM vol. 3A, 4.6): CPL 3 needs U/S everywhere and,
     * to write, R/W everywhere; supervisor writes to read-only pages fault
     * only with CR0.WP; instruction fetches from XD pages fault. */
    t->prot = PAGE_READ | PAGE_WRITE | PAGE_EXEC;
    if (is_user && !(allowed & PG_US)) {
        t->prot = 0;
    }
    if (!(allowed & PG_RW) && (is_user || (env->cr[0] & CR0_WP_MASK))) {
        t->prot &= ~PAGE_WRITE;
    }
    if (nx) {
        t->prot &= ~PAGE_EXEC;
    }
    if ((type == MMU_DATA_LOAD && !(t->prot & PAGE_READ)) ||
        (type == MMU_DATA_STORE && !(t->prot & PAGE_WRITE)) ||
        (type == MMU_INST_FETCH && !(t->prot & PAGE_EXEC))) {
        t->error = err_base | PF_P;
        return false;
    }
    /* The access is allowed: set A (and D for a write) in the leaf.  Until
     * D is set the TLB entry stays read-only so a write sets it. */
    walk_set_bits(&w, leaf_addr, leaf, is_write ? PG_A | PG_D : PG_A);
    if (!(*leaf & PG_D)) {
        t->prot &= ~PAGE_WRITE;
    }
    if ((*leaf & PG_G) && (env->cr[4] & CR4_PGE_MASK)) {
        t->prot |= PAGE_TLB_GLOBAL;
    }
    t->paddr = base & env->a20_mask;
    return true;

not_present:
    t->error = err_base;
    return false;
reserved:
    t->error = err_base | PF_P | PF_RSVD;
    return false;
}

bool cpu_tlb_fill(CPUState *cs, uint64_t addr, int size, MMUAccessType access_type,
                  int mmu_idx, bool probe, uintptr_t retaddr)
{
    CPUX86State *env = cpu_env(cs);
    MemTxAttrs attrs = { .secure = mmu_idx == MMU_SMM_IDX,
                         .user = mmu_idx == MMU_USER_IDX };
    uint32_t vaddr = (uint32_t)addr;
    Translation t;

    if (!(env->cr[0] & CR0_PG_MASK)) {
        t.paddr = (vaddr & ~0xfffu) & env->a20_mask;
        t.prot = PAGE_READ | PAGE_WRITE | PAGE_EXEC;
        t.size = 4096;
    } else if (!page_walk(env, cpu_get_address_space(cs, attrs.secure), vaddr, access_type,
                          mmu_idx, &t)) {
        if (probe) {
            return false;
        }
        qemu_log_mask(CPU_LOG_MMU, "i386: #PF at %08x (%s) error %x\n", vaddr,
                      access_type == MMU_DATA_STORE ? "write"
                      : access_type == MMU_INST_FETCH ? "fetch" : "read", t.error);
        env->cr[2] = vaddr;
        raise_exception_err_ra(env, EXCP0E_PAGE, (int)t.error, retaddr);
    }
    qemu_log_mask(CPU_LOG_MMU, "i386: tlb fill %08x -> %09llx prot %x idx %d\n", vaddr,
                  (unsigned long long)t.paddr, t.prot, mmu_idx);
    tlb_set_page_with_attrs(cs, vaddr & ~0xfffu, t.paddr, attrs, t.prot, mmu_idx, t.size);
    return true;
}

#endif /* !CONFIG_USER_ONLY */
