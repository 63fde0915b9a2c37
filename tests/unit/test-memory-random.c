/*
 * Randomized check of AddressSpace dispatch: a random tree of containers,
 * RAM, ROM, ROM devices, I/O regions with random access-size limits and
 * byte orders, and aliases (of aliases) is built, mutated in transactions,
 * and after every batch each byte of the space is read through the
 * AddressSpace and compared with a naive reference model that walks the
 * tree for every address.  Random multi-byte reads and writes are checked
 * the same way.  The seed comes from glib (-seed to replay); it is printed
 * with every failure.
 */
#include <string.h>

#include <glib.h>

#include "exec/memory.h"

#define ATTRS MEMTXATTRS_UNSPECIFIED
#define SPACE 0x4000          /* bytes of address space checked */
#define MAX_NODES 80

enum kind { K_CONTAINER, K_RAM, K_ROM, K_ROMD, K_IO, K_ALIAS };

/* Reference-model view of one region, kept independently of memory/. */
typedef struct Node {
    MemoryRegion mr;
    enum kind kind;
    uint64_t size;
    struct Node *parent;
    hwaddr addr;
    int priority;
    uint64_t seq;             /* when it was last added: later wins ties */
    bool enabled;
    bool readonly;
    bool romd;
    struct Node *target;      /* alias */
    hwaddr alias_offset;
    uint8_t *shadow;          /* RAM/ROM contents, or the device's registers */
    uint8_t *regs;            /* ROM device: its registers (writes land here) */
    bool big_endian;
    MemoryRegionOps ops;
} Node;

static Node nodes[MAX_NODES];
static unsigned nr_nodes;
static uint64_t seq_counter;
static MemoryRegion root;
static AddressSpace as;

/* ---- the device: a byte array served in the device's byte order ---- */

static uint64_t dev_read(void *opaque, hwaddr addr, unsigned size)
{
    Node *n = opaque;
    uint8_t *bytes = n->kind == K_ROMD ? n->regs : n->shadow;
    uint64_t v = 0;

    g_assert_cmpuint(addr + size, <=, n->size);
    g_assert_cmpuint(size, >=, n->ops.impl.min_access_size ? n->ops.impl.min_access_size : 1);
    g_assert_cmpuint(size, <=, n->ops.impl.max_access_size ? n->ops.impl.max_access_size : 4);
    if (!n->ops.impl.unaligned) {
        g_assert_cmpuint(addr % size, ==, 0);
    }
    for (unsigned i = 0; i < size; i++) {
        v |= (uint64_t)bytes[addr + i] << (8 * (n->big_endian ? size - 1 - i : i));
    }
    return v;
}

static void dev_write(void *opaque, hwaddr addr, uint64_t v, unsigned size)
{
    Node *n = opaque;
    uint8_t *bytes = n->kind == K_ROMD ? n->regs : n->shadow;

    g_assert_cmpuint(addr + size, <=, n->size);
    for (unsigned i = 0; i < size; i++) {
        bytes[addr + i] = (uint8_t)(v >> (8 * (n->big_endian ? size - 1 - i : i)));
    }
}

/* ---- the reference model ---- */

typedef struct Hit {
    Node *leaf;
    hwaddr offset;
    bool readonly;
} Hit;

/* What answers at @offset of @n, walking the tree the slow, obvious way. */
static bool ref_resolve(Node *n, hwaddr offset, bool readonly, Hit *hit)
{
    if (!n->enabled || offset >= n->size) {
        return false;
    }
    readonly |= n->readonly;
    if (n->kind == K_ALIAS) {
        return ref_resolve(n->target, offset + n->alias_offset, readonly, hit);
    }
    /* children: highest priority first, latest added first among equals */
    Node *best = NULL;
    Hit best_hit;
    for (unsigned i = 0; i < nr_nodes; i++) {
        Node *c = &nodes[i];
        Hit h;
        if (c->parent != n || offset < c->addr || offset - c->addr >= c->size) {
            continue;
        }
        if (best && (c->priority < best->priority ||
                     (c->priority == best->priority && c->seq < best->seq))) {
            continue;
        }
        if (ref_resolve(c, offset - c->addr, readonly, &h)) {
            best = c;
            best_hit = h;
        }
    }
    if (best) {
        *hit = best_hit;
        return true;
    }
    if (n->kind == K_CONTAINER) {
        return false;
    }
    *hit = (Hit){ n, offset, readonly };
    return true;
}

static bool ref_lookup(hwaddr addr, Hit *hit)
{
    Hit h;
    bool found = false;

    /* the root's children, by the same rule as inside a container */
    Node *best = NULL;
    for (unsigned i = 0; i < nr_nodes; i++) {
        Node *c = &nodes[i];
        Hit ch;
        if (c->parent != NULL || !memory_region_is_mapped(&c->mr) || addr < c->addr ||
            addr - c->addr >= c->size) {
            continue;
        }
        if (best && (c->priority < best->priority ||
                     (c->priority == best->priority && c->seq < best->seq))) {
            continue;
        }
        if (ref_resolve(c, addr - c->addr, false, &ch)) {
            best = c;
            h = ch;
            found = true;
        }
    }
    if (found) {
        *hit = h;
    }
    return found;
}

static uint8_t ref_read(hwaddr addr)
{
    Hit h;

    if (!ref_lookup(addr, &h)) {
        return 0xff;
    }
    if (h.leaf->kind == K_ROMD && !h.leaf->romd) {
        return h.leaf->regs[h.offset];
    }
    return h.leaf->shadow[h.offset];
}

static void ref_write(hwaddr addr, uint8_t v)
{
    Hit h;

    if (!ref_lookup(addr, &h)) {
        return;
    }
    switch (h.leaf->kind) {
    case K_RAM:
        if (!h.readonly) {
            h.leaf->shadow[h.offset] = v;
        }
        break;
    case K_ROMD:
        h.leaf->regs[h.offset] = v;
        break;
    case K_IO:
        h.leaf->shadow[h.offset] = v;
        break;
    default:
        break; /* ROM */
    }
}

/* ---- building and mutating the tree ---- */

static Node *random_container(GRand *r)
{
    /* NULL (the root) or an existing container */
    unsigned tries = 4;
    while (tries--) {
        Node *n = &nodes[g_rand_int_range(r, 0, nr_nodes)];
        if (n->kind == K_CONTAINER && n < &nodes[nr_nodes]) {
            return n;
        }
    }
    return NULL;
}

static void map_node(Node *n, Node *parent, hwaddr addr, int priority)
{
    n->parent = parent;
    n->addr = addr;
    n->priority = priority;
    n->seq = ++seq_counter;
    memory_region_add_subregion_overlap(parent ? &parent->mr : &root, addr, &n->mr, priority);
}

static void unmap_node(Node *n)
{
    if (memory_region_is_mapped(&n->mr)) {
        memory_region_del_subregion(n->parent ? &n->parent->mr : &root, &n->mr);
    }
    n->parent = NULL;
}

static void init_io_ops(Node *n, GRand *r)
{
    static const unsigned sizes[] = { 1, 2, 4, 8 };
    unsigned imin = sizes[g_rand_int_range(r, 0, 3)];
    unsigned imax = sizes[g_rand_int_range(r, 0, 4)];

    if (imax < imin) {
        imax = imin;
    }
    n->ops = (MemoryRegionOps){
        .read = dev_read,
        .write = dev_write,
        .endianness = n->big_endian ? DEVICE_BIG_ENDIAN : DEVICE_LITTLE_ENDIAN,
        .valid = { .min_access_size = 1, .max_access_size = sizes[g_rand_int_range(r, 0, 4)],
                   .unaligned = true },
        .impl = { .min_access_size = imin, .max_access_size = imax,
                  .unaligned = g_rand_boolean(r) },
    };
}

static void fill_random(uint8_t *p, uint64_t n, GRand *r)
{
    for (uint64_t i = 0; i < n; i++) {
        p[i] = (uint8_t)g_rand_int(r);
    }
}

static void build_node(GRand *r, unsigned idx)
{
    Node *n = &nodes[idx];
    char name[16];
    static const uint64_t sizes[] = { 0x10, 0x20, 0x40, 0x100, 0x100, 0x400, 0x1000, 0x2000 };

    memset(n, 0, sizeof(*n));
    g_snprintf(name, sizeof(name), "n%u", idx);
    n->size = sizes[g_rand_int_range(r, 0, G_N_ELEMENTS(sizes))];
    n->enabled = true;
    n->romd = true;
    n->big_endian = g_rand_boolean(r);
    /* aliases need an earlier node to point at */
    n->kind = idx < 4 ? (enum kind)g_rand_int_range(r, K_CONTAINER, K_ALIAS)
                      : (enum kind)g_rand_int_range(r, K_CONTAINER, K_ALIAS + 2);
    if (n->kind > K_ALIAS) {
        n->kind = K_ALIAS;
    }
    switch (n->kind) {
    case K_CONTAINER:
        memory_region_init(&n->mr, name, n->size);
        break;
    case K_RAM:
    case K_ROM:
        if (n->kind == K_RAM) {
            memory_region_init_ram(&n->mr, name, n->size);
        } else {
            memory_region_init_rom(&n->mr, name, n->size);
        }
        n->shadow = memory_region_get_ram_ptr(&n->mr);
        fill_random(n->shadow, n->size, r);
        /* the model needs its own copy */
        n->shadow = g_memdup2(n->shadow, n->size);
        break;
    case K_ROMD:
        init_io_ops(n, r);
        memory_region_init_rom_device(&n->mr, &n->ops, n, name, n->size);
        fill_random(memory_region_get_ram_ptr(&n->mr), n->size, r);
        n->shadow = g_memdup2(memory_region_get_ram_ptr(&n->mr), n->size);
        n->regs = g_malloc(n->size);
        fill_random(n->regs, n->size, r);
        break;
    case K_IO:
        init_io_ops(n, r);
        n->shadow = g_malloc(n->size);
        fill_random(n->shadow, n->size, r);
        memory_region_init_io(&n->mr, &n->ops, n, name, n->size);
        break;
    case K_ALIAS: {
        Node *t = &nodes[g_rand_int_range(r, 0, idx)];
        n->target = t;
        n->alias_offset = g_rand_int_range(r, 0, (gint32)t->size);
        memory_region_init_alias(&n->mr, name, &t->mr, n->alias_offset, n->size);
        break;
    }
    }
}

/* A node may go under @parent unless that would put it inside itself. */
static bool can_nest(Node *n, Node *parent)
{
    for (Node *p = parent; p; p = p->parent) {
        if (p == n) {
            return false;
        }
    }
    return true;
}

/* Aliases make cycles possible too: an alias inside its own target.
 * True if @to is @from or lies below it through children or alias targets. */
static bool reaches_visit(Node *from, Node *to, bool *seen)
{
    unsigned idx = (unsigned)(from - nodes);

    if (from == to) {
        return true;
    }
    if (seen[idx]) {
        return false;
    }
    seen[idx] = true;
    if (from->kind == K_ALIAS && reaches_visit(from->target, to, seen)) {
        return true;
    }
    for (unsigned i = 0; i < nr_nodes; i++) {
        if (nodes[i].parent == from && reaches_visit(&nodes[i], to, seen)) {
            return true;
        }
    }
    return false;
}

static bool reaches(Node *from, Node *to)
{
    bool seen[MAX_NODES] = { false };

    return reaches_visit(from, to, seen);
}

static void place_randomly(GRand *r, Node *n)
{
    Node *parent = random_container(r);
    uint64_t span = parent ? parent->size : SPACE;

    if (parent && (!can_nest(n, parent) || reaches(n, parent))) {
        parent = NULL;
        span = SPACE;
    }
    /* allowed to stick out of the parent: clipping is part of the test */
    hwaddr addr = g_rand_int_range(r, 0, (gint32)span) & ~(hwaddr)0xf;
    map_node(n, parent, addr, g_rand_int_range(r, -2, 3));
}

static void mutate(GRand *r)
{
    Node *n = &nodes[g_rand_int_range(r, 0, nr_nodes)];

    switch (g_rand_int_range(r, 0, 7)) {
    case 0:
        n->enabled = !n->enabled;
        memory_region_set_enabled(&n->mr, n->enabled);
        break;
    case 1:
        if (memory_region_is_mapped(&n->mr)) {
            n->addr = g_rand_int_range(r, 0, SPACE) & ~(hwaddr)0xf;
            memory_region_set_address(&n->mr, n->addr);
        }
        break;
    case 2:
        unmap_node(n);
        place_randomly(r, n);
        break;
    case 3:
        if (n->kind == K_ALIAS) {
            n->alias_offset = g_rand_int_range(r, 0, (gint32)n->target->size);
            memory_region_set_alias_offset(&n->mr, n->alias_offset);
        }
        break;
    case 4:
        if (n->kind == K_ROMD) {
            n->romd = !n->romd;
            memory_region_rom_device_set_romd(&n->mr, n->romd);
        }
        break;
    case 5:
        if (n->kind == K_RAM || n->kind == K_ALIAS || n->kind == K_CONTAINER) {
            n->readonly = !n->readonly;
            memory_region_set_readonly(&n->mr, n->readonly);
        }
        break;
    case 6:
        unmap_node(n);
        break;
    }
}

/* ---- checks ---- */

static void check_every_byte(unsigned round)
{
    unsigned mapped = 0;
    Hit h;

    for (hwaddr a = 0; a < SPACE; a++) {
        mapped += ref_lookup(a, &h);
        uint8_t got = 0;
        address_space_read(&as, a, ATTRS, &got, 1);
        uint8_t want = ref_read(a);
        if (got != want) {
            g_test_message("round %u: byte at 0x%" PRIx64 " is 0x%02x, the model says 0x%02x",
                           round, a, got, want);
            g_assert_cmphex(got, ==, want);
        }
    }
    /* shows the layouts are not trivially empty (meson's log has it) */
    g_test_message("round %u: %u of %u bytes mapped, %u ranges", round, mapped, SPACE,
                   address_space_to_flatview(&as)->nr);
}

static void check_random_accesses(GRand *r, unsigned round)
{
    for (unsigned i = 0; i < 400; i++) {
        hwaddr a = g_rand_int_range(r, 0, SPACE - 16);
        unsigned len = g_rand_int_range(r, 1, 17);
        uint8_t buf[16], want[16];
        if (g_rand_boolean(r)) {
            fill_random(buf, len, r);
            address_space_write(&as, a, ATTRS, buf, len);
            for (unsigned k = 0; k < len; k++) {
                ref_write(a + k, buf[k]);
            }
        } else {
            address_space_read(&as, a, ATTRS, buf, len);
            for (unsigned k = 0; k < len; k++) {
                want[k] = ref_read(a + k);
            }
            if (memcmp(buf, want, len) != 0) {
                g_test_message("round %u: %u-byte read at 0x%" PRIx64 " differs", round, len, a);
                g_assert_cmpmem(buf, len, want, len);
            }
        }
        /* typed loads take a different path (one device access) */
        static const unsigned sizes[] = { 1, 2, 4, 8 };
        unsigned sz = sizes[g_rand_int_range(r, 0, 4)];
        MemTxResult res;
        uint64_t v = address_space_load(&as, a, sz, false, ATTRS, &res);
        uint64_t expect = 0;
        for (unsigned k = 0; k < sz; k++) {
            expect |= (uint64_t)ref_read(a + k) << (8 * k);
        }
        /* a typed load may be refused where a byte-wise read is not
         * (wider than the device accepts); then it reads all-ones */
        if (res == MEMTX_OK) {
            g_assert_cmphex(v, ==, expect);
        }
    }
}

static void test_dispatch_matches_reference_model(void)
{
    GRand *r = g_rand_new_with_seed(g_test_rand_int());

    memory_region_init(&root, "root", SPACE);
    address_space_init(&as, &root, "random");
    nr_nodes = MAX_NODES;
    for (unsigned i = 0; i < MAX_NODES; i++) {
        nr_nodes = i;
        build_node(r, i);
    }
    nr_nodes = MAX_NODES;
    memory_region_transaction_begin();
    for (unsigned i = 0; i < MAX_NODES; i++) {
        if (g_rand_int_range(r, 0, 4) != 0) {
            place_randomly(r, &nodes[i]);
        }
    }
    memory_region_transaction_commit();

    for (unsigned round = 0; round < 12; round++) {
        check_every_byte(round);
        check_random_accesses(r, round);
        memory_region_transaction_begin();
        for (unsigned k = 0; k < 8; k++) {
            mutate(r);
        }
        memory_region_transaction_commit();
    }
    check_every_byte(99);

    address_space_destroy(&as);
    memory_region_transaction_begin();
    for (unsigned i = 0; i < MAX_NODES; i++) {
        unmap_node(&nodes[i]);
    }
    memory_region_transaction_commit();
    for (int i = MAX_NODES - 1; i >= 0; i--) {
        Node *n = &nodes[i];
        memory_region_finalize(&n->mr);
        if (n->kind != K_CONTAINER && n->kind != K_ALIAS) {
            g_free(n->shadow);
        }
        g_free(n->regs);
    }
    memory_region_finalize(&root);
    g_rand_free(r);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    /* several independent layouts per run, each from its own seed */
    for (unsigned i = 0; i < 8; i++) {
        char *path = g_strdup_printf("/memory/random/dispatch-vs-model/%u", i);
        g_test_add_func(path, test_dispatch_matches_reference_model);
        g_free(path);
    }
    return g_test_run();
}
